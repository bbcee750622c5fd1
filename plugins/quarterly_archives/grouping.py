"""Group articles by reporting period: years → quarters → articles.

Pure module (no Pelican imports). An article belongs to the quarter of its
``period`` (the quarter it reports on), not of its publication date: a Q1
report published in April is listed under Q1.

Order is deterministic: years newest first, quarters of a year in calendar
order (Quý 1 → Quý 4), articles newest first (ties broken by slug).
Only quarters that have articles exist; "previous"/"next" skip empty ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import Any, Iterable, NamedTuple, Protocol

from .settings import QuarterlyArchivesSettings

PUBLISHED = "published"


class Quarterly(Protocol):
    """What a period needs to offer (front_matter's ``Period`` does)."""

    year: int
    quarter: int


class ArchiveEntry(NamedTuple):
    """One article as the grouping sees it; ``item`` is passed through untouched."""

    period: Quarterly
    date: Date
    slug: str
    item: Any
    status: str = PUBLISHED


@dataclass(frozen=True)
class QuarterGroup:
    period: Quarterly
    items: tuple  # newest first
    url: str
    save_as: str

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def quarter(self) -> int:
        return self.period.quarter

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class YearGroup:
    year: int
    quarters: tuple[QuarterGroup, ...]  # Quý 1 → Quý 4, non-empty only
    url: str
    save_as: str

    @property
    def count(self) -> int:
        return sum(q.count for q in self.quarters)


@dataclass(frozen=True)
class Archive:
    years: tuple[YearGroup, ...]  # newest first
    url: str
    save_as: str

    @property
    def quarters(self) -> tuple[QuarterGroup, ...]:
        """Every non-empty quarter in chronological order (oldest first)."""
        return tuple(q for y in reversed(self.years) for q in y.quarters)

    @property
    def count(self) -> int:
        return sum(y.count for y in self.years)

    def neighbours(self, group: QuarterGroup) -> tuple[QuarterGroup | None, QuarterGroup | None]:
        """(previous, next): the nearest older and newer quarters that have articles."""
        ordered = self.quarters
        index = next(i for i, q in enumerate(ordered) if q is group)
        previous = ordered[index - 1] if index > 0 else None
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        return previous, following

    def quarter_of(self, year: int, quarter: int) -> QuarterGroup | None:
        for group in self.quarters:
            if (group.year, group.quarter) == (year, quarter):
                return group
        return None


class _Key(NamedTuple):
    year: int
    quarter: int


def _key(entry: ArchiveEntry) -> _Key:
    return _Key(int(entry.period.year), int(entry.period.quarter))


def newest_first(entries: Iterable[ArchiveEntry]) -> list[ArchiveEntry]:
    """Newest date first; equal dates by slug, so the order never depends on input order."""
    by_slug = sorted(entries, key=lambda e: e.slug)
    return sorted(by_slug, key=lambda e: e.date, reverse=True)  # stable: keeps slug order


def group_by_period(entries: Iterable[ArchiveEntry],
                    settings: QuarterlyArchivesSettings = QuarterlyArchivesSettings()) -> Archive:
    """The archive of the published ``entries`` (drafts and hidden ones are left out)."""
    buckets: dict[_Key, list[ArchiveEntry]] = {}
    periods: dict[_Key, Quarterly] = {}
    for entry in entries:
        if entry.status != PUBLISHED:
            continue
        key = _key(entry)
        buckets.setdefault(key, []).append(entry)
        periods.setdefault(key, entry.period)

    years = []
    for year in sorted({key.year for key in buckets}, reverse=True):
        quarters = []
        for key in sorted(k for k in buckets if k.year == year):
            url, save_as = settings.quarter(key.year, key.quarter)
            items = tuple(e.item for e in newest_first(buckets[key]))
            quarters.append(QuarterGroup(periods[key], items, url, save_as))
        url, save_as = settings.year(year)
        years.append(YearGroup(year, tuple(quarters), url, save_as))
    return Archive(tuple(years), settings.index_url, settings.index_save_as)
