"""What a reader's browser downloads to search a built site, and the index on disk.

In Chromium (Playwright, Debian's chromium as in the browser tests), a fresh
profile opens /tim-kiem/?q=<first query> and waits for the results; then the
reader types a second query in the same page. For each query, the bytes of
every response under pagefind/ (Pagefind's code, metadata of every shard,
the word list, index chunks, fragments of the first results) by kind, as a
server that compresses text sends them (JS, JSON and the word list counted
gzip-compressed; Pagefind's own files are compressed already).
`make bench` prints this for its largest site; alone:

    python bench/search_bench.py OUTPUT [--queries "thu tuc,dat dai"]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def disk_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith((".js", ".pagefind")):
        return "mã Pagefind (JS, worker, wasm)"
    if name.endswith((".json", ".pf_meta")):
        return "siêu dữ liệu (entry, pf_meta)"
    if name == "tu-vung.txt":
        return "danh sách từ"
    return {"pf_index": "khối chỉ mục từ", "pf_filter": "khối bộ lọc",
            "pf_fragment": "đoạn của từng kết quả"}.get(name.rsplit(".", 1)[-1], "khác")


def query_bytes(site: Path, queries: list[str]) -> list[tuple[str, str, dict[str, list[int]]]]:
    """For each query in turn, in one page: (query, status line, bytes by kind)."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.support import launch, serve

    out = []
    with sync_playwright() as playwright, serve(site) as base:
        browser = launch(playwright)
        context = browser.new_context(locale="vi-VN")
        seen: dict[str, int] = {}

        def record(response) -> None:
            if "/pagefind/" not in response.url:
                return
            body = response.body()
            # What a server that compresses text (precompress: .gz/.br beside each
            # file) sends: JS and the word list shrink; Pagefind's index files
            # and its WebAssembly are gzip already.
            text = urlsplit(response.url).path.endswith((".js", ".txt", ".json"))
            seen[response.url] = len(gzip.compress(body, 9)) if text else len(body)

        context.on("response", record)
        page = context.new_page()
        for i, query in enumerate(queries):
            seen.clear()
            if i == 0:
                page.goto(base + "tim-kiem/?q=" + quote_plus(query), wait_until="load")
            else:
                page.fill("#q", query)
                page.press("#q", "Enter")
            expect(page.locator(".search-status")).to_have_text(re.compile(f"“{re.escape(query)}”"), timeout=60000)
            page.wait_for_load_state("networkidle")
            status = page.locator(".search-status").inner_text()
            by_kind: dict[str, list[int]] = defaultdict(list)
            for url, size in seen.items():
                by_kind[kind(urlsplit(url).path)].append(size)
            out.append((query, status, dict(by_kind)))
        browser.close()
    return out


def report(site: Path, queries: list[str]) -> None:
    files, size = disk_size(site / "pagefind")
    shards = [p.name for p in sorted((site / "pagefind").iterdir()) if p.is_dir()]
    print(f"  pagefind/ trên đĩa: {size / 1e6:.1f} MB, {files:,} tệp, {len(shards)} phần ({', '.join(shards)})")
    for n, (query, status, by_kind) in enumerate(query_bytes(site, queries), start=1):
        total = sum(sum(sizes) for sizes in by_kind.values())
        parts = ", ".join(f"{name} {sum(sizes) / 1024:.1f} KB ({len(sizes)} tệp)" for name, sizes in sorted(by_kind.items()))
        print(f"  lần tìm {n} «{query}»: tải {total / 1024:.1f} KB — {parts}")
        print(f"      «{status}»")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/search_bench.py", description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="thư mục output đã dựng")
    parser.add_argument("--queries", default="thu tuc,dat dai", help="các câu tìm, lần lượt trong một trang")
    args = parser.parse_args(argv)
    report(args.site, args.queries.split(","))
    return 0


if __name__ == "__main__":
    sys.exit(main())
