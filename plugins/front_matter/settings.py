"""Settings of the front_matter plugin, read once into a frozen dataclass."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from types import MappingProxyType
from pathlib import Path
from typing import Mapping

from pelican.settings import DEFAULT_CONFIG

from build_core.settings import timezone_name

from .schema import SchemaConfig

DEFAULT_EXTENSIONS = ("markdown.extensions.extra", "markdown.extensions.sane_lists")


# Settings whose values are paths the build writes to (Pelican's and every
# plugin's, by naming convention): their first segments are the site's own
# sections, which a page slug must not take.
_PATH_SETTING_SUFFIXES = ("_URL", "_SAVE_AS", "_DIR", "_ATOM", "_RSS", "_PATHS")


def reserved_sections(settings: Mapping) -> frozenset[str]:
    """First path segments of everything the build generates (bai-viet,
    tim-kiem, trang…), computed from the settings rather than listed: a new
    section or a renamed URL is reserved as soon as it is configured."""
    found: set[str] = set()

    def add(path: str) -> None:
        if os.path.isabs(path):  # a folder of this machine (PLUGIN_PATHS…), not of the site
            return
        first = path.strip().split("/")[0]
        if first and "{" not in first and first not in (".", ".."):
            found.add(first)

    for name, value in settings.items():
        if not name.isupper() or not name.endswith(_PATH_SETTING_SUFFIXES):
            continue
        for item in (value if isinstance(value, (list, tuple)) else [value]):
            if isinstance(item, str):
                add(item)
    for pattern in settings.get("PAGINATION_PATTERNS") or ():
        for template in pattern[1:]:  # the home page's: {base_name} is empty
            if isinstance(template, str):
                add(template.replace("{base_name}", "").replace("{url}", "").replace("{save_as}", "").lstrip("/"))
    for meta in (settings.get("EXTRA_PATH_METADATA") or {}).values():
        if isinstance(meta, dict) and isinstance(meta.get("save_as"), str):
            add(meta["save_as"])
    return frozenset(found)


def reading_paths(settings: Mapping, kind: str) -> tuple[list[str], list[str]]:
    """The folders and exclusions Pelican's generator of ``kind`` (ARTICLE
    or PAGE) lists its files with, as they are when it does (content_allowlist
    adds links to the exclusions when the run starts)."""
    return settings[f"{kind}_PATHS"], settings[f"{kind}_EXCLUDES"]


class SettingsError(ValueError):
    """A mistake in pelicanconf.py (not in content)."""


@dataclass(frozen=True)
class FrontMatterSettings:
    content_root: Path  # PATH, links resolved: where error lines and images point
    page_paths: tuple[str, ...]
    schema: SchemaConfig
    markdown_extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    markdown_extension_configs: Mapping = field(default_factory=dict)
    # First path segments of the site's own sections (bai-viet, chuyen-muc…):
    # a page with one of these slugs would shadow a whole section.
    reserved_slugs: frozenset[str] = frozenset()
    content_path: str = ""  # PATH as configured (links kept): the folder Pelican's source paths start with
    article_paths: tuple[str, ...] = tuple(DEFAULT_CONFIG["ARTICLE_PATHS"])
    ignored: tuple[str, ...] = ()  # IGNORE_FILES: names never read
    # FRONT_MATTER_PREFETCH: read every file when the run starts, on every
    # core, unchanged files from the content cache (prefetch.py).
    prefetch: bool = True
    plugins: tuple = ()  # PLUGINS: `make check` runs the pure checks of those it knows

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "FrontMatterSettings":
        categories = tuple(settings.get("FRONT_MATTER_CATEGORIES") or ())
        if not categories:
            raise SettingsError("pelicanconf.py: FRONT_MATTER_CATEGORIES: cần ít nhất một chuyên mục")
        return cls(
            content_root=Path(settings["PATH"]).resolve(),
            page_paths=tuple(settings.get("PAGE_PATHS", DEFAULT_CONFIG["PAGE_PATHS"])),
            schema=SchemaConfig(categories=categories, timezone=timezone_name(settings)),
            markdown_extensions=tuple(settings.get("FRONT_MATTER_MARKDOWN_EXTENSIONS", DEFAULT_EXTENSIONS)),
            markdown_extension_configs=MappingProxyType(
                dict(settings.get("FRONT_MATTER_MARKDOWN_EXTENSION_CONFIGS") or {})),
            reserved_slugs=reserved_sections(settings),
            content_path=os.path.abspath(settings["PATH"]),
            article_paths=tuple(settings.get("ARTICLE_PATHS", DEFAULT_CONFIG["ARTICLE_PATHS"])),
            ignored=tuple(settings.get("IGNORE_FILES") or ()),
            prefetch=bool(settings.get("FRONT_MATTER_PREFETCH", cls.prefetch)),
            plugins=tuple(settings.get("PLUGINS") or ()),
        )

    def within_content(self, source: str | os.PathLike) -> Path:
        """``source`` as an absolute path below the (resolved) content root when
        it is there as written; resolved (links followed) only otherwise, e.g.
        PATH given through a symbolic link (resolving costs an lstat per part,
        for every file)."""
        absolute = os.path.abspath(source)
        if _relative_parts(absolute, str(self.content_root)) is not None:
            return Path(absolute)
        return Path(absolute).resolve()

    def kind_of(self, source: str | os.PathLike) -> str:
        """``page`` for files under PAGE_PATHS, else ``article``."""
        parts = _relative_parts(str(self.within_content(source)), str(self.content_root))
        if parts is None:
            return "article"
        for page_path in self.page_paths:
            prefix = _parts(page_path)
            if prefix and tuple(parts[: len(prefix)]) == prefix:
                return "page"
        return "article"


def _relative_parts(absolute: str, root: str) -> list[str] | None:
    """The parts of normalised absolute path ``absolute`` below ``root``, or
    None when it is not there (``Path.relative_to``, by string)."""
    if absolute == root:
        return []
    prefix = root if root.endswith(os.sep) else root + os.sep
    return absolute[len(prefix):].split(os.sep) if absolute.startswith(prefix) else None


@functools.lru_cache(maxsize=64)
def _parts(path: str) -> tuple[str, ...]:
    return Path(path).parts
