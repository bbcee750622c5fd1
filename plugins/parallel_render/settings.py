"""Settings of parallel_render, read once into a frozen dataclass.

The number of worker processes is the build's (``WORKERS``,
``build_core.settings.CoreSettings.worker_count``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class RenderSettings:
    # Fewer write_file calls than this are rendered in the main process:
    # forking workers costs more than it saves on a small site.
    threshold: int = 200

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "RenderSettings":
        return cls(threshold=max(0, int(settings.get("PARALLEL_RENDER_THRESHOLD", cls.threshold))))
