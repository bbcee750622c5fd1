"""`make related-report`: why each article gets its "Có thể bạn quan tâm" list.

    python -m related_articles.report -s pelicanconf.py [--slug SLUG] [--output FILE]

Reads content/ like `make check` (no build), ranks, and writes a Markdown
report: for each article, the list in order with scores and the shared terms,
tags, unit or category that explain each pick.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from pelican.settings import read_settings

from build_core.errors import write_errors
from front_matter.files import content_files
from front_matter.document import DocumentReader
from front_matter.settings import FrontMatterSettings

from .documents import documents_of, reading_inputs
from .ranking import rank
from .settings import ranking_config


def collect(settings_path: str):
    pelican_settings = read_settings(settings_path)
    settings = FrontMatterSettings.from_pelican(pelican_settings)
    reader = DocumentReader(settings)
    readings, errors = [], []
    for path in content_files(settings, pages=False):
        result = reader.read(path)
        errors.extend(result.errors)
        if result.entry is not None:
            readings.append(result)
    inputs = reading_inputs(readings)
    titles = {i.slug: i.title for i in inputs}
    return documents_of(inputs), titles, errors, replace(ranking_config(pelican_settings), explain=True)


def render(documents, titles, results, only: str | None = None) -> str:
    lines = ["# Có thể bạn quan tâm: báo cáo xếp hạng", ""]
    for doc in sorted(documents, key=lambda d: (-d.date, d.id)):
        if only and doc.id != only:
            continue
        lines.append(f"## {doc.title}")
        lines.append(f"`{doc.id}`" + ("" if doc.eligible else " (bản nháp/ẩn: không được gợi ý cho bài khác)"))
        lines.append("")
        for number, item in enumerate(results[doc.id], 1):
            why = "; ".join(item.reasons) or "—"
            lines.append(f"{number}. {titles[item.id]} (`{item.id}`) — điểm {item.score:.3f} — {why}")
        if not results[doc.id]:
            lines.append("(không có bài nào để gợi ý)")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make related-report", description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--slug", help="chỉ báo cáo bài có slug này")
    parser.add_argument("--output", help="ghi vào tệp (mặc định: màn hình)")
    args = parser.parse_args(argv)
    documents, titles, errors, config = collect(args.settings)
    if errors:
        write_errors(errors)
        print("Sửa các lỗi nội dung trên trước (make check).", file=sys.stderr)
        return 1
    if args.slug and args.slug not in titles:
        print(f'Không có bài viết nào có slug "{args.slug}".', file=sys.stderr)
        return 1
    text = render(documents, titles, rank(documents, config), args.slug)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"Đã ghi {args.output}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
