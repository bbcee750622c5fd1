"""What a page reads while it renders. Pure (Jinja and Pelican classes only).

1. The names its templates look up in the template context
   (:class:`TrackingContext`), with their values digested afterwards
   (reuse.py).
2. Whether its templates *may follow a reference* from one content to
   another: read from an article a value that holds another article
   (``article.related_articles``, ``article.newer_in_category``…)
   (:class:`References`). A page whose templates cannot, a listing that
   shows each article's title, date, summary and photo, depends only on the
   own state of the contents its context holds; a page whose templates can
   (an article's "Có thể bạn quan tâm") also on the state of the contents
   they refer to. Before this, every listing depended on the articles each
   listed article refers to, and one edited article rendered all 56 archive
   pages again (each lists an article whose related list holds the edited
   one): 545 pages after a one-line edit at 10,000 articles, 63 now.

   This is read from the templates' source, not watched while they render:
   the attribute names a template and the templates it includes, imports or
   extends can read (every ``.name``, every string constant: ``a['b']``,
   ``map(attribute='b.c')``, ``selectattr('b')``), against the names under
   which this build's contents hold other contents. A template whose reads
   cannot be known so (an include of a computed name, ``a[some_variable]``,
   ``attr(some_variable)``) may follow references. Watching every attribute
   read cost 1 s of CPU in a cold build of 10,000 articles (3 million reads);
   this costs nothing per read.

Python code (a filter, a template global, a property of a content class)
that returns or reads another content's state is not seen: a template must
name the reference itself (``article.related_articles|my_filter``). No code
of this project or of Pelican does otherwise.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from itertools import chain
from operator import attrgetter
from typing import Any, Callable

from jinja2 import meta, nodes
from jinja2.runtime import Context, Undefined, missing
from markupsafe import Markup
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

ATOMS = frozenset({str, int, float, bool, bytes, type(None)})
# Types whose values hold no content; tags, categories, authors (a name, a
# slug and the settings) and undefined values join as they are met.
_LEAVES = set(ATOMS | {datetime, Markup})
_FIELDS: dict[type, tuple[str, ...] | None] = {}
_GETTERS: dict[type, Callable[[Any], tuple] | None] = {}

# The names the page being rendered reads from its template context (None: not recording).
_reads: set[str] | None = None


def dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for another class."""
    try:
        return _FIELDS[kind]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = names
        return names


def _fields_getter(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    if len(names) > 1:
        return attrgetter(*names)  # a tuple, made in C
    if names:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()


def dataclass_values(value: Any) -> tuple | None:
    """The values of a dataclass's fields, in order; None for another class.
    Raises AttributeError for a field the instance lacks."""
    kind = type(value)
    try:
        getter = _GETTERS[kind]
    except KeyError:
        names = dataclass_fields(kind)
        getter = _GETTERS[kind] = None if names is None else _fields_getter(names)
    return None if getter is None else getter(value)


class TrackingContext(Context):
    """Jinja's template context, noting each name a template looks up in the
    page's context or the globals (not the names it sets itself). Python code
    given the context (``pass_context`` functions) reads it through ``get``
    or ``[]``, which come here too."""

    def resolve_or_missing(self, key: str) -> Any:
        if key in self.vars:
            return self.vars[key]
        if _reads is not None:
            _reads.add(key)
        if key in self.parent:
            return self.parent[key]
        return missing

    def __contains__(self, name: str) -> bool:
        if name not in self.vars and _reads is not None:
            _reads.add(name)
        return name in self.vars or name in self.parent


def render_recording(template, context: dict) -> tuple[str, set[str]]:
    """Render, and return the names the page read."""
    global _reads
    outer, _reads = _reads, set()
    try:
        return template.render(context), _reads
    finally:
        _reads = outer


def holds_content(value: Any, depth: int = 4) -> bool:
    """Whether a value is a content or holds one: in a list, a dict, a
    dataclass or an object's state. Deeper than ``depth`` counts as yes.
    Tags, categories and authors hold a name, a slug and the settings."""
    kind = type(value)
    if _is_leaf(kind):
        return False
    if isinstance(value, Content):
        return True
    if depth == 0:
        return True
    if isinstance(value, (list, tuple, set, frozenset)):  # subclasses too (their items, not their state)
        return _any_holds(value, depth - 1)
    if isinstance(value, dict):
        return _any_holds(value.values(), depth - 1)
    try:
        fields = dataclass_values(value)
    except AttributeError:  # a field not set on this instance
        fields = tuple(getattr(value, n, None) for n in dataclass_fields(kind))
    if fields is not None:
        return _any_holds(fields, depth - 1)
    state = getattr(value, "__dict__", None)
    return isinstance(state, dict) and holds_content(state, depth - 1)


def _any_holds(values, depth: int) -> bool:
    """Whether one of these values holds a content (none does when all are
    of leaf types: one C-level pass)."""
    return not _LEAVES.issuperset(map(type, values)) and any(holds_content(v, depth) for v in values)


def _is_leaf(kind: type) -> bool:
    """Whether values of this type hold no content (tags, categories,
    authors and undefined values join the leaves as they are met)."""
    if kind in _LEAVES:
        return True
    if issubclass(kind, (URLWrapper, Undefined)):
        _LEAVES.add(kind)
        return True
    return False


def _leaves_among(kinds: set[type]) -> bool:
    """Whether all these types are leaves."""
    return all(map(_is_leaf, kinds))


def _all_leaves(values: list) -> bool:
    """Whether none of these values holds a content, when that shows one
    level down in C-level passes: values of leaf types, lists and tuples of
    them (a content's tags), dataclasses with such fields (its period).
    False means: look at each value."""
    kinds = set(map(type, values))
    if _leaves_among(kinds):
        return True
    inner = kinds - _LEAVES
    mine = (v for v in values if type(v) in inner)
    try:
        if inner <= {list, tuple}:
            items = set(map(type, chain.from_iterable(mine)))
        elif all(dataclass_fields(kind) is not None for kind in inner):
            items = set(map(type, chain.from_iterable(map(dataclass_values, mine))))
        else:
            return False
    except AttributeError:  # a dataclass field not set on an instance
        return False
    return _leaves_among(items)


_ATTRIBUTE_FILTERS = frozenset({"attr", "map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique",
                                "min", "max", "dictsort"})


def _names_in(ast: nodes.Template) -> set[str] | None:
    """The attribute and item names one template's source can read; None if
    it reads one it computes."""
    names: set[str] = set()
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Const, nodes.Filter, nodes.Test)):
        if isinstance(node, nodes.Getattr):
            names.add(node.attr)
        elif isinstance(node, nodes.Getitem):
            if not isinstance(node.arg, (nodes.Const, nodes.Slice)):
                return None
        elif isinstance(node, nodes.Const):
            if isinstance(node.value, str):
                names.add(node.value)
                names.update(node.value.split("."))  # map(attribute="a.b")
        elif node.name in _ATTRIBUTE_FILTERS:
            given = [*node.args, *(k.value for k in node.kwargs), node.dyn_args, node.dyn_kwargs]
            if any(g is not None and not isinstance(g, nodes.Const) for g in given):
                return None
    return names


def _read(environment, name: str, parsed: dict | None = None) -> tuple[set[str] | None, list[str | None]]:
    """One template's own names (:func:`_names_in`) and the templates it
    names; ``parsed`` keeps them by name and source (Pelican gives each
    generator its own environment: base.html is read by all six)."""
    source, filename, _uptodate = environment.loader.get_source(environment, name)
    key = (name, source)
    if parsed is not None and key in parsed:
        return parsed[key]
    ast = environment.parse(source, name, filename)
    found = _names_in(ast), list(meta.find_referenced_templates(ast))
    if parsed is not None:
        parsed[key] = found
    return found


def template_names(environment, name: str, read=_read) -> frozenset[str] | None:
    """The attribute and item names a template, and every template it
    includes, imports or extends, can read; None when that cannot be known."""
    names: set[str] = set()
    todo, seen = [name], {name}
    while todo:
        own, others = read(environment, todo.pop())
        if own is None or None in others:
            return None
        names |= own
        todo.extend(o for o in others if o not in seen)
        seen.update(others)
    return frozenset(names)


class References:
    """Per build: whether a page's templates may follow a reference from one
    of this build's contents to another."""

    def __init__(self, contents):
        self.contents = list(contents)
        self._keys: set[str] | None = None  # every attribute name some content has
        self._holding: dict[str, bool] = {}  # attribute name → whether a content holds a content under it
        self._templates: dict[tuple[int, str], bool] = {}
        self._parsed: dict[tuple[str, str], tuple] = {}

    def holding(self, name: str) -> bool:
        if self._keys is None:
            self._keys = set().union(*(content.__dict__.keys() for content in self.contents))
        if name not in self._keys:
            return False
        known = self._holding.get(name)
        if known is None:
            values = [content.__dict__.get(name) for content in self.contents]
            seen: set[int] = set()  # a value many contents share (the settings) is looked into once
            known = False
            for value in values if not _all_leaves(values) else ():
                if type(value) not in _LEAVES and id(value) not in seen:
                    seen.add(id(value))
                    if holds_content(value):
                        known = True
                        break
            self._holding[name] = known
        return known

    def _read_once(self, environment, name: str):
        return _read(environment, name, self._parsed)

    def may_follow(self, template) -> bool:
        key = (id(template.environment), template.name)
        known = self._templates.get(key)
        if known is None:
            try:
                names = template_names(template.environment, template.name, self._read_once)
            except Exception:  # noqa: BLE001 - a template without a loadable source: assume it may
                names = None
            known = self._templates[key] = names is None or any(self.holding(n) for n in sorted(names))
        return known
