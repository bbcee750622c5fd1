"""The record of a build: what each page read, and the global fingerprint.

The record (:class:`Manifest`) belongs to the output tree it describes: the
build writes it for the folder it wrote into (device and inode of that
folder, which the atomic swap's renames keep), and the next build that
writes into that same folder (the recycled spare, two builds later, or a
non-atomic output) reads it and deletes it before it writes anything.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from build_core.files import files_digest, read_pickle, write_pickle

from .digests import Digests

VERSION = 1


def global_fingerprint(settings: dict, code_folders: Iterable[Path], shared: dict[int, str]) -> bytes:
    """Code, templates and settings every page depends on."""
    import jinja2
    import pelican

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{VERSION} {sys.version} {pelican.__version__} {jinja2.__version__}".encode())
    files: set[Path] = set()
    for folder in {Path(f).resolve() for f in code_folders}:
        # Every file but compiled code and documentation (a plugin's README.md
        # changes no page; editing one used to render every page again).
        files.update(p for p in folder.rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".md")
    # Every module loaded from outside the Python installation: the settings
    # file (its functions, e.g. ARTICLE_ORDER_BY's) and plugins from anywhere.
    installed = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", None)
        if source and source.endswith(".py") and not os.path.realpath(source).startswith(installed):
            files.add(Path(source).resolve())
    h.update(files_digest(files))
    digests = Digests({k: v for k, v in shared.items() if v != "settings"}, b"")  # the settings themselves, pickled
    for key, value in settings.items():
        dumped = digests._dump(value, "own")  # a setting holds no content
        # A value pickle refuses (e.g. functools.cmp_to_key's wrapper) is code,
        # which the files above cover.
        h.update(key.encode() + b"\0" + (dumped[0] if dumped is not None else type(value).__qualname__.encode()))
    return h.digest()


@dataclass(frozen=True)
class Entry:
    """What one page read when it was last rendered."""

    template: str
    siteurls: tuple  # localsiteurl of the page and of the shared context
    names: tuple[str, ...]  # the names it read from its context, sorted
    digest: bytes | None  # of their values, in that order (None: one has none)
    size: int = -1  # of the file written
    deep: bool = True  # its templates may follow references between contents: those are in the digest


@dataclass
class Manifest:
    fingerprint: bytes | None
    pages: dict[str, Entry]  # output file name → entry


def manifest_path(cache: Path, tree: str | os.PathLike) -> Path:
    stat = os.stat(tree)
    return cache / f"{stat.st_dev}-{stat.st_ino}.pickle"


def take_manifest(cache: Path, tree: str | os.PathLike) -> Manifest | None:
    """The record of the build that last wrote ``tree``, removed from the
    cache: from now on this build changes the tree."""
    try:
        path = manifest_path(cache, tree)
    except OSError:  # no such folder yet
        return None
    manifest = read_pickle(path)
    try:
        path.unlink(missing_ok=True)
    except OSError:  # a record that cannot be removed cannot be trusted later: not used
        return None
    if isinstance(manifest, tuple) and len(manifest) == 2 and manifest[0] == VERSION:
        return manifest[1]
    return None


def save_manifest(cache: Path, tree: str | os.PathLike, manifest: Manifest, keep: int = 4) -> None:
    path = manifest_path(cache, tree)
    write_pickle(path, (VERSION, manifest))
    # Records of trees since deleted: keep only the newest few.
    others = sorted((p for p in cache.glob("*.pickle") if p != path), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[keep - 1:]:
        old.unlink(missing_ok=True)
