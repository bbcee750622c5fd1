"""Small file helpers every plugin's cache and staged-output pass shares. Pure.

- ``write_atomically``: a temporary name in the same folder, then a rename,
  so a killed build never leaves a half-written cache file behind.
- ``read_pickle`` / ``write_pickle``: a cache entry that is missing, damaged
  or written by another version reads as None (the caller recomputes).
- ``files_below``: the files of a tree with given endings (os.walk: far
  quicker than Path.rglob on the 20,000 files of a large site).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
               ImportError, IndexError)


def write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def read_pickle(path: Path) -> Any | None:
    try:
        return pickle.loads(path.read_bytes())
    except _UNREADABLE:
        return None


def write_pickle(path: Path, value: Any) -> None:
    write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def files_below(root: str | os.PathLike, endings: tuple[str, ...]) -> list[Path]:
    """Sorted paths of the files below ``root`` whose names end with one of ``endings``."""
    found = []
    for folder, _dirs, names in os.walk(root):
        found.extend(Path(folder, name) for name in names if name.endswith(endings))
    return sorted(found)
