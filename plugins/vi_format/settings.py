"""Settings of the vi_format plugin, read once into a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from zoneinfo import ZoneInfo

from build_core.settings import DEFAULT_TIMEZONE, timezone_name


@dataclass(frozen=True)
class ViFormatSettings:
    timezone: str = DEFAULT_TIMEZONE  # TIMEZONE: every date is shown as a day of this zone

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "ViFormatSettings":
        return cls(timezone=timezone_name(settings))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
