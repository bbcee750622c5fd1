"""`make bench-search`: Pagefind indexing time, index size, bytes one query downloads.

For each size (1,000 and 10,000 generated articles, bench/corpus.py, real
categories, no photos): the site is built once (the build itself is `make
bench`'s business), then the Pagefind call the build makes (plugins/site_search:
same binary, same arguments, same pruning) runs ``--runs`` more times on it:
median indexing time, and the size of pagefind/ on disk.
On the largest site, Chromium (Playwright, Debian's chromium as in the browser
tests) opens /tim-kiem/?q=<query> in a fresh profile for each query and sums the
bytes of every pagefind/ response: Pagefind's code (JS, worker, WebAssembly),
its metadata, the index chunks the query needs and the fragments of the first
10 results. "thu tuc" is in almost every generated article (the worst case: its
chunks hold every position of both words); "dat dai" goes through the folded
copies of the words with đ.
Everything lives in bench/work/search/ (git-ignored).

    python bench/search_bench.py [--sizes 1000,10000] [--runs 3] [--queries "thu tuc,dat dai"]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "search"
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "plugins")]
from corpus import generate, write_site  # noqa: E402
from site_search.indexer import (indexed_pages, locate_binary, pagefind_command,  # noqa: E402
                                 prune_bundle, run_pagefind)
from site_search.settings import SiteSearchSettings  # noqa: E402

SETTINGS = SiteSearchSettings()  # the defaults pelicanconf.py keeps


def build_site(n: int) -> Path:
    """bench/work/search/<n>/output: n generated articles, built as `make site` does."""
    folder = WORK / str(n)
    if folder.exists():
        shutil.rmtree(folder)
    content, output = folder / "content", folder / "output"
    write_site(generate(n, seed=0, category_mode="real"), content)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
                           "-o", str(output)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"dựng {n} bài thất bại:\n{done.stderr[-3000:]}")
    print(f"  {n} bài: dựng trang {time.perf_counter() - started:.1f} s")
    return output


def index_once(site: Path) -> tuple[float, int | None]:
    bundle = site / SETTINGS.bundle_dir
    shutil.rmtree(bundle, ignore_errors=True)
    command = pagefind_command(locate_binary(SETTINGS.binary), site, SETTINGS.bundle_dir, SETTINGS.language,
                               SETTINGS.exclude_selectors)
    started = time.perf_counter()
    log = run_pagefind(command, SETTINGS.timeout)
    prune_bundle(bundle)
    return time.perf_counter() - started, indexed_pages(log)


def disk_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith((".js", ".pagefind")):
        return "mã Pagefind (JS, worker, wasm)"
    if name.endswith((".json", ".pf_meta")):
        return "siêu dữ liệu (entry, pf_meta)"
    return {"pf_index": "khối chỉ mục từ", "pf_filter": "khối bộ lọc",
            "pf_fragment": "đoạn của từng kết quả"}.get(name.rsplit(".", 1)[-1], "khác")


def query_bytes(site: Path, query: str) -> dict[str, list[int]]:
    """Bytes of every pagefind/ response for one query, by kind, in a fresh Chromium profile."""
    import re

    from playwright.sync_api import expect, sync_playwright

    from tests.browser.support import launch, open_page, serve

    seen: dict[str, int] = {}
    with sync_playwright() as playwright, serve(site) as base:
        browser = launch(playwright)
        context = browser.new_context(locale="vi-VN")
        context.on("response", lambda r: seen.__setitem__(r.url, len(r.body())) if "/pagefind/" in r.url else None)
        page = context.new_page()
        page.goto(base + "tim-kiem/?q=" + quote_plus(query), wait_until="load")
        expect(page.locator(".search-status")).to_have_text(re.compile("Tìm thấy"), timeout=60000)
        page.wait_for_load_state("networkidle")
        count = page.locator(".search-result").count()
        status = page.locator(".search-status").inner_text()
        browser.close()
    by_kind: dict[str, list[int]] = defaultdict(list)
    for url, size in seen.items():
        by_kind[kind(urlsplit(url).path)].append(size)
    print(f"  «{status}» — {count} kết quả đầu hiện ra")
    return by_kind


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/search_bench.py", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="số bài, cách nhau dấu phẩy")
    parser.add_argument("--runs", type=int, default=3, help="số lần lập chỉ mục mỗi cỡ (lấy trung vị)")
    parser.add_argument("--queries", default="thu tuc,dat dai", help="các câu tìm để đo dung lượng tải, cách nhau dấu phẩy")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    version = subprocess.run([str(locate_binary(SETTINGS.binary)), "--version"], capture_output=True, text=True)
    print(f"{version.stdout.strip()} — lập chỉ mục {args.runs} lần mỗi cỡ, lấy trung vị")
    rows, largest = [], None
    for n in sizes:
        site = build_site(n)
        times, pages = [], None
        for _ in range(args.runs):
            seconds, pages = index_once(site)
            times.append(seconds)
        files, size = disk_size(site / SETTINGS.bundle_dir)
        rows.append((n, pages, statistics.median(times), times, files, size))
        largest = site
    print()
    print("| Số bài | Trang trong chỉ mục | Lập chỉ mục (trung vị) | Các lần | pagefind/ trên đĩa |")
    print("| --- | --- | --- | --- | --- |")
    for n, pages, median, times, files, size in rows:
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"| {n:,} | {pages:,} | {median:.2f} s | {runs} s | {size / 1e6:.1f} MB ({files:,} tệp) |")
    print()
    code = largest / SETTINGS.bundle_dir
    js_gz = sum(len(gzip.compress((code / f).read_bytes(), 9)) for f in ("pagefind.js", "pagefind-worker.js"))
    js_raw = sum((code / f).stat().st_size for f in ("pagefind.js", "pagefind-worker.js"))
    for query in args.queries.split(","):
        print()
        print(f"Một lần tìm «{query}» trên trang {sizes[-1]:,} bài (trình duyệt mới, chưa có bộ đệm):")
        by_kind = query_bytes(largest, query)
        total = 0
        for name in sorted(by_kind):
            total += sum(by_kind[name])
            print(f"  {name}: {len(by_kind[name])} tệp, {sum(by_kind[name]) / 1024:.1f} KB")
        print(f"  Tổng: {total / 1024:.1f} KB")
    print(f"(Các khối chỉ mục đã nén sẵn; máy chủ nén gzip thì JS {js_raw / 1024:.0f} KB chỉ còn {js_gz / 1024:.0f} KB.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
