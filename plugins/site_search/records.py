"""What the search index knows of an article, and the filter choices. Pure.

The article template writes these values as data-pagefind-* attributes
(templates/partials/search_data.html); the search page lists the same
choices, so a filter never offers a value that no article has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from front_matter.period import Period

from .folding import FoldedText, fold_article


@dataclass(frozen=True)
class ArticleSearchData:
    category: str  # filter "chuyên mục"
    period: Period  # filters "năm" (its year) and "quý" (its label, "Quý 1 năm 2021")
    text: tuple[str, str, str | None] = field(compare=False, repr=False)  # title, body HTML, summary

    @cached_property
    def folded(self) -> FoldedText:
        """Folded when the article's page is first rendered: in the render
        workers, in parallel, not for every article in the main process
        before rendering."""
        return fold_article(*self.text)


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
