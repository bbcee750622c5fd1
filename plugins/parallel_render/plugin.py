"""Render every page on every core (extends Pelican's Writer; no patching).

The writer defers each ``write_file`` call of every generator (article pages,
pages, paginated listings of tags, categories, authors, units, quarters…).
A last generator (``FlushGenerator``, the last plugin generator, so after
every other generator that writes) renders them all in forked worker
processes that share the whole build context copy-on-write. Each call is
split into its pages (one, or one per page of a paginated listing) and each
page gets its template context exactly as Pelican's ``Writer.write_file``
makes them (``_pages``, ``_each_page``: the same paginators, the same
context, the same ``localsiteurl`` left in the shared context). The parent
then replays the pages in their serial order without rendering, each range
of calls as soon as the workers have written it: the written-file
bookkeeping, and ``content_written`` with the exact context of each page,
after the file exists, as a serial build would. Doing this here rather than
through Pelican's ``write_file`` spares each page a ``makedirs`` and a
signal in the worker and a ``makedirs`` in the parent: at 10,000 articles
that was 1.1 s of the parent's time in a build that keeps most pages.

Exactness: the calls are rendered serially instead when two of them write
the same file (Pelican's overwrite rules depend on the order), and each
worker starts every call with the ``localsiteurl`` a serial build would have
left in the shared context (Pelican sets it as a side effect of each write).

A page whose inputs did not change since the build that last wrote the
output folder keeps its file (reuse.py; ``PARALLEL_RENDER_REUSE``, on by
default): the build that renders a page records the names its templates
read and a digest of their values; the next build over that folder
compares, and renders only the pages whose digest differs. One edited
article at 10,000 articles: 63 of 17,104 pages rendered, the phase took
2.3 s instead of 8.9 s (tmpfs). Each content's own digest is computed once
per build, in parallel, before the pages.

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
import dataclasses
import gc
import logging
import multiprocessing
import os
from pathlib import Path
from typing import Callable, NamedTuple

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator
from pelican.paginator import Page, Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from build_guard import wrappers
from build_guard.contents import all_contents, context_contents
from build_guard.files import TextIfChanged, write_if_changed
from build_guard.plugin import CLOCK, output_staged

from . import reuse, tracking
from .settled import freeze_urls, index_lists

logger = logging.getLogger(__name__)
_SHARED: dict = {}
# Writer.write_file's own parameters; its other keyword arguments go to the template.
_WRITE_FILE_PARAMETERS = frozenset({"relative_urls", "paginated", "template_name", "override_output", "url"})
_RECORD: dict = {}  # this build's record of its pages, until the site is written


class PlannedPage(NamedTuple):
    """One file a deferred ``write_file`` call writes."""

    name: str  # below the output folder, as Pelican names it
    path: str  # joined to the output folder (sanitised_join)
    kwargs: dict  # what its template gets besides the call's context
    siteurl: str | None  # its SITEURL when the call asks for relative URLs


class _Reusing:
    """A page's template, marked: the page keeps its file when its inputs
    did not change (reuse.py)."""

    def __init__(self, template, shared: dict):
        self.template, self.shared = template, shared


def _claim() -> tuple[int, int] | None:
    """The next range of contents to digest, claimed by this process (a
    worker or the parent), or None when all are taken."""
    counter, ranges = _SHARED["claimed"], _SHARED["ranges"]
    with counter.get_lock():
        taken = counter.value
        if taken >= len(ranges):
            return None
        counter.value = taken + 1
    return ranges[taken]


def _own_digests(_worker: int) -> list:
    """In a worker: the own digests of each range it claims."""
    digests, contents, where, found = _SHARED["digests"], _SHARED["contents"], _SHARED["where"], []
    while (bounds := _claim()) is not None:
        found.append((bounds[0], digests.own_many(contents, where, *bounds)))
    return found


def _work(pages: list[tuple]) -> int:
    """A call's rough cost, in pages: one per page, and a long list handed
    whole to one page counts a page per 20 items. An archive of a year or a
    quarter lists hundreds of articles on one page: 10 ms each to check or
    render, against 0.05 ms to check an article page that stays."""
    if len(pages) != 1:
        return max(1, len(pages))
    return 1 + sum(len(v) for v in pages[0].kwargs.values() if isinstance(v, (list, tuple))) // 20


def _ranges(work: list[int], parts: int) -> list[tuple[int, int]]:
    """Contiguous ranges of calls of about equal work, ``parts`` of them:
    small enough that the last ones do not leave a worker idle while another
    finishes (the parent takes them in order)."""
    total, cuts, done = sum(work), [0], 0
    for i, n in enumerate(work):
        done += n
        if done * parts >= total * len(cuts) and i + 1 < len(work):
            cuts.append(i + 1)
    cuts.append(len(work))
    return list(zip(cuts[:-1], cuts[1:]))


def _render_range(bounds: tuple[int, int]):
    writer, pending, before, pages = _SHARED["writer"], _SHARED["pending"], _SHARED["before"], _SHARED["pages"]
    for i in range(*bounds):
        template, context = pending[i][0][1:]
        context["localsiteurl"] = before[i]  # as the serial build leaves it
        for path, localcontext in writer._each_page(pending[i], pages[i]):
            writer._render_page(template, localcontext, path)
    found = writer.reuse
    if found is None:
        return bounds, None
    # Only this range's part goes back to the parent.
    result = (found.entries, found.rendered, found.kept)
    found.entries, found.rendered, found.kept = {}, [], 0
    return bounds, result


class ParallelWriter(Writer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = int(self.settings.get("PARALLEL_RENDER_WORKERS") or os.cpu_count() or 1)
        self.threshold = int(self.settings.get("PARALLEL_RENDER_THRESHOLD", 200))
        self.pending: list[tuple[tuple, dict]] = []
        self._flushed = False  # a write after the flush (none known) is not deferred
        self._siteurls: dict[int, str] = {}  # depth of a page's name → its relative SITEURL
        self._output_base: str | None = None  # the output folder as sanitised_join gives it
        self.reuse: reuse.Reuse | None = None
        # What the last build that wrote into this output folder recorded,
        # taken (removed from the cache) by every build, whatever it then
        # does: from now on this build changes the folder.
        self._reuse_cache = Path(self.settings["CACHE_PATH"], "pages")
        self._previous = reuse.take_manifest(self._reuse_cache, self.output_path)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        call = ((name, template, context),
                dict(relative_urls=relative_urls, paginated=paginated, template_name=template_name,
                     override_output=override_output, url=url, **kwargs))
        if self.workers > 1 and not self._flushed:
            self.pending.append(call)
            return None
        return super().write_file(*call[0], **call[1])

    def _open_w(self, filename, encoding, override=False):
        """Through Pelican's write_file (a file two calls write, a write
        after the flush): Pelican's overwrite rules for a file met before;
        else its bookkeeping of a first write, and a file whose bytes are
        written only if they differ from those already there (a recycled
        output tree, build_guard.output_swap)."""
        if filename in self._overridden_files or filename in self._written_files:
            return super()._open_w(filename, encoding, override)
        self._note_written(filename, override)
        return TextIfChanged(filename, encoding)

    def _note_written(self, path: str, override: bool) -> None:
        """Pelican's bookkeeping of a file written the first time (``_open_w``)."""
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)

    def _written(self, call, path: str, localcontext: dict) -> None:
        """What Pelican's write_file does once a page's file exists:
        bookkeeping, log, ``content_written``."""
        self._note_written(path, call[1]["override_output"])
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=localcontext)

    def _pages(self, args, kwargs) -> list[PlannedPage]:
        """The files one call writes (:meth:`_files`), each with the
        ``SITEURL`` Pelican gives its page when the call asks for relative
        URLs (else None), made once here for the plan, the worker and the
        replay."""
        files = self._files(args, kwargs)
        if not kwargs["relative_urls"]:
            return [PlannedPage(name, path, page_kwargs, None) for name, path, page_kwargs in files]
        return [PlannedPage(name, path, page_kwargs, self._relative_siteurl(name))
                for name, path, page_kwargs in files]

    def _output_file(self, name: str) -> str:
        """``sanitised_join(self.output_path, name)``, Pelican's: a name with
        nothing to normalise (no empty, "." or ".." part) is its folder's
        path, made once, then the name (two abspath calls a page otherwise)."""
        base = self._output_base
        if base is None:
            base = self._output_base = sanitised_join(self.output_path, "")
        parts = name.split("/")
        if (os.sep == "/" and os.altsep is None and not base.endswith("/")
                and "" not in parts and "." not in parts and ".." not in parts):
            return f"{base}/{name}"
        return sanitised_join(self.output_path, name)

    def _relative_siteurl(self, name: str) -> str:
        """``path_to_url(get_relative_path(name))``, Pelican's, once per depth:
        it depends only on how many parts ``split_all`` finds in the name,
        the parts between slashes that are not empty (on POSIX; walking the
        name with os.path.split took 8 us a page)."""
        if os.sep != "/":
            return path_to_url(get_relative_path(name))
        parts = name.strip("/").split("/")
        depth = len(parts) if "" not in parts else sum(1 for part in parts if part)
        known = self._siteurls.get(depth)
        if known is None:
            known = self._siteurls[depth] = path_to_url(get_relative_path(name))
        return known

    def _files(self, args, kwargs) -> list[tuple[str, str, dict]]:
        """(name, path, keyword arguments its template gets) of each file
        one call writes, as ``Writer.write_file`` of Pelican 4.12 makes them:
        one file, or one per page of a paginated listing (with Page objects
        for itself and its neighbours)."""
        name = args[0]
        if not name:
            return []
        extra = {k: v for k, v in kwargs.items() if k not in _WRITE_FILE_PARAMETERS}
        paginated = kwargs["paginated"]
        if paginated is None:
            paginated = {k: v for k, v in extra.items() if k in ("articles", "dates")}
        template_name = kwargs["template_name"]
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            return [(name, self._output_file(name), extra)]
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, kwargs["url"], val, self.settings, per_page)
                      for key, val in paginated.items()}
        made: dict[tuple[str, int], Page] = {}

        def page_of(key: str, number: int) -> Page:
            """Each Page made once, shared as its neighbours' previous and
            next (write_file makes it three times: equal objects nothing
            changes)."""
            page = made.get((key, number))
            if page is None:
                page = made[(key, number)] = paginators[key].page(number)
            return page

        pages = []
        for page_num in range(next(iter(paginators.values())).num_pages):
            page_kwargs = extra.copy()
            for key, paginator in paginators.items():
                previous_page = page_of(key, page_num) if page_num > 0 else None
                page = page_of(key, page_num + 1)
                next_page = page_of(key, page_num + 2) if page_num + 1 < paginator.num_pages else None
                page_kwargs.update({f"{key}_paginator": paginator, f"{key}_page": page,
                                    f"{key}_previous_page": previous_page, f"{key}_next_page": next_page})
            pages.append((page.save_as, self._output_file(page.save_as), page_kwargs))
        return pages

    def _each_page(self, call, pages):
        """(path, template context) of each page of ``call``, in order, with
        the ``localsiteurl`` each leaves in the shared context, as Pelican's
        ``write_file`` computes them."""
        (_name, _template, context), _kwargs = call
        for name, path, page_kwargs, relative_url in pages:
            localcontext = context.copy()
            localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
            if relative_url is not None:
                localcontext["SITEURL"] = relative_url
                localcontext["localsiteurl"] = relative_url
            localcontext["output_file"] = name
            localcontext.update(page_kwargs)
            if localcontext["localsiteurl"]:
                context["localsiteurl"] = localcontext["localsiteurl"]
            yield path, localcontext

    def _render_page(self, template, localcontext: dict, path: str) -> None:
        """Write one page, or keep its file (reuse.py)."""
        if isinstance(template, _Reusing):
            text = self.reuse.render(template.template, localcontext, template.shared, path)
            if text is None:
                os.utime(path)  # kept: a current time, so the recycled tree's sweep keeps it
                return
        else:
            text = template.render(localcontext)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_if_changed(path, text.encode("utf-8"))

    def _plan(self, pending):
        """(localsiteurl before each call as a serial build has it, the pages
        of each call), or None when two calls write the same file, or one
        that was written before."""
        seen = set(self._written_files) | self._overridden_files
        before, pages = [], []
        current = {}
        for args, kwargs in pending:
            context = args[2]
            before.append(current.get(id(context), context.get("localsiteurl")))
            its_pages = self._pages(args, kwargs)
            for page in its_pages:
                if page.path in seen:
                    return None
                seen.add(page.path)
            if its_pages and its_pages[-1].siteurl is not None:
                current[id(context)] = its_pages[-1].siteurl
            pages.append(its_pages)
        return before, pages

    def flush(self) -> None:
        pending, self.pending, self._flushed = self.pending, [], True
        planned: list = []
        # The plan is made while worker processes digest the contents.
        reusing = self._start_reuse(pending, meanwhile=lambda: planned.append(self._plan(pending)))
        plan = planned[0] if planned else self._plan(pending)  # None: two calls write the same file
        if plan is None:
            # Which call wins depends on Pelican's overwrite rules: every page
            # is rendered, serially, through Pelican's write_file.
            self.reuse, reusing = None, False
        elif reusing:
            # Each template wrapped: a page whose inputs did not change keeps its file.
            for i, ((name, template, ctx), kwargs) in enumerate(pending):
                pending[i] = ((name, _Reusing(template, ctx), ctx), kwargs)
        try:
            if plan is None:
                for args, kwargs in pending:
                    Writer.write_file(self, *args, **kwargs)
            elif len(pending) < self.threshold:
                for call, pages in zip(pending, plan[1]):
                    for path, localcontext in self._each_page(call, pages):
                        self._render_page(call[0][1], localcontext, path)
                        self._written(call, path, localcontext)
            else:
                self._render_in_parallel(pending, plan)
        except BaseException:
            self.reuse = None
            raise
        if reusing:
            self._finish_reuse()

    def _start_reuse(self, pending, meanwhile: Callable[[], None] = lambda: None) -> bool:
        """Get ready to keep each page whose inputs did not change (reuse.py):
        the digests of every content, computed in worker processes while
        ``meanwhile`` runs here."""
        self.reuse = None
        if not self.settings.get("PARALLEL_RENDER_REUSE", True) or not pending:
            return False
        context = pending[0][0][2]
        shared = {id(self.settings): "settings", id(context): "context"}
        for (_name, _template, other), _kwargs in pending:
            shared.setdefault(id(other), "context")
        folders = [os.path.dirname(os.path.dirname(reuse.__file__)), *self.settings.get("PLUGIN_PATHS", ()),
                   *self.settings.get("THEME_TEMPLATES_OVERRIDES", ()), self.settings["THEME"]]
        fingerprint = reuse.global_fingerprint(self.settings, folders, shared)
        previous, self._previous = self._previous, None
        digests = reuse.Digests(shared, reuse.links_digest(context))
        contents = context_contents(context)
        references = tracking.References(contents)

        def meanwhile_and_references() -> None:
            meanwhile()
            for template in {id(t): t for (_name, t, _ctx), _kwargs in pending}.values():
                references.may_follow(template)  # once here, not in each render worker

        self._own_digests_in_parallel(digests, contents, meanwhile_and_references)
        self.reuse = reuse.Reuse(previous, fingerprint, digests, self.settings, references)
        return True

    def _own_digests_in_parallel(self, digests: reuse.Digests, contents: list,
                                 meanwhile: Callable[[], None]) -> None:
        """Each content's own digest, computed once for all the render
        workers (each would otherwise compute nearly all of them: every page
        refers to contents anywhere in the site). ``meanwhile`` runs in this
        process while they work (or first, when there are no workers); then
        this process claims ranges too, as the workers do, until none is left
        (here a digest costs a third less: no copy-on-write of the pages it
        reads)."""
        if self.workers < 2 or not contents or len(contents) < self.threshold:
            meanwhile()
            return
        forking = multiprocessing.get_context("fork")
        step = -(-len(contents) // (32 * self.workers))
        # Positions made once here, not in each range (the workers inherit them).
        _SHARED.update(digests=digests, contents=contents, where={id(c): i for i, c in enumerate(contents)},
                       claimed=forking.Value("i", 0),
                       ranges=[(i, min(i + step, len(contents))) for i in range(0, len(contents), step)])
        try:
            with forking.Pool(self.workers) as pool:
                found_by_workers = pool.map_async(_own_digests, range(self.workers))
                meanwhile()
                while (bounds := _claim()) is not None:
                    for content in contents[slice(*bounds)]:
                        digests.own(content)  # remembered by ``digests``
                for found in found_by_workers.get():
                    for first, digested in found:
                        digests.learn(contents, first, digested)
        finally:
            _SHARED.clear()

    def _finish_reuse(self) -> None:
        """The record is saved once the whole site is written (save_record):
        plugins still change pages after this (responsive_images writes the
        photos' URLs in), and a kept file must have its final size."""
        found, self.reuse = self.reuse, None
        _RECORD.clear()
        _RECORD.update(cache=self._reuse_cache, tree=os.path.realpath(self.output_path), reuse=found)
        CLOCK.note(f"trang vẽ lại {len(found.rendered)}/{len(found.rendered) + found.kept}")

    def _render_in_parallel(self, pending, plan) -> None:
        before, pages = plan
        ranges = _ranges([_work(p) for p in pages], 32 * self.workers)
        _SHARED.update(writer=self, pending=pending, before=before, pages=pages)
        try:
            with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                # In order, each range as soon as its pages exist, while the
                # workers render the next ones.
                for (lo, hi), found in pool.imap(_render_range, ranges, chunksize=1):
                    if found is not None:
                        self.reuse.entries.update(found[0])
                        self.reuse.rendered.extend(found[1])
                        self.reuse.kept += found[2]
                    for i in range(lo, hi):
                        self._replay(pending[i], pages[i])
        finally:
            _SHARED.clear()

    def _replay(self, call, pages) -> None:
        """What a serial build does after rendering each page of ``call``
        (a worker wrote the file)."""
        for path, localcontext in self._each_page(call, pages):
            self._written(call, path, localcontext)


class FlushGenerator(Generator):
    """The last plugin generator: renders what the other generators deferred."""

    def generate_output(self, writer) -> None:
        if isinstance(writer, ParallelWriter):
            writer.flush()


def save_record(_pelican, staging) -> None:
    """After every plugin has written into the staged site (the last plugin
    on build_guard.output_staged): the record of what each page read, with
    the final size of each page rendered."""
    record = dict(_RECORD)
    _RECORD.clear()
    if not record or record["tree"] != os.path.realpath(staging):
        return
    found = record["reuse"]
    entries = found.entries
    for name in found.rendered:
        try:
            size = os.stat(sanitised_join(record["tree"], name)).st_size
        except OSError:
            continue
        entries[name] = dataclasses.replace(entries[name], size=size)
    try:
        reuse.save_manifest(record["cache"], record["tree"], reuse.Manifest(found.fingerprint, entries))
    except OSError as error:  # e.g. a read-only cache: the next build renders every page
        logger.warning("parallel_render: không lưu được bản ghi trang vào %s (%s); lần dựng sau sẽ hiển thị lại "
                       "mọi trang", record["cache"], error)


def get_writer(_pelican):
    return ParallelWriter


def add_flush_generator(_pelican):
    return FlushGenerator


def share_compiled_templates(generator) -> None:
    folder = os.path.join(generator.settings["CACHE_PATH"], "jinja")
    os.makedirs(folder, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(folder)
    generator.env.context_class = tracking.TrackingContext  # notes what each page reads


def start_run(_pelican) -> None:
    wrappers.unsettle()  # each run of `make serve` settles its own objects


def settle(generators) -> None:
    freeze_urls(all_contents(generators))
    wrappers.settle()
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
    signals.get_generators.connect(start_run)
    signals.all_generators_finalized.connect(settle)
    signals.generator_init.connect(share_compiled_templates)
    signals.get_writer.connect(get_writer)
    output_staged.connect(save_record)
    signals.get_generators.connect(add_flush_generator)
