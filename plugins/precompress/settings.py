"""Settings of the precompress plugin, read once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

TEXT_EXTENSIONS = (".html", ".css", ".js", ".xml", ".txt", ".json", ".svg")


@dataclass(frozen=True)
class PrecompressSettings:
    # Text files worth compressing; ".gz"/".br" copies are written next to them.
    extensions: tuple[str, ...] = TEXT_EXTENSIONS
    # Below about one network packet compression saves nothing.
    min_size: int = 1024

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "PrecompressSettings":
        extensions = settings.get("PRECOMPRESS_EXTENSIONS", cls.extensions)
        return cls(
            extensions=tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions),
            min_size=int(settings.get("PRECOMPRESS_MIN_SIZE", cls.min_size)),
        )
