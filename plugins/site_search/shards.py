"""The search index in shards that change rarely. Pure (no Pelican imports).

Each shard is a Pagefind bundle of its own (``pagefind/<key>/``) holding the
published articles of one year of publication (key ``2024``); a year with
more articles than ``max_pages`` is cut into its quarters (``2024-q3``), so a
shard, and Pagefind's memory while it indexes one, stays small whatever the
size of the site. The search page merges the shards in the browser
(Pagefind's ``mergeIndex``). Shards follow the publication date, so every
article of a newer shard is newer than every article of an older one: the
search page sorts by date shard by shard (each article carries its shard's
key as the hidden filter ``phan``).

A shard's *digest* covers exactly what Pagefind reads of it (each article's
URL and the indexed part of its page, cut out by :func:`record_of`) and how
it is read (the Pagefind version and options): a shard whose digest did not
change is reused byte for byte, never judged by timestamps.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape
from typing import Iterable, Mapping, Sequence

from .folding import html_text

# The article template writes these two comments around what is indexed
# (templates/article.html). Comments never come from an article: the
# Markdown sanitizer strips every comment of the body.
RECORD_START = "<!--chi-muc-tim-kiem-->"
RECORD_END = "<!--/chi-muc-tim-kiem-->"


class RecordError(Exception):
    """A staged article page without the search markers (a changed theme)."""


@dataclass(frozen=True)
class Entry:
    """One indexed article: its page inside the site and when it was published."""

    path: str  # e.g. "bai-viet/slug/index.html", "/" separated
    year: int
    quarter: int  # 1-4, of the publication date


@dataclass
class SearchRun:
    """The articles one build indexes, from stage "read" to stage "index"."""

    entries: list[Entry] = field(default_factory=list)
    shards: dict[str, list[str]] = field(default_factory=dict)  # plan(entries), once all are read


def plan(entries: Iterable[Entry], max_pages: int) -> dict[str, list[str]]:
    """Shard key → the page paths it holds (sorted); newest shard first."""
    by_year: dict[int, list[Entry]] = {}
    for entry in entries:
        by_year.setdefault(entry.year, []).append(entry)
    shards: dict[str, list[str]] = {}
    for year in sorted(by_year, reverse=True):
        entries_of_year = by_year[year]
        if len(entries_of_year) <= max_pages:
            shards[str(year)] = sorted(e.path for e in entries_of_year)
            continue
        for quarter in (4, 3, 2, 1):
            paths = sorted(e.path for e in entries_of_year if e.quarter == quarter)
            if paths:
                shards[f"{year}-q{quarter}"] = paths
    return shards


def record_of(page: str, path: str = "") -> str:
    """The part of an article page that Pagefind indexes, as a small HTML
    document of its own (Pagefind reads nothing else of the page)."""
    start = page.find(RECORD_START)
    end = page.find(RECORD_END, start + 1)
    if start < 0 or end < 0:
        raise RecordError(f"{path}: không thấy dấu {RECORD_START} … {RECORD_END} của phần được tìm kiếm "
                          "(theme/templates/article.html)")
    lang = _lang(page)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>'
            f"{page[start + len(RECORD_START):end]}</body></html>")


def _lang(page: str) -> str:
    head = page[:400]
    at = head.find('lang="')
    if at < 0:
        return "vi"
    return head[at + 6:head.find('"', at + 6)] or "vi"


def digest(key: str, records: Sequence[tuple[str, str]], recipe: Mapping[str, str]) -> str:
    """Hex digest of a shard: its key, every (path, record) in order, and the
    recipe (Pagefind's version and options)."""
    h = hashlib.sha256()
    for name in sorted(recipe):
        _feed(h, name, recipe[name])
    _feed(h, "shard", key)
    for path, record in records:
        _feed(h, path, record)
    return h.hexdigest()


def _feed(h, name: str, value: str) -> None:
    for part in (name, value):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)


# --- the words of the index ------------------------------------------------------
# search.js drops a searched word that no article holds (Pagefind would match
# a shorter prefix of it: "quantum" → "quan"). It compares words folded: lower
# case, no marks, đ → d, cut at every character that is not a letter or a digit.
# theme/static/js/search.js (fold, parts) folds the reader's words the same way.

VOCABULARY = "tu-vung.txt"  # in each shard's cache folder; merged into <bundle>/tu-vung.txt
_MARKS = re.compile(r"[\u0300-\u036f]")
_PARTS = re.compile(r"[^\W_]+")
_SUMMARY = re.compile(r'data-tom-tat="([^"]*)"')


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return _MARKS.sub("", text).replace("đ", "d")


def words_of(records: Iterable[str]) -> set[str]:
    """The folded words of some records: their text and their separate
    summaries (an attribute Pagefind indexes). Split first, then each
    distinct token folded once: a site has a few thousand of them."""
    tokens: set[str] = set()
    for record in records:
        tokens.update(html_text(record).lower().split())
        for summary in _SUMMARY.findall(record):
            tokens.update(unescape(summary).lower().split())
    words: set[str] = set()
    for token in tokens:
        words.update(_PARTS.findall(fold(token)))
    return words
