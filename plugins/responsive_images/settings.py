"""Settings of responsive_images (RESPONSIVE_IMAGES_*), read once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from PIL import features

from build_core.settings import CoreSettings

_DEFAULT_FORMATS = ("avif", "webp", "jpeg")
_PILLOW_FEATURE = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


@dataclass(frozen=True)
class ResponsiveImagesSettings:
    widths: tuple[int, ...] = (480, 960, 1440)
    formats: tuple[str, ...] = _DEFAULT_FORMATS  # best first; the last is the <img> fallback
    quality: Mapping[str, int] = field(default_factory=lambda: {"avif": 50, "webp": 75, "jpeg": 80})
    thumbnail: tuple[int, int] = (352, 220)  # listing cards, cropped
    social: tuple[int, int] = (1200, 630)  # og:image, cropped
    sizes: str = "(min-width: 48rem) 46rem, 100vw"
    output_dir: str = "anh"
    content_path: str = "content"  # Pelican's PATH: image sources are below it
    cache_path: str = "cache/images"
    copy_originals: bool = False
    max_pixels: int = 89_478_485  # Pillow's decompression-bomb limit
    # What replaces markup.ROOT in the staged pages: the absolute SITEURL
    # with a slash (publish build), or None: each page's path to the root.
    absolute_root: str | None = None

    @classmethod
    def from_pelican(cls, settings: Mapping) -> "ResponsiveImagesSettings":
        d = cls()
        formats = tuple(f for f in settings.get("RESPONSIVE_IMAGES_FORMATS", d.formats)
                        if features.check(_PILLOW_FEATURE.get(f, f)))
        cache = settings.get("RESPONSIVE_IMAGES_CACHE_PATH") or os.path.join(CoreSettings.from_pelican(settings).cache_path,
                                                                             "images")
        siteurl = settings.get("SITEURL") or ""
        absolute = siteurl.startswith(("http://", "https://", "//")) and not settings.get("RELATIVE_URLS")
        return cls(
            widths=tuple(sorted(int(w) for w in settings.get("RESPONSIVE_IMAGES_WIDTHS", d.widths))),
            formats=formats or ("jpeg",),
            quality={**d.quality, **dict(settings.get("RESPONSIVE_IMAGES_QUALITY", {}))},
            thumbnail=tuple(settings.get("RESPONSIVE_IMAGES_THUMBNAIL", d.thumbnail)),
            social=tuple(settings.get("RESPONSIVE_IMAGES_SOCIAL", d.social)),
            sizes=settings.get("RESPONSIVE_IMAGES_SIZES", d.sizes),
            output_dir=settings.get("RESPONSIVE_IMAGES_OUTPUT_DIR", d.output_dir).strip("/"),
            content_path=str(settings.get("PATH") or d.content_path),
            cache_path=os.path.abspath(cache),
            copy_originals=bool(settings.get("RESPONSIVE_IMAGES_COPY_ORIGINALS", d.copy_originals)),
            max_pixels=int(settings.get("RESPONSIVE_IMAGES_MAX_PIXELS", d.max_pixels)),
            absolute_root=siteurl.rstrip("/") + "/" if absolute else None,
        )
