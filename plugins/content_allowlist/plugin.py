"""Signal glue: publish only what the allowlist (inventory.py) admits.

- stage "start": one walk of content/ (links not followed); every symbolic
  link is added to ARTICLE/PAGE/STATIC_EXCLUDES, since Pelican walks with
  ``followlinks=True`` (a link to a folder would be read, a loop read again
  and again until the path is too long).
- stage "read", articles and pages: each document as the allowlist needs
  it; in a build without previews (publishconf.py) drafts and hidden content
  are then taken out of every list the generator keeps, so nothing writes,
  lists, links or processes them (images included). After related_articles,
  which must see drafts to refuse them as pins; responsive_images comes
  after this (it would make the drafts' photos' derivatives).
- stage "read", static files: only the admitted files stay to be copied;
  the errors go to the gate, which fails the build before writing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from build_core import stages
from build_core.contents import all_contents, content_list, unlisted_lists
from build_core.errors import display_paths
from build_core.run import report_all, warn

from .inventory import Document, Walk, decide, walk
from .settings import ContentAllowlistSettings, exclude_links


@dataclass
class AllowlistRun:
    settings: ContentAllowlistSettings | None = None
    walk: Walk | None = None
    documents: list[Document] = field(default_factory=list)


def start_run(run) -> None:
    state = run.state(AllowlistRun)
    state.settings = ContentAllowlistSettings.from_pelican(run.settings)
    state.walk = walk(state.settings)
    exclude_links(run.settings, state.walk.links)


def _documents(contents: list, root: str) -> list[Document]:
    paths = [content.relative_source_path.replace(os.sep, "/") for content in contents]
    shown = display_paths(os.path.join(root, path) for path in paths)  # as front_matter and `make check` show them
    return [Document(path, where, content.title, content.status, tuple(getattr(content, "image_refs", ()) or ()),
                     tuple(getattr(content, "link_refs", ()) or ()))
            for content, path, where in zip(contents, paths, shown)]


def take_documents(run, generator) -> None:
    if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
        return
    state = run.state(AllowlistRun)
    state.documents.extend(_documents(list(all_contents([generator])), state.settings.content_root))
    if not state.settings.previews:
        for name in unlisted_lists(generator):
            content_list(generator, name).clear()  # in place: the shared context holds the same lists


def keep_allowed(run, generator) -> None:
    if not isinstance(generator, StaticGenerator):
        return
    state = run.state(AllowlistRun)
    verdict = decide(state.walk, state.documents, state.settings)
    report_all(verdict.errors)
    for warning in verdict.warnings:
        warn(warning)
    kept = [s for s in generator.staticfiles if s.get_relative_source_path().replace(os.sep, "/") in verdict.publish]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept  # what StaticGenerator.generate_output copies


def register() -> None:
    stages.connect("start", start_run)
    stages.connect("read", take_documents, after=("related_articles",))
    stages.connect("read", keep_allowed)
