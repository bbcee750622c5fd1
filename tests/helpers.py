"""Shared helpers for tests and `make golden`: build a site with the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
SETTINGS = ROOT / "pelicanconf.py"


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(PLUGINS), str(ROOT)])
    e.pop("COLUMNS", None)
    e["PYTHONHASHSEED"] = "random"  # the output must not depend on hash order
    return e


def build(content: Path, output: Path, *extra: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `pelican content -s pelicanconf.py -o output` as `make site` does."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS), "-o", str(output), *extra],
        cwd=cwd, env=env(), capture_output=True, text=True, timeout=300,
    )


def check(*targets: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "front_matter.check", "-s", str(SETTINGS), *targets],
        cwd=cwd, env=env(), capture_output=True, text=True, timeout=300,
    )


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path → text or bytes) under ``root``."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


# Pagefind 1.5.2 writes filter chunks in hash-map order, so part of the search
# index differs between two builds of the same site: byte-identical build
# tests skip it (tests/test_site_search.py compares the index itself).
SEARCH_INDEX = ("pagefind/",)


def tree(root: Path, exclude: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes, keyed by posix relative path
    (without those whose path starts with one of ``exclude``)."""
    files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}
    return {name: p.read_bytes() for name, p in files.items() if not name.startswith(exclude)}


def article(title: str = "Bài thử", *, date: str = "2021-04-08 10:00", category: str = "Cải cách thể chế",
            extra: str = "", body: str = "Đoạn mở đầu.\n\nĐoạn thứ hai.") -> str:
    return (f"---\ntitle: {title}\ndate: {date}\nauthor: Mi Lê\ncategory: {category}\n{extra}---\n\n{body}\n")
