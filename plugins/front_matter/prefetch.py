"""Read every content file before Pelican asks, on all cores, with a disk cache.

Pure (no Pelican imports). ``Prefetcher.get(path)`` returns the same
ReadResult as ``DocumentReader.read(path)``; the first call (or
``needs_order``, earlier) reads all files of the site: unchanged files come
from ``cache/content/content.sqlite3`` (store.py; keyed by a hash of the
file's path and bytes, the settings, the working folder, this plugin's
code and the versions of the libraries it reads with, and used only while
every image the file refers to still exists or still does not: nothing
stale can be served), the others are parsed in
forked worker processes, streamed in Pelican's reading order so that the
main process builds articles while the workers parse the next ones. New
readings are stored in batches as they arrive. Once every file is read,
``on_complete`` (if given) receives all readings, so other work that needs
the whole site (ranking related articles) can start while Pelican is still
building its objects.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Callable

from build_core import executor
from build_core.files import files_digest, loads_or_none

from .document import DocumentReader, ReadResult
from .settings import FrontMatterSettings
from .store import ContentStore

_CODE = Path(__file__).resolve().parent


# The libraries a reading is made with: a new version of one (make lock) may
# read the same file differently.
LIBRARIES = ("markdown", "nh3", "PyYAML", "Unidecode", "pelican")


def _code_fingerprint() -> str:
    """The code a reading is made with: this plugin's, build_core's (errors),
    the libraries' versions and Python's."""
    versions = "|".join(f"{name}={metadata.version(name)}" for name in LIBRARIES)
    return files_digest([*_CODE.glob("*.py"), *(_CODE.parent / "build_core").glob("*.py")]).hex() + \
        f"|{versions}|{sys.version}"


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


def _read(reader: DocumentReader, path: str) -> bytes:
    """Parse one file, pickled: the form it travels to the parent in and is stored in."""
    return pickle.dumps(reader.read(path), protocol=pickle.HIGHEST_PROTOCOL)


def _read_one(path: str) -> tuple[str, bytes]:
    """In a worker of the pool: one file, read by the reader the pool shares."""
    return path, _read(executor.shared("front_matter.reader"), path)


class Prefetcher:
    def __init__(self, settings: FrontMatterSettings, files: list[Path], cache_dir: Path | None,
                 workers: int, threshold: int = 200,
                 on_complete: Callable[[dict[str, ReadResult]], None] | None = None):
        self.settings, self.cache_dir = settings, cache_dir
        self._on_complete = on_complete
        self.names = [str(f) for f in files]
        self.workers = workers
        self.threshold = threshold
        self._results: dict[str, ReadResult] | None = None
        self._cached: dict[str, ReadResult] | None = None  # readings the cache still holds
        self._todo: list[str] = []  # the files to parse
        self._keys: dict[str, str] = {}
        self._store = ContentStore(cache_dir) if cache_dir is not None else None
        self._new: dict[str, bytes] = {}  # cache key → reading parsed this run
        self._stored = False
        self._order: dict[str, None] = {}  # Pelican's reading order, when known
        self._pool = contextlib.ExitStack()  # the workers, while they parse
        self._stream = None
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

    def _look_up(self) -> None:
        """Hash every file and take each reading the cache still holds (once)."""
        if self._cached is not None:
            return
        for name in self.names:
            with open(name, "rb") as file:
                self._keys[name] = self._key(name, file.read())
        stored = {}
        if self._store is not None:
            stored = self._store.get_many(self._keys.values())
            self._store.close()  # no open database in the forked workers
        self._cached, self._todo = {}, []
        for name in self.names:
            data = stored.get(self._keys[name])
            result = loads_or_none(data) if data is not None else None  # None: read the file again
            # Still valid only if every image it looked for is (or is not) there as then.
            if result is not None and all(os.path.isfile(f) == existed for f, existed in result.probes):
                self._cached[name] = result
            else:
                self._todo.append(name)
        self.read, self.reused = len(self._todo), len(self._cached)

    def _parallel(self) -> bool:
        return len(self._todo) >= self.threshold and self.workers > 1

    def needs_order(self) -> bool:
        """Whether files will be parsed in worker processes, in the order
        :meth:`follow_order` gives: else no order is worth a walk of the
        content (a build after an edit takes all but one file from the cache)."""
        self._look_up()
        return self._parallel()

    def _start(self) -> None:
        self._look_up()
        self._results, todo = dict(self._cached), self._todo
        if self._parallel():  # Pelican's order first, so the main process takes each file as it comes
            at = {name: i for i, name in enumerate(self._order)}
            todo = sorted(todo, key=lambda name: (at.get(name, len(at)), name))
        reader = DocumentReader(self.settings)
        if self._parallel():
            workers = self._pool.enter_context(executor.pool(self.workers, **{"front_matter.reader": reader}))
            self._stream = workers.imap(_read_one, todo, chunksize=8)
        else:  # the same round trip as from a worker: the same objects
            for name in todo:
                self._take(name, _read(reader, name))
            self._completed()

    def _completed(self) -> None:
        """Every file is read: tell ``on_complete``, once."""
        callback, self._on_complete = self._on_complete, None
        if callback is not None:
            callback(dict(self._results))

    def _take(self, name: str, data: bytes) -> None:
        self._results[name] = pickle.loads(data)
        if self._store is not None:
            self._new[self._keys[name]] = data
            if len(self._new) >= 1000:
                self._store.put_many(self._new)
                self._new = {}

    def _pull(self) -> bool:
        """Take the next parsed file from the workers; False when all are in."""
        if self._stream is None:
            return False
        try:
            name, data = next(self._stream)
        except StopIteration:
            self.finish()
            return False
        self._take(name, data)
        return True

    def finish(self) -> None:
        """Wait for every file and stop the workers (before anyone else
        forks); then store the new readings, once."""
        if self._stream is not None:
            stream, self._stream = self._stream, None
            for name, data in stream:
                self._take(name, data)
            self._pool.close()
            self._completed()
        if self._results is not None and self._store is not None and not self._stored:
            self._stored = True
            used = [key for name, key in self._keys.items() if name in self._results]
            self._store.finish(used, self._new)
            self._store.close()
            self._new = {}

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
