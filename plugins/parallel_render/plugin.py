"""Render every page on every core (extends Pelican's Writer; no patching).

The writer defers each ``write_file`` call of every generator (article pages,
pages, paginated listings of tags, categories, authors, units, quarters…).
A last generator (``FlushGenerator``, the last plugin generator, so after
every other generator that writes) renders them all in forked worker
processes that share the whole build context copy-on-write. The parent
replays the calls in their serial order without rendering, each range of
calls as soon as the workers have written it: Pelican's own
``write_file`` keeps the written-file bookkeeping and sends
``content_written`` with the exact context of each page, after the file
exists, as a serial build would.

Exactness: the calls are rendered serially instead when two of them write
the same file (Pelican's overwrite rules depend on the order), and each
worker starts every call with the ``localsiteurl`` a serial build would have
left in the shared context (Pelican sets it as a side effect of each write).

Once all generators are done, URLs are frozen and tag/category/author lists
answer ``in`` in O(1) (settled.py). Templates are compiled once: every
generator has its own Jinja environment, so all of them share a bytecode
cache in ``CACHE_PATH/jinja`` (keyed by the template's source, so an edited
template is compiled again).

The cyclic garbage collector runs less often (gen0 threshold 50,000, not
700): a build allocates millions of objects that all live to the end, and
each young collection only promotes them. Measured on 50,000 cached
articles: reading 41.8 s → 31.4 s, processing 17.5 s → 14.1 s. At exit it
does not run at all (1.2 s → 0.3 s from the last phase to the exit at
10,000 articles).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from build_guard.contents import all_contents
from build_guard.files import TextIfChanged

from .settled import freeze_urls, index_lists

_SHARED: dict = {}


class _Replayed:
    """Stands in for the template while the parent replays a call."""

    @staticmethod
    def render(_context) -> str:
        return ""


def _render_range(bounds: tuple[int, int]) -> tuple[int, int]:
    writer, pending, before = _SHARED["writer"], _SHARED["pending"], _SHARED["before"]
    for i in range(*bounds):
        args, kwargs = pending[i]
        args[2]["localsiteurl"] = before[i]  # as the serial build leaves it
        Writer.write_file(writer, *args, **kwargs)
    return bounds


class ParallelWriter(Writer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = int(self.settings.get("PARALLEL_RENDER_WORKERS") or os.cpu_count() or 1)
        self.threshold = int(self.settings.get("PARALLEL_RENDER_THRESHOLD", 200))
        self.pending: list[tuple[tuple, dict]] = []
        self._replaying = False
        self._flushed = False  # a write after the flush (none known) is not deferred

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        call = ((name, template, context),
                dict(relative_urls=relative_urls, paginated=paginated, template_name=template_name,
                     override_output=override_output, url=url, **kwargs))
        if self.workers > 1 and not self._replaying and not self._flushed:
            self.pending.append(call)
            return None
        return super().write_file(*call[0], **call[1])

    def _open_w(self, filename, encoding, override=False):
        seen = filename in self._overridden_files or filename in self._written_files
        if seen and not self._replaying:
            return super()._open_w(filename, encoding, override)  # Pelican's overwrite rules
        # Pelican's bookkeeping of a first write; then, replaying, nothing to
        # write (the worker wrote the file), else a file whose bytes are written
        # only if they differ from those already there (a recycled output tree,
        # build_guard.output_swap).
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if self._replaying:
            return open(os.devnull, "w", encoding=encoding)
        return TextIfChanged(filename, encoding)

    def _output_names(self, args, kwargs) -> list[str]:
        """The files one call writes (its pages, if Pelican paginates it)."""
        name = args[0]
        if not name:
            return []
        paginated = kwargs["paginated"]
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        if paginated and kwargs["template_name"] in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (self.settings["PAGINATED_TEMPLATES"][kwargs["template_name"]]
                        or self.settings["DEFAULT_PAGINATION"])
            paginator = Paginator(name, kwargs["url"], next(iter(paginated.values())), self.settings, per_page)
            return [paginator.page(n + 1).save_as for n in range(paginator.num_pages)]
        return [name]

    def _plan(self, pending):
        """(localsiteurl before each call as a serial build has it, pages per
        call), or None when two calls write the same file."""
        seen = set(self._written_files)
        before, pages = [], []
        current = {}
        for args, kwargs in pending:
            context = args[2]
            before.append(current.get(id(context), context.get("localsiteurl")))
            names = self._output_names(args, kwargs)
            for name in names:
                path = sanitised_join(self.output_path, name)
                if path in seen:
                    return None
                seen.add(path)
            if names and kwargs["relative_urls"]:
                current[id(context)] = path_to_url(get_relative_path(names[-1]))
            pages.append(max(1, len(names)))
        return before, pages

    def flush(self) -> None:
        pending, self.pending, self._flushed = self.pending, [], True
        plan = self._plan(pending) if len(pending) >= self.threshold else None
        if plan is None:
            for args, kwargs in pending:
                Writer.write_file(self, *args, **kwargs)
            return
        before, pages = plan
        # Contiguous ranges of about equal work (a paginated call counts its pages).
        total, parts = sum(pages), 8 * self.workers
        cuts, done = [0], 0
        for i, n in enumerate(pages):
            done += n
            if done * parts >= total * len(cuts) and i + 1 < len(pages):
                cuts.append(i + 1)
        cuts.append(len(pending))
        ranges = list(zip(cuts[:-1], cuts[1:]))
        _SHARED.update(writer=self, pending=pending, before=before)
        try:
            with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                # In order, each range as soon as its pages exist, while the
                # workers render the next ones.
                for lo, hi in pool.imap(_render_range, ranges, chunksize=1):
                    self._replay(pending[lo:hi])
        finally:
            _SHARED.clear()

    def _replay(self, calls) -> None:
        self._replaying = True
        try:
            for (name, _template, context), kwargs in calls:
                Writer.write_file(self, name, _Replayed, context, **kwargs)
        finally:
            self._replaying = False


class FlushGenerator(Generator):
    """The last plugin generator: renders what the other generators deferred."""

    def generate_output(self, writer) -> None:
        if isinstance(writer, ParallelWriter):
            writer.flush()


def get_writer(_pelican):
    return ParallelWriter


def add_flush_generator(_pelican):
    return FlushGenerator


def share_compiled_templates(generator) -> None:
    folder = os.path.join(generator.settings["CACHE_PATH"], "jinja")
    os.makedirs(folder, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(folder)


def settle(generators) -> None:
    freeze_urls(all_contents(generators))
    for generator in generators:
        index_lists(generator)


def collect_less(_pelican) -> None:
    gc.set_threshold(50_000, 20, 100)
    atexit.unregister(_exit_without_collecting)  # once, however many runs `make serve` makes
    atexit.register(_exit_without_collecting)


def _exit_without_collecting() -> None:
    """At interpreter exit, no garbage collection over the whole build's
    objects (the OS takes the memory back at once): about 1 s less per build
    at 10,000 articles. Only at exit, so `make serve` still collects between
    its builds."""
    gc.freeze()
    gc.disable()


def register() -> None:
    signals.initialized.connect(collect_less)
    signals.all_generators_finalized.connect(settle)
    signals.generator_init.connect(share_compiled_templates)
    signals.get_writer.connect(get_writer)
    signals.get_generators.connect(add_flush_generator)
