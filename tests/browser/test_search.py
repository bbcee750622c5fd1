"""/tim-kiem/ in chromium: Vietnamese without accents, đ, ranking, filters, URLs, accessibility.

Uses the session's build of content/ (tests/browser/conftest.py) and, for the
ranking claims the sample content cannot show, a tiny site built here.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

from tests.browser.support import axe, open_page, serve
from tests.helpers import article, write

STATUS = ".search-status"


def open_search(browser, base: str, query: str = "", **options):
    page = open_page(browser, base + "tim-kiem/" + (f"?{query}" if query else ""), **options)
    if query:
        wait_until(page, f"document.querySelector('{STATUS}').textContent.trim() !== ''")
    return page


def results(page) -> list[dict]:
    return page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        title: li.querySelector("h2 a").textContent, href: li.querySelector("h2 a").getAttribute("href"),
        meta: (li.querySelector(".meta") || {}).textContent || "",
        excerpt: (li.querySelector(".search-excerpt") || {}).textContent || "",
        marks: Array.from(li.querySelectorAll("mark"), m => m.textContent)}))""")


def wait_until(page, condition: str) -> None:
    """Wait until the JavaScript ``condition`` holds: checked at every
    animation frame, so the test goes on as soon as the page shows it."""
    page.wait_for_function(f"() => {condition}", polling="raf", timeout=15000)


def settled(page):
    """Wait until the search started by the last change has shown its results."""
    wait_until(page, "document.querySelector('.search-results').getAttribute('aria-busy') !== 'true'")


def _plain(word: str) -> str:
    """Lower case, no marks, no punctuation around (đ stays)."""
    word = unicodedata.normalize("NFD", word.lower().strip(".,;:…“”\"()"))
    return "".join(c for c in word if not unicodedata.combining(c))


def q(text: str) -> str:
    return "q=" + quote_plus(text)


def close(page):
    assert page.problems == []
    page.context.close()


# --- the sample content --------------------------------------------------------


def test_unaccented_query_finds_articles_with_the_accented_words(browser, site_url):
    page = open_search(browser, site_url, q("thu tuc"))
    found = results(page)
    assert len(found) >= 10
    assert re.fullmatch(r"Tìm thấy \d+ bài viết cho “thu tuc”\.", page.locator(STATUS).inner_text())
    for hit in found:
        assert "thủ tục" in (hit["title"] + " " + hit["excerpt"]).lower(), hit
        assert {_plain(m) for m in hit["marks"]} <= {"thu", "tuc"}, hit  # "thủ", "tục", "thứ"…
    close(page)


# Newest first, filters without words, both spellings at scale and across the
# index's shards: tests/browser/test_search_corpus.py.
@pytest.mark.parametrize("query, words, first", [
    ("dat dai", "đất đai", "Phổ biến Luật Đất đai năm 2024 đến cán bộ, công chức và Nhân dân thành phố"),
])
def test_d_bar_is_found_when_typed_as_d(browser, site_url, query, words, first):
    page = open_search(browser, site_url, q(query))
    found = results(page)
    assert len(found) >= 3
    if first:
        assert found[0]["title"] == first
    with_words = [h for h in found if words in (h["title"] + " " + h["excerpt"]).lower()]
    assert len(with_words) >= 3
    for hit in with_words[:3]:
        # The excerpt is the article's own text, marks on the real words
        # (never the folded copies "dất dai" that the index holds).
        assert any(m.lower().startswith(words.split()[0]) for m in hit["marks"]), hit
        assert words.replace("đ", "d") not in hit["excerpt"].lower()
    close(page)


def test_no_result_says_so(browser, site_url):
    page = open_search(browser, site_url, q("xyzzyq"))
    assert page.locator(STATUS).inner_text().startswith("Không tìm thấy kết quả cho “xyzzyq”")
    assert results(page) == []
    close(page)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and "bai-viet/" in href:
            self.links.add("bai-viet/" + href.split("bai-viet/", 1)[1])


def _archive_articles(built_site, path: str) -> set[str]:
    parser = _Links()
    parser.feed((built_site / path / "index.html").read_text(encoding="utf-8"))
    return parser.links


def test_filters_narrow_the_results(browser, site_url, built_site):
    page = open_search(browser, site_url, q("thu tuc"))
    everything = results(page)
    category = "Cải cách thủ tục hành chính"
    page.select_option("#loc-chuyen-muc", label=category)
    settled(page)
    expect(page.locator(STATUS)).to_contain_text("(đã lọc)")
    narrowed = results(page)
    assert 0 < len(narrowed) < len(everything)
    assert all(hit["meta"].endswith(" · " + category) for hit in narrowed)
    assert "chuyen_muc=" in page.url

    page.select_option("#loc-chuyen-muc", value="")
    page.select_option("#loc-quy", label="Quý 1 năm 2021")
    settled(page)
    expect(page.locator(STATUS)).to_have_text(re.compile(r"Tìm thấy \d+ bài viết cho “thu tuc” \(đã lọc\)\."))
    in_quarter = {hit["href"].split("bai-viet/", 1)[1] for hit in results(page)}
    listed = {link.split("bai-viet/", 1)[1] for link in _archive_articles(built_site, "luu-tru/2021/quy-1")}
    assert in_quarter and in_quarter <= listed
    assert len(in_quarter) < len(everything)
    close(page)


def test_query_in_url_runs_on_load_and_typing_searches_and_updates_the_url(browser, site_url):
    page = open_search(browser, site_url, q("dang ky"))
    assert page.locator("#q").input_value() == "dang ky"
    assert results(page)
    page.locator("#q").fill("")
    page.locator("#q").press_sequentially("dat dai", delay=40)  # no Enter: results come as one types
    expect(page.locator(STATUS)).to_have_text(re.compile(r"Tìm thấy \d+ bài viết cho “dat dai”\."))
    assert page.url.endswith("tim-kiem/?q=dat+dai")
    # More results on demand; focus goes to the first new one.
    page.locator("#q").fill("thu tuc")
    page.locator("#q").press("Enter")
    expect(page.locator(STATUS)).to_contain_text("“thu tuc”")
    expect(page.locator(".search-result")).to_have_count(10)
    page.locator(".search-more").click()
    expect(page.locator(".search-result").nth(10)).to_be_visible()
    assert page.evaluate("document.activeElement === document.querySelectorAll('.search-result a')[10]")
    close(page)


def test_header_box_on_every_page_submits_to_the_search_page(browser, site_url):
    page = open_page(browser, site_url + "bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/")
    assert page.evaluate("Array.from(document.scripts, s => s.src).filter(s => /search|pagefind/.test(s))") == []
    page.get_by_label("Tìm bài viết").fill("dat dai")
    page.get_by_label("Tìm bài viết").press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=dat\+dai$"))
    expect(page.locator(STATUS)).to_contain_text("“dat dai”")
    assert results(page)
    close(page)


def test_results_link_correctly_under_a_subpath(browser, built_site):
    with serve(built_site, prefix="cchc") as base:
        page = open_search(browser, base, q("dat dai"))
        first = results(page)[0]
        assert first["href"].startswith("/cchc/bai-viet/")
        page.locator(".search-result a").first.click()
        page.wait_for_url("**/cchc/bai-viet/**")
        assert page.locator("h1").inner_text() == first["title"]
        close(page)


def test_axe_with_results_shown(browser, site_url):
    """At 1280 px, then the same page narrowed to 320 px (as in test_accessibility.py)."""
    page = open_search(browser, site_url, q("cai cach") + "&nam=2021", width=1280)
    assert results(page)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        report = axe(page)
        assert report.violations_count == 0, f"{width} px: {report.generate_report()}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.get_attribute(STATUS, "role") == "status"  # announced politely
    close(page)


def test_without_javascript_the_page_says_so_and_links_to_the_archives(browser, site_url):
    page = open_page(browser, site_url + "tim-kiem/?q=thu+tuc", java_script_enabled=False)
    note = page.locator("p.search-note").first
    expect(note).to_be_visible()
    assert note.inner_text().startswith("Tìm kiếm cần JavaScript")
    assert not page.locator(".search-form").is_visible()
    links = page.eval_on_selector_all("main a", "links => links.map(a => a.getAttribute('href'))")
    assert "../luu-tru/" in links and "../chuyen-muc/" in links
    close(page)


# --- a tiny site for the ranking claims ---------------------------------------------

RANKING_SITE = {
    # The same words, with and without accents, in the title and the body.
    "articles/co-dau.md": article(
        "Cải cách thủ tục tại xã", date="2021-03-01 08:00",
        body="Xã tiếp tục cải cách việc tiếp nhận hồ sơ.\n\nNgười dân hài lòng."),
    "articles/khong-dau.md": article(
        "Cai cach thu tuc tai xa", date="2021-03-02 08:00", extra="slug: khong-dau\n",
        body="Xa tiep tuc cai cach viec tiep nhan ho so.\n\nNguoi dan hai long."),
    "articles/dat-dai.md": article(
        "Đăng ký đất đai tại xã", date="2021-03-03 08:00",
        body="Người dân đến đăng ký đất đai.\n\nBộ phận một cửa hướng dẫn."),
    "articles/dat-dai-khong-dau.md": article(
        "Dang ky dat dai tai xa", date="2021-03-04 08:00", extra="slug: dat-dai-khong-dau\n",
        body="Nguoi dan den dang ky dat dai.\n\nBo phan mot cua huong dan."),
}


@pytest.fixture(scope="module")
def ranking_url(shared_builds):
    built = shared_builds.get("search-ranking", lambda folder: write(folder / "content", RANKING_SITE))
    with serve(built.ok()) as url:
        yield url


# Accented queries over many articles and shards: tests/browser/test_search_corpus.py.
@pytest.mark.parametrize("query, order", [
    ("cải cách", ["Cải cách thủ tục tại xã", "Cai cach thu tuc tai xa"]),
    ("cai cach", ["Cai cach thu tuc tai xa", "Cải cách thủ tục tại xã"]),
    ("dat dai", ["Dang ky dat dai tai xa", "Đăng ký đất đai tại xã"]),
])
def test_exact_accents_rank_first_and_both_spellings_are_found(browser, ranking_url, query, order):
    page = open_search(browser, ranking_url, q(query))
    assert [hit["title"] for hit in results(page)] == order
    close(page)
