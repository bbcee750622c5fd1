"""Turn a site's image references into cached derivatives. Pure (no Pelican).

``process(sources, ...)`` takes every image source of one build, inspects
each once, plans its variants, renders only the ones
missing from the cache (sources in parallel; a file's bytes do not depend on
which others were missing) and returns an ImageSet per source, the files to
publish and the problems, one per source. With copy_originals, each source
also gets a cleaned full-size copy (``originals``) to publish in its place.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_core import executor
from build_core.errors import ContentError
from build_core.files import read_pickle, write_pickle

from .markup import Derivative, ImageSet
from .pipeline import ENCODER, ImageProblem, SourceInfo, inspect, render
from .recipe import original, plan, scaled
from .settings import ResponsiveImagesSettings


@dataclass
class Outcome:
    images: dict[str, ImageSet] = field(default_factory=dict)  # by source path below content/
    files: dict[str, Path] = field(default_factory=dict)  # published URL → cache file
    originals: dict[str, Path] = field(default_factory=dict)  # source path → its cleaned copy (copy_originals)
    problems: dict[str, str] = field(default_factory=dict)  # source path → message
    encoded: int = 0
    reused: int = 0


def _render_task(task):
    path, jobs, max_pixels = task
    try:
        return render(path, jobs, max_pixels), None
    except ImageProblem as exc:
        return 0, str(exc)


class _Inspections:
    """``inspect`` remembered by file identity (path, size, mtime): a warm build
    neither hashes every photo again nor opens it. One small index file."""

    def __init__(self, cache: Path, max_pixels: int):
        self.path, self.max_pixels = cache / "sources.pickle", max_pixels
        known = read_pickle(self.path)
        self.known: dict = known if isinstance(known, dict) else {}
        self.seen: dict = {}

    def __call__(self, path: Path) -> SourceInfo:
        st = path.stat() if path.is_file() else None
        stamp = (st.st_size, st.st_mtime_ns, self.max_pixels) if st else None
        entry = self.known.get(str(path))
        if stamp and entry and entry[0] == stamp:
            self.seen[str(path)] = entry
            return entry[1]
        info = inspect(path, self.max_pixels)
        self.seen[str(path)] = (stamp, info)
        return info

    def save(self) -> None:
        if self.seen != self.known:  # a photo added, changed or gone
            write_pickle(self.path, self.seen)


def problem_error(shown: str, line: int, source: str, problem: str) -> ContentError:
    """The line of an image the build cannot use, as the build and `make
    check` both print it (``source``: the image's path below content/)."""
    return ContentError(shown, line, "image", f'"{Path(source).name}": {problem}')


def source_problem(path: Path, max_pixels: int) -> str | None:
    """What `make check` can tell of a source without rendering it: the
    first step of :func:`process` (not an image, too large), or None."""
    try:
        inspect(path, max_pixels)
    except ImageProblem as exc:
        return str(exc)
    return None


KEEP_DAYS = 30


def prune_cache(cache: Path, used: set[str], now: float, keep_days: float = KEEP_DAYS) -> int:
    """Delete derivatives no build has used for ``keep_days`` (the cache would
    otherwise keep every size of every photo ever edited or removed). When
    each file was last used is kept in ``used.pickle``, not in its mtime: the
    published copies are hard links to these files. A file the index does not
    know yet starts its count now. Returns the number of files deleted."""
    index_path = cache / "used.pickle"
    known = read_pickle(index_path)
    last_used: dict[str, float] = known if isinstance(known, dict) else {}
    kept: dict[str, float] = {}
    deleted = 0
    if cache.is_dir():
        with os.scandir(cache) as entries:
            for entry in entries:
                if not entry.is_file(follow_symlinks=False) or entry.name in ("sources.pickle", "used.pickle"):
                    continue
                when = now if entry.name in used else last_used.get(entry.name, now)
                if when < now - keep_days * 86_400:
                    os.unlink(entry.path)
                    deleted += 1
                else:
                    kept[entry.name] = when
    if kept != last_used:
        write_pickle(index_path, kept)
    return deleted


def process(sources: list[str], content_root: Path, settings: ResponsiveImagesSettings,
            covers: frozenset[str] = frozenset(), workers: int = 1) -> Outcome:
    """Every image of one build, rendered on ``workers`` processes.
    ``covers``: the sources some content uses as its ``image:``; only they
    get the listing thumbnail and the og:image crop. The cache's indexes
    (sources inspected, files used) are saved and pruned once, here."""
    out = Outcome()
    cache = Path(settings.cache_path)
    tasks, planned = [], {}
    inspected = _Inspections(cache, settings.max_pixels)
    for source in sorted(set(sources)):
        path = content_root / source
        try:
            info = inspected(path)
        except ImageProblem as exc:
            out.problems[source] = str(exc)
            continue
        stem = Path(source).stem
        variants = plan(info.size, settings.widths, settings.formats, settings.quality,
                        settings.thumbnail, settings.social, cover=source in covers)
        if settings.copy_originals:
            variants.append(original(info.size, Path(source).suffix))
        named = [(v, v.filename(stem, info.digest, ENCODER)) for v in variants]
        missing = [(v, cache / name) for v, name in named if not (cache / name).is_file()]
        out.reused += len(named) - len(missing)
        if missing:
            tasks.append((path, missing, settings.max_pixels))
        planned[source] = (info, named)
    used = {name for _info, named in planned.values() for _v, name in named}
    workers = min(len(tasks), workers)
    # Largest work first (stable: equal work keeps the source order), so the
    # last photo a worker takes is a small one and no core waits long at the
    # end; a portrait's 1440×2160 variants cost twice a landscape's.
    tasks.sort(key=lambda task: sum(v.width * v.height for v, _target in task[1]), reverse=True)
    if workers > 1:
        with executor.pool(workers) as pool:
            results = pool.map(_render_task, tasks, chunksize=1)  # one photo at a time: largest first
    else:
        results = [_render_task(t) for t in tasks]
    for (path, _jobs, _limit), (count, problem) in zip(tasks, results):
        out.encoded += count
        if problem:
            source = path.relative_to(content_root).as_posix()
            out.problems[source] = problem
            planned.pop(source, None)
    for source, (info, named) in planned.items():
        out.originals.update((source, cache / name) for v, name in named if v.kind == "original")
        named = [(v, name) for v, name in named if v.kind != "original"]
        derivatives = tuple(Derivative(v, f"{settings.output_dir}/{name}") for v, name in named)
        for d, (_, name) in zip(derivatives, named):
            out.files[d.url] = cache / name
        widest = max((v.width for v, _ in named if v.kind == "width"))
        out.images[source] = ImageSet(*scaled(info.size, widest), derivatives, settings.formats, settings.sizes)
    inspected.save()
    prune_cache(cache, used, time.time())
    return out
