"""Decode a source once, derive every variant, encode into the cache. Pillow only.

- EXIF orientation is applied to the pixels; derivatives carry no EXIF, GPS,
  XMP, comments or ICC profile (pixels are converted to sRGB first).
- JPEG draft mode decodes at 1/2, 1/4 or 1/8 scale when the largest variant
  allows it, so a 3000×2000 photo for 1440 px widths decodes at 1500×1000.
- Each cache file is written to a temporary name and renamed, so a killed
  build never leaves a half-written derivative behind.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .recipe import Variant

_SWAPPED = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Encoder effort, measured on 3000×2000 photos (bench/images_bench.py): WebP
# method 0 is 3–4× faster than method 3 for ~4% more bytes; AVIF speed 10 is
# ~3× faster than speed 8 for ~3% more; baseline JPEG is 6× faster than
# progressive, and JPEG is only the fallback for browsers without WebP/AVIF.
_SAVE = {
    "jpeg": lambda q: dict(format="JPEG", quality=q, optimize=False, subsampling="4:2:0"),
    "webp": lambda q: dict(format="WEBP", quality=q, method=0),
    "avif": lambda q: dict(format="AVIF", quality=q, speed=10),
}
_RESAMPLE = Image.HAMMING  # for ≤2× downscaling: as sharp as Lanczos on photos, 2× faster

# Part of every derivative's name and cache key: changing an option above (or
# Pillow) renames the derivatives instead of serving stale cached bytes.
ENCODER = "|".join([Image.__version__, repr(sorted((f, sorted(o(0).items())) for f, o in _SAVE.items())),
                    str(int(_RESAMPLE)), "crop:lanczos", "ladder:v2"])


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


def inspect(path: Path, max_pixels: int) -> SourceInfo:
    """Hash and displayed size, from the bytes and the header only."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with _open(path, max_pixels) as img:
        w, h = img.size
        orientation = img.getexif().get(0x0112, 1)
        if w * h > max_pixels:
            raise ImageProblem(_too_large(max_pixels, (w, h)))
    return SourceInfo(digest, (h, w) if orientation in _SWAPPED else (w, h))


def _to_srgb(img: Image.Image) -> Image.Image:
    icc = img.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if "A" in img.getbands() else "RGB"
            img = ImageCms.profileToProfile(img.convert(mode), source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: keep the pixels as they are
    img.info.pop("icc_profile", None)
    return img


_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}


def _decoded(path: Path, largest: tuple[int, int], max_pixels: int) -> tuple[Image.Image, int]:
    """The pixels in sRGB as stored (not yet turned) and the EXIF orientation."""
    img = _open(path, max_pixels)
    try:
        orientation = img.getexif().get(0x0112, 1)
        if img.format == "JPEG":
            stored = (largest[1], largest[0]) if orientation in _SWAPPED else largest
            img.draft("RGB", stored)  # decode at the smallest scale still ≥ what we need
        img.load()
    except (OSError, SyntaxError) as exc:
        raise ImageProblem("tệp ảnh bị hỏng hoặc chép thiếu; hãy chép lại tệp ảnh gốc") from exc
    img = _to_srgb(img)
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB")
    return img, orientation if orientation in _TRANSPOSE else 1


def _upright(img: Image.Image, orientation: int) -> Image.Image:
    return img.transpose(_TRANSPOSE[orientation]) if orientation != 1 else img


def _encode(img: Image.Image, variant: Variant, target: Path) -> None:
    if variant.fmt == "jpeg" and img.mode == "RGBA":
        flat = Image.new("RGB", img.size, (255, 255, 255))
        flat.paste(img, mask=img.getchannel("A"))
        img = flat
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    img.save(tmp, **_SAVE[variant.fmt](variant.quality))  # no exif/icc/xmp passed: none written
    os.replace(tmp, target)


def render(path: Path, variants: list[tuple[Variant, Path]], max_pixels: int) -> int:
    """Write each (variant, cache file) from one decode; returns the number encoded."""
    if not variants:
        return 0
    widths = [(v, t) for v, t in variants if v.kind == "width"]
    crops = [(v, t) for v, t in variants if v.kind == "crop"]
    # Draft decoding needs only what the width variants and crops must cover.
    widest = max(v.width for v, _ in variants)
    tallest = max(v.height for v, _ in widths) if widths else max(v.height for v, _ in variants)
    stored, orientation = _decoded(path, (widest, tallest), max_pixels)
    turned = orientation in _SWAPPED
    source_size = stored.size[::-1] if turned else stored.size
    resized: dict[tuple[int, int], Image.Image] = {}
    current = None
    # Largest first, each size from the previous one: cheaper than from the
    # source. The largest is resized before it is turned: fewer pixels to turn.
    for size in sorted({(v.width, v.height) for v, _ in widths}, reverse=True):
        if current is None:
            target = size[::-1] if turned else size
            first = stored if stored.size == target else stored.resize(target, _RESAMPLE, reducing_gap=3.0)
            current = _upright(first, orientation)
        elif current.size != size:
            current = current.resize(size, _RESAMPLE, reducing_gap=3.0)
        resized[size] = current
    for variant, target in widths:
        target.parent.mkdir(parents=True, exist_ok=True)
        _encode(resized[(variant.width, variant.height)], variant, target)
    ladder = sorted(resized.values(), key=lambda im: im.size[0])
    for variant, target in crops:
        # Crop from the smallest ready size that still covers the crop, else the source.
        base = next((im for im in ladder if im.size[0] >= variant.width and im.size[1] >= variant.height), None)
        if base is None:
            base = resized[source_size] = resized.get(source_size) or _upright(stored, orientation)
            ladder.append(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        _encode(ImageOps.fit(base, (variant.width, variant.height), Image.LANCZOS), variant, target)
    return len(variants)
