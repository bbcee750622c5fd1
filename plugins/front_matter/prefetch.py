"""Read every content file before Pelican asks, on all cores, with a disk cache.

Pure (no Pelican imports). ``Prefetcher.get(path)`` returns the same
ReadResult as ``DocumentReader.read(path)``; the first call reads all files
of the site: unchanged files come from ``cache/content/`` (keyed by a hash of
the file's bytes, the settings and this plugin's code, so nothing stale can be
served), the others are read in forked worker processes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from pathlib import Path

from .document import DocumentReader, ReadResult
from .settings import FrontMatterSettings

_CODE = Path(__file__).resolve().parent
_WORKER: dict = {}


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")) + sorted((_CODE.parent / "build_guard").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_one(path: str) -> tuple[str, ReadResult]:
    return path, _WORKER["reader"].read(path)


class Prefetcher:
    def __init__(self, settings: FrontMatterSettings, files: list[Path], cache_dir: Path | None,
                 workers: int = 0, threshold: int = 200):
        self.settings, self.files, self.cache_dir = settings, files, cache_dir
        self.workers = workers or os.cpu_count() or 1
        self.threshold = threshold
        self._results: dict[str, ReadResult] | None = None
        self._salt = hashlib.sha256(repr(settings).encode() + _code_fingerprint().encode()).hexdigest()

    def _key(self, data: bytes) -> str:
        return hashlib.sha256(self._salt.encode() + data).hexdigest()

    def _load_all(self) -> dict[str, ReadResult]:
        results: dict[str, ReadResult] = {}
        keys: dict[str, str] = {}
        todo: list[str] = []
        for path in self.files:
            name = str(path)
            key = keys[name] = self._key(path.read_bytes())
            cached = self.cache_dir / key[:2] / key if self.cache_dir else None
            if cached is not None and cached.is_file():
                try:
                    results[name] = pickle.loads(cached.read_bytes())
                    continue
                except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    pass  # an unreadable entry: read the file again
            todo.append(name)
        reader = DocumentReader(self.settings)
        if len(todo) >= self.threshold and self.workers > 1:
            _WORKER["reader"] = reader
            try:
                with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                    fresh = dict(pool.map(_read_one, todo, chunksize=max(1, len(todo) // (8 * self.workers))))
            finally:
                _WORKER.clear()
        else:
            fresh = {name: reader.read(name) for name in todo}
        for name, result in fresh.items():
            results[name] = result
            if self.cache_dir is not None:
                target = self.cache_dir / keys[name][:2] / keys[name]
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.{os.getpid()}")
                tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
                os.replace(tmp, target)
        return results

    def get(self, path: str | os.PathLike) -> ReadResult | None:
        """The prefetched result, or None for a file outside the prefetched set."""
        if self._results is None:
            self._results = self._load_all()
        return self._results.get(str(Path(path).resolve()))
