"""Settings every plugin shares, with their one default each, read once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def timezone_name(settings: Mapping) -> str:
    """The site's time zone (``TIMEZONE``): every date is shown in it."""
    return settings.get("TIMEZONE") or DEFAULT_TIMEZONE


@dataclass(frozen=True)
class CoreSettings:
    timezone: str = DEFAULT_TIMEZONE
    # Worker processes for every parallel step (reading, ranking, images,
    # rendering); 0: one per core.
    workers: int = 0
    cache_path: str = "cache"
    # BUILD_PREVIEW (`make serve`): Pelican's autoreload loop re-runs at once
    # after an exception (without waiting for a change), so a failed preview
    # build reports its errors and publishes nothing, without raising.
    preview: bool = False
    timings: bool = False  # BUILD_TIMINGS: one line of phase timings on stderr
    stats_file: str | None = None  # BUILD_STATS_FILE: phases and counts of the run, as JSON

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "CoreSettings":
        return cls(
            timezone=timezone_name(settings),
            workers=max(0, int(settings.get("WORKERS") or 0)),
            cache_path=str(settings.get("CACHE_PATH") or cls.cache_path),
            preview=bool(settings.get("BUILD_PREVIEW", cls.preview)),
            timings=bool(settings.get("BUILD_TIMINGS", cls.timings)),
            stats_file=settings.get("BUILD_STATS_FILE") or None,
        )

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1
