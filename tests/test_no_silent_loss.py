"""A bad file is reported at its own line and costs nothing else (issue 19):
no valid article dropped, no error logged on a build that exits 0, no page
taking an address the build generates."""

import json
import os
import subprocess
import unicodedata
from pathlib import Path

from pelican.settings import read_settings

from tests.helpers import ROOT, SETTINGS, article, build, check, tree, write

BAD_DATE = "content/articles/2023/ngay-sai.md"
N_GOOD = 240  # above the prefetcher's threshold: files are parsed in worker processes


def _site(root: Path, bad: str) -> Path:
    files = {f"articles/2023/bai-{i:03d}.md": article(f"Bài hợp lệ số {i}", date=f"2023-0{1 + i % 9}-1{i % 9} 08:00")
             for i in range(N_GOOD)}
    files["articles/2023/ngay-sai.md"] = article("Bài có ngày sai", date=bad)
    return write(root / "content", files)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("content/", "tests/"))]


def test_a_date_out_of_range_is_its_own_error_and_drops_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = _site(tmp_path, "0001-01-01T00:00:00+08:00")
    output = tmp_path / "output"
    result = build(content, output, cwd=tmp_path)
    assert result.returncode != 0, result.stderr
    expected = f"{BAD_DATE}:3: date: năm 1 nằm ngoài khoảng 1945–2100; kiểm tra lại năm"
    assert _error_lines(result.stderr) == [expected], result.stderr
    assert "Could not process" not in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()
    checked = check("--content", str(content), cwd=tmp_path)
    assert checked.returncode == 1 and _error_lines(checked.stderr) == [expected]
    assert "OverflowError" not in checked.stderr

    # Fixed: every one of the valid articles is published (the search index,
    # which reads the written pages, is not what this checks).
    (content / "articles/2023/ngay-sai.md").write_text(article("Bài có ngày sai", date="2023-05-05 08:00"),
                                                      encoding="utf-8")
    result = build(content, output, "-e", "SITE_SEARCH=false", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = [p for p in tree(output) if p.startswith("bai-viet/") and p.endswith("/index.html")]
    assert len(pages) == N_GOOD + 1


def _build_with_plugins(tmp_path, *extra_plugins: str) -> subprocess.CompletedProcess:
    plugin_dir = write(tmp_path / "extra_plugins", {"noisy.py": (
        "import logging\n"
        "from pelican import signals\n\n"
        "def _complain(generator):\n"
        "    logging.getLogger('noisy').error('không ghi được chỉ mục phụ')\n\n"
        "def register():\n"
        "    signals.article_generator_finalized.connect(_complain)\n")})
    content = write(tmp_path / "content", {"articles/bai.md": article("Bài thử")})
    settings = read_settings(str(SETTINGS))
    return build(content, tmp_path / "output", "--extra-settings",
                 f"PLUGINS={json.dumps(settings['PLUGINS'] + list(extra_plugins))}",
                 f"PLUGIN_PATHS={json.dumps(settings['PLUGIN_PATHS'] + [str(plugin_dir)])}")


def test_an_error_logged_by_any_plugin_fails_the_build(tmp_path):
    result = _build_with_plugins(tmp_path, "noisy")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "noisy:0: lỗi: lỗi khi dựng trang: không ghi được chỉ mục phụ" in result.stderr.splitlines()
    assert not (tmp_path / "output").exists()


def test_a_plugin_that_cannot_be_loaded_fails_the_build(tmp_path):
    """A typo in PLUGINS made Pelican log an error and build without it."""
    result = _build_with_plugins(tmp_path, "khong_co_plugin_nay")
    assert result.returncode != 0, result.stdout + result.stderr
    assert ('pelicanconf.py:1: PLUGINS: không nạp được plugin "khong_co_plugin_nay"; kiểm tra tên trong PLUGINS '
            "và thư mục plugins/") in result.stderr.splitlines(), result.stderr
    assert not (tmp_path / "output").exists()


def test_a_page_cannot_take_an_address_the_build_generates(tmp_path):
    content = write(tmp_path / "content", {
        "articles/bai.md": article("Bài thử"),
        "pages/tim-kiem.md": "---\ntitle: Tìm kiếm giả\nslug: tim-kiem\n---\n\nTrang giả.\n",
        "pages/trang.md": "---\ntitle: Trang\n---\n\nTrang thứ hai của trang chủ là /trang/2/.\n",
    })
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "pages/" in line]
    assert any(line.endswith('pages/tim-kiem.md:3: slug: slug "tim-kiem" trùng với một mục của trang; '
                             'thêm dòng "slug: tim-kiem-1" hoặc đổi tiêu đề') for line in lines), result.stderr
    assert any("pages/trang.md:2: title: slug \"trang\" trùng với một mục của trang" in line for line in lines)
    checked = check("--content", str(content))
    assert checked.returncode == 1
    assert sorted(l for l in checked.stderr.splitlines() if "pages/" in l) == sorted(lines)


def test_every_top_level_folder_the_build_writes_is_reserved():
    """Reserved slugs come from the settings: whatever the golden build wrote
    at the top of the site (and the search bundle, left out of the golden
    tree) is either reserved or a page's own folder."""
    from front_matter.settings import reserved_sections

    settings = read_settings(str(SETTINGS))
    reserved = reserved_sections(settings)
    golden = ROOT / "tests" / "golden" / "golden_site"
    pages = {p.stem for p in (ROOT / "tests" / "fixtures" / "golden_site" / "pages").glob("*.md")}
    folders = {p.name for p in golden.iterdir() if p.is_dir()} | {"pagefind"}
    assert folders - pages <= reserved, folders - pages - reserved
    assert {"tim-kiem", "trang", "anh", "pagefind", "luu-tru", "don-vi", "feeds", "theme"} <= reserved


def test_a_photo_whose_file_name_is_nfd_is_found(tmp_path):
    """macOS stores "ảnh" as "a" + combining marks; the article, read as NFC,
    still finds it, in `make check` and in the build."""
    from PIL import Image

    name = "ảnh-họp-dân.jpg"
    content = write(tmp_path / "content", {"articles/bai.md": article(
        "Bài có ảnh", extra=f"image: {name}\nimage_alt: Người dân họp\n", body=f"Đoạn một.\n\n![Buổi họp]({name})\n")})
    Image.new("RGB", (640, 400), (90, 120, 150)).save(content / "articles" / unicodedata.normalize("NFD", name))
    assert check("--content", str(content)).returncode == 0
    result = build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "output" / "bai-viet" / "bai-co-anh" / "index.html").read_text(encoding="utf-8")
    assert page.count("<picture") == 2


def test_check_and_build_report_the_same_errors(tmp_path):
    """Every error the build finds, make check finds: one site with a mistake
    of each kind the reader, the cross-file checks, the related pins and the
    image step report."""
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 5))
    content = write(tmp_path / "content", {
        "articles/tot.md": article("Bài tốt", extra="related: [khong-co-bai-nay, ban-nhap]\n"),
        "articles/nhap.md": article("Bản nháp", extra="slug: ban-nhap\nstatus: draft\n"),
        "articles/ngay.md": article("Ngày sai", date="9999-12-31T23:00:00-05:00"),
        "articles/bom.md": "---\ntitle: Bom\n" + bomb + "---\n\nThân bài.\n",
        "articles/dai.md": article("Tin " * 500),
        "articles/anh-gia.md": article("Ảnh giả", extra="image: gia.jpg\nimage_alt: Ảnh\n"),
        "articles/gia.jpg": "đây không phải ảnh",
        "articles/the.md": article("Nhiều thẻ", extra="tags: [" + ", ".join(f"t{i}" for i in range(40)) + "]\n"),
        "pages/luu-tru.md": "---\ntitle: Lưu trữ\n---\n\nTrang trùng mục lưu trữ.\n",
    })
    built = build(content, tmp_path / "output")
    checked = check("--content", str(content))
    assert built.returncode != 0 and checked.returncode == 1

    def lines(stderr: str) -> set[str]:
        return {line for line in stderr.splitlines() if line.startswith(str(content))
                or line.startswith(os.path.relpath(content, ROOT))}

    found = lines(built.stderr)
    assert len(found) == 8, built.stderr
    assert {line.split(": ")[0].rsplit("/", 1)[1] for line in found} == {
        "tot.md:6", "ngay.md:3", "bom.md:2", "dai.md:2", "anh-gia.md:6", "the.md:6", "luu-tru.md:2"}
    assert lines(checked.stderr) == found
