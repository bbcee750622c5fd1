"""`make new TITLE="…" CATEGORY="…"`: scaffold a new article file.

Writes ``content/articles/<year>/<slug>.md`` with every front matter field
filled in or commented, today's date and reporting quarter (in the site's time zone),
and ``status: draft`` so nothing is published until the editor says so.
Never overwrites a file, and refuses a slug another article already uses.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings

from build_core.errors import display_path

from .parse import parse_document
from .period import Period
from .schema import suggest
from .settings import FrontMatterSettings
from .slugs import slugify

TEMPLATE = """---
title: {title}
date: {date}
author: {author}
category: {category}
tags: []                 # ví dụ: [dịch vụ công trực tuyến, một cửa]
# summary: Một hai câu tóm tắt; bỏ trống thì dùng đoạn đầu của bài.
period: {period}              # quý báo cáo; báo cáo quý 1 đăng vào tháng 4 vẫn là {year}-Q1
# unit: UBND xã Mỹ Ngãi
# image: ten-anh.jpg        # ảnh đại diện, đặt cạnh tệp này
# image_alt: Mô tả nội dung ảnh cho người dùng trình đọc màn hình
# image_caption: Chú thích hiện dưới ảnh
# Ảnh trong bài: một dòng riêng ![Mô tả nội dung ảnh](ten-anh.jpg "Chú thích dưới ảnh")
# slug: {slug}
# related: []              # slug các bài muốn đưa lên đầu "Có thể bạn quan tâm"
status: draft            # đổi thành published khi bài sẵn sàng đăng
---

Viết đoạn mở đầu ở đây: đoạn này là phần tóm tắt hiện ở trang chủ.

Các đoạn tiếp theo cách nhau một dòng trống.
"""


def _git_user() -> str:
    try:
        return subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              check=False).stdout.strip()
    except OSError:
        return ""


def _used_slugs(articles_root: Path) -> dict[str, Path]:
    used = {}
    for path in articles_root.rglob("*.md"):
        doc = parse_document(path.read_text(encoding="utf-8", errors="replace"), str(path))
        slug = doc.fields.get("slug") or slugify(str(doc.fields.get("title") or path.stem))
        used[str(slug)] = path
    return used


def _yaml_text(value: str) -> str:
    """Quote a value when YAML would misread it (": ", "#", leading symbols)."""
    if any(s in value for s in (": ", " #")) or value[:1] in "!&*[]{}|>'\"%@`#,?-":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def scaffold(settings_path: str, title: str, category: str, author: str = "",
             now: datetime | None = None) -> Path:
    settings = FrontMatterSettings.from_pelican(read_settings(settings_path))
    title = " ".join((title or "").split())
    if not title:
        raise ValueError('thiếu tiêu đề; dùng make new TITLE="Tiêu đề bài viết" CATEGORY="…"')
    categories = settings.schema.categories
    if category not in categories:
        guess = suggest(category, categories)
        hint = f'có phải ý bạn là "{guess}"?' if guess else "chọn một trong: " + " · ".join(categories)
        raise ValueError(f'chuyên mục "{category}" chưa được cấu hình; {hint}')
    slug = slugify(title)
    if not slug:
        raise ValueError("không tạo được slug từ tiêu đề; hãy dùng tiêu đề có chữ")
    now = now or datetime.now(ZoneInfo(settings.schema.timezone))
    articles_root = Path(settings.content_path) / settings.article_paths[0]
    target = articles_root / str(now.year) / f"{slug}.md"
    if target.exists():
        raise FileExistsError(f"{display_path(target)} đã có; không ghi đè. Đổi tiêu đề hoặc sửa tệp đó")
    other = _used_slugs(articles_root).get(slug)
    if other is not None:
        raise FileExistsError(f'slug "{slug}" đã dùng ở {display_path(other)}; đổi tiêu đề để khỏi trùng địa chỉ')
    author = author or _git_user()
    text = TEMPLATE.format(
        title=_yaml_text(title), date=now.strftime("%Y-%m-%d %H:%M"),
        author=_yaml_text(author) if author else '""             # bắt buộc: tên tác giả',
        category=_yaml_text(category), period=Period.of_date(now), year=now.year, slug=slug,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new", description="Tạo bài viết mới.")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--title", required=True)
    parser.add_argument("--category", required=True)
    parser.add_argument("--author", default="")
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.settings, args.title, args.category, args.author)
    except (ValueError, FileExistsError) as exc:
        print(f"Không tạo được bài: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo {display_path(path)}. Điền các trường, viết nội dung, rồi chạy make check.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
