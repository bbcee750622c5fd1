"""Run the Pagefind CLI on a built site. No Pelican imports.

The binary comes from the pinned ``pagefind-bin`` wheel (or SITE_SEARCH_BINARY);
nothing is downloaded. Every failure becomes a :class:`SearchIndexError` whose
message is one Vietnamese sentence saying what failed and how to fix it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

# Pagefind also writes its ready-made UIs; the site has its own small UI
# (theme/static/js/search.js), so these are removed from the output.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
REINSTALL_HINT = "cài lại các gói đã khoá: rm -f .venv/.installed && make site"


class SearchIndexError(Exception):
    """The search index could not be built; ``exitcode`` is Pelican's exit code."""

    exitcode = 1


def locate_binary(configured: str | None) -> Path:
    """The Pagefind executable: SITE_SEARCH_BINARY, else the one pagefind-bin ships."""
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise SearchIndexError(
                f"không tìm thấy chương trình Pagefind ở {path} (SITE_SEARCH_BINARY trong pelicanconf.py); "
                "sửa đường dẫn, hoặc xoá dòng đó để dùng bản đi kèm gói pagefind-bin")
        return path
    try:
        import pagefind_bin

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchIndexError(f"không tìm thấy chương trình Pagefind (gói pagefind-bin); {REINSTALL_HINT}") from None


def pagefind_command(binary: Path, site: Path, bundle: Path, language: str,
                     exclude_selectors: tuple[str, ...] = ()) -> list[str]:
    """The CLI call that indexes the pages under ``site`` into the folder ``bundle``."""
    command = [str(binary), "--site", str(site), "--output-path", str(bundle), "--force-language", language]
    if exclude_selectors:
        command += ["--exclude-selectors", ", ".join(exclude_selectors)]
    return command


_INDEXED = re.compile(r"Indexed (\d+) pages?")


def indexed_pages(log: str) -> int | None:
    """How many pages Pagefind says it indexed (None when it does not say)."""
    match = _INDEXED.search(log)
    return int(match[1]) if match else None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "không có thông báo"


def run_pagefind(command: list[str], timeout: float) -> str:
    """Run ``command``; its output on success, SearchIndexError otherwise."""
    env = dict(os.environ, NO_COLOR="1")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"Pagefind chạy quá {timeout:.0f} giây nên đã bị dừng; "
                               "tăng SITE_SEARCH_TIMEOUT trong pelicanconf.py") from None
    except OSError as error:
        raise SearchIndexError(f"không chạy được Pagefind {command[0]} ({error.strerror or error}); {REINSTALL_HINT}") from None
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind dừng với mã {done.returncode}: {_last_line(log)}")
    return log


def pagefind_version(binary: Path) -> str:
    """What ``pagefind --version`` says, e.g. "pagefind 1.5.2": part of every
    shard's digest, so another Pagefind re-indexes everything."""
    log = run_pagefind([str(binary), "--version"], timeout=60)
    return _last_line(log)


def build_shard(binary: Path, records: Sequence[tuple[str, str]], bundle: Path, language: str,
                exclude_selectors: tuple[str, ...], timeout: float, extra: dict[str, str] | None = None) -> int | None:
    """Index ``records`` ((path in the site, HTML) pairs) into the new folder
    ``bundle`` (with the ``extra`` files: name → text); how many pages
    Pagefind indexed. Written beside ``bundle`` and renamed at the end, so
    ``bundle`` is complete or absent."""
    for path, _html in records:  # written under a scratch folder: never outside it
        if not path or path.startswith("/") or ".." in path.split("/"):
            raise SearchIndexError(f"đường dẫn trang không hợp lệ cho chỉ mục tìm kiếm: {path!r}")
    work = bundle.with_name(bundle.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    source, out = work / "site", work / "bundle"
    try:
        for path, html in records:
            target = source / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        log = run_pagefind(pagefind_command(binary, source, out, language, exclude_selectors), timeout)
        prune_bundle(out)
        for name, text in (extra or {}).items():
            (out / name).write_text(text, encoding="utf-8")
        out.rename(bundle)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return indexed_pages(log)


def prune_bundle(bundle: Path) -> None:
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
