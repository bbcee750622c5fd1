"""Settings of the build_guard plugin, read once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class BuildGuardSettings:
    # Write into OUTPUT_PATH.tmp and swap it in only when the build succeeds.
    atomic_output: bool = True

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "BuildGuardSettings":
        return cls(
            atomic_output=bool(settings.get("BUILD_GUARD_ATOMIC_OUTPUT", cls.atomic_output)),
        )
