"""Deterministic gzip and brotli copies of a site's text files. Pure file logic.

Servers that serve pre-compressed files (nginx ``gzip_static``/``brotli_static``,
Apache MultiViews or rewrite rules, most object stores with the right
metadata) then send ``page.html.gz``/``.br`` instead of compressing on every
request. Same input, same bytes: gzip with mtime 0 and no file name, brotli at
a fixed quality. A copy that would not be smaller than the original is not written.
"""

from __future__ import annotations

import gzip
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable

import brotli

COMPRESSED_SUFFIXES = (".gz", ".br")


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    return brotli.compress(data, quality=11, mode=brotli.MODE_TEXT)


CODECS: tuple[tuple[str, Callable[[bytes], bytes]], ...] = ((".gz", gzip_bytes), (".br", brotli_bytes))


def candidates(root: Path, extensions: Iterable[str], min_size: int) -> list[Path]:
    """Text files below ``root`` larger than ``min_size`` bytes, in a stable order."""
    wanted = tuple(e.lower() for e in extensions)
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in wanted and p.suffix.lower() not in COMPRESSED_SUFFIXES
        and p.stat().st_size > min_size
    )


def compress_file(path: Path) -> list[Path]:
    """Write ``path.gz`` and ``path.br`` when smaller than ``path``; returns them."""
    data = path.read_bytes()
    written = []
    for suffix, codec in CODECS:
        packed = codec(data)
        if len(packed) < len(data):
            target = path.with_name(path.name + suffix)
            target.write_bytes(packed)
            written.append(target)
    return written


def precompress(root: Path, extensions: Iterable[str], min_size: int, workers: int = 1) -> list[Path]:
    """Compress every candidate on ``workers`` threads; returns the files
    written, sorted.

    Threads: zlib and brotli release the GIL while compressing, and each file
    is independent, so the result does not depend on scheduling.
    """
    files = candidates(root, extensions, min_size)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return sorted(p for written in pool.map(compress_file, files) for p in written)
