"""bench/camera.py writes JPEGs that look like a camera's: sideways pixels + EXIF."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, ImageOps

from bench.camera import adobe_rgb_icc, make_camera_jpeg


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    return make_camera_jpeg(tmp_path_factory.mktemp("camera") / "anh.jpg", seed=7)


def test_stored_sideways_with_orientation_6_and_displayed_portrait(photo):
    with Image.open(photo) as img:
        assert img.format == "JPEG"
        assert img.size == (3000, 2000)
        assert img.getexif()[0x0112] == 6
        assert ImageOps.exif_transpose(img).size == (2000, 3000)


def test_compresses_like_a_photo(photo):
    assert 2_000_000 <= photo.stat().st_size <= 5_000_000


def test_gps_and_camera_tags_read_back(photo):
    with Image.open(photo) as img:
        exif = img.getexif()
    gps = exif.get_ifd(0x8825)
    assert (gps[1], gps[3]) == ("N", "E")
    lat = sum(float(v) / 60 ** i for i, v in enumerate(gps[2]))
    lon = sum(float(v) / 60 ** i for i, v in enumerate(gps[4]))
    assert lat == pytest.approx(10.46, abs=1e-4) and lon == pytest.approx(105.63, abs=1e-4)
    assert exif[0x010F] == "Canon" and exif[0x0110]
    assert exif.get_ifd(0x8769)[0x9003].startswith("2024:05:")


def test_same_seed_same_bytes_other_seed_other_pixels(tmp_path):
    a = make_camera_jpeg(tmp_path / "a.jpg", seed=3, width=300, height=200)
    b = make_camera_jpeg(tmp_path / "b.jpg", seed=3, width=300, height=200)
    c = make_camera_jpeg(tmp_path / "c.jpg", seed=4, width=300, height=200)
    assert a.read_bytes() == b.read_bytes()
    with Image.open(a) as img_a, Image.open(c) as img_c:
        assert img_a.tobytes() != img_c.tobytes()


def test_options_without_gps_upright_with_icc(tmp_path):
    path = make_camera_jpeg(tmp_path / "x.jpg", seed=1, width=300, height=200, orientation=1, gps=False,
                            icc=adobe_rgb_icc())
    with Image.open(path) as img:
        exif = img.getexif()
        assert exif[0x0112] == 1 and not exif.get_ifd(0x8825)
        assert ImageOps.exif_transpose(img).size == (300, 200)
        profile = ImageCms.ImageCmsProfile(io.BytesIO(img.info["icc_profile"]))
        assert "Adobe RGB" in ImageCms.getProfileDescription(profile)
        # A real RGB matrix profile: converting to sRGB changes (saturates) the pixels.
        converted = ImageCms.profileToProfile(img, profile, ImageCms.createProfile("sRGB"))
        assert converted.size == img.size and converted.tobytes() != img.tobytes()
