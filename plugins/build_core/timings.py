"""Phase timings of one build, printed on one line when asked
(``BUILD_TIMINGS = True``, e.g. by the build benchmark). Pure.

Each phase shows its wall time and, in brackets, the CPU time of the main
process and of the worker processes that ended in it (``chính``/``con``):
a phase whose main-process CPU is close to its wall time runs on one core.
"""

from __future__ import annotations

import contextlib
import resource
import time
from dataclasses import dataclass, field


def _cpu() -> tuple[float, float]:
    """(main process, finished child processes) CPU seconds, user + system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@dataclass
class PhaseClock:
    marks: list[tuple[str, float]] = field(default_factory=list)
    cpu: list[tuple[float, float]] = field(default_factory=list)  # at each mark
    inner: dict[str, float] = field(default_factory=dict)  # measured inside a phase (e.g. related)
    notes: list[str] = field(default_factory=list)  # counts worth showing (e.g. pages rendered)

    def start(self) -> None:
        self.marks = [("", time.perf_counter())]
        self.cpu = [_cpu()]
        self.inner = {}
        self.notes = []

    def mark(self, phase: str) -> None:
        """The phase called ``phase`` ends now."""
        if self.marks:
            self.marks.append((phase, time.perf_counter()))
            self.cpu.append(_cpu())

    def note(self, text: str) -> None:
        self.notes.append(text)

    @contextlib.contextmanager
    def measure(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.inner[name] = self.inner.get(name, 0.0) + time.perf_counter() - started

    def phases(self) -> dict[str, float]:
        """Wall seconds of each phase, and of inner measures, by name."""
        found = {name: round(end - start, 3) for (_, start), (name, end) in zip(self.marks, self.marks[1:])}
        found.update((name, round(seconds, 3)) for name, seconds in self.inner.items())
        return found

    def summary(self) -> str:
        parts = [f"{name} {end - start:.2f} s (CPU chính {m1 - m0:.1f} s, con {c1 - c0:.1f} s)"
                 for (_, start), (name, end), (m0, c0), (m1, c1)
                 in zip(self.marks, self.marks[1:], self.cpu, self.cpu[1:])]
        inner = [f"trong đó {name} {seconds:.2f} s" for name, seconds in self.inner.items()]
        total = self.marks[-1][1] - self.marks[0][1] if len(self.marks) > 1 else 0.0
        return "Thời gian: " + " · ".join(parts + inner + self.notes) + f" · tổng {total:.2f} s"
