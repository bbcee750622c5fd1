"""Validate front matter against the content model of DESIGN.md.

Pure module (no Pelican imports): takes a :class:`RawDocument`, returns an
:class:`Entry` of clean, typed values and the list of errors, each naming the
file, the line and the field, with the fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Callable
from zoneinfo import ZoneInfo

from build_core.errors import ContentError
from build_core.settings import DEFAULT_TIMEZONE

from .parse import RawDocument
from .period import Period
from .slugs import SLUG_RE, slugify

ARTICLE = "article"
PAGE = "page"
STATUSES = ("published", "draft", "hidden")

# field → (required for articles, required for pages); order is the scaffold's.
ARTICLE_FIELDS = (
    "title", "date", "author", "category", "tags", "summary", "image", "image_alt",
    "image_caption", "period", "unit", "slug", "related", "status",
)
PAGE_FIELDS = ("title", "summary", "image", "image_alt", "image_caption", "slug", "status")
REQUIRED = {ARTICLE: ("title", "date", "author", "category"), PAGE: ("title",)}
EXAMPLES = {
    "title": "title: Kết quả công tác cải cách hành chính Quý 1 năm 2021",
    "date": "date: 2021-04-12 08:00",
    "author": "author: Mi Lê",
    "category": "category: Cải cách thủ tục hành chính",
}
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
# The same shapes with every field at full width (strptime also takes 2021-4-8 8:00).
_STRICT_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?", re.ASCII)
# Dates and quarters a bulletin can have: before 1945 there was no such
# administration (and Asia/Ho_Chi_Minh had a local mean time offset of
# +07:06:30 before 1906, no valid RFC 3339 offset); the far future is a typo.
FIRST_YEAR, LAST_YEAR = 1945, 2100
# Longest value of each text field, in characters: far above real bulletins
# (titles run to about 150), low enough that no value breaks a page, a file
# name (a slug is a folder name: 255 bytes at most) or the build's memory.
MAX_CHARS = {"title": 300, "author": 120, "category": 200, "summary": 2_000, "image": 500,
             "image_alt": 500, "image_caption": 1_000, "unit": 200, "slug": 200, "tag": 100}
MAX_ITEMS = {"tags": 30, "related": 20}
_PLAIN_NAME = re.compile(r"[^\s:]{1,40}")  # what can stand as the field of an error line


@dataclass(frozen=True)
class SchemaConfig:
    categories: tuple[str, ...]
    timezone: str = DEFAULT_TIMEZONE


@dataclass(frozen=True)
class Entry:
    """Validated front matter; every text NFC (the parser normalised the file)."""

    kind: str
    title: str
    slug: str
    status: str = "published"
    date: datetime | None = None
    author: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    image: str | None = None
    image_alt: str | None = None
    image_caption: str | None = None
    period: Period | None = None
    unit: str | None = None
    related: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)


def _shown(value: Any, limit: int = 40) -> str:
    """A wrong value as an error message quotes it: text cut at ``limit``
    characters (a pasted paragraph must not fill the line), else its kind."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + "…"
    return _kind_name(value)


def _kind_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"giá trị đúng/sai ({str(value).lower()})"
    if isinstance(value, (int, float)):
        shown = repr(value)
        return f"số {shown}" if len(shown) <= 40 else "một số"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm trường"
    if value is None:
        return "giá trị rỗng"
    return type(value).__name__


class _Checker:
    """Accumulates errors for one document while converting its fields."""

    def __init__(self, doc: RawDocument, kind: str, config: SchemaConfig):
        self.doc, self.kind, self.config = doc, kind, config
        self.errors: list[ContentError] = list(doc.errors)

    def line(self, name: str) -> int:
        return self.doc.key_lines.get(name, 1)

    def fail(self, name: str, message: str) -> None:
        self.errors.append(ContentError(self.doc.path, self.line(name), name, message))

    def fail_unknown(self, key: str, message: str) -> None:
        """An unknown field, named as the field of the error line when it
        reads as one; else (a colon, a space, empty, long) quoted in the
        message, so that the line keeps its ``path:line: field: message`` shape."""
        if _PLAIN_NAME.fullmatch(key):
            self.fail(key, message)
            return
        shown = " ".join(key.split())
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        self.errors.append(ContentError(self.doc.path, self.line(key), "front matter", f'"{shown}": {message}'))

    def text(self, name: str, *, required: bool = False) -> str | None:
        if name not in self.doc.fields:
            if required:
                example = EXAMPLES.get(name, f"{name}: …")
                self.fail(name, f'thiếu trường bắt buộc; thêm một dòng như "{example}"')
            return None
        value = self.doc.fields[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            self.fail(name, "không được để trống; điền giá trị hoặc xoá dòng này" if not required
                      else "không được để trống")
            return None
        if not isinstance(value, str):
            hint = f': "{value}"' if isinstance(value, (int, float)) and len(repr(value)) <= 40 else ""
            self.fail(name, f"phải là chữ, không phải {_kind_name(value)}; đặt giá trị trong ngoặc kép{hint}")
            return None
        clean = " ".join(value.split()) if name != "summary" else value.strip()
        return clean if self.short_enough(name, clean) else None

    def short_enough(self, name: str, value: str, limit_name: str | None = None) -> bool:
        limit = MAX_CHARS[limit_name or name]
        if len(value) <= limit:
            return True
        what = f'"{value[:40]}…"' if limit_name else "giá trị"
        self.fail(name, f"{what} dài {len(value)} ký tự, quá giới hạn {limit}; hãy viết ngắn lại")
        return False

    def text_list(self, name: str) -> tuple[str, ...]:
        if name not in self.doc.fields or self.doc.fields[name] is None:
            return ()
        value = self.doc.fields[name]
        if not isinstance(value, list):
            self.fail(name, f"phải là một danh sách, ví dụ {name}: [dịch vụ công trực tuyến, một cửa]")
            return ()
        if len(value) > MAX_ITEMS[name]:
            self.fail(name, f"có {len(value)} phần tử, quá giới hạn {MAX_ITEMS[name]}; chỉ giữ những mục chính")
            return ()
        items: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(name, f"mỗi phần tử phải là chữ, không phải {_kind_name(item)}; "
                          "đặt phần tử trong ngoặc kép")
                continue
            clean = " ".join(item.split())
            if name == "tags" and not self.short_enough(name, clean, "tag"):
                continue
            if clean not in items:
                items.append(clean)
        return tuple(items)


def _parse_date(value: Any, tz: ZoneInfo) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(), tz)
    if not isinstance(value, str):
        return None
    text = value.strip()
    strict = _STRICT_DATE.fullmatch(text)
    if strict:  # the usual shapes, without strptime's slow failed tries
        try:
            return datetime(*(int(part) for part in strict.groups() if part is not None), tzinfo=tz)
        except ValueError:
            pass  # e.g. 2021-02-30: strptime below says the same
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    try:  # an explicit offset, e.g. 2021-04-12T08:00:00+07:00
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        return parsed  # refused by the caller, before any conversion can overflow
    return parsed.astimezone(tz) if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _year_range_error(year: int) -> str | None:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}; kiểm tra lại năm"


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def validate(doc: RawDocument, kind: str, config: SchemaConfig) -> tuple[Entry | None, list[ContentError]]:
    """Check every field of ``doc``; return the entry (None if any error) and all errors."""
    if doc.errors and not doc.fields:
        return None, list(doc.errors)
    c = _Checker(doc, kind, config)
    allowed = ARTICLE_FIELDS if kind == ARTICLE else PAGE_FIELDS
    required = REQUIRED[kind]

    for key in doc.fields:
        if key not in allowed:
            guess = suggest(key.lower(), allowed)
            hint = f'có phải ý bạn là "{guess}"?' if guess else "các trường dùng được: " + ", ".join(allowed)
            c.fail_unknown(key, f"trường không được hỗ trợ; {hint}")

    title = c.text("title", required=True)
    values: dict[str, Any] = {"title": title}
    for name in ("author", "summary", "image", "image_alt", "image_caption", "unit"):
        if name in allowed:
            values[name] = c.text(name, required=name in required)

    tz = ZoneInfo(config.timezone)
    when = None
    if "date" in allowed and ("date" in doc.fields or "date" in required):
        raw = doc.fields.get("date")
        if "date" not in doc.fields:
            c.text("date", required=True)
        else:
            when = _parse_date(raw, tz)
            if when is None:
                shown = _shown(raw)
                c.fail("date", f'"{shown}" không phải ngày hợp lệ; hãy viết 2021-03-31 hoặc 2021-03-31 08:00')
            elif (problem := _year_range_error(when.year)) is not None:
                c.fail("date", problem)
                when = None
    values["date"] = when

    category = c.text("category", required="category" in required) if "category" in allowed else None
    if category is not None and category not in config.categories:
        guess = suggest(category, config.categories)
        hint = f'có phải ý bạn là "{guess}"?' if guess else "chọn một trong: " + " · ".join(config.categories)
        c.fail("category", f'"{category}" không phải chuyên mục đã cấu hình; {hint}')
        category = None
    values["category"] = category

    if "tags" in allowed:
        values["tags"] = c.text_list("tags")
    if "related" in allowed:
        related = c.text_list("related")
        for item in related:
            if not SLUG_RE.match(item):
                c.fail("related", f'"{item}" không phải slug bài viết; hãy viết dạng {slugify(item) or "ten-bai-viet"}')
        values["related"] = related

    period = None
    if "period" in doc.fields and "period" in allowed:
        raw = doc.fields["period"]
        period = Period.parse(raw) if isinstance(raw, str) else None
        if period is None:
            shown = _shown(raw)
            c.fail("period", f'"{shown}" không phải quý hợp lệ; hãy viết dạng 2021-Q1 (quý 1 đến quý 4)')
        elif (problem := _year_range_error(period.year)) is not None:
            c.fail("period", problem)
            period = None
    elif when is not None and "period" in allowed:
        period = Period.of_date(when)
    values["period"] = period

    status = "published"
    if "status" in doc.fields:
        raw = doc.fields["status"]
        if not isinstance(raw, str) or raw not in STATUSES:
            raw = _shown(raw)
            c.fail("status", f'"{raw}" không hợp lệ; dùng published (đăng), draft (bản nháp) hoặc hidden (ẩn)')
        else:
            status = raw

    slug = slugify(title) if title else ""
    if "slug" in doc.fields:
        raw = doc.fields["slug"]
        if not isinstance(raw, str) or not SLUG_RE.match(raw):
            suggestion = slugify(str(raw))[:MAX_CHARS["slug"]].strip("-") if raw is not None else slug
            shown = _shown(raw, 60)
            c.fail("slug", f'"{shown}" không hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch ngang, '
                   f"ví dụ {suggestion or 'ten-bai-viet'}")
        elif c.short_enough("slug", raw):
            slug = raw
    elif title and not slug:
        c.fail("title", 'không tạo được slug từ tiêu đề; thêm dòng "slug: ten-bai-viet"')
    elif len(slug) > MAX_CHARS["slug"]:
        short = slug[:MAX_CHARS["slug"]].rsplit("-", 1)[0]
        c.fail("title", f"tiêu đề dài nên địa chỉ bài dài {len(slug)} ký tự, quá giới hạn {MAX_CHARS['slug']}; "
               f'thêm dòng "slug: {short[:60]}…" với địa chỉ ngắn hơn')

    if values.get("image") and not values.get("image_alt") and "image_alt" not in doc.fields:
        c.fail("image", "thiếu image_alt; thêm dòng image_alt mô tả nội dung ảnh cho người dùng trình đọc màn hình")
    for name in ("image_alt", "image_caption"):
        if name in doc.fields and "image" not in doc.fields:
            c.fail(name, "chỉ dùng khi có ảnh đại diện; thêm dòng image: ten-anh.jpg hoặc xoá dòng này")

    if c.errors:
        return None, c.errors
    lines = dict(doc.key_lines)
    return Entry(kind=kind, slug=slug, status=status, lines=lines, **values), []
