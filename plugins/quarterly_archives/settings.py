"""Settings of the quarterly_archives plugin, read once into a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Mapping


class SettingsError(Exception):
    """A mistake in pelicanconf.py (not in content)."""


# Placeholders each pattern must contain (and may not exceed).
_PLACEHOLDERS = {
    "index": (),
    "year": ("year",),
    "quarter": ("year", "quarter"),
}
PATTERNS = ("index_url", "index_save_as", "year_url", "year_save_as", "quarter_url", "quarter_save_as")


@dataclass(frozen=True)
class QuarterlyArchivesSettings:
    index_url: str = "luu-tru/"
    index_save_as: str = "luu-tru/index.html"
    year_url: str = "luu-tru/{year}/"
    year_save_as: str = "luu-tru/{year}/index.html"
    quarter_url: str = "luu-tru/{year}/quy-{quarter}/"
    quarter_save_as: str = "luu-tru/{year}/quy-{quarter}/index.html"
    relative_urls: bool = False  # RELATIVE_URLS, as Pelican's own pages are written

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "QuarterlyArchivesSettings":
        values = {}
        for field_name in PATTERNS:
            name = f"QUARTERLY_ARCHIVES_{field_name.upper()}"
            default = getattr(cls, field_name)
            value = settings.get(name, default)
            if not isinstance(value, str) or not value:
                raise SettingsError(f"pelicanconf.py: {name}: cần một chuỗi khác rỗng, ví dụ {default!r}")
            values[field_name] = value
        result = cls(**values, relative_urls=bool(settings.get("RELATIVE_URLS", cls.relative_urls)))
        result.validate()
        return result

    def validate(self) -> None:
        """Every pattern uses exactly its own placeholders: two years (or two
        quarters) sharing one URL would silently overwrite each other's page."""
        for field_name in PATTERNS:
            kind = field_name.split("_", 1)[0]
            pattern = getattr(self, field_name)
            name = f"QUARTERLY_ARCHIVES_{field_name.upper()}"
            expected = set(_PLACEHOLDERS[kind])
            try:
                used = {field for _, field, _, _ in Formatter().parse(pattern) if field is not None}
                pattern.format(**{key: 1 for key in expected})
            except (KeyError, IndexError, ValueError):
                used = None
            if used != expected:
                wanted = ", ".join("{" + key + "}" for key in _PLACEHOLDERS[kind]) or "không có chỗ trống nào"
                raise SettingsError(f"pelicanconf.py: {name}: mẫu {pattern!r} phải dùng đúng {wanted}")
            if pattern.startswith("/"):
                raise SettingsError(f"pelicanconf.py: {name}: mẫu {pattern!r} không được bắt đầu bằng '/'")

    def year(self, year: int) -> tuple[str, str]:
        """(url, save_as) of a year page."""
        return self.year_url.format(year=year), self.year_save_as.format(year=year)

    def quarter(self, year: int, quarter: int) -> tuple[str, str]:
        """(url, save_as) of a quarter page."""
        return (self.quarter_url.format(year=year, quarter=quarter),
                self.quarter_save_as.format(year=year, quarter=quarter))
