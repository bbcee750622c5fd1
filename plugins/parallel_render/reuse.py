"""Keep a page whose inputs did not change since the build that wrote it.

Pure logic (no signals). A page is a pure function of

1. the build's code and configuration: theme templates, plugin code, Pelican
   and Jinja versions, settings (the *global fingerprint*; when it changes,
   every page is rendered again);
2. the names its templates read from the template context, each with its
   value: recorded while the page renders (tracking.py), so a template that
   starts reading a new name, or takes another branch, records that too;
3. what Python code reads from the contents behind those values: the state
   (``__dict__``) of each content a value holds — a listing card shows an
   article's title, date, URL or photo — and, if the page's templates may
   follow a reference from a content to another (read from their source:
   tracking.py), of each content that content refers to (its related
   articles, its neighbours in the category…: the "Có thể bạn quan tâm"
   links); and the URL of every content and static file when the content's
   text links to one (``{filename}…``);
4. the ``localsiteurl`` Pelican's content links are made relative to.

An object whose class defines ``__digest__()`` is digested as what that
returns: a value computed lazily from a file names the file's size and
modification time (listings' ``CoverSize``).

Each value is digested by pickling it (C speed), with contents, tags,
categories, authors, paginators, listing pages, dataclasses, dates,
functions and the shared settings/context dicts replaced by small stable
tokens. Equal bytes always mean equal values; the converse can fail (which
objects share a string, a set of strings in another order), and then a page
is rendered for nothing, never kept wrongly. A value that cannot be pickled
has no digest, and its page is always rendered.

The record of a build (:class:`Manifest`) belongs to the output tree it
describes: the build writes it for the folder it wrote into (device and
inode of that folder, which the atomic swap's renames keep), and the next
build that writes into that same folder (the recycled spare, two builds
later, or a non-atomic output) reads it and deletes it before it writes
anything. A page is kept only if its file is still there with the size the
record says.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import types
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from jinja2.runtime import Undefined, missing
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from build_guard.files import files_digest, read_pickle, write_pickle

from .tracking import ATOMS as _ATOMS
from .tracking import References, TrackingContext, dataclass_values, render_recording

VERSION = 1
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


def _hash(*parts: bytes) -> bytes:
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
                known = (content, _hash(type(content).__name__.encode(), data, linked), refs)
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
            self._deep[key] = None if any(p is None for p in parts) else _hash(*parts)
        return self._deep[key]

    def page(self, page: Page, deep: bool = True) -> bytes | None:
        """One page of a paginated listing: Pelican makes a new object for it
        as the page itself and again as its neighbours' next and previous."""
        key = (id(page.paginator), page.number, deep)
        known = self._pages.get(key)
        if known is None:
            paginator = page.paginator
            items = tuple(self.value(item, deep) for item in page.object_list)
            digest = None if None in items else _hash(repr((
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
                digest = self._atoms[(kind, value)] = _hash(repr(value).encode())
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
                known = (value, _hash(dumped[0]), dumped[1])
            self._values[id(value)] = known  # kept alive: its id is not reused
        _value, digest, contents = known
        if not deep or digest is None or not contents:
            return digest
        deep_digest = self._deep_values.get(id(value))
        if deep_digest is None:
            parts = [digest, *(self.deep(c) for c in contents)]
            deep_digest = self._deep_values[id(value)] = None if None in parts else _hash(*parts)
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
    return _hash("\n".join(rows).encode())


def global_fingerprint(settings: dict, code_folders: Iterable[Path], shared: dict[int, str]) -> bytes:
    """Code, templates and settings every page depends on."""
    import jinja2
    import pelican

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{VERSION} {sys.version} {pelican.__version__} {jinja2.__version__}".encode())
    files: set[Path] = set()
    for folder in {Path(f).resolve() for f in code_folders}:
        # Every file but compiled code and documentation (a plugin's README.md
        # changes no page; editing one used to render every page again).
        files.update(p for p in folder.rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".md")
    # Every module loaded from outside the Python installation: the settings
    # file (its functions, e.g. ARTICLE_ORDER_BY's) and plugins from anywhere.
    installed = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", None)
        if source and source.endswith(".py") and not os.path.realpath(source).startswith(installed):
            files.add(Path(source).resolve())
    h.update(files_digest(files))
    digests = Digests({k: v for k, v in shared.items() if v != "settings"}, b"")  # the settings themselves, pickled
    for key, value in settings.items():
        dumped = digests._dump(value, "own")  # a setting holds no content
        # A value pickle refuses (e.g. functools.cmp_to_key's wrapper) is code,
        # which the files above cover.
        h.update(key.encode() + b"\0" + (dumped[0] if dumped is not None else type(value).__qualname__.encode()))
    return h.digest()


@dataclass(frozen=True)
class Entry:
    """What one page read when it was last rendered."""

    template: str
    siteurls: tuple  # localsiteurl of the page and of the shared context
    names: tuple[str, ...]  # the names it read from its context, sorted
    digest: bytes | None  # of their values, in that order (None: one has none)
    size: int = -1  # of the file written
    deep: bool = True  # its templates may follow references between contents: those are in the digest


@dataclass
class Manifest:
    fingerprint: bytes | None
    pages: dict[str, Entry]  # output file name → entry


def manifest_path(cache: Path, tree: str | os.PathLike) -> Path:
    stat = os.stat(tree)
    return cache / f"{stat.st_dev}-{stat.st_ino}.pickle"


def take_manifest(cache: Path, tree: str | os.PathLike) -> Manifest | None:
    """The record of the build that last wrote ``tree``, removed from the
    cache: from now on this build changes the tree."""
    try:
        path = manifest_path(cache, tree)
    except OSError:  # no such folder yet
        return None
    manifest = read_pickle(path)
    try:
        path.unlink(missing_ok=True)
    except OSError:  # a record that cannot be removed cannot be trusted later: not used
        return None
    if isinstance(manifest, tuple) and len(manifest) == 2 and manifest[0] == VERSION:
        return manifest[1]
    return None


def save_manifest(cache: Path, tree: str | os.PathLike, manifest: Manifest, keep: int = 4) -> None:
    path = manifest_path(cache, tree)
    write_pickle(path, (VERSION, manifest))
    # Records of trees since deleted: keep only the newest few.
    others = sorted((p for p in cache.glob("*.pickle") if p != path), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[keep - 1:]:
        old.unlink(missing_ok=True)


class Reuse:
    """Per process: decide for each page whether the file already there can
    stay, and note what each rendered page read."""

    def __init__(self, previous: Manifest | None, fingerprint: bytes | None, digests: Digests, settings: dict,
                 references: References):
        self.settings, self.fingerprint = settings, fingerprint
        self.references = references
        same = previous is not None and fingerprint is not None and previous.fingerprint == fingerprint
        self.previous = previous.pages if same else {}
        self.digests = digests
        self.entries: dict[str, Entry] = {}
        self.rendered: list[str] = []
        self.kept = 0
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct set: a smaller record
        self._globals: dict[int, tuple[Any, dict]] = {}  # id of a template → (it, its globals as one dict)

    def _globals_of(self, template) -> dict:
        """A template's globals (a ChainMap, slow to search) as one dict:
        nothing changes them while pages render."""
        known = self._globals.get(id(template))
        if known is None:
            known = self._globals[id(template)] = (template, dict(template.globals))
        return known[1]

    def _digest(self, template, context: dict, names: tuple[str, ...], deep: bool) -> bytes | None:
        parts = []
        settings, value_of = self.settings, self.digests.value
        template_globals = None
        for name in names:
            if name in context:
                value = context[name]
            else:
                template_globals = template_globals or self._globals_of(template)
                value = template_globals.get(name, missing)
            if value is settings.get(name, settings):
                parts.append(b"=")  # a setting as is: the global fingerprint covers it
                continue
            digest = value_of(value, deep)
            if digest is None:
                return None
            parts.append(digest)
        return _hash(*parts)

    def render(self, template, context: dict, shared: dict, path: str) -> str | None:
        """The page's text, or None when the file at ``path`` stays as it is."""
        if not issubclass(template.environment.context_class, TrackingContext):
            return template.render(context)  # what it reads is unknown: rendered every time
        name = context["output_file"]
        siteurls = (context.get("localsiteurl"), shared.get("localsiteurl"))
        before = self.previous.get(name)
        if (before is not None and before.names and before.digest is not None and before.template == template.name
                and before.siteurls == siteurls):
            try:
                size = os.stat(path).st_size
            except OSError:
                size = None
            if size == before.size and self._digest(template, context, before.names, before.deep) == before.digest:
                self.entries[name] = before
                self.kept += 1
                return None
        text, reads = render_recording(template, context)
        names = tuple(sorted(reads))
        names = self._names.setdefault(names, names)
        deep = self.references.may_follow(template)
        self.entries[name] = Entry(template.name, siteurls, names, self._digest(template, context, names, deep),
                                   deep=deep)
        self.rendered.append(name)
        return text
