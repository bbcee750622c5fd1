"""Build ranking documents from article fields. Pure (no Pelican imports)."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from .model import Document
from .text import plain_text


def period_index(period) -> int | None:
    """``Period(2021, 1)`` → 2021·4 + 0; quarters are then simple integers."""
    return None if period is None else period.year * 4 + period.quarter - 1


def make_document(*, slug: str, title: str, html: str, summary: str | None, tags: Iterable[str],
                  category: str | None, unit: str | None, period, date: datetime | None,
                  pinned: Iterable[str], published: bool) -> Document:
    text = plain_text(html)
    if summary:
        text = plain_text(summary) + "\n" + text
    return Document(
        id=slug, title=title, text=text, tags=tuple(tags), category=category, unit=unit,
        period=period_index(period), date=date.timestamp() if date else 0.0,
        pinned=tuple(pinned), eligible=published,
    )


def reading_documents(readings) -> list[Document] | None:
    """The documents the articles of these readings will give, from their
    front matter (``entry``), HTML and summary, before Pelican builds the
    articles; None when a reading failed (the build stops there anyway)."""
    documents = []
    for reading in readings:
        entry = getattr(reading, "entry", None)
        if entry is None:
            return None
        if entry.kind != "article":
            continue
        documents.append(make_document(
            slug=entry.slug, title=entry.title, html=reading.html, summary=reading.summary,
            tags=entry.tags, category=entry.category, unit=entry.unit, period=entry.period,
            date=entry.date, pinned=entry.related, published=entry.status == "published",
        ))
    return documents
