"""Pages stay light: CSS + JS an article page loads ≤ 30 KB uncompressed."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

BUDGET = 30 * 1024
PAGES = ["bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/index.html", "index.html"]


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets, self.inline, self.third_party = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        url = a.get("src") if tag in ("script", "img", "source", "iframe") else a.get("href") if tag == "link" else None
        if url and urlsplit(url).scheme in ("http", "https"):
            self.third_party.append(url)
        if tag == "link" and "stylesheet" in (a.get("rel") or ""):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        elif tag == "script" and a.get("type") != "application/ld+json":
            self.inline.append("script")
        elif tag == "style" or "style" in a:
            self.inline.append(tag)


@pytest.fixture(scope="module")
def site(content_site):
    return content_site.ok()


@pytest.mark.parametrize("page", PAGES)
def test_css_and_js_within_budget_and_no_third_party(site, page):
    parser = _Assets()
    parser.feed((site / page).read_text(encoding="utf-8"))
    assert parser.assets, "the page loads its stylesheet"
    total = 0
    for href in parser.assets:
        path = ((site / page).parent / href).resolve()
        assert path.is_file(), href
        total += path.stat().st_size
    assert total <= BUDGET, f"{page}: CSS+JS {total} bytes > {BUDGET}"
    assert parser.third_party == []
    assert parser.inline == []  # nothing the Content-Security-Policy would block
