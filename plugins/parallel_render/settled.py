"""Once every generator has built its context, the site is settled: no
article changes its URL or its lists. Two facts Pelican recomputes per page
can then be computed once. Pure (no signals).

- ``url`` and ``save_as`` of each content: Pelican formats them from settings
  and metadata on every access (about 20 times per article per build). They
  are stored as ``override_url`` and
  ``override_save_as``, Pelican's own mechanism for fixed URLs, with exactly
  the values Pelican computed.
- ``article in articles`` on tag, category and author lists: Pelican builds
  each such page's ``dates`` with a test per article of the site against a
  list (quadratic); :class:`MemberList` answers it from a set of identities.
"""

from __future__ import annotations

from typing import Iterable


def freeze_urls(contents: Iterable) -> None:
    for content in contents:
        url, save_as = content.url, content.save_as
        content.override_url, content.override_save_as = url, save_as


class MemberList(list):
    """A list whose ``in`` is by identity (as for Pelican's contents, which
    define no equality) and costs O(1). Every list method that adds or
    removes items keeps the identity set in step."""

    def __init__(self, items: Iterable = ()):
        super().__init__(items)
        self._ids = {id(x) for x in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids

    def __reduce__(self):
        """Pickled as its items: the identity set holds memory addresses."""
        return type(self), (list(self),)

    def _resync(self) -> None:
        self._ids = {id(x) for x in self}

    def append(self, item) -> None:
        super().append(item)
        self._ids.add(id(item))

    def extend(self, items) -> None:
        super().extend(items)
        self._resync()

    def __iadd__(self, items):
        super().__iadd__(items)
        self._resync()
        return self

    def insert(self, index, item) -> None:
        super().insert(index, item)
        self._ids.add(id(item))

    def remove(self, item) -> None:
        super().remove(item)
        self._resync()

    def pop(self, index=-1):
        item = super().pop(index)
        self._resync()
        return item

    def clear(self) -> None:
        super().clear()
        self._ids = set()

    def __setitem__(self, index, value) -> None:
        super().__setitem__(index, value)
        self._resync()

    def __delitem__(self, index) -> None:
        super().__delitem__(index)
        self._resync()


def index_lists(generator) -> None:
    """Tag, category and author article lists of an ArticlesGenerator, in
    place (the context holds the same objects)."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in tags.items():
            tags[tag] = MemberList(articles)
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            for i, (key, articles) in enumerate(pairs):
                pairs[i] = (key, MemberList(articles))
