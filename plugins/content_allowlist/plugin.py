"""Signal glue: publish only what the allowlist (inventory.py) admits.

- get_generators: one walk of content/ (links not followed); every symbolic
  link is added to ARTICLE/PAGE/STATIC_EXCLUDES, since Pelican walks with
  ``followlinks=True`` (a link to a folder was read, a loop read again and
  again until the path was too long).
- article/page_generator_finalized: each article and page as the allowlist
  needs it; in a build without previews (publishconf.py) drafts and hidden
  content are then taken out of every list the generator keeps, so nothing
  writes, lists, links or processes them (images included). Connect after
  related_articles (which must see drafts to refuse them as pins) and before
  responsive_images (which would make their photos' derivatives).
- static_generator_finalized: only the admitted files stay to be copied;
  the errors go to build_guard, whose gate fails the build before writing.
"""

from __future__ import annotations

import os

from pelican import signals

from build_core.contents import all_contents
from build_core.errors import display_paths
from build_core.run import report_all, warn

from .inventory import Document, decide, walk
from .settings import ContentAllowlistSettings

_EXCLUDES = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")
# Lists of drafts and hidden content a generator keeps (Pelican 4.12).
UNLISTED = ("drafts", "drafts_translations", "hidden_articles", "hidden_translations",
            "hidden_pages", "draft_pages", "draft_translations")

_RUN: dict = {}  # this run's walk and documents
_ADDED: dict[str, list[str]] = {}  # what this plugin added to each *_EXCLUDES (make serve runs again)


def start_run(pelican):
    settings = ContentAllowlistSettings.from_pelican(pelican.settings)
    found = walk(settings)
    _RUN.clear()
    _RUN.update(walk=found, documents=[])
    for name in _EXCLUDES:
        excludes = pelican.settings.setdefault(name, [])
        for old in _ADDED.pop(name, ()):
            if old in excludes:
                excludes.remove(old)
        added = _ADDED[name] = [link for link in found.links if link not in excludes]
        excludes.extend(added)
    return None  # no generator of our own


def _documents(contents: list, root: str) -> list[Document]:
    paths = [content.relative_source_path.replace(os.sep, "/") for content in contents]
    shown = display_paths(os.path.join(root, path) for path in paths)  # as front_matter and `make check` show them
    return [Document(path, where, content.title, content.status, tuple(getattr(content, "image_refs", ()) or ()),
                     tuple(getattr(content, "link_refs", ()) or ()))
            for content, path, where in zip(contents, paths, shown)]


def take_documents(generator) -> None:
    settings = ContentAllowlistSettings.from_pelican(generator.settings)
    _RUN.setdefault("documents", []).extend(_documents(list(all_contents([generator])), settings.content_root))
    if not settings.previews:
        for name in UNLISTED:
            contents = getattr(generator, name, None)
            if contents:
                contents.clear()  # in place: the shared context holds the same lists


def keep_allowed(generator) -> None:
    settings = ContentAllowlistSettings.from_pelican(generator.settings)
    found = _RUN.get("walk") or walk(settings)
    verdict = decide(found, _RUN.get("documents", ()), settings)
    report_all(verdict.errors)
    for warning in verdict.warnings:
        warn(warning)
    kept = [s for s in generator.staticfiles if s.get_relative_source_path().replace(os.sep, "/") in verdict.publish]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept  # what StaticGenerator.generate_output copies


def register() -> None:
    signals.get_generators.connect(start_run)
    signals.article_generator_finalized.connect(take_documents)
    signals.page_generator_finalized.connect(take_documents)
    signals.static_generator_finalized.connect(keep_allowed)
