"""What the search index knows of an article, and the filter choices. Pure.

The article template writes these values as data-pagefind-* attributes
(templates/partials/search_data.html); the search page lists the same
choices, so a filter never offers a value that no article has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from front_matter.period import Period

from .folding import FoldedText


@dataclass(frozen=True)
class ArticleSearchData:
    category: str  # filter "chuyên mục"
    period: Period  # filters "năm" (its year) and "quý" (its label, "Quý 1 năm 2021")
    folded: FoldedText


@dataclass(frozen=True)
class QuarterOption:
    year: int
    label: str


@dataclass(frozen=True)
class FilterOptions:
    categories: tuple[str, ...]
    years: tuple[int, ...]  # newest first
    quarters: tuple[QuarterOption, ...]  # newest first


def filter_options(records: Iterable[ArticleSearchData], category_order: Iterable[str] = ()) -> FilterOptions:
    records = list(records)
    present = {r.category for r in records}
    ordered = [c for c in dict.fromkeys(category_order) if c in present]
    ordered += sorted(present - set(ordered))
    periods = sorted({r.period for r in records}, reverse=True)
    return FilterOptions(
        categories=tuple(ordered),
        years=tuple(sorted({p.year for p in periods}, reverse=True)),
        quarters=tuple(QuarterOption(p.year, p.label) for p in periods),
    )
