"""What to make of one source image, and what to call it. Pure, no Pillow.

A derivative's file name carries a hash of the source's bytes and of its own
recipe (size, format, quality): ``anh-<hash8>-960.webp``. Hosts may cache it
forever; changing one recipe renames (and regenerates) only what it touches.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "gif": "gif", "tiff": "tif", "bmp": "bmp"}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
# A copied original (RESPONSIVE_IMAGES_COPY_ORIGINALS) is encoded again, in the
# format its file name says (what a server's Content-Type will say), nearly
# lossless: the pixels a reader downloads, without the file's metadata.
_ORIGINAL_FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg", ".png": "png",
                     ".webp": "webp", ".gif": "gif", ".avif": "avif", ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp"}
_ORIGINAL_QUALITY = {"jpeg": 95, "webp": 95, "avif": 90}  # the others are lossless


@dataclass(frozen=True, order=True)
class Variant:
    kind: str  # "width" (keeps the aspect ratio), "crop" (thumbnail, og:image), "original" (full size)
    width: int
    height: int
    fmt: str
    quality: int

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.width}x{self.height}:{self.fmt}:q{self.quality}"

    def filename(self, stem: str, source_digest: str, encoder: str = "") -> str:
        """``encoder`` names how pixels become bytes (codec options, Pillow
        version): a change there must not serve stale cached files."""
        digest = hashlib.sha256(f"{source_digest}|{self.key}|{encoder}".encode()).hexdigest()[:8]
        size = f"{self.width}" if self.kind == "width" else f"{self.width}x{self.height}"
        return f"{stem}-{digest}-{size}.{EXTENSIONS[self.fmt]}"


def scaled(size: tuple[int, int], width: int) -> tuple[int, int]:
    w, h = size
    return width, max(1, round(h * width / w))


def plan(size: tuple[int, int], widths, formats, quality, thumbnail, social, *, cover: bool = True) -> list[Variant]:
    """Variants of an image of (displayed) ``size``: each width in each format,
    never wider than the source; for a cover also a cropped listing thumbnail
    and a cropped og:image (body images are never shown as either)."""
    usable = sorted({w for w in widths if w <= size[0]}) or [size[0]]
    variants = [Variant("width", *scaled(size, w), fmt, quality[fmt]) for w in usable for fmt in formats]
    for (w, h), fmts in ((thumbnail, formats), (social, ("jpeg",))) if cover else ():
        variants.extend(Variant("crop", w, h, fmt, quality[fmt]) for fmt in fmts)
    return variants


def original(size: tuple[int, int], suffix: str) -> Variant:
    """The full-size, upright, metadata-free copy published in place of an
    original file named ``*<suffix>``."""
    fmt = _ORIGINAL_FORMATS.get(suffix.lower(), "png")
    return Variant("original", *size, fmt, _ORIGINAL_QUALITY.get(fmt, 0))
