"""Pinned related articles (``related:`` in front matter) that cannot be shown:
one located error each. Pure; shared by the build (plugin.py) and `make check`
(front_matter/check.py), so both report exactly the same lines."""

from __future__ import annotations

from typing import Iterable, Sequence

from build_core.errors import ContentError

from .documents import Pins
from .model import unknown_pins

PROBLEMS = {
    "missing": 'không có bài viết nào có slug "{slug}"; kiểm tra lại slug (xem địa chỉ /bai-viet/<slug>/ của bài)',
    "self": 'bài không thể tự gợi ý chính mình; xoá "{slug}" khỏi related',
    "unpublished": 'bài "{slug}" là bản nháp hoặc bài ẩn nên không thể gợi ý; xoá khỏi related hoặc đăng bài đó',
}


def pin_errors(articles: Iterable[tuple[str, str, Sequence[str], bool, int]]) -> list[ContentError]:
    """``articles``: (display path, slug, pinned slugs, published, line of
    ``related``) of every article of the site, drafts and hidden ones too."""
    articles = list(articles)
    by_slug = {slug: (path, line) for path, slug, _pinned, _published, line in articles}
    problems = unknown_pins([Pins(slug, tuple(pinned), published)
                             for _path, slug, pinned, published, _line in articles])
    return [ContentError(by_slug[doc_id][0], by_slug[doc_id][1], "related", PROBLEMS[kind].format(slug=slug))
            for doc_id, slug, kind in problems]


def entry_pins(pairs: Iterable[tuple[str, object]]) -> list[ContentError]:
    """:func:`pin_errors` of front_matter's (display path, Entry) pairs."""
    return pin_errors((path, e.slug, e.related, e.status == "published", e.lines.get("related", 1))
                      for path, e in pairs if e.kind == "article")
