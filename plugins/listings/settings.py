"""Settings of the listings plugin, read once into a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class ListingsSettings:
    unit_url: str = "don-vi/{slug}/"
    unit_save_as: str = "don-vi/{slug}/index.html"
    units_save_as: str = "don-vi/index.html"
    fallback_count: int = 5  # "Có thể bạn quan tâm" until related_articles provides a list
    menu_categories: tuple[str, ...] = ()  # MENU_CATEGORIES: the header's categories, in order
    relative_urls: bool = False  # RELATIVE_URLS, as Pelican's own pages are written

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "ListingsSettings":
        d = cls()
        return cls(
            unit_url=settings.get("UNIT_URL", d.unit_url),
            unit_save_as=settings.get("UNIT_SAVE_AS", d.unit_save_as),
            units_save_as=settings.get("UNITS_SAVE_AS", d.units_save_as),
            fallback_count=int(settings.get("LISTINGS_FALLBACK_COUNT", d.fallback_count)),
            menu_categories=tuple(settings.get("MENU_CATEGORIES") or ()),
            relative_urls=bool(settings.get("RELATIVE_URLS", d.relative_urls)),
        )
