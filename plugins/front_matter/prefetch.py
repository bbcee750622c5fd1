"""Read every content file before Pelican asks, on all cores, with a disk cache.

Pure (no Pelican imports). ``Prefetcher.get(path)`` returns the same
ReadResult as ``DocumentReader.read(path)``; the first call reads all files
of the site: unchanged files come from ``cache/content/`` (keyed by a hash of
the file's path and bytes, the settings, the working folder and this plugin's
code, and used only while every image the file refers to still exists or
still does not: nothing stale can be served), the others are parsed in forked
worker processes, streamed in Pelican's reading order so that the main
process builds articles while the workers parse the next ones.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import pickle
from pathlib import Path

from build_guard.files import read_pickle, write_atomically

from .document import DocumentReader, ReadResult
from .settings import FrontMatterSettings

_CODE = Path(__file__).resolve().parent
_WORKER: dict = {}


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")) + sorted((_CODE.parent / "build_guard").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _canonical(value) -> str:
    """The settings as text that is the same in every process: ``repr`` of a
    frozenset follows hash order, which changes with each interpreter
    (PYTHONHASHSEED), and made every cache key new on every run."""
    def plain(v):
        if dataclasses.is_dataclass(v):
            return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if isinstance(v, (set, frozenset)):
            return sorted((plain(x) for x in v), key=repr)
        if isinstance(v, dict) or hasattr(v, "items"):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v if isinstance(v, (str, int, float, bool, type(None))) else repr(v)
    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False)


def _read_and_cache(reader: DocumentReader, path: str, target: Path | None) -> bytes:
    """Parse one file, pickled (the form it travels to the parent in), and
    store it as its cache entry when there is a cache."""
    data = pickle.dumps(reader.read(path), protocol=pickle.HIGHEST_PROTOCOL)
    if target is not None:
        write_atomically(target, data)
    return data


def _read_one(path: str) -> tuple[str, bytes]:
    """In a worker: the cache entry is written here, not by the parent."""
    return path, _read_and_cache(_WORKER["reader"], path, _WORKER["targets"].get(path))


class Prefetcher:
    def __init__(self, settings: FrontMatterSettings, files: list[Path], cache_dir: Path | None,
                 workers: int = 0, threshold: int = 200):
        self.settings, self.cache_dir = settings, cache_dir
        self.names = [str(f) for f in files]
        self.workers = workers or os.cpu_count() or 1
        self.threshold = threshold
        self._results: dict[str, ReadResult] | None = None
        self._keys: dict[str, str] = {}
        self._order: dict[str, None] = {}  # Pelican's reading order, when known
        self._pool = self._stream = None
        # The working folder too: error messages show paths relative to it.
        self._salt = hashlib.sha256(_canonical(settings).encode() + _code_fingerprint().encode()
                                    + os.getcwd().encode()).hexdigest()
        self.read = self.reused = 0  # files parsed this run, files taken from the cache

    def _key(self, name: str, data: bytes) -> str:
        # The path too: a result names its file (errors) and resolves images from its folder.
        return hashlib.sha256(f"{self._salt}|{name}|".encode() + data).hexdigest()

    def follow_order(self, paths) -> None:
        """Parse in this order (Pelican's reading order, see plugin.py), so the
        main process builds each article while the workers parse the next."""
        known = set(self.names)
        for path in paths:
            name = os.fspath(path)
            name = name if name in known else str(Path(name).resolve())
            if name in known and name not in self._order:
                self._order[name] = None

    def _start(self) -> None:
        results: dict[str, ReadResult] = {}
        todo: list[str] = []
        order = list(self._order) + sorted(set(self.names) - set(self._order))
        for name in order:
            self._keys[name] = self._key(name, Path(name).read_bytes())
            result = read_pickle(self._target(name)) if self.cache_dir is not None else None
            # Still valid only if every image it looked for is (or is not) there as then.
            if result is not None and all(os.path.isfile(f) == existed for f, existed in result.probes):
                results[name] = result
            else:
                todo.append(name)
        self.read, self.reused = len(todo), len(results)
        self._results = results
        reader = DocumentReader(self.settings)
        targets = {name: self._target(name) for name in todo} if self.cache_dir is not None else {}
        if len(todo) >= self.threshold and self.workers > 1:
            _WORKER.update(reader=reader, targets=targets)
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
            self._stream = self._pool.imap(_read_one, todo, chunksize=8)
        else:  # the same round trip as from a worker: the same objects
            for name in todo:
                self._results[name] = pickle.loads(_read_and_cache(reader, name, targets.get(name)))

    def _target(self, name: str) -> Path:
        key = self._keys[name]
        return self.cache_dir / key[:2] / key

    def _pull(self) -> bool:
        """Take the next parsed file from the workers; False when all are in."""
        if self._stream is None:
            return False
        try:
            name, data = next(self._stream)
        except StopIteration:
            self.finish()
            return False
        self._results[name] = pickle.loads(data)
        return True

    def finish(self) -> None:
        """Wait for every file and stop the workers (before anyone else forks)."""
        if self._stream is not None:
            stream, self._stream = self._stream, None
            for name, data in stream:
                self._results[name] = pickle.loads(data)
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.close()
            pool.join()
            _WORKER.clear()

    def get(self, path: str | os.PathLike) -> ReadResult | None:
        """The prefetched result, or None for a file outside the prefetched set."""
        if self._results is None:
            self._start()
        # Pelican asks with the path as it walked it: usually the very key.
        name = os.fspath(path)
        if name not in self._keys:
            name = str(Path(name).resolve())
            if name not in self._keys:
                return None
        while name not in self._results and self._pull():
            pass
        return self._results.get(name)
