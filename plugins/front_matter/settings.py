"""Settings of the front_matter plugin, read once into a frozen dataclass."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from types import MappingProxyType
from pathlib import Path
from typing import Mapping

from .schema import SchemaConfig

DEFAULT_EXTENSIONS = ("markdown.extensions.extra", "markdown.extensions.sane_lists")


_SECTION_SETTINGS = ("ARTICLE_URL", "DRAFT_URL", "CATEGORY_URL", "TAG_URL", "AUTHOR_URL",
                     "FEED_ALL_ATOM", "THEME_STATIC_DIR", "QUARTERLY_ARCHIVES_INDEX_URL", "UNIT_URL",
                     "SEARCH_URL")


class SettingsError(Exception):
    """A mistake in pelicanconf.py (not in content)."""


@dataclass(frozen=True)
class FrontMatterSettings:
    content_root: Path
    page_paths: tuple[str, ...]
    schema: SchemaConfig
    markdown_extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    markdown_extension_configs: Mapping = field(default_factory=dict)
    # First path segments of the site's own sections (bai-viet, chuyen-muc…):
    # a page with one of these slugs would shadow a whole section.
    reserved_slugs: frozenset[str] = frozenset()

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "FrontMatterSettings":
        categories = tuple(settings.get("FRONT_MATTER_CATEGORIES") or ())
        if not categories:
            raise SettingsError("pelicanconf.py: FRONT_MATTER_CATEGORIES: cần ít nhất một chuyên mục")
        return cls(
            content_root=Path(settings["PATH"]).resolve(),
            page_paths=tuple(settings.get("PAGE_PATHS", ("pages",))),
            schema=SchemaConfig(categories=categories, timezone=settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh"),
            markdown_extensions=tuple(settings.get("FRONT_MATTER_MARKDOWN_EXTENSIONS", DEFAULT_EXTENSIONS)),
            markdown_extension_configs=MappingProxyType(
                dict(settings.get("FRONT_MATTER_MARKDOWN_EXTENSION_CONFIGS") or {})),
            reserved_slugs=frozenset(
                str(settings.get(name) or "").strip("/").split("/")[0]
                for name in _SECTION_SETTINGS
            ) - {""},
        )

    def within_content(self, source: str | os.PathLike) -> Path:
        """``source`` as an absolute path below the (resolved) content root when
        it is there as written; resolved (links followed) only otherwise, e.g.
        PATH given through a symbolic link. One lstat per part is too dear to
        pay for every file; so are pathlib's comparisons (string tests here)."""
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
