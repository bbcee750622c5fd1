"""End-to-end builds with the real CLI (`pelican … -s pelicanconf.py`)."""

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEARCH_INDEX, article, build, check, tree, write

BAD = ROOT / "tests" / "fixtures" / "bad_site"
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_f79bd936463e4d2a.txt"  # copy of shared/seed
B = "tests/fixtures/bad_site/articles/2021"
EXPECTED_ERRORS = [
    f"{B}/sai-chuyen-muc.md:5: category: ",
    f"{B}/sai-chuyen-muc.md:6: period: ",
    f"{B}/sai-ngay.md:3: date: ",
    f"{B}/sai-ten-truong.md:1: title: ",
    f"{B}/sai-ten-truong.md:2: tittle: ",
    f"{B}/thieu-anh.md:10: image: ",
    f"{B}/thieu-dong-dong.md:1: front matter: ",
    f"{B}/trung-slug-1.md:2: title: ",
    f"{B}/trung-slug-1.md:6: tags: ",
    f"{B}/trung-slug-2.md:2: title: ",
    f"{B}/trung-slug-2.md:6: tags: ",
    f"{B}/yaml-hong.md:6: front matter: ",
]
ERROR_LINE = re.compile(r"^(\S+\.md):(\d+): ([a-z_ ]+): \S")


@pytest.fixture(scope="module")
def site_output(content_site):
    return content_site.ok()


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """A good site built, then the bad site built into the same output:
    (the folder holding output/, the good output's files, the bad build)."""
    root = tmp_path_factory.mktemp("bad")
    content = root / "content"
    shutil.copytree(BAD / "pages", content / "pages")
    (content / "articles").mkdir()
    shutil.copy(BAD / "articles" / "2021" / "bai-tot.md", content / "articles")
    output = root / "output"
    first = build(content, output)
    assert first.returncode == 0, first.stderr
    before = tree(output)
    return root, before, build(BAD, output)


@pytest.fixture(scope="module")
def one_article(tmp_path_factory) -> Path:
    """A one-article site and its output (content/, output/): tests copy it."""
    root = tmp_path_factory.mktemp("one-article")
    content = write(root / "content", {"articles/bai.md": article("Bài một")})
    result = build(content, root / "output")
    assert result.returncode == 0, result.stderr
    return root


def _copy(site: Path, to: Path) -> tuple[Path, Path]:
    for name in ("content", "output"):
        shutil.copytree(site / name, to / name)
    return to / "content", to / "output"


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ERROR_LINE.match(line)]


def test_seed_article_is_published_faithfully(site_output):
    page = (site_output / "bai-viet" / "ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021" / "index.html")
    html = page.read_text(encoding="utf-8")
    lines = [l.strip() for l in SEED.read_text(encoding="utf-8").splitlines() if l.strip()]
    start = lines.index("Kết quả công tác cải cách hành chính Quý 1 năm 2021", 3)
    end = lines.index("Mi Lê")
    paragraphs = [l for l in lines[start + 1:end] if l != "Người dân đến làm các thủ tục hành chính tại UBND xã"]
    assert len(paragraphs) == 5
    assert "<h1>Kết quả công tác cải cách hành chính Quý 1 năm 2021</h1>" in html
    for paragraph in paragraphs:
        assert f"<p>{paragraph}</p>" in html
    assert "<figcaption>Người dân đến làm các thủ tục hành chính tại UBND xã</figcaption>" in html
    assert '<p class="byline">Mi Lê</p>' in html
    assert "Thứ Năm, 08/04/2021" in html
    assert 'lang="vi"' in html
    figure = re.search(r"<figure><picture>.*?</picture>", html, re.S)[0]
    assert 'alt="Người dân ngồi chờ' in figure
    image = re.search(r'<img src="([^"]+)"', figure)[1]
    assert (page.parent / image).resolve().is_file()  # relative link resolves from the page


def test_site_urls_and_listings(site_output):
    for path in ("index.html", "trang/2/index.html", "chuyen-muc/cai-cach-the-che/index.html",
                 "the/dat-dai/index.html", "tac-gia/mi-le/index.html", "gioi-thieu/index.html",
                 "lien-he/index.html", "feeds/all.atom.xml"):
        assert (site_output / path).is_file(), path
    articles = list((site_output / "bai-viet").iterdir())
    assert len(articles) >= 31
    home = (site_output / "index.html").read_text(encoding="utf-8")
    assert 'href="./bai-viet/' in home or 'href="bai-viet/' in home  # relative links: subpath-safe
    assert 'href="/' not in home


def test_every_bad_file_is_reported_and_previous_output_is_untouched(bad_build):
    root, before, result = bad_build
    assert "bai-viet/bai-viet-hop-le-ve-dat-dai/index.html" in before
    assert result.returncode != 0
    lines = _error_lines(result.stderr)
    for expected in EXPECTED_ERRORS:
        assert any(line.startswith(expected) for line in lines), (expected, result.stderr)
    assert len(lines) == len(EXPECTED_ERRORS), result.stderr
    assert "Traceback" not in result.stderr and "Could not process" not in result.stderr
    assert result.stderr.splitlines()[len(EXPECTED_ERRORS)] == (
        "Không xuất bản: 12 lỗi nội dung trong 8 tệp; thư mục output giữ nguyên bản dựng trước.")
    assert "There are 2" not in result.stdout + result.stderr
    assert tree(root / "output") == before
    assert not (root / "output.tmp").exists()


def test_error_lines_are_never_wrapped(tmp_path):
    long_title = "Một tiêu đề rất dài " * 8
    content = write(tmp_path / "content", {
        "articles/" + "thu-muc-co-ten-rat-dai-de-dong-loi-vuot-qua-tam-muoi-cot/bai.md":
            article(long_title, category="Chuyên mục không tồn tại và có tên rất dài"),
    })
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    lines = _error_lines(result.stderr)
    assert len(lines) == 1 and len(lines[0]) > 160
    assert lines[0].endswith("chọn một trong: " + lines[0].split("chọn một trong: ")[1])
    assert lines[0].rstrip().endswith("Tin tức - Sự kiện")


def test_check_prints_the_same_errors_without_building(bad_build):
    result = check("--content", str(BAD))
    assert result.returncode == 1
    assert "Warning" not in result.stderr  # English noise from importing the module twice
    assert _error_lines(result.stderr) == _error_lines(bad_build[2].stderr)
    assert "Kiểm tra 10 tệp: 12 lỗi trong 8 tệp." in result.stdout
    good = check()
    assert good.returncode == 0 and "không có lỗi" in good.stdout


def test_nfd_article_builds_like_its_nfc_twin(tmp_path):
    text = article("Đăng ký đất đai ở xã Mỹ Ngãi", extra="tags: [đất đai, đăng ký]\nunit: UBND xã Mỹ Ngãi\n",
                   body="Người dân đến Bộ phận một cửa để đăng ký quyền sử dụng đất đai.")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    outputs = []
    for name, source in (("nfc", text), ("nfd", nfd)):
        content = write(tmp_path / name / "content", {"articles/bai.md": source.encode("utf-8")})
        result = build(content, tmp_path / name / "output")
        assert result.returncode == 0, result.stderr
        outputs.append(tree(tmp_path / name / "output", exclude=SEARCH_INDEX))
    assert outputs[0] == outputs[1]
    page = outputs[0]["bai-viet/dang-ky-dat-dai-o-xa-my-ngai/index.html"].decode("utf-8")
    assert unicodedata.is_normalized("NFC", page)
    assert "Người dân đến Bộ phận một cửa để đăng ký quyền sử dụng đất đai." in page
    assert "the/dat-dai/index.html" in outputs[0]


def test_two_builds_are_byte_identical(site_output, tmp_path):
    again = tmp_path / "output"
    result = build(ROOT / "content", again)
    assert result.returncode == 0, result.stderr
    assert tree(again, exclude=SEARCH_INDEX) == tree(site_output, exclude=SEARCH_INDEX)


def test_preview_mode_reports_once_and_keeps_the_previous_output(one_article, tmp_path):
    """`make serve` sets BUILD_PREVIEW=true: Pelican's autoreload
    would otherwise re-run at once after an exception, printing forever."""
    content, output = _copy(one_article, tmp_path)
    before = tree(output)
    write(content, {"articles/b.md": article("Bài lỗi", date="hôm qua")})
    result = build(content, output, "--extra-settings", "BUILD_PREVIEW=true")
    assert result.returncode == 0
    assert _error_lines(result.stderr) == [
        f"{content}/articles/b.md:3: date: \"hôm qua\" không phải ngày hợp lệ; hãy viết 2021-03-31 hoặc 2021-03-31 08:00"]
    assert result.stderr.count("Không xuất bản") == 1
    assert tree(output) == before
    assert not (tmp_path / "output.tmp").exists()


def _holding_the_lock(output: Path):
    """Another process that holds the build lock of ``output`` until its stdin closes."""
    import subprocess
    import sys

    from tests.helpers import env

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from build_guard.lock import hold; hold(sys.argv[1]); print('ok', flush=True);"
         " sys.stdin.read()", str(output)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env(), text=True)
    assert holder.stdout.readline() == "ok\n"
    return holder


def test_a_second_build_into_the_same_output_stops_and_touches_nothing(one_article, tmp_path):
    """`make site` while `make serve` (or another build) writes the same
    output: one line naming the other process, exit 1, the output untouched
    and no staging folder left; once the other process ends, the build runs."""
    content, output = _copy(one_article, tmp_path)
    before = tree(output)
    (content / "articles" / "bai.md").write_text(article("Bài một", body="Đoạn đã sửa."), encoding="utf-8")

    holder = _holding_the_lock(output)
    try:
        result = build(content, output)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "đang ghi vào thư mục này" in line]
    assert lines == [f"{output}: một bản dựng khác (tiến trình {holder.pid}) đang ghi vào thư mục này, có thể là "
                     '"make serve"; dừng nó hoặc đợi nó xong rồi dựng lại.'], result.stderr
    assert "Traceback" not in result.stderr
    assert tree(output) == before
    assert not (tmp_path / "output.tmp").exists() and not (tmp_path / "output.old").exists()

    again = build(content, output)  # the holder has ended: its lock went with it
    assert again.returncode == 0, again.stderr
    assert "Đoạn đã sửa." in (output / "bai-viet" / "bai-mot" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / ".output.lock").read_text().strip().isdigit()
