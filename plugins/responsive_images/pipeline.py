"""Decode a source, derive every variant, encode into the cache. Pillow only.

- EXIF orientation is applied to the pixels; derivatives carry no EXIF, GPS,
  XMP, comment, text or ICC profile (colour.py: pixels converted to 8-bit
  sRGB first, the file's ``info`` dropped; nothing passed to the encoders).
- Each variant's pixels depend only on the source and that variant, never on
  which other variants the cache already held: a JPEG decodes at half size
  (DCT scaling) when the variant itself fits in it, else at full size — one
  decode per scale in use — and each size is resized straight from its
  decode. Rendering one missing file gives the bytes a cold build gave.
- Each cache file is written to a temporary name and renamed, so a killed
  build never leaves a half-written derivative behind.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, JpegImagePlugin, UnidentifiedImageError

from .colour import to_srgb
from .recipe import Variant

_SWAPPED = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter
# Encoder effort, measured on 3000×2000 photos (bench/images_bench.py): WebP
# method 0 is 3–4× faster than method 3 for ~4% more bytes; AVIF speed 10 is
# ~3× faster than speed 8 for ~3% more; baseline JPEG is 6× faster than
# progressive, and JPEG is only the fallback for browsers without WebP/AVIF.
_SAVE = {
    "jpeg": lambda q: dict(format="JPEG", quality=q, optimize=False, subsampling="4:2:0"),
    "webp": lambda q: dict(format="WEBP", quality=q, method=0),
    "avif": lambda q: dict(format="AVIF", quality=q, speed=10),
    # Only for copied originals (recipe.original), in the format of their name.
    "png": lambda q: dict(format="PNG"), "gif": lambda q: dict(format="GIF"),
    "tiff": lambda q: dict(format="TIFF"), "bmp": lambda q: dict(format="BMP"),
}
# Said explicitly too: Pillow's JPEG writer copies ``info["comment"]`` and its
# AVIF writer ``info["icc_profile"]`` unless told otherwise.
_BARE = dict(comment=b"", exif=b"", xmp=b"", icc_profile=None)
# For every size and crop: 2× faster than Lanczos, and within 41 dB PSNR of
# it on camera photos downscaled 1.5–4.3× (measured; visually the same).
_RESAMPLE = Image.HAMMING

# Part of every derivative's name and cache key: changing an option above (or
# Pillow) renames the derivatives instead of serving stale cached bytes.
ENCODER = "|".join([Image.__version__, repr(sorted((f, sorted(o(0).items())) for f, o in _SAVE.items())),
                    str(int(_RESAMPLE)), "scale:per-variant", "bare:v1"])


class ImageProblem(Exception):
    """A source the build cannot use; the message is for the editor (Vietnamese)."""


@dataclass(frozen=True)
class SourceInfo:
    digest: str  # sha256 of the file's bytes
    size: tuple[int, int]  # as displayed, after EXIF orientation


def _too_large(max_pixels: int, size: tuple[int, int] | None = None) -> str:
    limit = f"{max_pixels:,}".replace(",", ".")  # Vietnamese thousands separator
    shown = f"{size[0]}×{size[1]}: " if size else ""
    return f"ảnh quá lớn ({shown}hơn {limit} điểm ảnh, có thể là tệp độc hại); hãy thu nhỏ ảnh, ví dụ xuống 4000×3000"


def _open(path: Path, max_pixels: int) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem(_too_large(max_pixels)) from exc
    except UnidentifiedImageError as exc:
        raise ImageProblem("tệp không phải ảnh mà trình duyệt hiển thị được; hãy lưu lại thành JPEG hoặc PNG") from exc


_BROKEN = "tệp ảnh bị hỏng hoặc chép thiếu; hãy chép lại tệp ảnh gốc"


def inspect(path: Path, max_pixels: int) -> SourceInfo:
    """Hash and displayed size, from the bytes and the header only."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with _open(path, max_pixels) as img:
        w, h = img.size
        orientation = img.getexif().get(0x0112, 1)
        if w * h > max_pixels:
            raise ImageProblem(_too_large(max_pixels, (w, h)))
    return SourceInfo(digest, (h, w) if orientation in _SWAPPED else (w, h))


_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


def _scale(stored: tuple[int, int], need: tuple[int, int]) -> int:
    """2 (decode a JPEG at half size) when that still covers ``need``, else 1.
    Never 1/4 or 1/8: they cost as much as 1/2 (the entropy decoding is the
    same work), and with the default widths a landscape photo ≥ 2880 px
    wide then needs one decode for all its variants (a portrait, two)."""
    return 2 if stored[0] // 2 >= need[0] and stored[1] // 2 >= need[1] else 1


def _decoded(path: Path, scale: int, max_pixels: int) -> Image.Image:
    """The stored pixels (not yet turned) in 8-bit sRGB, decoded at 1/``scale``."""
    img = _open(path, max_pixels)
    try:
        if scale > 1:  # asking for size // 2 makes draft pick exactly 1/2
            img.draft("RGB", (img.size[0] // scale, img.size[1] // scale))
        img.load()
    except (OSError, SyntaxError) as exc:
        raise ImageProblem(_BROKEN) from exc
    return to_srgb(img)


def _derive(img: Image.Image, variant: Variant, orientation: int) -> Image.Image:
    """The variant's pixels, sized in the stored orientation and then turned upright."""
    turned = orientation in _SWAPPED
    size = (variant.height, variant.width) if turned else (variant.width, variant.height)
    if variant.kind == "crop":  # the centred box of the crop's aspect ratio, as ImageOps.fit takes it
        w, h = img.size
        cw, ch = min(w, h * size[0] / size[1]), min(h, w * size[1] / size[0])
        img = img.resize(size, _RESAMPLE, box=((w - cw) / 2, (h - ch) / 2, (w + cw) / 2, (h + ch) / 2),
                         reducing_gap=3.0)
    elif img.size != size:
        img = img.resize(size, _RESAMPLE, reducing_gap=3.0)
    return img.transpose(_TRANSPOSE[orientation]) if orientation in _TRANSPOSE else img


def _encode(img: Image.Image, variant: Variant, target: Path) -> None:
    if variant.fmt in ("jpeg", "bmp") and img.mode == "RGBA":
        flat = Image.new("RGB", img.size, (255, 255, 255))
        flat.paste(img, mask=img.getchannel("A"))
        img = flat
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    img.save(tmp, **_SAVE[variant.fmt](variant.quality), **_BARE)
    os.replace(tmp, target)


def render(path: Path, variants: list[tuple[Variant, Path]], max_pixels: int) -> int:
    """Write each (variant, cache file); returns the number encoded."""
    if not variants:
        return 0
    with _open(path, max_pixels) as probe:
        try:
            stored, orientation = probe.size, probe.getexif().get(0x0112, 1)
        except (OSError, SyntaxError) as exc:
            raise ImageProblem(_BROKEN) from exc
        draft = isinstance(probe, JpegImagePlugin.JpegImageFile)  # MPO (phones) included
    turned = orientation in _SWAPPED
    by_scale: dict[int, list[tuple[Variant, Path]]] = {}
    for variant, target in variants:
        need = (variant.height, variant.width) if turned else (variant.width, variant.height)
        by_scale.setdefault(_scale(stored, need) if draft else 1, []).append((variant, target))
    for scale, jobs in sorted(by_scale.items()):
        decoded = _decoded(path, scale, max_pixels)
        pixels: dict[tuple[bool, int, int], Image.Image] = {}  # the formats of one size share them
        for variant, target in jobs:
            key = (variant.kind == "crop", variant.width, variant.height)
            if key not in pixels:
                pixels[key] = _derive(decoded, variant, orientation)
            target.parent.mkdir(parents=True, exist_ok=True)
            _encode(pixels[key], variant, target)
    return len(variants)
