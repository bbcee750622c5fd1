"""Decoded pixels as a browser shows them: 8-bit sRGB, RGB or RGBA, and
nothing else of the file. Pillow only.

- Tones: 16-bit grey (``I;16``, and ``I``, Pillow's mode for 16-bit grey
  PNGs) is scaled from 0–65535, not clipped at 255 (a mid grey would come out
  white); float grey (``F``) from 0–1 when it stays within it, else clipped;
  1-bit, palette (with or without transparency) and grey-with-alpha widened.
- Colour: an embedded ICC profile is applied in its own colour space (RGB,
  grey or CMYK) to reach sRGB; alpha is kept aside and put back.
- Metadata: ``info`` is emptied, so no encoder finds a comment, EXIF, XMP or
  ICC profile to copy (Pillow's JPEG and AVIF writers fall back to
  ``img.info``; resize, crop and transpose copy it along).
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# The pixel mode an ICC profile's colour space describes.
_PROFILE_MODE = {"RGB": "RGB", "GRAY": "L", "CMYK": "CMYK"}


def _eight_bit(img: Image.Image) -> Image.Image:
    if img.mode == "I" or img.mode.startswith("I;16"):
        return img.convert("I").point(lambda v: v / 257 + 0.5).convert("L")
    if img.mode == "F":
        _low, high = img.getextrema()
        return (img.point(lambda v: v * 255) if high <= 1.0 else img).convert("L")
    if img.mode in ("1", "P", "PA", "La", "RGBa", "LAB", "HSV", "YCbCr", "RGBX"):
        keeps_alpha = "A" in img.getbands() or "a" in img.getbands() or "transparency" in img.info
        return img.convert("RGBA" if keeps_alpha else "RGB")
    return img  # L, LA, RGB, RGBA, CMYK


def _profiled(img: Image.Image, icc: bytes) -> Image.Image | None:
    """The colour bands of ``img`` converted to sRGB with the file's own
    profile; None when the profile is broken or does not fit the pixels."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = _PROFILE_MODE.get(source.profile.xcolor_space.strip())
        fits = {"CMYK": img.mode == "CMYK", "L": img.mode in ("L", "LA"), "RGB": img.mode != "CMYK"}
        if mode is None or not fits[mode]:
            return None
        return ImageCms.profileToProfile(img.convert(mode), source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # keep the pixels as they are rather than refuse the photo


def to_srgb(img: Image.Image) -> Image.Image:
    """An RGB or RGBA image with empty ``info``, from a loaded image of any mode
    (``img`` itself when it already was RGB)."""
    icc = img.info.get("icc_profile")
    img = _eight_bit(img)
    alpha = None
    if "A" in img.getbands() or "transparency" in img.info:
        alpha = img.convert("RGBA").getchannel("A")
    colour = _profiled(img, icc) if icc else None
    if colour is None:
        colour = img if img.mode == "RGB" else img.convert("RGB")
    if alpha is not None:
        colour.putalpha(alpha)
    colour.info = {}
    return colour
