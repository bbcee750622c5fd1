"""HTML for a processed image. Pure.

URLs start with ``ROOT``, a marker replaced when the site is staged by the
path from each page to the site root (or the absolute SITEURL): srcset lists
several URLs, which Pelican's {static} replacement does not handle.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .recipe import MIME, Variant

ROOT = "%%ANH_ROOT%%/"


@dataclass(frozen=True)
class Derivative:
    variant: Variant
    url: str  # below the site root, e.g. "anh/x-1a2b3c4d-960.webp"


@dataclass(frozen=True)
class ImageSet:
    """Everything a template needs about one source image."""

    width: int  # of the largest width variant (the <img> fallback's intrinsic size)
    height: int
    derivatives: tuple[Derivative, ...]
    formats: tuple[str, ...]
    sizes: str = "100vw"  # the <img sizes> of the article column

    def srcset(self, fmt: str, prefix: str = ROOT) -> str:
        return ", ".join(f"{prefix}{d.url} {d.variant.width}w" for d in self.derivatives
                         if d.variant.kind == "width" and d.variant.fmt == fmt)

    def fallback(self, prefix: str = ROOT) -> str:
        fmt = self.formats[-1]
        best = max((d for d in self.derivatives if d.variant.kind == "width" and d.variant.fmt == fmt),
                   key=lambda d: d.variant.width)
        return prefix + best.url

    def crop(self, fmt: str, width: int | None = None) -> Derivative | None:
        for d in self.derivatives:
            if d.variant.kind == "crop" and d.variant.fmt == fmt and (width is None or d.variant.width == width):
                return d
        return None

    def picture(self, alt: str, *, sizes: str | None = None, eager: bool = False, prefix: str = ROOT) -> Markup:
        """``<picture>`` markup, every value in it escaped (``alt`` is the
        editor's text): Markup, so an autoescaping template prints it as is."""
        sizes = escape(sizes or self.sizes)
        sources = "".join(f'<source type="{MIME[f]}" srcset="{escape(self.srcset(f, prefix))}" sizes="{sizes}">'
                          for f in self.formats[:-1])
        loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy"'
        fallback = self.formats[-1]
        return Markup(f"<picture>{sources}<img src=\"{escape(self.fallback(prefix))}\" "
                      f'srcset="{escape(self.srcset(fallback, prefix))}" sizes="{sizes}" width="{self.width}" '
                      f'height="{self.height}" alt="{escape(alt)}" {loading} decoding="async"></picture>')

    def thumbnail(self, prefix: str = ROOT, css_class: str = "thumb") -> Markup:
        """The cropped listing thumbnail, decorative (the card's title says it all)."""
        crops = {f: self.crop(f) for f in self.formats}
        fallback = crops[self.formats[-1]]
        sources = "".join(f'<source type="{MIME[f]}" srcset="{escape(prefix + crops[f].url)}">'
                          for f in self.formats[:-1])
        return Markup(f'<picture>{sources}<img class="{escape(css_class)}" src="{escape(prefix + fallback.url)}" '
                      f'alt="" width="{fallback.variant.width}" height="{fallback.variant.height}" loading="lazy" '
                      'decoding="async"></picture>')
