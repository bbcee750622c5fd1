"""Glue: responsive <picture> markup, derivatives in the output.

- stage "enrich" (every file read, every plugin's reading done, so drafts a
  publish build leaves out are gone and related_articles has taken the
  articles' HTML as written): process every image the articles and pages
  show (``image_refs`` from front_matter) in one pass, replace each body
  ``<img>`` by a ``<picture>``, give covers ``image_set`` and ``og_image``; a
  bad image is a content error at the line that names it. Originals are not
  copied (with COPY_ORIGINALS: a cleaned copy takes their place).
- stage "stage": derivatives are linked from the cache into the staged
  output and the URL marker is resolved per file.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from pelican.generators import StaticGenerator

from build_core import stages
from build_core.contents import all_contents
from build_core.errors import display_path
from build_core.files import files_below
from build_core.run import report_all

from .markup import ROOT
from .process import Outcome, problem_error, process
from .settings import ResponsiveImagesSettings

_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')


@dataclass
class ImagesRun:
    outcome: Outcome | None = None  # None: no content of this run shows an image


def _rewrite(content, outcome: Outcome) -> None:
    eager = not getattr(content, "image", None)  # the page's first image loads eagerly

    def replace(match: re.Match) -> str:
        nonlocal eager
        attrs = dict(_ATTR.findall(match[0]))
        src = attrs.get("src", "")
        image_set = outcome.images.get(src.removeprefix("{static}/")) if src.startswith("{static}/") else None
        if image_set is None:
            return match[0]
        html, eager = image_set.picture(unescape(attrs.get("alt", "")), eager=eager), False
        return html

    # Pelican keeps a content's HTML in ``_content`` and has no setter for it.
    content._content = _IMG.sub(replace, content._content or "")


def process_images(run, generators) -> None:
    settings = ResponsiveImagesSettings.from_pelican(run.settings)
    contents = [c for c in all_contents(generators) if getattr(c, "image_refs", None)]
    if not contents:
        return
    with run.clock.measure("ảnh"):
        covers = frozenset(c.image for c in contents if getattr(c, "image", None))
        outcome = process([path for c in contents for path, _ in c.image_refs], Path(settings.content_path),
                          settings, covers, run.core.worker_count)
    report_all(problem_error(display_path(c.source_path), line, path, outcome.problems[path])
               for c in contents for path, line in c.image_refs if path in outcome.problems)
    for content in contents:
        cover = getattr(content, "image", None)
        if cover in outcome.images:
            content.image_set = outcome.images[cover]
            social = content.image_set.crop("jpeg", settings.social[0])
            content.og_image, content.og_image_size = social.url, settings.social
        _rewrite(content, outcome)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            _skip_originals(generator, outcome)
    run.state(ImagesRun).outcome = outcome
    run.stats["images"] = {"encoded": outcome.encoded, "reused": outcome.reused, "sources": len(outcome.images)}


def _skip_originals(generator: StaticGenerator, outcome: Outcome) -> None:
    """The originals the pages show are left out of the output; with
    COPY_ORIGINALS their cleaned copies (upright, sRGB, no metadata) are
    published in their place."""
    for static in generator.staticfiles:
        cleaned = outcome.originals.get(static.get_relative_source_path())
        if cleaned is not None:
            outcome.files[static.save_as] = cleaned
    kept = [s for s in generator.staticfiles if s.get_relative_source_path() not in outcome.images]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept  # what StaticGenerator.generate_output copies


def publish_derivatives(run, staging: Path) -> None:
    outcome = run.state(ImagesRun).outcome
    if outcome is None:
        return
    for url, cached in sorted(outcome.files.items()):
        target = staging / url
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(cached, target)  # same file system: instant, no copy
        except OSError:
            shutil.copyfile(cached, target)
    sys.stderr.write(f"Ảnh: {outcome.encoded} bản mới, {outcome.reused} bản dùng lại "
                     f"({len(outcome.images)} ảnh gốc)\n")
    if not outcome.images:
        return  # no ImageSet was made, so no page holds the URL marker: no need to read them all
    absolute_root = ResponsiveImagesSettings.from_pelican(run.settings).absolute_root
    marker = ROOT.encode()
    for path in files_below(staging, (".html", ".xml")):
        data = path.read_bytes()
        if marker in data:
            prefix = absolute_root or os.path.relpath(staging, path.parent).replace("\\", "/") + "/"
            path.write_bytes(data.replace(marker, prefix.encode()))


def register() -> None:
    stages.connect("enrich", process_images)
    stages.connect("stage", publish_derivatives)
