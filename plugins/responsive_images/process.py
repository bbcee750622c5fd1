"""Turn a site's image references into cached derivatives. Pure (no Pelican).

``process(refs, ...)`` takes every (source path, where it is used) pair of one
build, inspects each source once, plans its variants, renders only the ones
missing from the cache (sources in parallel, one decode each) and returns an
ImageSet per source, the files to publish and the problems, one per source.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .markup import Derivative, ImageSet
from .pipeline import ENCODER, ImageProblem, inspect, render
from .recipe import plan, scaled
from .settings import ResponsiveImagesSettings


@dataclass
class Outcome:
    images: dict[str, ImageSet] = field(default_factory=dict)  # by source path below content/
    files: dict[str, Path] = field(default_factory=dict)  # published URL → cache file
    problems: dict[str, str] = field(default_factory=dict)  # source path → message
    encoded: int = 0
    reused: int = 0


def _render_task(task):
    path, jobs, max_pixels = task
    try:
        return render(path, jobs, max_pixels), None
    except ImageProblem as exc:
        return 0, str(exc)


def process(sources: list[str], content_root: Path, settings: ResponsiveImagesSettings) -> Outcome:
    out = Outcome()
    cache = Path(settings.cache_path)
    tasks, planned = [], {}
    for source in sorted(set(sources)):
        path = content_root / source
        try:
            info = inspect(path, settings.max_pixels)
        except ImageProblem as exc:
            out.problems[source] = str(exc)
            continue
        stem = Path(source).stem
        variants = plan(info.size, settings.widths, settings.formats, settings.quality,
                        settings.thumbnail, settings.social)
        named = [(v, v.filename(stem, info.digest, ENCODER)) for v in variants]
        missing = [(v, cache / name) for v, name in named if not (cache / name).is_file()]
        out.reused += len(named) - len(missing)
        if missing:
            tasks.append((path, missing, settings.max_pixels))
        planned[source] = (info, named)
    workers = min(len(tasks), settings.workers or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_render_task, tasks))
    else:
        results = [_render_task(t) for t in tasks]
    for (path, _jobs, _limit), (count, problem) in zip(tasks, results):
        out.encoded += count
        if problem:
            source = path.relative_to(content_root).as_posix()
            out.problems[source] = problem
            planned.pop(source, None)
    for source, (info, named) in planned.items():
        derivatives = tuple(Derivative(v, f"{settings.output_dir}/{name}") for v, name in named)
        for d, (_, name) in zip(derivatives, named):
            out.files[d.url] = cache / name
        widest = max((v.width for v, _ in named if v.kind == "width"))
        out.images[source] = ImageSet(*scaled(info.size, widest), derivatives, settings.formats, settings.sizes)
    return out
