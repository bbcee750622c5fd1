"""Settings of the seo plugin, read once into a frozen dataclass."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlsplit

from build_core.settings import DEFAULT_TIMEZONE, timezone_name

_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class SettingsError(Exception):
    """A mistake in pelicanconf.py (not in content)."""


def absolute_siteurl(siteurl: str | None) -> str | None:
    """SITEURL without its trailing slash when it is absolute (publish), else None."""
    siteurl = (siteurl or "").rstrip("/")
    parts = urlsplit(siteurl)
    return siteurl if parts.scheme in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class SeoSettings:
    site_name: str
    # Absolute SITEURL (publish build) or None (relative development build).
    siteurl: str | None
    # Path of the site below its domain, "" or "/cchc": the 404 page is served
    # at any depth, so its links are root-relative paths starting with it.
    path_prefix: str
    # Authority of the Atom ids (RFC 4151 tag: URIs): the agency's own domain,
    # the same in every build and wherever the site is hosted.
    site_domain: str
    feed_id_date: str
    publisher: str  # Organization of the NewsArticle JSON-LD (SITE_AGENCY)
    default_description: str
    og_locale: str = "vi_VN"
    language: str = "vi"
    timezone: str = DEFAULT_TIMEZONE
    sitemap_save_as: str = "sitemap.xml"
    robots_save_as: str = "robots.txt"
    not_found_save_as: str = "404.html"
    theme_static_dir: str = "theme"
    # Extra path prefixes kept out of the sitemap (besides drafts, hidden
    # articles, the 404 page, static copies and theme assets).
    sitemap_exclude: tuple[str, ...] = ()

    @property
    def root_url(self) -> str:
        """Base for links that must work from any depth (the 404 page)."""
        return self.siteurl or self.path_prefix

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "SeoSettings":
        siteurl = absolute_siteurl(settings.get("SITEURL"))
        prefix = settings.get("SITE_PATH_PREFIX")
        if prefix is None:
            prefix = urlsplit(siteurl).path if siteurl else ""
        prefix = str(prefix).rstrip("/")
        if prefix and not prefix.startswith("/"):
            raise SettingsError(f"pelicanconf.py: SITE_PATH_PREFIX: {prefix!r} phải bắt đầu bằng '/', ví dụ '/cchc'")
        domain = str(settings.get("SITE_DOMAIN") or "").strip().lower()
        if not _DOMAIN.match(domain):
            raise SettingsError(f"pelicanconf.py: SITE_DOMAIN: {domain!r} không phải tên miền, ví dụ 'caolanh.dongthap.gov.vn'")
        feed_id_date = str(settings.get("SEO_FEED_ID_DATE") or "")
        if not _DATE.match(feed_id_date):
            raise SettingsError(f"pelicanconf.py: SEO_FEED_ID_DATE: {feed_id_date!r} phải có dạng 2021-01-01")
        name = settings.get("SITENAME") or ""
        subtitle = settings.get("SITESUBTITLE") or ""
        return cls(
            site_name=name,
            siteurl=siteurl,
            path_prefix=prefix,
            site_domain=domain,
            feed_id_date=feed_id_date,
            publisher=settings.get("SITE_AGENCY") or name,
            default_description=f"{name} – {subtitle}" if subtitle else name,
            og_locale=settings.get("SEO_OG_LOCALE", cls.og_locale),
            language=settings.get("DEFAULT_LANG") or cls.language,
            timezone=timezone_name(settings),
            sitemap_save_as=settings.get("SEO_SITEMAP_SAVE_AS", cls.sitemap_save_as),
            robots_save_as=settings.get("SEO_ROBOTS_SAVE_AS", cls.robots_save_as),
            not_found_save_as=settings.get("SEO_NOT_FOUND_SAVE_AS", cls.not_found_save_as),
            theme_static_dir=(settings.get("THEME_STATIC_DIR") or cls.theme_static_dir).strip("/"),
            sitemap_exclude=tuple(settings.get("SEO_SITEMAP_EXCLUDE", cls.sitemap_exclude)),
        )
