"""Settings of the content_allowlist plugin, read once into a frozen dataclass."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from typing import Iterable, MutableMapping, Mapping

# The one extension of article and page sources (DESIGN.md: ".md only"); the
# front_matter reader is installed for it alone.
SOURCE = ".md"
# Other text formats an editor may save an article in: never read, so never
# published unnoticed; the fix is to rename the file.
OTHER_SOURCES = (".markdown", ".mkd", ".mdown", ".mdwn", ".mkdn", ".mdtxt", ".mdtext", ".text", ".txt",
                 ".html", ".htm", ".xhtml", ".rst", ".rest", ".textile", ".adoc", ".asciidoc", ".org")
# What responsive_images turns into derivatives (Pillow reads them; browsers
# show them). SVG is not an image here: it can hold a script.
IMAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
ATTACHMENTS = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".zip")


@dataclass(frozen=True)
class ContentAllowlistSettings:
    content_root: str  # PATH, links resolved (as front_matter shows paths)
    content_paths: tuple[str, ...] = ("articles", "pages")  # ARTICLE_PATHS + PAGE_PATHS
    static_paths: tuple[str, ...] = ("articles", "pages", "extra")
    # Names never read nor published (IGNORE_FILES, as Pelican matches them:
    # fnmatch on the file or folder name).
    ignored: tuple[str, ...] = ()
    # Files published as they are although nothing references them: the keys
    # of EXTRA_PATH_METADATA and CONTENT_ALLOWLIST_EXTRA, below the content root.
    extra: frozenset[str] = frozenset()
    # True (development builds): drafts and hidden content are written as
    # previews. False (publishconf.py): they are not, nor what only they use.
    previews: bool = True
    images: tuple[str, ...] = IMAGES
    attachments: tuple[str, ...] = ATTACHMENTS

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "ContentAllowlistSettings":
        extra = [*(settings.get("EXTRA_PATH_METADATA") or {}), *(settings.get("CONTENT_ALLOWLIST_EXTRA") or ())]
        return cls(
            content_root=os.path.realpath(settings["PATH"]),
            content_paths=tuple(settings.get("ARTICLE_PATHS", ())) + tuple(settings.get("PAGE_PATHS", ())),
            static_paths=tuple(settings.get("STATIC_PATHS", ())),
            ignored=tuple(settings.get("IGNORE_FILES") or ()),
            extra=frozenset(_posix(p) for p in extra),
            previews=bool(settings.get("CONTENT_ALLOWLIST_PREVIEWS", True)),
            images=tuple(e.lower() for e in settings.get("CONTENT_ALLOWLIST_IMAGES", IMAGES)),
            attachments=tuple(e.lower() for e in settings.get("CONTENT_ALLOWLIST_ATTACHMENTS", ATTACHMENTS)),
        )

    def ignored_names(self) -> re.Pattern | None:
        return ignored_pattern(self.ignored)


# Pelican's settings of what its generators do not read; the content's
# symbolic links are added to each.
EXCLUDES = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


class LinksExcluded(list):
    """A ``*_EXCLUDES`` setting with a run's symbolic links added; it keeps
    the list as configured, so that the next run (``make serve`` runs many on
    one settings dict) starts again from it."""

    def __init__(self, configured: list, links: Iterable[str]):
        super().__init__([*configured, *(link for link in links if link not in configured)])
        self.configured = list(configured)


def exclude_links(settings: MutableMapping, links: Iterable[str]) -> None:
    """Pelican walks the content following links: none of ``links`` (paths
    below the content root) is to be read or copied."""
    links = list(links)
    for name in EXCLUDES:
        excludes = settings.get(name) or []
        settings[name] = LinksExcluded(getattr(excludes, "configured", excludes), links)


def ignored_pattern(patterns) -> re.Pattern | None:
    """IGNORE_FILES as one pattern: one match per name, not one per pattern."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns))


def _posix(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")
