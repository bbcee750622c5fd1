"""plugins/seo: sitemap.xml, robots.txt, 404 page, head metadata, valid Atom feeds."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import pytest

from seo import jsonld
from seo.feeds import entry_fields, feed_fields
from seo.head import page_meta
from seo.settings import SeoSettings
from seo.sitemap import listed_pages
from seo.urls import join, page_path, relative_from
from tests import helpers
from tests.helpers import ROOT, SEARCH_INDEX, article, build, publish, tree, write

SITEURL = "https://example.gov.vn/cchc"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COVER = ROOT / "tests" / "fixtures" / "golden_site" / "articles" / "2021" / "cover.png"
TITLE = 'Người dân "chấm điểm" cán bộ & công chức'
SMALL_SITE = {
    "articles/2021/cham-diem.md": article(
        TITLE, date="2021-04-08 10:00",
        extra='summary: "<em>Tóm tắt</em> về đánh giá & góp ý."\ntags: [một cửa]\n'
              "image: cover.png\nimage_alt: Người dân xếp hàng\nslug: cham-diem\n"),
    "articles/2021/bai-hai.md": article("Bài thứ hai", date="2021-05-01 08:00", category="Tin tức - Sự kiện"),
    "articles/2021/bai-ba.md": article("Bài thứ ba", date="2021-06-01 08:00"),
    "articles/2021/ban-nhap.md": article("Bản nháp", date="2021-06-02 08:00", extra="status: draft\n"),
    "articles/2021/bai-an.md": article("Bài ẩn", date="2021-06-03 08:00", extra="status: hidden\n"),
    "pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nTrang giới thiệu.\n",
}


def build_publish(content: Path, output: Path, *extra: str, siteurl: str = SITEURL):
    """`SITEURL=… make publish` into ``output``."""
    return publish(content, output, *extra, siteurl=siteurl)


def _small_content(root: Path) -> Path:
    content = write(root / "content", SMALL_SITE)
    shutil.copy(COVER, content / "articles" / "2021" / "cover.png")
    return content


@pytest.fixture(scope="module")
def site(content_site):
    """Development build of the real content."""
    return content_site.ok()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    output = root / "output"
    result = build(_small_content(root), output, "-e", "DEFAULT_PAGINATION=2")
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def published(published_site):
    assert SITEURL == helpers.SITEURL  # the address published_site is built for
    return published_site.ok()


class _Head(HTMLParser):
    """<meta>, <link rel=canonical> and JSON-LD blocks of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a["content"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        self._in_jsonld = self._in_jsonld and tag != "script"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def _head(output: Path, path: str) -> _Head:
    return _Head((output / path).read_text(encoding="utf-8"))


def _sitemap_locs(output: Path) -> list[str]:
    root = ET.parse(output / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    return [url.findtext(f"{SM}loc") for url in root.findall(f"{SM}url")]


# --- sitemap.xml and robots.txt ------------------------------------------------

def test_sitemap_lists_every_article_exactly_once(site):
    locs = _sitemap_locs(site)
    articles = sorted(f"bai-viet/{d.name}/" for d in (site / "bai-viet").iterdir() if (d / "index.html").is_file())
    assert len(articles) >= 31
    assert sorted(loc for loc in locs if loc.startswith("bai-viet/")) == articles
    assert locs == sorted(set(locs))
    for loc in locs:  # every entry is a page of the build, nothing else
        target = site / ("index.html" if loc == "./" else loc + "index.html" if loc.endswith("/") else loc)
        assert target.is_file(), loc
    assert {"./", "trang/2/", "chuyen-muc/cai-cach-the-che/", "the/dat-dai/", "tac-gia/mi-le/",
            "gioi-thieu/", "luu-tru/2021/quy-1/"} <= set(locs)
    assert not [loc for loc in locs if loc.startswith(("theme/", "feeds/", "ban-nhap/")) or "404" in loc]


def test_sitemap_lastmod_comes_from_article_dates(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    lastmod = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.findall(f"{SM}url")}
    assert lastmod["bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/"] == "2021-04-08T10:00:00+07:00"
    article_dates = [v for k, v in lastmod.items() if k.startswith("bai-viet/")]
    assert lastmod["./"] == max(article_dates)  # the home page lists the newest article
    assert lastmod["gioi-thieu/"] is None  # a page without a date gets no lastmod


def test_a_listing_pages_lastmod_is_its_newest_articles_date():
    from seo.sitemap import page_lastmod

    old, new, edited = (SimpleNamespace(date=datetime(2021, m, 1)) for m in (1, 3, 2))
    edited.modified = datetime(2021, 5, 1)
    undated = SimpleNamespace()

    def lastmod(*items):
        return page_lastmod({"articles_page": SimpleNamespace(object_list=list(items))})

    assert lastmod(old, new) == datetime(2021, 3, 1)
    assert lastmod(old) == datetime(2021, 1, 1)  # each page its own articles, however often they are listed
    assert lastmod(new, edited, old) == datetime(2021, 5, 1)  # a modified date counts
    assert lastmod(undated, old) == datetime(2021, 1, 1) and lastmod(undated) is None
    assert page_lastmod({"article": edited, "articles_page": None}) == datetime(2021, 5, 1)
    assert page_lastmod({"articles": [new]}) is None  # a page that is neither


def test_sitemap_leaves_out_drafts_hidden_articles_and_the_404_page(small):
    assert (small / "ban-nhap" / "ban-nhap" / "index.html").is_file()
    assert (small / "bai-viet" / "bai-an" / "index.html").is_file()
    assert (small / "404.html").is_file()
    locs = _sitemap_locs(small)
    assert sorted(loc for loc in locs if loc.startswith("bai-viet/")) == [
        "bai-viet/bai-thu-ba/", "bai-viet/bai-thu-hai/", "bai-viet/cham-diem/"]
    assert "trang/2/" in locs
    assert not [loc for loc in locs if "ban-nhap" in loc or "bai-an" in loc or "404" in loc]


def test_robots_txt_and_publish_sitemap(site, published):
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow:\n"
    assert (published / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nDisallow:\n\nSitemap: {SITEURL}/sitemap.xml\n")
    locs = _sitemap_locs(published)
    assert all(loc.startswith(SITEURL + "/") for loc in locs)
    assert [loc[len(SITEURL) + 1:] or "./" for loc in locs] == _sitemap_locs(site)


def test_an_editors_own_robots_txt_is_kept(tmp_path):
    content = write(tmp_path / "content", {"articles/a.md": article(), "extra/robots.txt": "User-agent: *\nDisallow: /\n"})
    result = build(content, tmp_path / "output", "-e", 'EXTRA_PATH_METADATA={"extra/robots.txt": {"path": "robots.txt"}}')
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert "bai-viet/bai-thu/" in _sitemap_locs(tmp_path / "output")


# --- Atom feeds ----------------------------------------------------------------

def _feeds(output: Path) -> list[Path]:
    feeds = sorted((output / "feeds").glob("*.atom.xml"))
    categories = [d.name for d in (output / "chuyen-muc").iterdir() if d.is_dir()]
    assert {f.name for f in feeds} == {"all.atom.xml", *(f"{c}.atom.xml" for c in categories)}
    return feeds


def _check_atom(path: Path, page_exists) -> None:
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed", path
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), (path, name)
    assert re.match(r"^(tag:[a-z0-9.-]+,\d{4}(-\d\d){0,2}:|https?://)", feed.findtext(f"{ATOM}id")), path
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert "self" in links and "alternate" in links, path
    assert page_exists(path, links["self"]) and page_exists(path, links["alternate"]), (path, links)
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries, path
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") and "None" not in i for i in ids), ids
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert max(updated) == feed.findtext(f"{ATOM}updated")  # dated by the articles, not the build
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), (path, name)
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        link = entry.find(f"{ATOM}link").get("href")
        assert page_exists(path, link), (path, link)


def test_development_feeds_are_valid_atom_with_links_relative_to_the_feed(site):
    def page_exists(feed: Path, href: str) -> bool:
        assert not href.startswith(("/", "http")), href  # served from any subpath
        target = Path(posixpath.normpath(posixpath.join(feed.parent.as_posix(), href)))
        return (target / "index.html").is_file() if href.endswith("/") else target.is_file()

    feeds = _feeds(site)
    for feed in feeds:
        _check_atom(feed, page_exists)
    text = "".join(feed.read_text(encoding="utf-8") for feed in feeds)
    assert "tag:caolanh.dongthap.gov.vn,2021-04-08:bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/" in text
    images = 0
    for feed in feeds:  # images in the article bodies resolve from the feed file too
        for content in ET.parse(feed).getroot().iter(f"{ATOM}content"):
            for src in re.findall(r'src="([^"]+)"', content.text or ""):
                images += 1
                assert page_exists(feed, src), (feed, src)
    assert images > 0


def test_publish_feeds_are_valid_atom_with_absolute_links(published, site):
    def page_exists(feed: Path, href: str) -> bool:
        assert href.startswith(SITEURL + "/"), href
        path = href[len(SITEURL) + 1:]
        return (published / path / "index.html").is_file() if path.endswith("/") or not path else (published / path).is_file()

    for feed in _feeds(published):
        _check_atom(feed, page_exists)
    ids = lambda out: [e.text for e in ET.parse(out / "feeds" / "all.atom.xml").getroot().iter(f"{ATOM}id")]
    assert ids(published) == ids(site)  # ids do not depend on where the site is hosted


# --- head metadata ---------------------------------------------------------------

def test_article_head_has_canonical_opengraph_and_json_ld(small):
    head = _head(small, "bai-viet/cham-diem/index.html")
    assert head.canonical == ["../../bai-viet/cham-diem/"]
    assert head.meta["og:type"] == ["article"] and head.meta["og:title"] == [TITLE]
    assert head.meta["og:description"] == ["Tóm tắt về đánh giá & góp ý."]
    assert head.meta["og:locale"] == ["vi_VN"] and head.meta["og:site_name"] == ["Bản tin Cải cách hành chính"]
    assert head.meta["og:image:alt"] == ["Người dân xếp hàng"]
    # The 1200×630 crop responsive_images makes for social networks.
    assert len(head.meta["og:image"]) == 1
    assert re.fullmatch(r"\.\./\.\./anh/cover-[0-9a-f]{8}-1200x630\.jpg", head.meta["og:image"][0])
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["article:published_time"] == ["2021-04-08T10:00:00+07:00"]
    blocks = [json.loads(block) for block in head.jsonld]
    news = next(b for b in blocks if b["@type"] == "NewsArticle")
    assert news["headline"] == TITLE and news["datePublished"] == "2021-04-08T10:00:00+07:00"
    assert news["author"] == {"@type": "Person", "name": "Mi Lê"} and news["inLanguage"] == "vi"
    assert news["publisher"]["name"] == "Ủy ban nhân dân thành phố Cao Lãnh"
    crumbs = next(b for b in blocks if b["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Trang chủ", "Cải cách thể chế", TITLE]


def test_every_page_type_gets_head_metadata(small):
    for path, og_type in (("index.html", "website"), ("trang/2/index.html", "website"),
                          ("chuyen-muc/cai-cach-the-che/index.html", "website"), ("the/mot-cua/index.html", "website"),
                          ("tac-gia/mi-le/index.html", "website"), ("gioi-thieu/index.html", "website"),
                          ("chuyen-muc/index.html", "website"), ("luu-tru/2021/quy-2/index.html", "website")):
        head = _head(small, path)
        assert head.meta["og:type"] == [og_type], path
        assert len(head.canonical) == 1 and head.meta["og:title"][0], path
        for block in head.jsonld:
            json.loads(block)
    draft = _head(small, "ban-nhap/ban-nhap/index.html")
    assert draft.meta["robots"] == ["noindex"] and not draft.canonical and not draft.jsonld


def test_publish_head_urls_are_absolute(published):
    head = _head(published, "bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023/index.html")
    url = f"{SITEURL}/bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023/"
    assert head.canonical == [url] and head.meta["og:url"] == [url]
    assert re.fullmatch(re.escape(SITEURL) + r"/anh/[a-z0-9-]+-[0-9a-f]{8}-1200x630\.jpg", head.meta["og:image"][0])
    news = next(json.loads(b) for b in head.jsonld if '"NewsArticle"' in b)
    assert news["mainEntityOfPage"]["@id"] == url and news["image"][0].startswith(SITEURL + "/")


# --- 404 page ------------------------------------------------------------------

def _links(path: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"#][^"]*)"', path.read_text(encoding="utf-8"))


def test_404_page_links_work_from_any_depth(site, published, subpath_site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Không tìm thấy trang" in html and '<meta name="robots" content="noindex">' in html
    for out, base in ((site, "/"), (published, SITEURL + "/")):
        links = [l for l in _links(out / "404.html") if not l.startswith(("tel:", "mailto:"))]
        assert {base, base + "luu-tru/", base + "chuyen-muc/"} <= set(links)
        assert all(l.startswith(base) for l in links), links
    subpath = subpath_site.ok()  # built with SITE_PATH_PREFIX="/cchc"
    links = [l for l in _links(subpath / "404.html") if not l.startswith(("tel:", "mailto:"))]
    assert "/cchc/chuyen-muc/" in links and all(l.startswith("/cchc/") for l in links), links
    for link in links:  # resolved as a browser would at /cchc/a/b/c, served from the output folder
        path = urljoin("/cchc/a/b/c", link)[len("/cchc/"):]
        assert (subpath / path / "index.html").is_file() or (subpath / path).is_file(), link


# --- publish build --------------------------------------------------------------

def test_two_publish_builds_are_byte_identical(published, tmp_path):
    again = tmp_path / "output"
    result = build_publish(ROOT / "content", again)
    assert result.returncode == 0, result.stderr
    first, second = tree(published, exclude=SEARCH_INDEX), tree(again, exclude=SEARCH_INDEX)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "sitemap.xml.gz" in first and "index.html.br" in first


# --- pure modules ----------------------------------------------------------------

def test_json_ld_cannot_close_its_script_element():
    text = jsonld.dumps({"headline": "a </script><script>alert(1)</script> <!-- b"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text)["headline"] == "a </script><script>alert(1)</script> <!-- b"


def test_url_helpers():
    assert page_path("index.html") == "" and page_path("bai-viet/x/index.html") == "bai-viet/x/"
    assert page_path("404.html") == "404.html"
    assert join(SITEURL, "") == SITEURL + "/" and join("", "") == "./" and join("../..", "the/a/") == "../../the/a/"
    assert relative_from("feeds", "bai-viet/x/") == "../bai-viet/x/" and relative_from("feeds", "") == "../"
    assert relative_from("feeds", "feeds/all.atom.xml") == "all.atom.xml"
    assert listed_pages(["a/index.html", "theme/x.html", "404.html", "b.css", "ban-nhap/d/index.html"],
                        excluded_files=["404.html", "ban-nhap/d/index.html"], excluded_prefixes=["theme/"]) == [
        "a/index.html"]


def _settings(**overrides) -> SeoSettings:
    values = {"SITENAME": "Bản tin", "SITE_AGENCY": "UBND", "SITE_DOMAIN": "example.gov.vn",
              "SEO_FEED_ID_DATE": "2021-01-01", "SITEURL": ""}
    return SeoSettings.from_pelican({**values, **overrides})


def test_page_meta_on_pages_without_known_variables_and_overrides():
    context = {"SITEURL": "../..", "output_file": "luu-tru/2021/index.html"}
    meta = page_meta(context.get, _settings())
    assert (meta.title, meta.url, meta.og_type, meta.jsonld) == ("Bản tin", "../../luu-tru/2021/", "website", ())
    context.update(seo_title="Lưu trữ năm 2021", seo_description="<p>Các bài năm 2021</p>")
    meta = page_meta(context.get, _settings())
    assert (meta.title, meta.description) == ("Lưu trữ năm 2021", "Các bài năm 2021")


def test_page_meta_of_an_article_fake():
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    fake = SimpleNamespace(title="Tiêu đề", summary="<p>Tóm tắt</p>", date=datetime(2021, 4, 8, 10, tzinfo=tz),
                           modified=datetime(2021, 5, 1, 9, tzinfo=tz), author=SimpleNamespace(name="Mi Lê"),
                           category=SimpleNamespace(name="Cải cách thể chế", url="chuyen-muc/cai-cach-the-che/"),
                           tags=[], image=None, status="published")
    meta = page_meta({"SITEURL": SITEURL, "output_file": "bai-viet/t/index.html", "article": fake}.get,
                     _settings(SITEURL=SITEURL))
    assert meta.url == f"{SITEURL}/bai-viet/t/" and meta.twitter_card == "summary"
    news = json.loads(meta.jsonld[0])
    assert news["dateModified"] == "2021-05-01T09:00:00+07:00" and "image" not in news


def test_feed_fields_in_both_builds():
    when = datetime(2021, 4, 8, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    dev = entry_fields(path="bai-viet/x/", published=when, feed_path="feeds/all.atom.xml", siteurl=None,
                       domain="example.gov.vn")
    assert dev == {"unique_id": "tag:example.gov.vn,2021-04-08:bai-viet/x/", "link": "../bai-viet/x/"}
    pub = feed_fields(feed_path="feeds/a.atom.xml", alternate_path="chuyen-muc/a/", siteurl=SITEURL,
                      domain="example.gov.vn", id_date="2021")
    assert pub == {"id": "tag:example.gov.vn,2021:feeds/a.atom.xml", "link": f"{SITEURL}/chuyen-muc/a/",
                   "feed_url": f"{SITEURL}/feeds/a.atom.xml"}


def test_plain_text_of_html_is_markupsafes_striptags():
    """head.text takes a short cut for text without < or &: the same result."""
    import random

    from markupsafe import Markup

    from seo.head import text

    rng = random.Random(3)
    pieces = ["Cải cách", " ", "  ", "\t", "\n", "hành chính", "<em>", "</em>", "<!-- x -->", "&amp;", "&raquo;",
              "a < b", "a > b", "&", "<", ">", "x\u00a0y", "đất đai", "<br/>", "&#39;", "<!--", "-->"]
    samples = ["", None, "Một câu đơn giản.", "  nhiều   khoảng  trắng  "] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for sample in samples:
        assert text(sample) == Markup(str(sample or "")).striptags(), repr(sample)
    assert text(Markup("<p>Kết quả &amp; kiến nghị</p>")) == "Kết quả & kiến nghị"


def test_json_ld_is_what_json_dumps_writes():
    import json

    from seo import jsonld

    data = {"b": [1, 2.5, None, True], "a": {"đ": "Cải cách “hành chính”", "z": "x/y"}, "@type": "NewsArticle"}
    assert jsonld.dumps(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_sitemap_entries_sorted_by_address_then_date_each_once():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from seo import sitemap

    when = datetime(2021, 4, 8, 10, 0, 0, 123, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    pages = ["the/b/index.html", "index.html", "gioi-thieu/index.html", "the/a/index.html", "index.html"]
    got = sitemap.entries(pages, {"index.html": when, "the/b/index.html": when}, "https://vi.example")
    assert got == sorted(set(got))
    assert [(e.loc, e.lastmod) for e in got] == [
        ("https://vi.example/", "2021-04-08T10:00:00+07:00"),
        ("https://vi.example/gioi-thieu/", None),
        ("https://vi.example/the/a/", None),
        ("https://vi.example/the/b/", "2021-04-08T10:00:00+07:00"),
    ]
