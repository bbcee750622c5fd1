"""Shared helpers for tests and `make golden`: build a site with the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
SITEURL = "https://example.gov.vn/cchc"  # the address publish builds are made for

# Set by tests/conftest.py for the test session: a build that names no cache
# folder gets its test worker's, never the developer's cache/ (a run does
# not depend on what earlier builds left there, and two workers never write
# one cache at once). Photos go to the worker's image cache unless a test
# names RESPONSIVE_IMAGES_CACHE_PATH itself, also when it names its own
# CACHE_PATH for the content or ranking caches: derivatives are named by
# their source's bytes and recipe, and a test about those caches need not
# encode every photo of content/ again. `make golden` uses the project's cache.
CACHE_ENV = "TESTS_CACHE_PATH"

# The test session's warm process (tests/forks.py), set by tests/conftest.py:
# builds and checks fork from it instead of starting Python afresh.
_forks = None


def use_forks(forks) -> None:
    global _forks
    _forks = forks


def run_module(module: str, args, cwd: Path, environment: dict, fresh: bool = False) -> subprocess.CompletedProcess:
    """``python -m module args`` (forked from the session's warm process
    unless ``fresh``), its output captured as text."""
    if _forks is not None and not fresh:
        return _forks.run(module, [str(a) for a in args], cwd, environment, timeout=300)
    return subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(PLUGINS), str(ROOT)])
    e.pop("COLUMNS", None)
    e["PYTHONHASHSEED"] = "random"  # the output must not depend on hash order
    return e


def with_settings(extra: tuple[str, ...] | list[str], **settings: str) -> list[str]:
    """The command-line arguments ``extra`` with ``settings`` (name → JSON
    text) added to their ``-e``/``--extra-settings`` list, each unless
    ``extra`` already sets it (Pelican keeps only the last ``-e`` list)."""
    args = list(extra)
    given = {arg.split("=", 1)[0] for arg in args if "=" in arg}
    added = [f"{name}={value}" for name, value in settings.items() if name not in given]
    if not added:
        return args
    flags = [i for i, arg in enumerate(args) if arg in ("-e", "--extra-settings")]
    if flags:
        return args[:flags[-1] + 1] + added + args[flags[-1] + 1:]
    return args + ["-e", *added]


def _session_cache(extra) -> list[str]:
    cache = os.environ.get(CACHE_ENV)
    if not cache:
        return list(extra)
    return with_settings(extra, CACHE_PATH=json.dumps(cache),
                         RESPONSIVE_IMAGES_CACHE_PATH=json.dumps(os.path.join(cache, "images")))


def build(content: Path, output: Path, *extra: str, cwd: Path = ROOT, settings: Path = SETTINGS,
          siteurl: str | None = None, fresh: bool = False) -> subprocess.CompletedProcess:
    """Run `pelican content -s pelicanconf.py -o output` as `make site` does
    (with ``settings=PUBLISH_SETTINGS`` and ``siteurl``: as `make publish`);
    ``fresh``: in a new Python, with its own hash seed (tests/forks.py)."""
    environment = env() if siteurl is None else {**env(), "SITEURL": siteurl}
    return run_module("pelican", [content, "-s", settings, "-o", output, *_session_cache(extra)], cwd, environment,
                      fresh=fresh)


def publish(content: Path, output: Path, *extra: str, siteurl: str = SITEURL, fresh: bool = False
            ) -> subprocess.CompletedProcess:
    """`SITEURL=… make publish` into ``output``."""
    return build(content, output, *extra, settings=PUBLISH_SETTINGS, siteurl=siteurl, fresh=fresh)


def build_with_stats(content: Path, output: Path, *extra: str, **options) -> tuple[subprocess.CompletedProcess, dict]:
    """:func:`build`, and the counts the build wrote to its BUILD_STATS_FILE
    (beside ``output``; empty when the build wrote none)."""
    stats = output.with_name(output.name + ".stats.json")
    stats.unlink(missing_ok=True)
    result = build(content, output, *with_settings(extra, BUILD_STATS_FILE=json.dumps(str(stats))), **options)
    return result, (json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {})


def check(*targets: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`make check` (``targets``: its arguments)."""
    return run_module("front_matter.check", ["-s", SETTINGS, *targets], cwd, env())


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
