"""Signal glue: responsive <picture> markup, derivatives in the output.

- article/page_generator_finalized: process every image the content shows
  (``image_refs`` from front_matter), replace each body ``<img>`` by a
  ``<picture>``, give covers ``image_set`` and ``og_image``; a bad image is a
  content error at the line that names it.
- static_generator_finalized: the cache index is saved and pruned once for
  both calls; originals are not copied (with COPY_ORIGINALS: a cleaned copy).
- stage "stage": derivatives are linked from the cache into the
  staged output and the URL marker is resolved per file.
"""

from __future__ import annotations

import os
import re
from html import unescape
import shutil
import sys
from pathlib import Path

from pelican import signals

from build_core.contents import all_contents
from build_core.errors import display_path
from build_core.files import files_below
from build_core import stages
from build_core.run import current, report_all

from .markup import ROOT
from .process import CacheUse, Outcome, problem_error, process
from .settings import ResponsiveImagesSettings

_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')
_STATE: dict[str, object] = {}  # this run's outcome, for the later signals


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

    content._content = _IMG.sub(replace, content._content or "")


def process_images(generator) -> None:
    settings = ResponsiveImagesSettings.from_pelican(generator.settings)
    contents = [c for c in all_contents([generator]) if getattr(c, "image_refs", None)]
    if not contents:
        return
    root = Path(generator.path)
    cache_use = _STATE.get("cache_use")
    if cache_use is None:
        cache_use = _STATE["cache_use"] = CacheUse(settings)
    with current().clock.measure("ảnh"):
        covers = frozenset(c.image for c in contents if getattr(c, "image", None))
        outcome = process([path for c in contents for path, _ in c.image_refs], root, settings, covers, cache_use)
    errors = []
    for content in contents:
        for path, line in content.image_refs:
            if path in outcome.problems:
                errors.append(problem_error(display_path(content.source_path), line, path, outcome.problems[path]))
    report_all(errors)
    for content in contents:
        cover = getattr(content, "image", None)
        if cover in outcome.images:
            content.image_set = outcome.images[cover]
            social = content.image_set.crop("jpeg", settings.social[0])
            content.og_image, content.og_image_size = social.url, settings.social
        _rewrite(content, outcome)
    state = _STATE.setdefault("outcome", Outcome())
    state.images.update(outcome.images)
    state.files.update(outcome.files)
    state.originals.update(outcome.originals)
    state.encoded += outcome.encoded
    state.reused += outcome.reused


def start_run(_pelican):
    _STATE.clear()


def skip_originals(generator) -> None:
    """After the articles' and the pages' images (the static generator comes
    after both): the cache index is saved and pruned once, then the originals
    the pages show are left out of the output; with COPY_ORIGINALS their
    cleaned copies (upright, sRGB, no metadata) are published in their place."""
    cache_use = _STATE.pop("cache_use", None)
    if cache_use is not None:
        cache_use.finish()
    outcome = _STATE.get("outcome")
    if outcome is None:
        return
    for static in generator.staticfiles:
        cleaned = outcome.originals.get(static.get_relative_source_path())
        if cleaned is not None:
            outcome.files[static.save_as] = cleaned
    kept = [s for s in generator.staticfiles if s.get_relative_source_path() not in outcome.images]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept  # what StaticGenerator.generate_output copies


def publish_derivatives(run, staging: Path) -> None:
    pelican = run.pelican
    outcome = _STATE.get("outcome")
    if outcome is not None:
        for url, cached in sorted(outcome.files.items()):
            target = staging / url
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(cached, target)  # same file system: instant, no copy
            except OSError:
                shutil.copyfile(cached, target)
        sys.stderr.write(f"Ảnh: {outcome.encoded} bản mới, {outcome.reused} bản dùng lại "
                         f"({len(outcome.images)} ảnh gốc)\n")
    if outcome is None or not outcome.images:
        return  # no ImageSet was made, so no page holds the URL marker: no need to read them all
    siteurl = pelican.settings.get("SITEURL", "")
    absolute = siteurl.startswith(("http://", "https://", "//")) and not pelican.settings.get("RELATIVE_URLS")
    marker = ROOT.encode()
    for path in files_below(staging, (".html", ".xml")):
        data = path.read_bytes()
        if marker in data:
            prefix = siteurl.rstrip("/") + "/" if absolute else (os.path.relpath(staging, path.parent) + "/")
            path.write_bytes(data.replace(marker, prefix.replace("\\", "/").encode()))


def register() -> None:
    signals.get_generators.connect(start_run)
    signals.article_generator_finalized.connect(process_images)
    signals.page_generator_finalized.connect(process_images)
    signals.static_generator_finalized.connect(skip_originals)
    stages.connect("stage", publish_derivatives)
