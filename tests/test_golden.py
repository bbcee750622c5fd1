"""A fresh build of the fixture site equals the reviewed golden output."""

import difflib
import hashlib
import io

from PIL import Image

from tests.golden import EXPECTED, build_fixture
from tests.helpers import tree

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif")


def _pixels(data: bytes):
    """Format, size, mode and a digest of the pixels (a digest keeps a failure
    message short: pytest would otherwise diff megabytes of pixel data)."""
    with Image.open(io.BytesIO(data)) as img:
        return img.format, img.size, img.mode, hashlib.sha256(img.tobytes()).hexdigest()


def test_fixture_site_matches_golden_output(tmp_path):
    assert EXPECTED.is_dir(), "run `make golden` to create tests/golden/"
    output = tmp_path / "output"
    build_fixture(output)
    actual, expected = tree(output), tree(EXPECTED)
    assert sorted(actual) == sorted(expected), "files added or missing; run `make golden` and review the diff"
    for name, data in expected.items():
        if name.endswith(IMAGE_SUFFIXES):
            assert _pixels(actual[name]) == _pixels(data), name
        elif actual[name] != data:
            diff = "\n".join(difflib.unified_diff(
                data.decode("utf-8").splitlines(), actual[name].decode("utf-8").splitlines(),
                f"golden/{name}", f"build/{name}", lineterm="", n=2))
            raise AssertionError(f"{name} differs from the golden output (run `make golden` if intended):\n{diff}")


def test_golden_fixture_covers_the_features():
    expected = tree(EXPECTED)
    article = expected["bai-viet/ket-qua-cai-cach-hanh-chinh-quy-1-nam-2021/index.html"].decode()
    assert "<figcaption>Tỷ lệ hồ sơ trực tuyến quý I/2021</figcaption>" in article
    assert '<span class="label">Kỳ báo cáo:</span> <a href="../../luu-tru/2021/quy-1/">Quý 1 năm 2021</a>' in article
    assert "luu-tru/2021/quy-1/index.html" in expected and "sitemap.xml" in expected and "404.html" in expected
    assert "ban-nhap/ban-nhap-chua-dang/index.html" in expected
    assert "Bản nháp chưa đăng" not in expected["index.html"].decode()
