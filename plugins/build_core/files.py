"""Small file helpers every plugin's cache and staged-output pass shares. Pure.

- ``write_atomically``: a temporary name in the same folder, then a rename,
  so a killed build never leaves a half-written cache file behind.
- ``read_pickle`` / ``write_pickle`` (``loads_or_none`` for bytes kept
  elsewhere, e.g. in SQLite): a cache entry that is missing, damaged
  or written by another version reads as None (the caller recomputes).
- ``files_below`` / ``relative_files_below``: the files of a tree with given
  endings, as os.walk lists them.
- ``files_digest``: the names and bytes of some files: the code a cache
  (readings, rankings) was made with.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Iterable

_UNREADABLE = (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError, IndexError)


def write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def files_digest(paths: Iterable[str | os.PathLike]) -> bytes:
    """A digest of the names and bytes of ``paths``, in name order (each
    once): it changes when a file is edited, added, removed or renamed."""
    h = hashlib.blake2b(digest_size=32)
    for path in sorted({os.fspath(p) for p in paths}):
        with open(path, "rb") as file:
            data = file.read()
        h.update(f"{len(path)}:{path}{len(data)}:".encode() + data)
    return h.digest()


def read_pickle(path: Path) -> Any | None:
    try:
        return loads_or_none(path.read_bytes())
    except OSError:
        return None


def loads_or_none(data: bytes) -> Any | None:
    """Unpickled ``data``, or None when it is damaged or from another version."""
    try:
        return pickle.loads(data)
    except _UNREADABLE:
        return None


def write_pickle(path: Path, value: Any) -> None:
    write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def relative_files_below(root: str | os.PathLike, endings: tuple[str, ...]) -> list[str]:
    """Sorted posix paths, relative to ``root``, of the files ``os.walk``
    lists below it whose names end with one of ``endings`` (a link to a
    folder is not entered, a folder that cannot be read is skipped)."""
    root = os.fspath(root)
    found = []
    for folder, _folders, names in os.walk(root):
        below = folder[len(root):].lstrip(os.sep)
        prefix = below.replace(os.sep, "/") + "/" if below else ""
        found.extend(prefix + name for name in names if name.endswith(endings))
    found.sort()
    return found


def files_below(root: str | os.PathLike, endings: tuple[str, ...]) -> list[Path]:
    """Paths of the files below ``root`` whose names end with one of ``endings``,
    sorted as :func:`relative_files_below` sorts them."""
    return [Path(root, name) for name in relative_files_below(root, endings)]
