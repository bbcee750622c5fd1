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

How values are digested: digests.py. Where the record is kept: record.py.
A page is kept only if its file is still there with the size the record
says.
"""

from __future__ import annotations

import os
from typing import Any

from jinja2.runtime import missing

from .digests import Digests, hash_parts
from .record import Entry, Manifest
from .tracking import References, TrackingContext, render_recording


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
        return hash_parts(*parts)

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
