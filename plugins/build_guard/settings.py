"""Settings of the build_guard plugin, read once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class BuildGuardSettings:
    # Write into OUTPUT_PATH.tmp and swap it in only when the build succeeds.
    atomic_output: bool = True
    # False for `make serve`: Pelican's autoreload loop re-runs at once after an
    # exception (without waiting for a change), so a failed preview build is
    # reported and discarded instead of raised.
    raise_on_errors: bool = True
    # Keep the output a build replaces (OUTPUT_PATH.old) and write the next
    # build over it (output_swap.py): faster, at the cost of a second copy on disk.
    recycle_output: bool = True
    timings: bool = False  # print one line of phase timings (the build benchmark)

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "BuildGuardSettings":
        return cls(
            atomic_output=bool(settings.get("BUILD_GUARD_ATOMIC_OUTPUT", cls.atomic_output)),
            raise_on_errors=bool(settings.get("BUILD_GUARD_RAISE_ON_ERRORS", cls.raise_on_errors)),
            recycle_output=bool(settings.get("BUILD_GUARD_RECYCLE_OUTPUT", cls.recycle_output)),
            timings=bool(settings.get("BUILD_GUARD_TIMINGS", cls.timings)),
        )
