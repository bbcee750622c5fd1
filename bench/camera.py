"""Camera-like JPEGs for the image benchmark and the responsive-image tests.

``make_camera_jpeg(path, seed)`` writes what a phone or compact camera hands an
editor: 3000×2000 pixels stored in sensor orientation with an EXIF Orientation
tag (6 = turn 90° clockwise to display), Make/Model/DateTimeOriginal, a GPS IFD
(Cao Lãnh, 10.46° N 105.63° E) and, optionally, an embedded ICC profile.
The pixels are smooth gradients, soft shapes, multi-scale texture and sensor
noise, so the file compresses like a photo (2–5 MB at quality 92), unlike flat
synthetic shapes. Same seed → same bytes with the locked numpy and Pillow.

    python bench/camera.py OUT.jpg [--seed 0] [--orientation 6] [--adobe-rgb]
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from PIL.TiffImagePlugin import IFDRational

ORIENTATION, MAKE, MODEL, DATETIME_ORIGINAL = 0x0112, 0x010F, 0x0110, 0x9003
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
CAO_LANH = (10.46, 105.63)  # degrees north, east


def _dms(degrees: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Degrees as EXIF (degrees, minutes, seconds) rationals; seconds to 1/100."""
    whole = int(degrees)
    minutes = int((degrees - whole) * 60)
    seconds = round(((degrees - whole) * 60 - minutes) * 60 * 100)
    return IFDRational(whole, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)


def camera_exif(orientation: int = 6, gps: bool = True, seed: int = 0) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Canon"
    exif[MODEL] = "Canon EOS 90D"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = f"2024:05:{1 + seed % 28:02d} {8 + seed % 9:02d}:30:00"
    if gps:
        lat, lon = CAO_LANH
        exif.get_ifd(GPS_IFD).update({
            0: b"\x02\x02\x00\x00",  # GPSVersionID 2.2
            1: "N", 2: _dms(lat),  # GPSLatitudeRef, GPSLatitude
            3: "E", 4: _dms(lon),  # GPSLongitudeRef, GPSLongitude
        })
    return exif


def _smooth_field(rng: np.random.Generator, grid: tuple[int, int], size: tuple[int, int],
                  channels: int = 1) -> np.ndarray:
    """A random field of about unit scale: a ``grid`` of normals enlarged bicubically to ``size``."""
    small = rng.standard_normal((channels, grid[1], grid[0]), dtype=np.float32)
    bands = [np.asarray(Image.fromarray(band, "F").resize(size, Image.Resampling.BICUBIC)) for band in small]
    return np.stack(bands, axis=-1)


def _shapes(rng: np.random.Generator, size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Soft-edged ellipses and rectangles (buildings, people, signs): colours and coverage."""
    width, height = size
    colours, cover = Image.new("RGB", size), Image.new("L", size)
    draw_c, draw_m = ImageDraw.Draw(colours), ImageDraw.Draw(cover)
    for _ in range(int(rng.integers(12, 25))):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(width // 20, width // 3)), int(rng.integers(height // 20, height // 2))
        box = (x - w // 2, y - h // 2, x + w // 2, y + h // 2)
        fill, alpha = tuple(int(v) for v in rng.integers(10, 245, 3)), int(rng.integers(140, 256))
        kind = "ellipse" if rng.random() < 0.5 else "rectangle"
        getattr(draw_c, kind)(box, fill=fill)
        getattr(draw_m, kind)(box, fill=alpha)
    cover = cover.filter(ImageFilter.GaussianBlur(3))
    return np.asarray(colours, np.float32), np.asarray(cover, np.float32)[..., None] / 255


def camera_pixels(seed: int, width: int = 3000, height: int = 2000) -> Image.Image:
    """An RGB picture with the statistics of a photo (deterministic for ``seed``).

    Detail has energy at every scale (about equal per octave, as in photos), so
    downscaled copies keep detail and compress like real derivatives do; a
    low-frequency mask leaves some regions smooth, like sky or a wall.
    """
    rng = np.random.default_rng(seed)
    size = (width, height)
    top, bottom = rng.uniform(60, 230, 3), rng.uniform(30, 200, 3)
    t = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    img = np.broadcast_to((top * (1 - t) + bottom * t).astype(np.float32), (height, width, 3)).copy()
    img += 25 * _smooth_field(rng, (6, 4), size, 3)  # uneven light
    colours, cover = _shapes(rng, size)
    img = img * (1 - cover) + colours * cover
    detail = 14 * rng.standard_normal((height, width), dtype=np.float32)
    for step, amplitude in ((2, 16), (4, 16), (8, 14), (16, 12)):
        detail += amplitude * _smooth_field(rng, (max(1, width // step), max(1, height // step)), size)[..., 0]
    detail *= np.clip(0.7 + 0.6 * _smooth_field(rng, (5, 4), size)[..., 0], 0.3, 1.0)
    img += detail[..., None] + 8 * _smooth_field(rng, (max(1, width // 32), max(1, height // 32)), size, 3)
    img += rng.normal(0.0, 2.0, (height, width, 3)).astype(np.float32)  # sensor noise
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def make_camera_jpeg(path: str | Path, seed: int, width: int = 3000, height: int = 2000, orientation: int = 6,
                     gps: bool = True, quality: int = 92, icc: bytes | None = None) -> Path:
    """Write a camera-like JPEG of ``width``×``height`` stored pixels; returns ``path``.

    The stored pixels are in sensor orientation: with ``orientation=6`` the photo
    displays as ``height``×``width`` (portrait) after ``ImageOps.exif_transpose``.
    ``icc``: profile bytes to embed (e.g. :func:`adobe_rgb_icc`), or None.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {"icc_profile": icc} if icc else {}
    camera_pixels(seed, width, height).save(path, "JPEG", quality=quality, subsampling="4:2:0",
                                            exif=camera_exif(orientation, gps, seed), **extra)
    return path


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def adobe_rgb_icc() -> bytes:
    """A minimal ICC v2 RGB display profile with Adobe RGB (1998) primaries and
    gamma 563/256 (D50-adapted colorants, as in the published profile).

    Pixels tagged with it look more saturated than sRGB when converted properly,
    so a test can tell whether a pipeline honours embedded profiles."""
    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)

    def text_description(text: str) -> bytes:
        ascii_ = text.encode("ascii") + b"\0"
        return (b"desc\0\0\0\0" + struct.pack(">I", len(ascii_)) + ascii_
                + b"\0" * 8 + b"\0" * 3 + b"\0" * 67)  # no Unicode, no ScriptCode

    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, 563) + b"\0\0"
    tags = [
        (b"desc", text_description("Adobe RGB (1998) compatible")),
        (b"cprt", b"text\0\0\0\0" + b"No copyright, use freely\0"),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.60974, 0.31111, 0.01947)),
        (b"gXYZ", xyz(0.20528, 0.62567, 0.06087)),
        (b"bXYZ", xyz(0.14919, 0.06322, 0.74457)),
        (b"rTRC", gamma), (b"gTRC", gamma), (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = [], b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)  # tag data starts on 4-byte boundaries
        table.append(signature + struct.pack(">II", offset + len(data), len(body)))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4 + b"\0" * 4 + b"\0" * 4
              + b"\0" * 4 + b"\0" * 8 + b"\0" * 4 + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"\0" * 4)
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + b"".join(table) + data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/camera.py", description="Ghi một ảnh JPEG giống ảnh máy ảnh.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--orientation", type=int, default=6)
    parser.add_argument("--adobe-rgb", action="store_true", help="nhúng hồ sơ màu Adobe RGB")
    args = parser.parse_args(argv)
    path = make_camera_jpeg(args.out, args.seed, orientation=args.orientation,
                            icc=adobe_rgb_icc() if args.adobe_rgb else None)
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
