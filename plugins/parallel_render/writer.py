"""``ParallelWriter``: Pelican's Writer, deferring every page to the flush.

The writer defers each ``write_file`` call of every generator; the flush
(``plugin.FlushGenerator``) splits the calls into their pages (pages.py),
has worker processes render them (workers.py), keeping each page whose
inputs did not change (reuse.py), then replays the pages in their serial
order without rendering, each range of calls as soon as the workers have
written it: the written-file bookkeeping, and ``content_written`` with the
exact context of each page, after the file exists, as a serial build would.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable

from pelican import signals
from pelican.writers import Writer

from build_core.contents import context_contents
from build_core.files import TextIfChanged, write_if_changed
from build_core.run import current

from . import record, reuse, tracking
from .digests import Digests, links_digest
from .pages import PagePlanner, each_page
from .workers import own_digests_in_parallel, render_in_parallel

logger = logging.getLogger(__name__)
RECORD: dict = {}  # this build's record of its pages, until the site is written (plugin.save_record)


class _Reusing:
    """A page's template, marked: the page keeps its file when its inputs
    did not change (reuse.py)."""

    def __init__(self, template, shared: dict):
        self.template, self.shared = template, shared


class ParallelWriter(Writer):
    """Pelican's Writer, with every ``write_file`` call deferred to
    :meth:`flush` (Pelican's ``get_writer`` signal)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = int(self.settings.get("PARALLEL_RENDER_WORKERS") or os.cpu_count() or 1)
        self.threshold = int(self.settings.get("PARALLEL_RENDER_THRESHOLD", 200))
        self.pending: list[tuple[tuple, dict]] = []
        self._flushed = False  # a write after the flush (none known) is not deferred
        self.planner = PagePlanner(self.output_path, self.settings)
        self.reuse: reuse.Reuse | None = None
        # What the last build that wrote into this output folder recorded,
        # taken (removed from the cache) by every build, whatever it then
        # does: from now on this build changes the folder.
        self._reuse_cache = Path(self.settings["CACHE_PATH"], "pages")
        self._previous = record.take_manifest(self._reuse_cache, self.output_path)

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

    def render_page(self, template, localcontext: dict, path: str) -> None:
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
        """The pages of each call (pages.py), or None when two calls write
        the same file, or one that was written before."""
        return self.planner.plan(pending, self._written_files | self._overridden_files)

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
                    for path, localcontext in each_page(call, pages):
                        self.render_page(call[0][1], localcontext, path)
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
        fingerprint = record.global_fingerprint(self.settings, folders, shared)
        previous, self._previous = self._previous, None
        digests = Digests(shared, links_digest(context))
        contents = context_contents(context)
        references = tracking.References(contents)

        def meanwhile_and_references() -> None:
            meanwhile()
            for template in {id(t): t for (_name, t, _ctx), _kwargs in pending}.values():
                references.may_follow(template)  # once here, not in each render worker

        if self.workers < 2 or len(contents) < max(self.threshold, 1):
            meanwhile_and_references()
        else:  # each content's own digest, once for all the render workers
            own_digests_in_parallel(digests, contents, self.workers, meanwhile_and_references)
        self.reuse = reuse.Reuse(previous, fingerprint, digests, self.settings, references)
        return True

    def _finish_reuse(self) -> None:
        """The record is saved once the whole site is written (save_record):
        plugins still change pages after this (responsive_images writes the
        photos' URLs in), and a kept file must have its final size."""
        found, self.reuse = self.reuse, None
        RECORD.clear()
        RECORD.update(cache=self._reuse_cache, tree=os.path.realpath(self.output_path), reuse=found)
        current().clock.note(f"trang vẽ lại {len(found.rendered)}/{len(found.rendered) + found.kept}")

    def _render_in_parallel(self, pending, plan) -> None:
        """Every page in worker processes; here, each range's part of the
        record and the replay, in order, as soon as its pages exist."""
        pages = plan[1]

        def take(lo: int, hi: int, found: tuple | None) -> None:
            if found is not None:
                self.reuse.entries.update(found[0])
                self.reuse.rendered.extend(found[1])
                self.reuse.kept += found[2]
            for i in range(lo, hi):
                self._replay(pending[i], pages[i])

        render_in_parallel(self, pending, plan, self.workers, take)

    def _replay(self, call, pages) -> None:
        """What a serial build does after rendering each page of ``call``
        (a worker wrote the file)."""
        for path, localcontext in each_page(call, pages):
            self._written(call, path, localcontext)
