"""Build ranking documents from article fields. Pure (no Pelican imports).

A document is made from an article's *inputs* (:class:`Inputs`), taken from
a built article (:func:`article_inputs`, the build) or from the reading it
came from (:func:`reading_inputs`, `make related-report`, which reads the
content without building it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, NamedTuple, Sequence

from .model import Document
from .text import plain_text


class Inputs(NamedTuple):
    """Everything a document is made of, as the article holds it."""

    slug: str
    title: str
    html: str
    summary: str | None
    tags: tuple[str, ...]
    category: str | None
    unit: str | None
    period: object
    date: datetime | None
    pinned: tuple[str, ...]
    published: bool


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


def documents_of(inputs: Sequence[Inputs]) -> list[Document]:
    return [make_document(**i._asdict()) for i in inputs]


class Pins(NamedTuple):
    """What checking pins reads of a document (``model.unknown_pins``)."""

    id: str
    pinned: tuple[str, ...]
    eligible: bool


def pin_documents(inputs: Sequence[Inputs]) -> list[Pins]:
    """What checking pins reads (ids, pins, published), without the text:
    tuples, not frozen dataclasses (a Python call per field to make)."""
    return [Pins(i.slug, i.pinned, i.published) for i in inputs]


def article_inputs(article) -> Inputs:
    category = getattr(article, "category", None)
    return Inputs(
        slug=article.slug, title=article.title, html=article._content or "",
        summary=article.metadata.get("summary"), tags=tuple(t.name for t in getattr(article, "tags", None) or ()),
        category=category.name if category else None, unit=getattr(article, "unit", None),
        period=getattr(article, "period", None), date=getattr(article, "date", None),
        pinned=tuple(getattr(article, "related", None) or ()), published=article.status == "published",
    )


def reading_inputs(readings) -> list[Inputs] | None:
    """The inputs of the articles these readings will give, from their front
    matter (``entry``), HTML and summary, before Pelican builds the articles;
    None when a reading failed (the build stops there anyway)."""
    found = []
    for reading in readings:
        entry = getattr(reading, "entry", None)
        if entry is None:
            return None
        if entry.kind != "article":
            continue
        found.append(Inputs(
            slug=entry.slug, title=entry.title, html=reading.html or "", summary=reading.summary,
            tags=tuple(entry.tags), category=entry.category, unit=entry.unit, period=entry.period,
            date=entry.date, pinned=tuple(entry.related or ()), published=entry.status == "published",
        ))
    return found
