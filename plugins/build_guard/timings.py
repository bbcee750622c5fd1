"""Phase timings of one build, printed on one line when asked
(``BUILD_GUARD_TIMINGS = True``, e.g. by the build benchmark). Pure."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field


@dataclass
class PhaseClock:
    marks: list[tuple[str, float]] = field(default_factory=list)
    inner: dict[str, float] = field(default_factory=dict)  # measured inside a phase (e.g. related)

    def start(self) -> None:
        self.marks = [("", time.perf_counter())]
        self.inner = {}

    def mark(self, phase: str) -> None:
        """The phase called ``phase`` ends now."""
        if self.marks:
            self.marks.append((phase, time.perf_counter()))

    @contextlib.contextmanager
    def measure(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.inner[name] = self.inner.get(name, 0.0) + time.perf_counter() - started

    def summary(self) -> str:
        parts = [f"{name} {end - start:.2f} s" for (_, start), (name, end) in zip(self.marks, self.marks[1:])]
        inner = [f"trong đó {name} {seconds:.2f} s" for name, seconds in self.inner.items()]
        total = self.marks[-1][1] - self.marks[0][1] if len(self.marks) > 1 else 0.0
        return "Thời gian: " + " · ".join(parts + inner) + f" · tổng {total:.2f} s"
