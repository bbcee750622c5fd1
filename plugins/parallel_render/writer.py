"""``ParallelWriter``: Pelican's Writer, each page written by Pelican's own
``Writer.write_file``, in worker processes when the result is the same.

Every ``write_file`` call of every generator is deferred; the flush
(``plugin.FlushGenerator``, the last generator) makes them, in order in
this process, or split into contiguous ranges that forked workers make
(calls.py says when and where a range may start). Only small results come
back from a worker: the files it wrote, the ``localsiteurl`` it left, the
errors and warnings reported while rendering, and what ``content_written``
receivers noted there (the run states' ``WrittenNotes``).
"""

from __future__ import annotations

from typing import NamedTuple

from pelican import signals
from pelican.writers import Writer

from build_core import executor
from build_core.run import current

from .calls import Call, range_starts, serial_reason, work, work_ranges
from .settings import RenderSettings

class Rendered(NamedTuple):
    """What one range of calls left, sent back from its worker."""

    written: list[str]  # the files, as content_written named them
    context: dict  # the localsiteurl the calls left in their context
    noted: dict  # (state kind, field) → what that WrittenNotes gained
    errors: list
    warnings: list


class ParallelWriter(Writer):
    """Pelican's Writer, with every ``write_file`` call deferred to
    :meth:`flush` (Pelican's ``get_writer`` signal)."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.threshold = RenderSettings.from_pelican(self.settings).threshold
        self.pending: list[Call] = []
        self.flushed = False

    def write_file(self, name, template, context, relative_urls=False, *args, **kwargs):
        call = Call((name, template, context, relative_urls, *args), kwargs)
        if self.flushed:  # a write after the flush (none is known): at once
            return Writer.write_file(self, *call.args, **call.kwargs)
        self.pending.append(call)
        return None

    def flush(self, run) -> None:
        calls, self.pending, self.flushed = self.pending, [], True
        stats = run.stats["render"] = {"calls": len(calls),
                                       "serial": serial_reason(calls, self.threshold, run.core.worker_count)}
        if stats["serial"] is None:
            stats.update(self._in_workers(calls, run))
        if stats["serial"] is not None:
            for call in calls:
                Writer.write_file(self, *call.args, **call.kwargs)

    def _in_workers(self, calls: list[Call], run) -> dict:
        """Every call made by Pelican's write_file in worker processes, or,
        when two pages of different ranges were one file, a reason to make
        them again in order (Pelican's overwrite rules depend on order)."""
        workers = run.core.worker_count
        ranges = work_ranges([work(call) for call in calls], 32 * workers, range_starts(calls))
        with executor.pool(workers, writer=self, calls=calls) as forked:
            rendered = forked.map(_render_range, ranges, chunksize=1)
        written = [path for part in rendered for path in part.written]
        if len(set(written)) < len(written):
            return {"serial": "one file twice"}
        for part in rendered:
            calls[0].context.update(part.context)
            for (kind, name), noted in part.noted.items():
                getattr(run.state(kind), name).update(noted)
            run.errors.extend(part.errors)
            run.warnings.extend(part.warnings)
        return {"ranges": len(ranges), "pages": len(written)}


def _render_range(bounds: tuple[int, int]) -> Rendered:
    """In a worker: the calls of one range, in order, by Pelican's write_file."""
    writer, calls = executor.shared("writer"), executor.shared("calls")
    run = current()
    for found in (*run.written_notes().values(), run.errors, run.warnings):
        found.clear()  # this worker's copies: what this range adds goes back
    written: list[str] = []

    def note_written(path, context) -> None:
        written.append(path)

    signals.content_written.connect(note_written)
    try:
        for call in calls[bounds[0]:bounds[1]]:
            Writer.write_file(writer, *call.args, **call.kwargs)
    finally:
        signals.content_written.disconnect(note_written)
    context = calls[0].context
    return Rendered(written, {"localsiteurl": context["localsiteurl"]} if "localsiteurl" in context else {},
                    {key: dict(found) for key, found in run.written_notes().items()},
                    list(run.errors.errors), list(run.warnings.errors))
