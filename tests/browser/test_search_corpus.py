"""/tim-kiem/ on a generated site of 176 articles over eleven years (one index
shard per year): precision, accents, filters and both orders across shards,
the merged shards against one index of the same pages, layout shift, axe.
"""

from __future__ import annotations

import fcntl
import re
import subprocess
import unicodedata
from dataclasses import replace

import pytest

from bench.corpus import generate, write_site
from site_search.indexer import locate_binary
from tests.browser.support import axe, open_page, serve

STATUS = ".search-status"
PHRASE = "Bộ phận một cửa tiếp nhận hồ sơ của người dân."  # the exact phrase
APART = "Một lần nữa, cánh cửa phòng họp luôn mở."  # both words, exactly, apart
FOLDED = "Ngày mốt cua đồng về chợ."  # "mot cua" only without accents
DAT_DAI = "Hồ sơ đất đai được số hóa."


def _articles():
    articles = generate(176, seed=5, category_mode="real")
    extra = {0: PHRASE, 1: APART, 2: FOLDED, 3: DAT_DAI}
    return [replace(a, body=a.body + "\n\n" + extra[i % 11]) if i % 11 in extra else a
            for i, a in enumerate(articles)]


@pytest.fixture(scope="module")
def corpus(shared_builds):
    """Built once per test run (the workers share it), with one Pagefind index
    of the same pages beside the shards, for comparison (the CLI as a user
    would run it)."""
    articles = _articles()

    def write(folder):
        write_site(articles, folder / "content")
        return folder / "content"

    output = shared_builds.get("search-corpus", write).ok()
    with open(output.parent / "single.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (output / "mot-chi-muc" / "pagefind-entry.json").is_file():
            done = subprocess.run([str(locate_binary(None)), "--site", str(output), "--glob", "bai-viet/**/*.html",
                                   "--output-subdir", "mot-chi-muc",
                                   "--force-language", "vi", "--exclude-selectors", "figure.cover"],
                                  capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
    text = {f"/bai-viet/{a.slug}/": unicodedata.normalize("NFC", f"{a.title}\n{a.body}").lower() for a in articles}
    with serve(output) as url:
        yield url, output, articles, text


def _search(browser, url, query: str):
    page = open_page(browser, url + "tim-kiem/?" + query)
    page.wait_for_function("() => document.querySelector('.search-status').textContent.trim() !== ''",
                           polling="raf", timeout=20000)
    return page


def _ask(page, q: str = "", nam: str = "", sap_xep: str = "") -> None:
    """A new search in the same page, as a reader sets the form: no reload."""
    page.evaluate("document.querySelector('.search-status').textContent = ''")
    page.select_option("#loc-nam", nam)
    page.select_option("#sap-xep", sap_xep)
    page.fill("#q", q)
    page.press("#q", "Enter")
    page.wait_for_function("() => document.querySelector('.search-status').textContent.trim() !== ''"
                           " && !document.querySelector('.search-results').hasAttribute('aria-busy')",
                           polling="raf", timeout=20000)


def _all_results(page, at_least: int | None = None) -> list[dict]:
    """Every result (or the first ``at_least``), "Xem thêm kết quả" pressed
    until none is left."""
    while page.locator(".search-more").is_visible() and (
            at_least is None or page.locator(".search-result").count() < at_least):
        count = page.locator(".search-result").count()
        page.locator(".search-more").click()
        page.wait_for_function(f"() => document.querySelectorAll('.search-result').length > {count}",
                               polling="raf", timeout=20000)
    return page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        href: new URL(li.querySelector("h2 a").href).pathname, meta: li.querySelector(".meta").textContent}))""")


def _day(meta: str) -> tuple[int, int, int]:
    d, m, y = re.match(r"(\d\d)/(\d\d)/(\d{4})", meta).groups()
    return int(y), int(m), int(d)


def test_words_that_occur_nowhere_find_nothing(browser, corpus):
    url, *_ = corpus
    page = _search(browser, url, "q=quantum")
    for query in ("quantum", "banana"):
        if query != "quantum":
            page.fill("#q", query)
            page.press("#q", "Enter")
        expected = f"Không tìm thấy kết quả cho “{query}”. Không bài nào có từ “{query}”."
        page.wait_for_function(f"() => document.querySelector('.search-status').textContent.startsWith({expected!r})",
                               polling="raf", timeout=20000)
        assert page.locator(".search-result").count() == 0
    # One word unknown, the other found: results for the other, and it says so.
    page.fill("#q", "xyzw thu")
    page.press("#q", "Enter")
    page.wait_for_function("() => document.querySelector('.search-status').textContent.includes('xyzw')",
                           polling="raf", timeout=20000)
    status = page.locator(STATUS).inner_text()
    assert re.match(r"Tìm thấy \d+ bài viết cho “thu”\. Không bài nào có từ “xyzw”\.$", status), status
    assert page.problems == []
    page.context.close()


def test_an_accented_query_puts_the_exact_phrase_first_then_the_exact_words(browser, corpus):
    url, _output, _articles, text = corpus
    phrase = {h for h, t in text.items() if "một cửa" in t}
    words = {h for h, t in text.items() if h not in phrase and re.search(r"\bmột\b", t) and re.search(r"\bcửa\b", t)}
    assert len(phrase) >= 14 and len(words) >= 14
    page = _search(browser, url, "q=m%E1%BB%99t+c%E1%BB%ADa")  # "một cửa"
    found = [r["href"] for r in _all_results(page, at_least=len(phrase) + len(words) + 1)]
    assert set(found[:len(phrase)]) == phrase  # every page with the phrase, before any other
    assert set(found[len(phrase):len(phrase) + len(words)]) == words  # then both words as typed
    rest = found[len(phrase) + len(words):]  # then pages with other spellings, still found
    assert rest and rest[0] not in phrase | words
    page.context.close()


def test_without_accents_both_spellings_are_found_d_included(browser, corpus):
    url, _output, _articles, text = corpus
    page = _search(browser, url, "q=dat+dai")
    found = {r["href"] for r in _all_results(page)}
    holding = {h for h, t in text.items() if "đất đai" in t}
    assert len(holding) >= 14 and holding <= found
    _ask(page, "mot cua")
    found = {r["href"] for r in _all_results(page)}
    assert {h for h, t in text.items() if "một cửa" in t or "mốt cua" in t} <= found
    page.context.close()


def test_filters_and_both_orders_work_across_shards(browser, corpus):
    url, _output, articles, _text = corpus
    page = _search(browser, url, "q=dat+dai")
    relevance = _all_results(page)
    _ask(page, "dat dai", sap_xep="moi-nhat")
    newest = _all_results(page)
    assert sorted(r["href"] for r in newest) == sorted(r["href"] for r in relevance)
    assert len({_day(r["meta"])[0] for r in newest}) >= 8  # spread over the shards
    days = [_day(r["meta"]) for r in newest]
    assert days == sorted(days, reverse=True)
    # A filter (reporting year 2019, any shard it falls in) and newest first.
    _ask(page, "dat dai", nam="2019", sap_xep="moi-nhat")
    filtered = _all_results(page)
    period = {f"/bai-viet/{a.slug}/": a.period for a in articles}
    assert filtered and all(period[r["href"]].startswith("2019-") for r in filtered)
    assert {r["href"] for r in filtered} == {r["href"] for r in relevance if period[r["href"]].startswith("2019-")}
    days = [_day(r["meta"]) for r in filtered]
    assert days == sorted(days, reverse=True)
    # Filters alone (no words): every article of the year, newest first.
    _ask(page, "", nam="2019")
    alone = _all_results(page)
    assert len(alone) == sum(a.period.startswith("2019-") for a in articles)
    assert [_day(r["meta"]) for r in alone] == sorted((_day(r["meta"]) for r in alone), reverse=True)
    assert page.problems == []
    page.context.close()


SAME = """async ([shards, single, query, filters]) => {
  const urls = async (pagefind) => {
    const found = await pagefind.search(query, {filters});
    const data = await Promise.all(found.results.map(r => r.data()));
    return data.map(d => d.url).sort();
  };
  if (!window.bothIndexes) {  // once per page: the shards merged, and one index of the same pages
    const merged = await import(`/pagefind/${shards[0]}/pagefind.js?a`);
    await merged.options({baseUrl: "/"});
    for (const shard of shards.slice(1)) await merged.mergeIndex(`/pagefind/${shard}/`, {baseUrl: "/"});
    const one = await import(`/${single}/pagefind.js?b`);
    await one.options({baseUrl: "/"});
    window.bothIndexes = [merged, one];
  }
  return [await urls(window.bothIndexes[0]), await urls(window.bothIndexes[1])];
}"""


def test_the_merged_shards_find_what_one_index_finds(browser, corpus):
    url, output, *_ = corpus
    page = open_page(browser, url + "tim-kiem/")
    shards = page.get_attribute("#tim-kiem", "data-shards").split()
    assert len(shards) == 11
    for query, filters in (("thủ tục hành chính", {}), ("dat dai", {"nam": "2021"})):
        merged, one = page.evaluate(SAME, [shards, "mot-chi-muc", query, filters])
        assert merged == one and len(merged) >= 3, query
    page.context.close()


CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { total += entry.value; } }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


def test_the_page_does_not_jump_while_results_load_and_axe_finds_nothing(browser, corpus, width=360):
    """On a phone, its CPU 4× slower: the page paints before search.js runs.
    (At 1280 px the list's room pushes the footer further down.)"""
    url, *_ = corpus
    page = open_page(browser, "about:blank", width=width)
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url + "tim-kiem/?q=thu+tuc")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 10",
                           polling="raf", timeout=20000)
    assert page.evaluate(CLS) <= 0.05
    report = axe(page)
    assert report.violations_count == 0, report.generate_report()
    assert page.problems == []
    page.context.close()
