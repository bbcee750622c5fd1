"""Every content object a Pelican generator holds, published or not.

Pelican keeps articles and pages in several lists (published, translations,
drafts, hidden…); plugins that check or enrich all content need them all,
once each. The lists are named here as Pelican 4.12's ArticlesGenerator and
PagesGenerator name them; a list that is missing (a Pelican that renamed it)
is an error, never content silently left out.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from pelican.generators import ArticlesGenerator, PagesGenerator

ARTICLE_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                 "hidden_translations")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages", "draft_translations")
# The drafts and hidden content of each kind (never listed on the site).
UNLISTED = {ArticlesGenerator: ("drafts", "drafts_translations", "hidden_articles", "hidden_translations"),
            PagesGenerator: ("hidden_pages", "hidden_translations", "draft_pages", "draft_translations")}


def content_lists(generator) -> tuple[str, ...]:
    """The names of the lists ``generator`` keeps content in; () for a
    generator of no articles or pages (static files, plugins' pages)."""
    if isinstance(generator, ArticlesGenerator):
        return ARTICLE_LISTS
    if isinstance(generator, PagesGenerator):
        return PAGE_LISTS
    return ()


def unlisted_lists(generator) -> tuple[str, ...]:
    """The names of ``generator``'s lists of drafts and hidden content."""
    return next((names for kind, names in UNLISTED.items() if isinstance(generator, kind)), ())


def content_list(generator, name: str) -> list:
    """``generator``'s list ``name``."""
    try:
        return getattr(generator, name)
    except AttributeError:
        raise RuntimeError(f"build_core: {type(generator).__name__} has no content list {name!r}; "
                           "build_core/contents.py names the lists of the Pelican version it was written for") from None


def _once_each(lists: Iterable) -> Iterator:
    seen: set[int] = set()
    for contents in lists:
        for content in contents:
            if id(content) not in seen:
                seen.add(id(content))
                yield content


def all_contents(generators: Iterable) -> Iterator:
    return _once_each(content_list(generator, name) for generator in generators for name in content_lists(generator))
