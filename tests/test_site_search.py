"""site_search: đ-folding, filter choices, Pagefind runs and failures (real CLI builds).

The browser side (what a reader finds, ranking, filters, accessibility) is in
tests/browser/test_search.py.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from front_matter.period import Period
from site_search.folding import GAP, FoldedText, d_word_copies, fold_article, fold_d, html_text
from site_search.indexer import (UNUSED_BUNDLE_FILES, SearchIndexError, indexed_pages, locate_binary,
                                 pagefind_command, prune_bundle, run_pagefind)
from site_search.records import ArticleSearchData, filter_options
from site_search.settings import SettingsError, SiteSearchSettings
from tests.helpers import ROOT, article, build, tree, write

# --- pure folding --------------------------------------------------------------


def test_fold_d_changes_only_the_barred_d():
    assert fold_d("Đăng ký đất đai") == "Dăng ký dất dai"
    assert fold_d(unicodedata.normalize("NFD", "đất")) == "dất"  # NFD input comes out NFC
    assert fold_d("cải cách") == "cải cách"


def test_copies_are_made_for_words_with_d_bar_only_in_text_order():
    # A gap between copies of words that were apart: only "đất đai (đợt" stand together.
    assert d_word_copies("Đăng ký đất đai (đợt 2) tại xã Đông.") == ["dăng", GAP, "dất", "dai", "dợt", GAP, "dông"]
    assert d_word_copies("Cải cách thủ tục hành chính") == []
    assert d_word_copies("— “Đổi mới”, …") == ["dổi"]
    assert d_word_copies("Đổi — đất, … đai") == ["dổi", "dất", "dai"]  # punctuation is no gap


def test_html_text_keeps_words_apart_and_drops_scripts():
    html = '<p>Đất<br>đai &amp; nhà</p><script>var đ = 1;</script><figure><figcaption>Ảnh đẹp</figcaption></figure>'
    assert html_text(html) == "Đất đai & nhà Ảnh đẹp"


def test_fold_article_indexes_a_separate_summary_once():
    body = "<p>Người dân đăng ký đất đai tại xã.</p><p>Đoạn hai.</p>"
    default = fold_article("Đăng ký đất đai", body, "<p>Người dân đăng ký đất đai tại xã.</p>")
    assert default == FoldedText(summary="", title_copies=f"dăng {GAP} dất dai",
                                 text_copies=f"dăng {GAP} dất dai {GAP} doạn")
    own = fold_article("Tin mới", body, "Tóm tắt về định danh điện tử")
    assert own.summary == "Tóm tắt về định danh điện tử"
    assert own.text_copies.endswith(f"dịnh {GAP} diện")
    assert own.title_copies == "" and own.has_copies
    assert not fold_article("Cải cách", "<p>Thủ tục.</p>", None).has_copies


def test_search_record_folds_its_text_once_when_first_asked(monkeypatch):
    import site_search.records as records
    calls = []
    monkeypatch.setattr(records, "fold_article", lambda *text: calls.append(text) or fold_article(*text))
    text = ("Đơn giản hóa thủ tục", "<p>Đất đai, đăng ký.</p>", "Tóm tắt: đăng ký đất đai.")
    data = ArticleSearchData("Cải cách thủ tục hành chính", Period.parse("2021-Q1"), text)
    assert calls == []  # nothing folded before a template asks
    assert data.folded == fold_article(*text) and data.folded is data.folded
    assert calls == [text]


def test_filter_options_follow_the_configured_category_order_newest_periods_first():
    def record(category, period):
        return ArticleSearchData(category, Period.parse(period), ("", "", None))
    options = filter_options(
        [record("Tin tức - Sự kiện", "2021-Q1"), record("Cải cách thể chế", "2023-Q4"),
         record("Khác", "2021-Q3"), record("Cải cách thể chế", "2021-Q1")],
        ["Cải cách thể chế", "Cải cách tài chính công", "Tin tức - Sự kiện"])
    assert options.categories == ("Cải cách thể chế", "Tin tức - Sự kiện", "Khác")
    assert options.years == (2023, 2021)
    assert [(q.year, q.label) for q in options.quarters] == [
        (2023, "Quý 4 năm 2023"), (2021, "Quý 3 năm 2021"), (2021, "Quý 1 năm 2021")]


# --- settings and the Pagefind call ------------------------------------------------


def test_settings_defaults_and_mistakes():
    s = SiteSearchSettings.from_pelican({"DEFAULT_LANG": "vi", "FRONT_MATTER_CATEGORIES": ["A", "B"]})
    assert (s.enabled, s.binary, s.bundle_dir, s.url, s.save_as, s.language) == (
        True, None, "pagefind", "tim-kiem/", "tim-kiem/index.html", "vi")
    assert s.category_order == ("A", "B")
    assert SiteSearchSettings.from_pelican({"SITE_SEARCH": False}).enabled is False
    with pytest.raises(SettingsError, match="SITE_SEARCH_BUNDLE_DIR"):
        SiteSearchSettings.from_pelican({"SITE_SEARCH_BUNDLE_DIR": "../ngoai"})
    with pytest.raises(SettingsError, match="SITE_SEARCH_URL"):
        SiteSearchSettings.from_pelican({"SITE_SEARCH_URL": "/tim-kiem/"})
    assert s.shard_max_pages == 2000
    assert SiteSearchSettings.from_pelican({"SITE_SEARCH_SHARD_MAX_PAGES": 50}).shard_max_pages == 50
    for wrong in (0, -3, "100", True):
        with pytest.raises(SettingsError, match=r"SITE_SEARCH_SHARD_MAX_PAGES: .* phải là số nguyên dương"):
            SiteSearchSettings.from_pelican({"SITE_SEARCH_SHARD_MAX_PAGES": wrong})


def test_pagefind_command_and_shipped_binary(tmp_path):
    binary = locate_binary(None)
    assert binary.is_file() and os.access(binary, os.X_OK)  # from the pinned pagefind-bin wheel
    assert pagefind_command(binary, tmp_path / "site", tmp_path / "bundle", "vi") == [
        str(binary), "--site", str(tmp_path / "site"), "--output-path", str(tmp_path / "bundle"),
        "--force-language", "vi"]
    assert pagefind_command(binary, tmp_path, tmp_path / "b", "vi", ("figure.cover", ".x"))[-2:] == [
        "--exclude-selectors", "figure.cover, .x"]
    assert indexed_pages("Total:\n  Indexed 1 language\n  Indexed 33 pages\n") == 33
    assert indexed_pages("nothing") is None


def test_missing_or_failing_binary_is_one_clear_sentence(tmp_path):
    with pytest.raises(SearchIndexError, match=r"không tìm thấy chương trình Pagefind ở .*SITE_SEARCH_BINARY"):
        locate_binary(str(tmp_path / "khong-co"))
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n")
    failing.chmod(failing.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(SearchIndexError) as caught:
        run_pagefind([str(failing)], timeout=30)
    assert str(caught.value) == "Pagefind dừng với mã 3: Error: something broke"
    not_executable = tmp_path / "khong-chay"
    not_executable.write_text("x")
    with pytest.raises(SearchIndexError, match="không chạy được Pagefind"):
        run_pagefind([str(not_executable)], timeout=30)


def test_prune_bundle_removes_only_the_unused_ready_made_uis(tmp_path):
    for name in UNUSED_BUNDLE_FILES + ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
        (tmp_path / name).write_text("x")
    prune_bundle(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind-entry.json", "pagefind-worker.js", "pagefind.js"]


# --- real builds ------------------------------------------------------------------

SITE = {
    "articles/dat-dai.md": article(
        "Đăng ký đất đai tại xã Mỹ Ngãi", date="2021-04-08 10:00", category="Cải cách thủ tục hành chính",
        extra="period: 2021-Q1\nsummary: Tóm tắt riêng về định danh.\n",
        body="Người dân đến Bộ phận một cửa để đăng ký đất đai.\n\nĐoạn thứ hai."),
    "articles/the-che.md": article("Rà soát văn bản", date="2022-07-01 08:00", body="Kiểm tra văn bản."),
    "articles/nhap.md": article("Bản nháp về đất đai", extra="status: draft\n"),
    "articles/an.md": article("Bài ẩn về đất đai", extra="status: hidden\n"),
    "pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nTrang giới thiệu về đất đai.\n",
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    content = write(root / "content", SITE)
    output = root / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    return content, output


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(path: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def test_only_published_articles_are_indexed_with_filters_and_folded_copies(small_site):
    _content, output = small_site
    # One shard per reporting year, one article in each: not the draft, the
    # hidden article, nor the pages.
    for shard in ("2021", "2022"):
        entry = json.loads((output / "pagefind" / shard / "pagefind-entry.json").read_text())
        assert entry["languages"]["vi"]["page_count"] == 1
        assert not any((output / "pagefind" / shard / name).exists() for name in UNUSED_BUNDLE_FILES)
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == ["2021", "2022", "tu-vung.txt"]
    words = (output / "pagefind" / "tu-vung.txt").read_text(encoding="utf-8").split("\n")
    assert words[-1] == "" and words[:-1] == sorted(set(words[:-1]))  # sorted, one per line
    # Folded (no marks, đ → d), from the title, the body and the separate summary;
    # nothing of the draft, the hidden article or the pages.
    assert {"dang", "ky", "dat", "dai", "tom", "tat", "rieng", "dinh", "danh", "mot", "cua"} <= set(words)
    assert "đất" not in words and "nhap" not in words and "gioi" not in words
    tags = _tags(output / "bai-viet" / "dang-ky-dat-dai-tai-xa-my-ngai" / "index.html")
    body = [a for t, a in tags if "data-pagefind-body" in a]
    assert len(body) == 1
    data = next(a for t, a in tags if "data-pagefind-filter" in a)
    assert (data["data-chuyen-muc"], data["data-nam"], data["data-quy"]) == (
        "Cải cách thủ tục hành chính", "2021", "Quý 1 năm 2021")
    assert data["data-ngay-iso"] == "2021-04-08T10:00:00+07:00" and data["data-ngay"] == "08/04/2021"
    copies = [a["data-tu"] for t, a in tags if "data-tu" in a]
    assert copies == [f"dăng {GAP} dất dai", f"dến {GAP} dể dăng {GAP} dất dai doạn {GAP} dịnh"]
    assert any(a.get("data-tom-tat") == "Tóm tắt riêng về định danh." for t, a in tags)
    for slug in ("ban-nhap-ve-dat-dai",):
        page = output / "ban-nhap" / slug / "index.html"
        assert "data-pagefind-body" not in page.read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (output / "bai-viet" / "bai-an-ve-dat-dai" / "index.html").read_text()
    assert "data-pagefind-body" not in (output / "gioi-thieu" / "index.html").read_text()


def test_search_page_and_header_form(small_site):
    _content, output = small_site
    page = output / "tim-kiem" / "index.html"
    tags = _tags(page)
    app = next(a for t, a in tags if a.get("id") == "tim-kiem")
    assert app["data-bundle"] == "../pagefind/" and app["data-site"] == "../"
    assert app["data-shards"] == "2022 2021"  # newest first: the first one loads Pagefind's code
    assert "data-disabled" not in app
    options = [a["value"] for t, a in tags if t == "option" and a.get("value")]
    assert options == ["Cải cách thể chế", "Cải cách thủ tục hành chính", "2022", "2021",
                       "Quý 3 năm 2022", "Quý 1 năm 2021", "moi-nhat"]
    html = page.read_text(encoding="utf-8")
    assert "Tìm kiếm cần JavaScript" in html and 'href="../luu-tru/"' in html and 'href="../chuyen-muc/"' in html
    # Every page has the plain GET form; only the search page loads search.js.
    for name in ("index.html", "bai-viet/ra-soat-van-ban/index.html", "gioi-thieu/index.html", "tim-kiem/index.html"):
        tags = _tags(output / name)
        form = next(a for t, a in tags if t == "form" and a.get("class") == "site-search")
        assert form["method"] == "get" and form["action"].endswith("tim-kiem/")
        assert any(t == "label" and a.get("for") == "o-tim-kiem" for t, a in tags)
        scripts = [a["src"] for t, a in tags if t == "script" and a.get("src")]
        assert any("search.js" in s for s in scripts) == (name == "tim-kiem/index.html"), name
        assert not any("pagefind" in s for s in scripts)


def test_search_page_css_and_js_within_budget(small_site):
    _content, output = small_site
    page = output / "tim-kiem" / "index.html"
    assets = [a.get("src") or a.get("href") for t, a in _tags(page)
              if (t == "script" and a.get("src")) or (t == "link" and a.get("rel") == "stylesheet")]
    total = sum((page.parent / url).resolve().stat().st_size for url in assets)
    assert any(u.endswith("search.css") for u in assets) and any(u.endswith("search.js") for u in assets)
    assert total <= 30 * 1024, total
    assert "<script>" not in page.read_text(encoding="utf-8")  # nothing inline (CSP)


def test_site_search_false_skips_the_index_and_the_hidden_search_data(tmp_path):
    content = write(tmp_path / "content", {"articles/a.md": article("Đăng ký đất đai")})
    output = tmp_path / "output"
    result = build(content, output, "--extra-settings", "SITE_SEARCH=false")
    assert result.returncode == 0, result.stderr
    assert not (output / "pagefind").exists()
    assert "data-disabled" in (output / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    # Without an index nothing reads the hidden search data: no page carries it.
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for mark in ("data-pagefind-body", "data-pagefind-filter", "data-tu=", "tu-khong-dau"):
            assert mark not in html, (page, mark)


def _fail_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Lỗi tìm kiếm:")]


def test_missing_binary_fails_the_build_and_keeps_the_previous_output(small_site, tmp_path):
    content, first = small_site
    output = tmp_path / "output"
    shutil.copytree(first, output)  # the previous output (this test's own copy)
    before = tree(output)
    missing = tmp_path / "khong-co" / "pagefind"
    result = build(content, output, "--extra-settings", f'SITE_SEARCH_BINARY="{missing}"')
    assert result.returncode != 0
    assert _fail_lines(result.stderr) == [
        f"Lỗi tìm kiếm: không tìm thấy chương trình Pagefind ở {missing} (SITE_SEARCH_BINARY trong pelicanconf.py); "
        "sửa đường dẫn, hoặc xoá dòng đó để dùng bản đi kèm gói pagefind-bin. "
        "Chưa xuất bản; thư mục output giữ nguyên bản dựng trước."]
    assert "Traceback" not in result.stderr
    assert tree(output) == before
    assert not (tmp_path / "output.tmp").exists()


def test_failing_pagefind_fails_the_build_but_a_preview_goes_on_without_search(small_site, tmp_path):
    content, _ = small_site
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 2\n")
    failing.chmod(0o755)
    output = tmp_path / "output"
    setting = f'SITE_SEARCH_BINARY="{failing}"'
    result = build(content, output, "--extra-settings", setting)
    assert result.returncode != 0 and not output.exists()
    assert _fail_lines(result.stderr) == [
        "Lỗi tìm kiếm: Pagefind dừng với mã 2: Error: disk full. Chưa xuất bản; thư mục output giữ nguyên bản dựng trước."]
    # `make serve` (BUILD_PREVIEW=true): the preview is published without search.
    preview = build(content, output, "--extra-settings", setting, "BUILD_PREVIEW=true")
    assert preview.returncode == 0, preview.stderr
    assert _fail_lines(preview.stderr) == [
        "Lỗi tìm kiếm: Pagefind dừng với mã 2: Error: disk full. Bản xem trước không có tìm kiếm."]
    assert (output / "index.html").is_file() and not (output / "pagefind").exists()


def _index(output: Path) -> tuple[dict, list]:
    """The search bundle, with what Pagefind 1.5.2 writes in hash-map order made comparable.

    The order of filter values inside a filter chunk (and so the chunk's hashed
    name, the metadata file naming it and pagefind-entry.json) changes from run
    to run; words, pages, fragments and the code are byte-identical.
    """
    files = {k[len("pagefind/"):]: v for k, v in tree(output).items() if k.startswith("pagefind/")}
    inside = {k: k.split("/", 1)[-1] for k in files}  # the path inside its shard
    unordered = ("filter/", "pagefind.vi_", "pagefind-entry.json")
    stable = {k: v for k, v in files.items() if not inside[k].startswith(unordered)}
    # Same filter contents in any order: the decompressed bytes as a multiset.
    filters = sorted(sorted(gzip.decompress(v)) for k, v in files.items() if inside[k].startswith("filter/"))
    return stable, filters


def test_two_builds_write_the_same_index(small_site, tmp_path):
    """Indexed again from scratch (a cache of its own), not copied from the first build's cache."""
    content, first = small_site
    again = tmp_path / "output"
    cache = json.dumps(str(tmp_path / "cache"))
    assert build(content, again, "--extra-settings", f"CACHE_PATH={cache}").returncode == 0
    assert (tmp_path / "cache" / "search").is_dir()
    stable, filters = _index(again)
    assert any("/fragment/" in k for k in stable) and "tu-vung.txt" in stable and len(filters) == 8
    assert (stable, filters) == _index(first)


def test_bundle_names_match_the_pinned_version():
    lock = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^pagefind-bin==1\.5\.2 ", lock, re.M) and re.search(r"^pagefind==1\.5\.2 ", lock, re.M)
