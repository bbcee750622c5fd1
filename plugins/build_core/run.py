"""What one run of the build knows, in one object.

A run starts when Pelican asks for its generators (the ``start`` stage) and
ends once its output is swapped in or discarded; ``make serve`` makes many
runs in one process. Everything a plugin learns during a run lives in the
run's state (:meth:`Run.state`), never in a module global, so nothing of
one run leaks into the next.

Code that Pelican calls outside the stages (a reader, a template filter)
reaches the run through :func:`current`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, TypeVar

from .errors import ContentError, ErrorLog
from .settings import CoreSettings
from .timings import PhaseClock

T = TypeVar("T")


class WrittenNotes(dict):
    """A dict of a plugin's run state that is filled while pages are written
    (by a ``content_written`` receiver). Pages may be written in worker
    processes (parallel_render): what each worker adds to its copy is
    brought back into the run's."""


@dataclass
class Run:
    pelican: Any
    settings: Any  # Pelican's settings dict
    core: CoreSettings
    clock: PhaseClock = field(default_factory=PhaseClock)
    errors: ErrorLog = field(default_factory=ErrorLog)
    warnings: ErrorLog = field(default_factory=ErrorLog)
    generators: list = field(default_factory=list)  # once all are finalized
    staging: Path | None = None  # the folder the site is written into
    failed: bool = False  # errors reported (a preview build goes on but publishes nothing)
    stats: dict[str, Any] = field(default_factory=dict)  # counts worth reporting (BUILD_STATS_FILE)
    _states: dict[type, Any] = field(default_factory=dict)

    def state(self, kind: type[T]) -> T:
        """This run's instance of ``kind`` (made with no arguments on first use):
        a plugin's per-run state, e.g. ``run.state(SitemapRun)``."""
        found = self._states.get(kind)
        if found is None:
            found = self._states[kind] = kind()
        return found

    def written_notes(self) -> dict[tuple[type, str], WrittenNotes]:
        """Every :class:`WrittenNotes` of this run's states, by (state kind, field)."""
        return {(kind, name): value for kind, state in self._states.items()
                for name, value in vars(state).items() if isinstance(value, WrittenNotes)}


_CURRENT: list[Run] = []  # the run under way in this process, if any


def begin(pelican) -> Run:
    run = Run(pelican=pelican, settings=pelican.settings, core=CoreSettings.from_pelican(pelican.settings))
    _CURRENT[:] = [run]
    run.clock.start()
    return run


def current() -> Run:
    if not _CURRENT:
        raise RuntimeError("build_core: no run under way (is build_core first in PLUGINS?)")
    return _CURRENT[0]


def current_or_none() -> Run | None:
    return _CURRENT[0] if _CURRENT else None


def report(error: ContentError) -> None:
    """A content error: the build fails at the gate, every error printed."""
    current().errors.add(error)


def report_all(errors: Iterable[ContentError]) -> None:
    current().errors.extend(errors)


def warn(warning: ContentError) -> None:
    """A problem the build fixed by itself (e.g. unsafe HTML removed): printed
    as one ``path:line: field: message`` line, the build goes on."""
    current().warnings.add(warning)
