"""What ranking reads and returns, and its settings. Pure and light: no numpy
or scipy, so `make check` (pins.py) never imports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


def text_read(text: str, max_words: int | None) -> str:
    """The part of a text the ranking can read: its first ``max_words`` words
    lie within it (a syllable is rarely longer than 7 letters), cut before
    the work."""
    return text[: 12 * max_words] if max_words else text


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    tags: tuple[str, ...] = ()
    category: str | None = None
    unit: str | None = None
    period: int | None = None  # year * 4 + quarter - 1
    date: float = 0.0  # POSIX timestamp
    pinned: tuple[str, ...] = ()
    eligible: bool = True  # published: may be suggested to others


@dataclass(frozen=True)
class Related:
    id: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class RankingConfig:
    k: int = 5
    title_weight: float = 3.0  # a title term counts as this many body occurrences
    text_weight: float = 1.0  # × TF-IDF similarity
    tag_weight: float = 0.1  # × Jaccard of tag sets
    category_weight: float = 0.03
    unit_weight: float = 0.03
    period_weight: float = 0.05  # × exp(-|Δquarters| / period_scale)
    period_scale: float = 2.0
    min_similarity: float = 0.05  # text similarity below this: not related
    max_terms_per_doc: int = 60  # each document keeps its strongest terms
    query_terms: int = 30  # candidates come from a document's strongest terms…
    postings_per_term: int = 150  # …and each term's strongest documents
    max_df: float = 0.5  # terms in more than this share of documents say nothing (N ≥ 100)
    max_tags: int = 8  # tags per document considered for the Jaccard bonus
    max_words: int = 200  # words of the text read (the lead carries the topic; speed)
    block_rows: int = 0  # 0: from N, so a block holds about 4M candidate pairs
    explain_terms: int = 3  # shared terms named in the reasons (0: none)
    explain: bool = True  # False: no reasons at all (the build does not show them)


PARALLEL_FROM = 4000  # documents; for fewer, forking workers costs more than it saves


def workers_for(documents: int, available: int) -> int:
    """How many of the ``available`` worker processes a ranking uses."""
    return available if documents >= PARALLEL_FROM else 1


def unknown_pins(documents: Sequence[Document]) -> list[tuple[str, str, str]]:
    """(document id, pinned slug, problem) for pins that cannot be shown;
    of each document only its ``id``, ``pinned`` and ``eligible`` are read."""
    by_id = {d.id: d for d in documents}
    problems = []
    for doc in documents:
        for slug in doc.pinned:
            target = by_id.get(slug)
            if target is None:
                problems.append((doc.id, slug, "missing"))
            elif slug == doc.id:
                problems.append((doc.id, slug, "self"))
            elif not target.eligible:
                problems.append((doc.id, slug, "unpublished"))
    return problems
