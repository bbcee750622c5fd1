"""Every content object a Pelican generator holds, published or not.

Pelican keeps articles and pages in several lists (published, translations,
drafts, hidden…); plugins that check or enrich all content need them all,
once each.
"""

from __future__ import annotations

from typing import Iterable, Iterator

CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                 "hidden_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")


def _once_each(lists: Iterable) -> Iterator:
    seen: set[int] = set()
    for contents in lists:
        for content in contents or ():
            if id(content) not in seen:
                seen.add(id(content))
                yield content


def all_contents(generators: Iterable) -> Iterator:
    return _once_each(getattr(generator, name, ()) for generator in generators for name in CONTENT_LISTS)

