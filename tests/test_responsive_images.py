"""Photos: orientation, privacy, widths, formats, markup, cache and bad input."""

import json
import re
import shutil

import pytest
from PIL import Image

from bench.camera import make_camera_jpeg
from tests.helpers import SEARCH_INDEX, article, build, tree, write

PORTRAIT = "![Cán bộ hướng dẫn người dân](chan-dung.jpg \"Hướng dẫn làm thủ tục tại quầy\")"


def _site(root):
    content = write(root / "content", {
        "articles/2024/a.md": article(
            "Bài có ảnh đại diện", extra="image: bia.jpg\nimage_alt: Bảng mã QR tại quầy\nimage_caption: Mã QR\n",
            body="Đoạn mở đầu.\n\n" + PORTRAIT + "\n\nĐoạn cuối."),
        "articles/2024/b.md": article("Bài thứ hai", date="2024-05-01 08:00"),
    })
    # Stored 1600×1100 in sensor orientation 6: displayed 1100×1600 (portrait), with GPS.
    make_camera_jpeg(content / "articles/2024/chan-dung.jpg", seed=1, width=1600, height=1100, orientation=6)
    make_camera_jpeg(content / "articles/2024/bia.jpg", seed=2, width=1800, height=1200, orientation=1)
    return content


def _build(content, output, cache, *settings):
    # One -e with every override: Pelican keeps only the last -e given.
    stats = cache.parent / "stats.json"
    stats.unlink(missing_ok=True)
    return build(content, output, "-e", f'RESPONSIVE_IMAGES_CACHE_PATH="{cache}"', f'BUILD_STATS_FILE="{stats}"',
                 *settings)


def _counts(cache):
    """(encoded, reused, sources) of the last build, from its stats file."""
    images = json.loads((cache.parent / "stats.json").read_text(encoding="utf-8"))["images"]
    return images["encoded"], images["reused"], images["sources"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    content = _site(root)
    output, cache = root / "output", root / "cache"
    result = _build(content, output, cache)
    assert result.returncode == 0, result.stderr
    return content, output, cache, result


@pytest.fixture
def site(built, tmp_path):
    """A copy of the built site, its content and its cache, to change."""
    copies = []
    for folder in built[:3]:
        copies.append(tmp_path / folder.name)
        shutil.copytree(folder, copies[-1])
    shutil.copy(built[2].parent / "stats.json", tmp_path / "stats.json")
    return (*copies, built[3])


def test_derivatives_are_rotated_stripped_and_sized(built):
    _content, output, cache, _result = built
    files = sorted((output / "anh").iterdir())
    portrait = [f for f in files if f.name.startswith("chan-dung-")]
    names = {re.sub(r"-[0-9a-f]{8}-", "-#-", f.name) for f in portrait}
    # A body image: widths only; the listing thumbnail and og:image crops are made for covers.
    assert names == {f"chan-dung-#-{w}.{ext}" for w in (480, 960) for ext in ("avif", "webp", "jpg")}
    cover = {re.sub(r"-[0-9a-f]{8}-", "-#-", f.name) for f in files if f.name.startswith("bia-")}
    assert cover == {f"bia-#-{w}.{ext}" for w in (480, 960, 1440) for ext in ("avif", "webp", "jpg")} | \
        {f"bia-#-352x220.{ext}" for ext in ("avif", "webp", "jpg")} | {"bia-#-1200x630.jpg"}
    for f in portrait:
        with Image.open(f) as img:
            width = int(re.search(r"-(\d+)(x\d+)?\.", f.name)[1])
            assert img.size[0] == width
            if "x" not in f.name.rsplit("-", 1)[1]:
                assert img.size[1] == round(width * 1600 / 1100)  # portrait: the rotation was applied
            assert img.format == {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG"}[f.suffix[1:]]
            exif = img.getexif()
            assert len(exif) == 0 and not exif.get_ifd(0x8825)  # no EXIF, no GPS
            assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"} & set(img.info)
    assert not (output / "articles").exists()  # originals are not published
    assert _counts(cache) == (19, 0, 2)  # 6 for the portrait (no 1440: never upscaled), 13


def test_markup_has_srcset_sizes_dimensions_alt_and_caption(built):
    _content, output, _cache, _ = built
    html = (output / "bai-viet" / "bai-co-anh-dai-dien" / "index.html").read_text(encoding="utf-8")
    figure = re.search(r"<figure><picture>.*?</figure>", html, re.S)[0]
    assert '<source type="image/avif" srcset="../../anh/chan-dung-' in figure
    assert re.search(r'srcset="\.\./\.\./anh/chan-dung-[0-9a-f]{8}-480\.webp 480w, '
                     r'\.\./\.\./anh/chan-dung-[0-9a-f]{8}-960\.webp 960w"', figure)
    img = re.search(r"<img [^>]*>", figure)[0]
    assert 'sizes="(min-width: 48rem) 46rem, 100vw"' in img
    assert 'width="960" height="1396"' in img and 'alt="Cán bộ hướng dẫn người dân"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img  # the cover is the first image
    assert "<figcaption>Hướng dẫn làm thủ tục tại quầy</figcaption>" in figure
    cover = re.search(r'<figure class="cover">.*?</figure>', html, re.S)[0]
    assert 'fetchpriority="high"' in cover and 'width="1440" height="960"' in cover
    assert re.search(r'og:image" content="\.\./\.\./anh/bia-[0-9a-f]{8}-1200x630\.jpg"', html)
    listing = (output / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img class="thumb" src="\./anh/bia-[0-9a-f]{8}-352x220\.jpg" alt="" width="352" height="220"', listing)
    for name in re.findall(r'(?:src|srcset)="([^"]+)"', html):
        for url in name.split(", "):
            assert (output / "bai-viet" / "bai-co-anh-dai-dien" / url.split()[0]).resolve().is_file(), url


def test_second_build_encodes_nothing_and_a_change_regenerates_only_its_own(site, tmp_path):
    content, output, cache, _ = site
    before = tree(output, exclude=SEARCH_INDEX)
    again = _build(content, output, cache)
    assert again.returncode == 0 and _counts(cache) == (0, 19, 2)
    assert tree(output, exclude=SEARCH_INDEX) == before
    old = {f.name for f in (output / "anh").iterdir()}
    make_camera_jpeg(content / "articles/2024/chan-dung.jpg", seed=9, width=1600, height=1100, orientation=6)
    changed = _build(content, output, cache)
    assert changed.returncode == 0 and _counts(cache) == (6, 13, 2)
    new = {f.name for f in (output / "anh").iterdir()}
    assert {n for n in new if n.startswith("bia-")} == {n for n in old if n.startswith("bia-")}
    assert not {n for n in new if n.startswith("chan-dung-")} & {n for n in old if n.startswith("chan-dung-")}
    recipe = _build(content, output, cache, 'RESPONSIVE_IMAGES_QUALITY={"webp": 60}')
    assert recipe.returncode == 0 and _counts(cache) == (6, 13, 2)  # only the WebP derivatives: widths and the thumbnail


@pytest.mark.parametrize("case, expected", [
    ("not-image", 'image: "chan-dung.jpg": tệp không phải ảnh'),
    ("truncated", 'image: "chan-dung.jpg": tệp ảnh bị hỏng hoặc chép thiếu'),
    ("bomb", 'image: "chan-dung.jpg": ảnh quá lớn'),
    ("no-alt", 'image: ảnh "chan-dung.jpg" thiếu mô tả (alt)'),
    ("missing", 'image: không tìm thấy tệp ảnh "chan-dung.jpg"'),
    ("escapes", 'image: "../../../chan-dung.jpg" nằm ngoài thư mục content/'),
])
def test_bad_images_fail_the_build_at_the_right_line_and_keep_the_output(site, case, expected):
    content, output, cache, _ = site
    before = tree(output)
    photo = content / "articles/2024/chan-dung.jpg"
    page = content / "articles/2024/a.md"
    if case == "not-image":
        photo.write_text("đây không phải ảnh", encoding="utf-8")
    elif case == "truncated":
        make_camera_jpeg(photo, seed=5, width=1600, height=1100)
        photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 3])
    elif case == "bomb":  # 3.84 megapixels against a 3-megapixel limit (the cover has 2.16)
        make_camera_jpeg(photo, seed=5, width=2400, height=1600)
    elif case == "no-alt":
        page.write_text(page.read_text(encoding="utf-8").replace("[Cán bộ hướng dẫn người dân]", "[]"), encoding="utf-8")
    elif case == "missing":
        photo.unlink()
    elif case == "escapes":
        shutil.copy(content / "articles/2024/bia.jpg", content.parent / "chan-dung.jpg")
        page.write_text(page.read_text(encoding="utf-8").replace("(chan-dung.jpg", "(../../../chan-dung.jpg"),
                        encoding="utf-8")
    extra = ("RESPONSIVE_IMAGES_MAX_PIXELS=3000000",) if case == "bomb" else ()
    result = _build(content, output, cache, *extra)
    assert result.returncode == 1
    lines = [l for l in result.stderr.splitlines() if l.startswith(str(page))]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{page}:13: {expected}"), lines[0]
    assert tree(output) == before


def test_a_warm_build_does_not_hash_or_open_unchanged_photos_again(tmp_path, monkeypatch):
    from responsive_images import process as process_module

    photo = tmp_path / "content" / "anh.jpg"
    photo.parent.mkdir()
    make_camera_jpeg(photo, seed=3, width=640, height=480, orientation=6)
    opened = []
    real = process_module.inspect
    monkeypatch.setattr(process_module, "inspect", lambda path, limit: opened.append(path) or real(path, limit))

    def inspect_once():
        seen = process_module._Inspections(tmp_path / "cache", 89_478_485)
        info = seen(photo)
        seen.save()
        return info

    first = inspect_once()
    assert first.size == (480, 640) and len(opened) == 1
    assert inspect_once() == first and len(opened) == 1  # same file: remembered
    make_camera_jpeg(photo, seed=4, width=640, height=480, orientation=1)  # replaced by another photo
    assert inspect_once().size == (640, 480) and len(opened) == 2
    assert inspect_once().digest != first.digest and len(opened) == 2


def test_the_content_cache_follows_images_that_come_and_go(site):
    """The article's bytes do not change, so its cached reading must be
    checked against the images it refers to."""
    content, output, cache, _ = site
    photo = content / "articles/2024/chan-dung.jpg"
    kept = photo.read_bytes()
    photo.unlink()
    missing = _build(content, output, cache)
    assert missing.returncode == 1 and 'không tìm thấy tệp ảnh "chan-dung.jpg"' in missing.stderr
    photo.write_bytes(kept)
    back = _build(content, output, cache)
    assert back.returncode == 0, back.stderr
    assert "Nội dung: 0 tệp đọc mới" not in back.stderr  # a.md was read again


def test_derivatives_unused_for_30_days_are_deleted_from_the_cache(tmp_path):
    from responsive_images.process import prune_cache

    day = 86_400
    for name in ("anh-1111aaaa-480.webp", "anh-2222bbbb-480.webp", "cu-3333cccc-960.jpg", "sources.pickle"):
        (tmp_path / name).write_bytes(b"x")
    start = 1_000_000_000
    # First build: everything is new to the index, only anh-1111… and cu-3333… are used.
    assert prune_cache(tmp_path, {"anh-1111aaaa-480.webp", "cu-3333cccc-960.jpg"}, start) == 0
    # 20 days later cu-3333… is used again; 31 days after the start anh-2222… (never used) goes.
    assert prune_cache(tmp_path, {"cu-3333cccc-960.jpg"}, start + 20 * day) == 0
    assert prune_cache(tmp_path, set(), start + 31 * day) == 2  # anh-1111… and anh-2222…: 31 days unused
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cu-3333cccc-960.jpg", "sources.pickle", "used.pickle"]
    assert prune_cache(tmp_path, set(), start + 51 * day) == 1  # cu-3333…: last used on day 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources.pickle", "used.pickle"]


def test_photos_are_handed_to_the_workers_largest_work_first(tmp_path, monkeypatch):
    """A portrait's upright variants hold more pixels than a landscape's, so
    it goes first: the last photo a worker takes is a small one."""
    from responsive_images import process as process_module
    from responsive_images.settings import ResponsiveImagesSettings

    content = tmp_path / "content"
    content.mkdir()
    make_camera_jpeg(content / "a-nho.jpg", seed=5, width=640, height=480, orientation=1)
    make_camera_jpeg(content / "b-doc.jpg", seed=6, width=2000, height=1300, orientation=6)
    make_camera_jpeg(content / "c-ngang.jpg", seed=7, width=1200, height=800, orientation=1)
    order = []
    real = process_module._render_task
    monkeypatch.setattr(process_module, "_render_task", lambda task: order.append(task[0].name) or real(task))
    settings = ResponsiveImagesSettings(widths=(480, 960), formats=("jpeg",), cache_path=str(tmp_path / "cache"))
    outcome = process_module.process(["a-nho.jpg", "b-doc.jpg", "c-ngang.jpg"], content, settings)
    assert order == ["b-doc.jpg", "c-ngang.jpg", "a-nho.jpg"]
    assert sorted(outcome.images) == ["a-nho.jpg", "b-doc.jpg", "c-ngang.jpg"] and not outcome.problems


def test_a_page_with_a_photo_keeps_the_articles_photos_in_the_cache_index(tmp_path):
    """Articles and pages are processed in two calls; the cache index (photos
    inspected, files used) is written once for both, so a warm build hashes
    no photo again however they are split."""
    import pickle

    content = _site(tmp_path)
    write(content, {"pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nTrụ sở:\n\n"
                                           "![Trụ sở Ủy ban](tru-so.jpg \"Trụ sở\")\n"})
    make_camera_jpeg(content / "pages" / "tru-so.jpg", seed=8, width=900, height=600, orientation=1)
    output, cache = tmp_path / "output", tmp_path / "cache"
    result = _build(content, output, cache)
    assert result.returncode == 0, result.stderr
    inspected = pickle.loads((cache / "sources.pickle").read_bytes())
    assert sorted(path.rsplit("/", 1)[-1] for path in inspected) == ["bia.jpg", "chan-dung.jpg", "tru-so.jpg"]
    used = pickle.loads((cache / "used.pickle").read_bytes())
    assert {name.split("-")[0] for name in used} == {"bia", "chan", "tru"}
    assert sorted(used) == sorted(p.name for p in cache.iterdir() if p.suffix != ".pickle")
    assert "tru-so" in (output / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
