"""Photos: nothing of the file but its pixels is published, every pixel mode
keeps its tones, and a derivative's bytes do not depend on the cache.

Issue 19: JPEG/GIF comments reached every derivative (7); a 16-bit grey PNG
came out white (10); deleting a cached derivative and building again gave the
same names with other bytes (12)."""

from __future__ import annotations

import io
import json
import re
import shutil
import struct

import numpy as np
import pytest
from PIL import Image, ImageCms, PngImagePlugin

from bench.camera import adobe_rgb_icc, camera_exif, camera_pixels, make_camera_jpeg
from responsive_images import pipeline
from responsive_images.process import process
from responsive_images.recipe import plan
from responsive_images.settings import ResponsiveImagesSettings
from tests.helpers import article, build, write

SECRET = "Nhà ông Nguyễn Văn A, 12 Lê Lợi, Cao Lãnh"
# In any file's bytes: the planted text, EXIF's header, XMP's namespace, a JPEG ICC segment's name.
# (Short chunk names are looked up in each format's structure: compressed data can hold them by chance.)
LEAKS = (b"Nguy", b"Cao L", b"Exif\0\0", b"xmpmeta", b"ns.adobe.com/xap", b"ICC_PROFILE")
XMP = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="{SECRET}"/>'
       f"</rdf:RDF></x:xmpmeta>").encode()
W, H = 640, 400
RAMP_QUARTERS = [31.5, 95.5, 159.5, 223.5]  # mean of each quarter of a 0..255 left-to-right ramp


# --- ICC profiles a test can tell apart from no profile at all ---------------------------------

def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _icc(device_class: bytes, space: bytes, pcs: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    offset = 128 + 4 + 12 * len(tags)
    table, data = [], b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table.append(signature + struct.pack(">II", offset + len(data), len(body)))
        data += body
    header = (struct.pack(">I", offset + len(data)) + b"\0" * 4 + bytes([2, 0x10, 0, 0]) + device_class + space
              + pcs + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 36
              + _s15(0.9642) + _s15(1.0) + _s15(0.8249))
    return header.ljust(128, b"\0") + struct.pack(">I", len(tags)) + b"".join(table) + data


def _common_tags(name: str) -> list[tuple[bytes, bytes]]:
    text = name.encode() + b"\0"
    return [(b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 78),
            (b"wtpt", b"XYZ \0\0\0\0" + _s15(0.9642) + _s15(1.0) + _s15(0.8249))]


def linear_grey_icc() -> bytes:
    """Grey with gamma 1: a stored 128 is sRGB 188, not 128."""
    return _icc(b"mntr", b"GRAY", b"XYZ ", _common_tags("linear grey") + [(b"kTRC", b"curv\0\0\0\0" + b"\0" * 4)])


def cyan_prints_grey_icc() -> bytes:
    """A CMYK printer profile whose cyan ink prints neutral grey (L* 50):
    full cyan is sRGB (119, 119, 119) through it, (0, 255, 255) without it."""
    ramp = bytes(range(256))
    clut = b"".join(bytes([round(255 * (1 - 0.5 * c) * (1 - k)), 128, 128])
                    for c in (0, 1) for m in (0, 1) for y in (0, 1) for k in (0, 1))
    a2b0 = (b"mft1\0\0\0\0" + bytes([4, 3, 2, 0]) + b"".join(_s15(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
            + ramp * 4 + clut + ramp * 3)
    return _icc(b"prtr", b"CMYK", b"Lab ", _common_tags("cyan prints grey") + [(b"A2B0", a2b0)])


# --- sources -----------------------------------------------------------------------------------

def _ramp(scale: float = 1.0, dtype=np.uint8) -> np.ndarray:
    row = np.linspace(0, 255, W) * scale
    return np.tile((row if dtype == np.float32 else np.round(row)).astype(dtype), (H, 1))


def _tone_sources() -> dict[str, tuple[Image.Image, dict]]:
    """Every pixel mode an editor's file can open as, each a left-to-right grey ramp."""
    grey = Image.fromarray(_ramp(), "L")
    palette = grey.convert("RGB").quantize(63)
    holed = palette.copy()
    holed.paste(63, (0, 0, 60, 60))  # a transparent corner (index 63), top left
    holed.putpalette(palette.getpalette()[:63 * 3] + [255, 0, 255])
    cmyk = Image.merge("CMYK", [Image.new("L", (W, H), 0)] * 3 + [Image.fromarray(255 - _ramp(), "L")])
    return {
        "l.png": (grey, {}),
        "la.png": (Image.merge("LA", [grey, Image.new("L", (W, H), 255)]), {}),
        "p.png": (palette, {}),
        "p-trong-suot.png": (holed, {"transparency": 63}),
        "rgba.png": (Image.merge("RGBA", [grey] * 3 + [Image.new("L", (W, H), 255)]), {}),
        "cmyk.jpg": (cmyk, {"quality": 95}),
        "xam-16bit.png": (Image.fromarray(_ramp(257, np.uint16)), {}),  # opens as I;16
        "i32.tif": (Image.fromarray(_ramp(257, np.int32)), {}),  # opens as I
        "f32.tif": (Image.fromarray(_ramp(1 / 255, np.float32)), {}),  # opens as F, 0..1
        "mot-bit.png": (grey.convert("1"), {}),  # dithered
    }


def _metadata_sources(folder):
    """Photos carrying everything a camera, an editor or a tool can write into a file."""
    photo = camera_pixels(3, W, H)
    exif = camera_exif(orientation=6, gps=True)
    meta = {"exif": exif, "xmp": XMP}
    photo.save(folder / "binh-luan.jpg", quality=90, comment=SECRET.encode(), **meta)
    photo.save(folder / "icc.jpg", quality=90, comment=SECRET.encode(), icc_profile=adobe_rgb_icc(), **meta)
    photo.quantize(255).save(folder / "binh-luan.gif", comment=SECRET.encode())
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Nha ong Nguyen Van A, Cao Lanh")
    info.add_text("Description", "Nha ong Nguyen Van A, Cao Lanh", zip=True)
    info.add_itxt("Title", SECRET, lang="vi", tkey="Tiêu đề")
    photo.save(folder / "chu-thich.png", pnginfo=info, exif=exif, icc_profile=adobe_rgb_icc())
    photo.save(folder / "meta.webp", quality=90, icc_profile=adobe_rgb_icc(), **meta)
    return ["binh-luan.jpg", "icc.jpg", "binh-luan.gif", "chu-thich.png", "meta.webp"]


def _colour_sources(folder):
    Image.new("L", (W, H), 128).save(folder / "xam-tuyen-tinh.png", icc_profile=linear_grey_icc())
    Image.new("CMYK", (W, H), (255, 0, 0, 0)).save(folder / "cmyk-icc.jpg", quality=95,
                                                     icc_profile=cyan_prints_grey_icc())
    Image.fromarray(np.full((H, W), 32768, np.uint16)).save(folder / "xam-giua-16bit.png")
    return ["xam-tuyen-tinh.png", "cmyk-icc.jpg", "xam-giua-16bit.png"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One process() of every source: widths, thumbnail, og:image and the cleaned original."""
    root = tmp_path_factory.mktemp("anh-goc")
    tones = _tone_sources()
    for name, (img, options) in tones.items():
        img.save(root / name, **options)
    sources = [*tones, *_metadata_sources(root), *_colour_sources(root)]
    settings = ResponsiveImagesSettings(widths=(480,), cache_path=str(root.parent / "cache"), copy_originals=True)
    outcome = process(sources, root, settings, covers=frozenset(sources), workers=2)  # forked workers, as the build
    assert not outcome.problems, outcome.problems
    originals = getattr(outcome, "originals", {})  # checked by its own test
    files = {s: [outcome.files[d.url] for d in outcome.images[s].derivatives] + ([originals[s]] if s in originals else [])
             for s in sources}
    for source, paths in files.items():  # 3 widths + 3 thumbnails + the og:image (+ the original)
        assert len(paths) >= 7 and all(p.is_file() for p in paths), source
    return root, files, originals


# --- checks ------------------------------------------------------------------------------------

def _jpeg_markers(data: bytes) -> set[int]:
    markers, i = set(), 2
    while data[i] == 0xFF and data[i + 1] != 0xDA:  # up to the start of scan
        markers.add(data[i + 1])
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    return markers


def _webp_chunks(data: bytes) -> set[bytes]:
    chunks, i = set(), 12
    while i + 8 <= len(data):
        size = struct.unpack("<I", data[i + 4:i + 8])[0]
        chunks.add(data[i:i + 4])
        i += 8 + size + (size & 1)
    return chunks


def _png_chunks(data: bytes) -> set[bytes]:
    chunks, i = set(), 8
    while i + 8 <= len(data):
        size = struct.unpack(">I", data[i:i + 4])[0]
        chunks.add(data[i + 4:i + 8])
        i += 12 + size
    return chunks


def assert_bare(path) -> None:
    """No comment, EXIF, XMP, ICC profile or text, read by Pillow and in the raw bytes."""
    data = path.read_bytes()
    leaks = [marker for marker in LEAKS if marker in data]
    assert not leaks, (path.name, leaks)
    with Image.open(path) as img:
        img.load()
        found = {"comment", "exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "Comment", "Description"} & set(img.info)
        assert not found, (path.name, found)
        assert not getattr(img, "text", None), path.name  # PNG tEXt/zTXt/iTXt
        if img.format == "TIFF":
            # description, software, artist, XMP, copyright, Photoshop, EXIF, ICC, GPS, user comment
            assert not {270, 305, 315, 700, 33432, 34377, 34665, 34675, 34853, 37510} & set(img.tag_v2), path.name
        else:
            assert len(img.getexif()) == 0, path.name
        if img.format == "JPEG":  # COM, APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC)
            assert not {0xFE, 0xE1, 0xE2, 0xED} & _jpeg_markers(data), path.name
        if img.format == "PNG":
            assert _png_chunks(data) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, path.name
        if img.format == "WEBP":
            assert _webp_chunks(data) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, path.name
            assert not [chunk for chunk in (b"EXIF", b"XMP ", b"ICCP") if chunk in data], path.name
        if img.format == "AVIF":  # an EXIF item, an XMP (mime) item, an ICC colour box
            assert not [box for box in (b"Exif", b"mime", b"rICC", b"prof") if box in data], path.name


def _grey_quarters(img: Image.Image) -> list[float]:
    """Mean grey of each vertical quarter of the bottom half (clear of the transparent corner)."""
    grey = np.asarray(img.convert("RGB").convert("L"), dtype=np.float64)
    return [float(q.mean()) for q in np.array_split(grey[grey.shape[0] // 2:], 4, axis=1)]


def _mean_rgb(path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"), dtype=np.float64).reshape(-1, 3).mean(axis=0)


# --- tests -------------------------------------------------------------------------------------

def test_no_derivative_or_copied_original_keeps_a_comment_exif_xmp_icc_or_text(rendered):
    _root, files, _originals = rendered
    for paths in files.values():
        for path in paths:
            assert_bare(path)


def test_copied_originals_are_published_upright_in_their_own_format(rendered):
    """RESPONSIVE_IMAGES_COPY_ORIGINALS: what replaces each original is the
    same picture, encoded again (and checked bare with the derivatives)."""
    root, files, originals = rendered
    assert sorted(originals) == sorted(files)
    for source, path in originals.items():
        with Image.open(root / source) as img, Image.open(path) as copy:
            turned = img.getexif().get(0x0112, 1) == 6
            assert copy.size == (img.size[::-1] if turned else img.size), source
            assert copy.format == {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "tif": "TIFF"}[
                source.rsplit(".", 1)[1]], source


@pytest.mark.parametrize("source", list(_tone_sources()))
def test_every_pixel_mode_keeps_its_tones(rendered, source):
    root, files, _originals = rendered
    with Image.open(root / source) as img:
        mode = img.mode
    assert mode == {"l.png": "L", "la.png": "LA", "p.png": "P", "p-trong-suot.png": "P", "rgba.png": "RGBA",
                    "cmyk.jpg": "CMYK", "xam-16bit.png": "I;16", "i32.tif": "I", "f32.tif": "F",
                    "mot-bit.png": "1"}[source]
    for path in files[source]:  # 1-bit: a dithered ramp, averaged (or, for the og:image, enlarged)
        with Image.open(path) as img:
            assert _grey_quarters(img) == pytest.approx(RAMP_QUARTERS, abs=4), (path.name, mode)


def test_a_transparent_palette_entry_stays_transparent(rendered):
    _root, files, _originals = rendered
    webp = next(p for p in files["p-trong-suot.png"] if p.suffix == ".webp" and p.name.endswith("-480.webp"))
    with Image.open(webp) as img:
        alpha = img.getchannel("A")
        assert alpha.getpixel((5, 5)) < 16 and alpha.getpixel((400, 250)) > 240
    jpeg = next(p for p in files["p-trong-suot.png"] if p.name.endswith("-480.jpg"))
    with Image.open(jpeg) as img:
        assert min(img.getpixel((5, 5))) > 240  # flattened on white, not magenta


def test_a_mid_grey_16_bit_png_stays_mid_grey(rendered):
    _root, files, _originals = rendered
    for path in files["xam-giua-16bit.png"]:
        assert _mean_rgb(path) == pytest.approx([128] * 3, abs=3), path.name


def test_icc_profiles_are_applied_in_their_own_colour_space(rendered):
    root, files, _originals = rendered
    for path in files["xam-tuyen-tinh.png"]:  # grey profile, gamma 1
        assert _mean_rgb(path) == pytest.approx([188] * 3, abs=3), path.name
    for path in files["cmyk-icc.jpg"]:  # CMYK profile: cyan prints grey
        assert _mean_rgb(path) == pytest.approx([119] * 3, abs=4), path.name
    with Image.open(root / "icc.jpg") as img:  # Adobe RGB, turned upright
        source = ImageCms.profileToProfile(img, ImageCms.ImageCmsProfile(io.BytesIO(img.info["icc_profile"])),
                                           ImageCms.createProfile("sRGB"), outputMode="RGB")
    expected = np.asarray(source, dtype=np.float64).reshape(-1, 3).mean(axis=0)
    for path in files["icc.jpg"][:3] + files["icc.jpg"][7:]:  # the whole picture: widths and the original
        assert _mean_rgb(path) == pytest.approx(expected, abs=3), path.name


def test_a_variant_has_the_same_bytes_whatever_else_is_rendered_with_it(tmp_path):
    """The bytes of a derivative depend on its source and recipe only: not on
    which other variants were missing from the cache, nor on their order."""
    photo = make_camera_jpeg(tmp_path / "doc.jpg", seed=11, width=2000, height=1300, orientation=6)
    screen = tmp_path / "man-hinh.png"
    camera_pixels(12, 1700, 1000).save(screen)
    quality = {"avif": 50, "webp": 75, "jpeg": 80}
    for source, size in ((photo, (1300, 2000)), (screen, (1700, 1000))):
        variants = plan(size, (480, 960, 1440), ("avif", "webp", "jpeg"), quality, (352, 220), (1200, 630))

        def render(folder, chosen):
            folder.mkdir()
            pipeline.render(source, [(v, folder / f"{i}.bin") for i, v in enumerate(variants) if v in chosen], 10 ** 8)
            return {p.name: p.read_bytes() for p in folder.iterdir()}

        cold = render(tmp_path / f"{source.stem}-all", variants)
        assert len(cold) == len(variants)
        alone = {}
        for i, variant in enumerate(variants):  # each one as if it alone were missing from the cache
            alone.update(render(tmp_path / f"{source.stem}-{i}", [variant]))
        assert alone == cold, [n for n in cold if alone[n] != cold[n]]
        backwards = tmp_path / f"{source.stem}-reversed"
        backwards.mkdir()
        pipeline.render(source, [(v, backwards / f"{i}.bin") for i, v in reversed(list(enumerate(variants)))], 10 ** 8)
        assert {p.name: p.read_bytes() for p in backwards.iterdir()} == cold


def test_a_write_cut_short_leaves_no_derivative_for_the_next_build(tmp_path, monkeypatch):
    """A build killed while encoding leaves at most a temporary file, which is
    never taken for a cached derivative."""
    photo = make_camera_jpeg(tmp_path / "content" / "anh.jpg", seed=13, width=900, height=600, orientation=1)
    settings = ResponsiveImagesSettings(widths=(480,), formats=("jpeg",), cache_path=str(tmp_path / "cache"))
    real_save = Image.Image.save

    def killed(img, fp, *args, **kwargs):
        real_save(img, fp, *args, **kwargs)
        with open(fp, "r+b") as half:
            half.truncate(100)
        raise KeyboardInterrupt  # the build is stopped mid-write

    monkeypatch.setattr(Image.Image, "save", killed)
    with pytest.raises(KeyboardInterrupt):
        process([photo.name], photo.parent, settings)
    monkeypatch.setattr(Image.Image, "save", real_save)
    assert not [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".jpg"]
    outcome = process([photo.name], photo.parent, settings)
    assert outcome.encoded == 1 and outcome.reused == 0
    with Image.open(next(iter(outcome.files.values()))) as img:
        img.load()
        assert img.size == (480, 320)


# --- one whole site ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    body = "\n\n".join(f'![Ảnh {n}]({n} "Chú thích {n}")' for n in ("binh-luan.gif", "chu-thich.png", "xam-16bit.png"))
    content = write(root / "content", {"articles/2024/a.md": article(
        "Bài có ảnh", extra="image: bia.jpg\nimage_alt: Ảnh bìa\n", body=f"Đoạn mở đầu.\n\n{body}\n")})
    folder = content / "articles/2024"
    # A camera photo (GPS in EXIF) that an editor's tool also gave a comment and XMP.
    photo = folder / "bia.jpg"
    make_camera_jpeg(photo, seed=21, width=1800, height=1200, orientation=1)
    with Image.open(photo) as img:
        exif = img.getexif()
        img.save(photo.with_name("x.jpg"), quality=92, exif=exif, comment=SECRET.encode(), xmp=XMP)
    photo.with_name("x.jpg").replace(photo)
    metadata = root / "more"
    metadata.mkdir()
    _metadata_sources(metadata)
    for name in ("binh-luan.gif", "chu-thich.png"):
        shutil.copy(metadata / name, folder / name)
    Image.fromarray(np.full((H, W), 32768, np.uint16)).save(folder / "xam-16bit.png")
    output, cache = root / "output", root / "cache"
    extra = ("-e", f'RESPONSIVE_IMAGES_CACHE_PATH="{cache}"', "RESPONSIVE_IMAGES_COPY_ORIGINALS=true",
             f'BUILD_STATS_FILE="{root / "stats.json"}"')
    result = build(content, output, *extra)
    assert result.returncode == 0, result.stderr
    return content, output, cache, extra


def _published_images(output):
    suffixes = {".jpg", ".jpeg", ".gif", ".png", ".webp", ".avif"}
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*"))
            if p.suffix in suffixes and not p.relative_to(output).parts[0] in ("theme", "pagefind")}


def test_the_published_site_holds_only_bare_images_and_grey_stays_grey(site):
    _content, output, _cache, _extra = site
    published = _published_images(output)
    html = (output / "bai-viet" / "bai-co-anh" / "index.html").read_text(encoding="utf-8")
    social = re.search(r'og:image" content="\.\./\.\./(anh/bia-[0-9a-f]{8}-1200x630\.jpg)"', html)[1]
    assert social in published
    originals = {"articles/2024/bia.jpg", "articles/2024/binh-luan.gif", "articles/2024/chu-thich.png",
                 "articles/2024/xam-16bit.png"}
    assert originals <= set(published)  # COPY_ORIGINALS: cleaned copies in their place
    assert len(published) == len(originals) + 13 + 3 * 3  # the cover's 13 derivatives, 3 per body image (480w)
    for name in published:
        assert_bare(output / name)
    for name in published:
        if "xam-16bit" in name:
            assert _mean_rgb(output / name) == pytest.approx([128] * 3, abs=3), name
    with Image.open(output / "articles/2024/bia.jpg") as img:
        assert img.format == "JPEG" and img.size == (1800, 1200)


def test_deleting_cached_derivatives_builds_the_same_bytes_again(site):
    """As after a cold build killed midway: some derivatives of a photo are in
    the cache, others not. The rebuilt ones are byte for byte the same."""
    content, output, cache, extra = site
    before = _published_images(output)
    gone = [p for p in cache.iterdir() if re.fullmatch(r"bia-[0-9a-f]{8}-(480\.webp|352x220\.jpg)", p.name)]
    assert len(gone) == 2
    for path in gone:
        path.unlink()
    again = build(content, output, *extra)
    assert again.returncode == 0, again.stderr
    assert json.loads((cache.parent / "stats.json").read_text(encoding="utf-8"))["images"]["encoded"] == 2
    after = _published_images(output)
    assert sorted(after) == sorted(before)
    assert [name for name in before if after[name] != before[name]] == []
