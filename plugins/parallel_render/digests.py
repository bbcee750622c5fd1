"""Digests of the values one build's pages read (pure logic, no signals).

Each value is digested by pickling it (C speed), with contents, tags,
categories, authors, paginators, listing pages, dataclasses, dates,
functions and the shared settings/context dicts replaced by small stable
tokens. Equal bytes always mean equal values; the converse can fail (which
objects share a string, a set of strings in another order), and then a page
is rendered for nothing, never kept wrongly. A value that cannot be pickled
has no digest, and its page is always rendered.

An object whose class defines ``__digest__()`` is digested as what that
returns: a value computed lazily from a file names the file's size and
modification time (listings' ``CoverSize``).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import types
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from jinja2.runtime import Undefined, missing
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from .tracking import ATOMS as _ATOMS
from .tracking import dataclass_values

_DEFAULT_LINK = "[{|](?P<what>.*?)[|}]"  # Pelican's INTRASITE_LINK_REGEX
_CALLABLES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.BuiltinMethodType, type,
              types.ModuleType, types.MethodWrapperType, types.WrapperDescriptorType)


def _token(*_parts):
    """Never called: in a digest's pickle, the reference to this function
    and its arguments stand for an object digested another way."""


class _Pickler(pickle.Pickler):
    """``reducer_override`` rather than ``persistent_id``: the C pickler
    calls it only for objects that are not strings, numbers, None, dicts,
    lists or tuples (a twentieth of the calls). Shared dicts (settings, the
    site context) are therefore replaced where they can be met: in the state
    of contents and of plain objects."""

    def __init__(self, file, digests: Digests, contents: str):
        super().__init__(file, protocol=5)
        self.fast = False  # the memo (shared strings written once) halves the time; equal bytes still mean equal values
        self.digests, self.contents = digests, contents  # a content stands for its "own" digest, or its "name"
        self.refs: list[Content] = []

    def reducer_override(self, obj: Any):
        kind = type(obj)
        if obj is _token:
            return NotImplemented  # pickled by its name
        if kind is datetime:  # its own reduction runs Python code for the time zone
            return _token, ("datetime", obj.isoformat(), str(obj.tzinfo))
        if kind is ZoneInfo:
            return _token, ("zone", obj.key)
        if isinstance(obj, Content):
            self.refs.append(obj)
            if self.contents == "own":
                return _token, ("own content", self.digests.own(obj))
            return _token, ("content", kind.__name__, self.digests.identity(obj))
        if isinstance(obj, URLWrapper):
            return _token, self.digests.wrapper(obj)
        if isinstance(obj, Paginator):
            return _token, ("paginator", obj.name, obj.url, obj.per_page, obj.orphans, obj.count, obj.num_pages)
        if kind is Page:
            return _token, ("page", self.digests.page(obj))
        if obj is missing or isinstance(obj, Undefined):
            return _token, ("missing",)
        if isinstance(obj, _CALLABLES) or kind is partial and not obj.args and not obj.keywords:
            target = obj.func if kind is partial else obj
            return _token, ("code", getattr(target, "__module__", None), getattr(target, "__qualname__", repr(target)))
        stand_in = getattr(kind, "__digest__", None)
        if stand_in is not None:  # an object that says what it depends on (e.g. a file read lazily)
            return _token, ("digest", kind.__module__, kind.__qualname__, stand_in(obj))
        fields = dataclass_values(obj)
        if fields is not None:  # a dataclass: its fields (a slotted one pickles through slow Python code)
            return _token, ("dataclass", kind.__module__, kind.__qualname__, fields)
        state = getattr(obj, "__dict__", None)
        if (state is not None and kind.__reduce_ex__ is object.__reduce_ex__ and kind.__reduce__ is object.__reduce__
                and kind.__getstate__ is object.__getstate__):
            # A plain object (e.g. a paginated listing's Page): its state, the
            # settings it holds (dicts are never passed here) named only.
            return _token, ("object", kind.__module__, kind.__qualname__, self.digests.without_shared(state))
        return NotImplemented


_SHARED_KEYS = ("settings", "_context")  # where a content holds the shared dicts (Pelican's names)
_SETS = frozenset({set, frozenset})


def hash_parts(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part)
    return h.digest()


class Digests:
    """Digests of the values of one build, memoised for the build (nothing
    changes once the generators are done)."""

    def __init__(self, shared: dict[int, str], links: bytes, link_pattern=None):
        self.shared = shared  # id → name of objects the global fingerprint covers (settings, context)
        self.links = links  # digest of every content's and static file's URL
        self._own: dict[int, tuple[Content, bytes | None, list[Content]]] = {}
        self._deep: dict[int, bytes | None] = {}
        self._values: dict[int, tuple[Any, bytes | None, list[Content]]] = {}
        self._deep_values: dict[int, bytes | None] = {}
        self._atoms: dict[tuple[type, Any], bytes] = {}
        self._pages: dict[tuple[int, int, bool], tuple[Paginator, bytes | None]] = {}

    @staticmethod
    def wrapper(obj: URLWrapper) -> tuple:
        """A tag, category or author: its name and slug (its URL and file
        name are formatted from them and the settings)."""
        return ("wrapper", type(obj).__name__, obj.name, obj.slug)

    @staticmethod
    def identity(content: Content) -> str:
        return getattr(content, "relative_source_path", None) or getattr(content, "source_path", None) or ""

    def _dump(self, value: Any, contents: str) -> tuple[bytes, list[Content]] | None:
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, self, contents)
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, ValueError, AttributeError, RecursionError):
            return None
        return buffer.getvalue(), pickler.refs

    def without_shared(self, state: dict) -> dict:
        """An object's state with the shared dicts named, and sets as sorted
        lists (a set of strings iterates in an order that changes with each
        interpreter; pickle writes sets as they iterate, without asking
        :class:`_Pickler`, so a set deeper inside is digested as it comes:
        its pages may be rendered again for nothing, never kept wrongly)."""
        shared = self.shared
        return {k: ("shared", shared[id(v)]) if id(v) in shared
                else ("set", sorted(v, key=repr)) if type(v) in _SETS else v
                for k, v in state.items()}

    def _state_of(self, content: Content) -> dict:
        """``without_shared(content.__dict__)``, made in C when it can be
        (a tenth of a content's digest otherwise): a content holds the
        shared dicts under Pelican's names for them, and no set."""
        state = dict(content.__dict__)
        shared = self.shared
        for key in _SHARED_KEYS:
            value = state.get(key)
            if value is not None and id(value) in shared:
                state[key] = ("shared", shared[id(value)])
        if shared.keys().isdisjoint(map(id, state.values())) and _SETS.isdisjoint(map(type, state.values())):
            return state
        return self.without_shared(content.__dict__)

    def own(self, content: Content) -> bytes | None:
        """Digest of a content's own state, other contents named only."""
        known = self._own.get(id(content))
        if known is None:
            dumped = self._dump(self._state_of(content), "name")
            if dumped is None:
                known = (content, None, [])
            else:
                data, refs = dumped
                linked = self.links if _has_links(content) else b""
                known = (content, hash_parts(type(content).__name__.encode(), data, linked), refs)
            self._own[id(content)] = known
        return known[1]

    def own_many(self, contents: list[Content], where: dict[int, int], first: int,
                 last: int) -> list[tuple[bytes | None, list[int]]]:
        """Own digests of ``contents[first:last]``, with the positions of
        the contents each refers to (``where``: id → position; -1: not in
        ``contents``), to be sent from a worker process to the parent
        (:meth:`learn`)."""
        found = []
        for content in contents[first:last]:
            digest = self.own(content)
            found.append((digest, [where.get(id(ref), -1) for ref in self._own[id(content)][2]]))
        return found

    def learn(self, contents: list[Content], first: int, found: list[tuple[bytes | None, list[int]]]) -> None:
        for offset, (digest, refs) in enumerate(found):
            content = contents[first + offset]
            if digest is not None and -1 in refs:
                continue  # refers to a content the list lacks: computed here when needed
            self._own[id(content)] = (content, digest, [contents[i] for i in refs])

    def deep(self, content: Content) -> bytes | None:
        """Own state plus that of each content it refers to."""
        key = id(content)
        if key not in self._deep:
            own = self.own(content)
            parts = [own] + [self.own(ref) for ref in self._own[key][2]]
            self._deep[key] = None if any(p is None for p in parts) else hash_parts(*parts)
        return self._deep[key]

    def page(self, page: Page, deep: bool = True) -> bytes | None:
        """One page of a paginated listing: Pelican makes a new object for it
        as the page itself and again as its neighbours' next and previous."""
        key = (id(page.paginator), page.number, deep)
        known = self._pages.get(key)
        if known is None:
            paginator = page.paginator
            items = tuple(self.value(item, deep) for item in page.object_list)
            digest = None if None in items else hash_parts(repr((
                page.full_name, page.base_url, page.number, paginator.name, paginator.url, paginator.per_page,
                paginator.orphans, paginator.count, paginator.num_pages)).encode(), *items)
            known = self._pages[key] = (paginator, digest)  # the paginator kept alive: its id is not reused
        return known[1]

    def value(self, value: Any, deep: bool = True) -> bytes | None:
        """Digest of a value a page read; most are the same object on every
        page (settings, the menu), so each object is digested once. A content
        in it stands for its own state, and with ``deep`` also for that of
        the contents it refers to."""
        kind = type(value)
        if kind in _ATOMS:  # by value: many are made anew for each page (its SITEURL, its file name)
            digest = self._atoms.get((kind, value))
            if digest is None:
                digest = self._atoms[(kind, value)] = hash_parts(repr(value).encode())
            return digest
        if kind is Page:
            return self.page(value, deep)
        if isinstance(value, Content):
            return self.deep(value) if deep else self.own(value)
        known = self._values.get(id(value))
        if known is None:
            # One pickle for both kinds: each content in it as its own
            # digest; the deep digest adds the deep digest of each of them.
            dumped = self._dump(value, "own")
            if dumped is None or any(self.own(c) is None for c in dumped[1]):
                known = (value, None, ())  # a content in it has no digest: the page is always rendered
            else:
                known = (value, hash_parts(dumped[0]), dumped[1])
            self._values[id(value)] = known  # kept alive: its id is not reused
        _value, digest, contents = known
        if not deep or digest is None or not contents:
            return digest
        deep_digest = self._deep_values.get(id(value))
        if deep_digest is None:
            parts = [digest, *(self.deep(c) for c in contents)]
            deep_digest = self._deep_values[id(value)] = None if None in parts else hash_parts(*parts)
        return deep_digest


def _has_links(content: Content) -> bool:
    """Whether the content's text may link to another content or a static
    file (Pelican resolves ``{filename}``, ``{static}``… when it renders)."""
    texts = [t for t in (getattr(content, "_content", None), content.metadata.get("summary")) if isinstance(t, str)]
    if content.settings.get("INTRASITE_LINK_REGEX") == _DEFAULT_LINK and not any("{" in t or "|" in t for t in texts):
        return False  # the default link syntax needs one of these
    try:
        pattern = content._get_intrasite_link_regex()
    except Exception:  # noqa: BLE001 - unknown content class: assume it links
        return True
    return any(pattern.search(t) for t in texts)


def links_digest(context: dict) -> bytes:
    """Every content's and static file's URL: what intrasite links resolve to."""
    rows = []
    for key in ("generated_content", "static_content"):
        for path, item in sorted((context.get(key) or {}).items()):
            rows.append(f"{key}\0{path}\0{getattr(item, 'url', '')}\0{getattr(item, 'save_as', '')}")
    return hash_parts("\n".join(rows).encode())
