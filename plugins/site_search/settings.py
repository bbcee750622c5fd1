"""Settings of the site_search plugin, read once into a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


class SettingsError(Exception):
    """A mistake in pelicanconf.py (not in content)."""


@dataclass(frozen=True)
class SiteSearchSettings:
    # False skips the Pagefind index (quick previews): the search page then
    # says search is unavailable and links to the archives.
    enabled: bool = True
    # Path of the Pagefind executable; None = the one shipped in the pinned
    # pagefind-bin wheel (never downloaded at build time).
    binary: str | None = None
    # Folder of the search bundle inside the output (pagefind.js, index chunks).
    bundle_dir: str = "pagefind"
    url: str = "tim-kiem/"
    save_as: str = "tim-kiem/index.html"
    # Pages are indexed as one language, whatever their lang attribute says.
    language: str = "vi"
    timeout: float = 900.0  # seconds, for one shard of the index
    # A reporting year with more articles than this is indexed as one shard
    # per quarter instead of one shard (shards.py): bounds Pagefind's memory.
    shard_max_pages: int = 2000
    # Inside an indexed article, left out of the index: the cover photo's caption
    # is not the article's text (templates mark the rest with data-pagefind-ignore).
    exclude_selectors: tuple[str, ...] = ("figure.cover",)
    # Filter "chuyên mục" lists categories in this order (others follow, sorted).
    category_order: tuple[str, ...] = ()
    relative_urls: bool = False  # Pelican's RELATIVE_URLS, for the search page's links

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "SiteSearchSettings":
        bundle_dir = str(settings.get("SITE_SEARCH_BUNDLE_DIR", cls.bundle_dir)).strip("/")
        if not bundle_dir or ".." in bundle_dir.split("/"):
            raise SettingsError(f"pelicanconf.py: SITE_SEARCH_BUNDLE_DIR: {bundle_dir!r} phải là tên thư mục con, ví dụ 'pagefind'")
        url = str(settings.get("SITE_SEARCH_URL", cls.url))
        save_as = str(settings.get("SITE_SEARCH_SAVE_AS", cls.save_as))
        if url.startswith("/") or not save_as or save_as.startswith("/"):
            raise SettingsError("pelicanconf.py: SITE_SEARCH_URL và SITE_SEARCH_SAVE_AS là đường dẫn tương đối, "
                                "ví dụ 'tim-kiem/' và 'tim-kiem/index.html'")
        binary = settings.get("SITE_SEARCH_BINARY", cls.binary)
        return cls(
            enabled=bool(settings.get("SITE_SEARCH", cls.enabled)),
            binary=str(binary) if binary else None,
            bundle_dir=bundle_dir,
            url=url,
            save_as=save_as,
            language=str(settings.get("SITE_SEARCH_LANGUAGE") or settings.get("DEFAULT_LANG") or cls.language),
            timeout=float(settings.get("SITE_SEARCH_TIMEOUT", cls.timeout)),
            shard_max_pages=_positive(settings, "SITE_SEARCH_SHARD_MAX_PAGES", cls.shard_max_pages),
            exclude_selectors=tuple(settings.get("SITE_SEARCH_EXCLUDE_SELECTORS", cls.exclude_selectors)),
            category_order=tuple(settings.get("FRONT_MATTER_CATEGORIES") or ()),
            relative_urls=bool(settings.get("RELATIVE_URLS", cls.relative_urls)),
        )


def _positive(settings: Mapping, name: str, default: int) -> int:
    value = settings.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"pelicanconf.py: {name}: {value!r} phải là số nguyên dương, ví dụ {default}")
    return value
