"""Pelican reader for Markdown files with YAML front matter (glue only)."""

from __future__ import annotations

import os

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag

from build_core.errors import ContentFileError, display_path
from build_core.run import report_all, warn

from content_allowlist.inventory import first_link, link_refused

from .document import DocumentReader, ReadResult
from .prefetch import Prefetcher
from .settings import FrontMatterSettings
from .slugs import slugify


def _named(cls, name: str, settings):
    """A Pelican Category/Tag/Author whose slug is ours (Vietnamese-aware)."""
    obj = cls(name, settings)
    obj.slug = slugify(name)
    return obj


def to_metadata(result: ReadResult, settings) -> dict:
    entry = result.entry
    meta = {
        "title": entry.title,
        "slug": entry.slug,
        "status": entry.status,
        "front_matter": entry,
    }
    if result.summary is not None:
        meta["summary"] = result.summary
    if entry.date is not None:
        meta["date"] = entry.date
    if entry.author:
        meta["author"] = _named(Author, entry.author, settings)
        meta["authors"] = [meta["author"]]
    if entry.category:
        meta["category"] = _named(Category, entry.category, settings)
    if entry.tags:
        meta["tags"] = [_named(Tag, tag, settings) for tag in entry.tags]
    for name in ("period", "unit", "image_alt", "image_caption"):
        if getattr(entry, name) is not None:
            meta[name] = getattr(entry, name)
    if result.cover:
        meta["image"] = result.cover
    # Every image the article shows, with the line that names it, for plugins
    # that process images (responsive_images) and must point at the line.
    meta["image_refs"] = result.image_refs()
    meta["link_refs"] = list(result.links)
    meta["related"] = list(entry.related)
    return meta


class FrontMatterReader(BaseReader):
    enabled = True
    file_extensions = ["md"]  # the only source format (DESIGN.md); content_allowlist refuses the others

    def __init__(self, settings, front_matter: FrontMatterSettings, prefetcher: Prefetcher | None = None):
        super().__init__(settings)
        self._settings = front_matter
        self._documents = DocumentReader(front_matter)
        self._prefetcher = prefetcher

    def read(self, source_path):
        result = self._prefetcher.get(source_path) if self._prefetcher else None
        if result is None:
            # Not among the files the prefetcher listed (it skips links):
            # Pelican may have come through a linked folder or file.
            relative = os.path.relpath(source_path, self._settings.content_path)
            link = first_link(relative, str(self._settings.content_root))
            if link is not None:
                error = link_refused(display_path(link), os.readlink(link))
                report_all([error])  # the same line content_allowlist reports: printed once
                raise ContentFileError([error])
            result = self._documents.read(source_path)
        for warning in result.warnings:
            warn(warning)
        if result.errors:
            report_all(result.errors)
            raise ContentFileError(result.errors)
        return result.html, to_metadata(result, self.settings)
