"""Checks across files: unique slugs, one spelling per tag/author/unit slug.

Pure module (no Pelican imports); input is (display path, Entry) pairs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from build_core.errors import ContentError

from .schema import Entry
from .slugs import slugify


def duplicate_slugs(entries: Iterable[tuple[str, Entry]], reserved: Iterable[str] = ()) -> list[ContentError]:
    """Two articles (or two pages) with one slug would overwrite each other's page."""
    errors: list[ContentError] = []
    seen: dict[tuple[str, str], tuple[str, Entry]] = {}
    reserved = set(reserved)
    for path, entry in sorted(entries, key=lambda pair: pair[0]):
        line = entry.lines.get("slug", entry.lines.get("title", 1))
        field = "slug" if "slug" in entry.lines else "title"
        if entry.kind == "page" and entry.slug in reserved:
            errors.append(ContentError(path, line, field, f'slug "{entry.slug}" trùng với một mục của trang; '
                                       f'thêm dòng "slug: {entry.slug}-1" hoặc đổi tiêu đề'))
        key = (entry.kind, entry.slug)
        if key in seen:
            first_path, first = seen[key]
            for here, other, entry_here in ((path, first_path, entry), (first_path, path, first)):
                f = "slug" if "slug" in entry_here.lines else "title"
                errors.append(ContentError(
                    here, entry_here.lines.get(f, 1), f,
                    f'slug "{entry.slug}" trùng với {other}; đổi tiêu đề hoặc thêm dòng "slug: …" khác nhau',
                ))
        else:
            seen[key] = (path, entry)
    return errors


def spelling_conflicts(entries: Iterable[tuple[str, Entry]], field: str) -> list[ContentError]:
    """Names that fold to one slug must be spelled one way ("bàn" vs "bạn" is an error).

    Otherwise two spellings would silently share one page (``/the/ban/``).
    """
    spellings: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for path, entry in sorted(entries, key=lambda pair: pair[0]):
        value = getattr(entry, field)
        names = value if isinstance(value, tuple) else ((value,) if value else ())
        for name in names:
            spellings[slugify(name)].setdefault(name, (path, entry.lines.get(field, 1)))
    errors = []
    for slug, variants in sorted(spellings.items()):
        if len(variants) < 2:
            continue
        listed = ", ".join(f'"{name}" ({path}:{line})' for name, (path, line) in sorted(variants.items()))
        for name, (path, line) in sorted(variants.items(), key=lambda item: item[1]):
            errors.append(ContentError(
                path, line, field,
                f'"{name}" và cách viết khác cùng thành địa chỉ "{slug}": {listed}; thống nhất một cách viết',
            ))
    return errors


def check_all(entries: list[tuple[str, Entry]], reserved: Iterable[str] = ()) -> list[ContentError]:
    errors = duplicate_slugs(entries, reserved)
    for field in ("tags", "author", "unit"):
        errors.extend(spelling_conflicts(entries, field))
    return errors
