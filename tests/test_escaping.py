"""Front-matter text and settings are text: escaped wherever they are written.

One small site whose every shown text field (title, author, tags, unit,
image_alt, image_caption, summary, a page's title) and SITENAME hold
HTML-significant characters; the real output is parsed as a browser or a
feed reader would and must show exactly that text, with no markup of its own.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from responsive_images.markup import Derivative, ImageSet
from responsive_images.recipe import Variant
from site_search.folding import d_word_copies
from tests.helpers import ROOT, article, build, write

# Everything that could end an attribute, open a tag, a comment or close a script.
NASTY = "<b>x</b> & \"q\" 'a' <!-- </script><img src=x onerror=alert(1)>"
TITLE = f"Tin đ<i>&\"'đ {NASTY}"  # a đ-word with markup in it: the search data's folded copy
AUTHOR = f"Mi Lê {NASTY}"
TAGS = [f"thẻ {NASTY}", "</script><script>alert(2)</script>"]
UNIT = f"UBND xã {NASTY}"
ALT = f"Ảnh {NASTY}"
CAPTION = f"Chú thích {NASTY}"
SUMMARY = f"Tóm tắt {NASTY} đoạn"
PAGE_TITLE = f"Giới thiệu {NASTY}"
SITENAME = "Bản tin <b>CCHC</b> & \"x\" <!--"
SLUG = "bai-nguy-hiem"
COVER = ROOT / "tests" / "fixtures" / "golden_site" / "articles" / "2021" / "cover.png"
ATOM = "{http://www.w3.org/2005/Atom}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    tags = ", ".join(_yaml(t) for t in TAGS)
    content = write(root / "content", {
        "articles/2021/nguy-hiem.md": article(
            _yaml(TITLE), date="2021-05-01 08:00",
            extra=f"slug: {SLUG}\ntags: [{tags}]\nunit: {_yaml(UNIT)}\nimage: cover.png\n"
                  f"image_alt: {_yaml(ALT)}\nimage_caption: {_yaml(CAPTION)}\nsummary: {_yaml(SUMMARY)}\n",
        ).replace("author: Mi Lê\n", f"author: {_yaml(AUTHOR)}\n"),
        # Same category, older: its page links to the other ("Có thể bạn quan tâm", next in category).
        "articles/2021/binh-thuong.md": article("Bài bình thường", date="2021-04-08 10:00"),
        "pages/gioi-thieu.md": f"---\ntitle: {_yaml(PAGE_TITLE)}\nslug: gioi-thieu\nsummary: {_yaml(SUMMARY)}\n"
                               "---\n\nTrang giới thiệu.\n",
    })
    shutil.copy(COVER, content / "articles" / "2021" / "cover.png")
    output = root / "output"
    result = build(content, output, "--extra-settings", f"SITENAME={json.dumps(SITENAME)}")
    assert result.returncode == 0, result.stderr
    return output


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.parts = tag, attrs, []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class Page(HTMLParser):
    """Every element with its attributes and its text, every comment, as
    Python's HTML parser reads the page (entities decoded)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.comments: list[str] = []
        self._open: list[Element] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data):
        for element in self._open:
            element.parts.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """Elements ``tag`` whose attributes hold these values (``class_``
        for one of the classes)."""
        found = []
        for element in self.elements:
            if element.tag != tag:
                continue
            if "class_" in attrs and attrs["class_"] not in (element.attrs.get("class") or "").split():
                continue
            if all(element.attrs.get(k) == v for k, v in attrs.items() if k != "class_"):
                found.append(element)
        return found

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.find(tag, **attrs)
        assert len(found) == 1, (tag, attrs, [e.attrs for e in found])
        return found[0]

    def meta(self, key: str) -> list[str]:
        return [e.attrs.get("content") for e in self.elements
                if e.tag == "meta" and key in (e.attrs.get("property"), e.attrs.get("name"))]


def _pages(output: Path) -> dict[str, Page]:
    return {p.relative_to(output).as_posix(): Page(p.read_text(encoding="utf-8"))
            for p in sorted(output.rglob("*.html")) if not p.relative_to(output).as_posix().startswith("pagefind/")}


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    return _pages(site)


def _target(page_name: str, href: str) -> str:
    """A link's target below the site root, without a trailing slash."""
    if href.startswith("/"):
        return href.strip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_name), href)).strip("/")


def _article(pages) -> Page:
    return pages[f"bai-viet/{SLUG}/index.html"]


def test_no_page_runs_or_hides_anything_from_the_content(pages):
    assert len(pages) > 15
    for name, page in pages.items():
        for element in page.elements:
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert not handlers, (name, element.tag, element.attrs)
            if element.tag == "script":
                src = element.attrs.get("src")
                if src is None:
                    assert element.attrs.get("type") == "application/ld+json", (name, element.attrs)
                else:
                    assert _target(name, src).startswith(("theme/", "pagefind/")), (name, src)
        # The templates print no comment but the two around what search indexes
        # (plugins/site_search/shards.py), once each on an article's page: any
        # other comment was opened by a text and hides what follows.
        marks = ["chi-muc-tim-kiem", "/chi-muc-tim-kiem"] if name.startswith("bai-viet/") else []
        assert page.comments == marks, (name, page.comments)
        assert page.find("footer", class_="site-footer"), name  # the end of the page is still there
        # The page title, in the footer of every page.
        footer_links = [a.text for a in page.find("a") if _target(name, a.attrs.get("href") or "") == "gioi-thieu"]
        assert footer_links == [PAGE_TITLE], name


def test_the_article_page_shows_each_field_as_written(pages):
    page = _article(pages)
    assert page.one("title").text == f"{TITLE} – {SITENAME}"
    assert page.one("h1").text == TITLE
    assert page.one("span", **{"aria-current": "page"}).text == TITLE
    assert page.one("a", rel="author").text == AUTHOR
    assert page.one("p", class_="byline").text == AUTHOR
    here = f"bai-viet/{SLUG}/index.html"
    assert [a.text for a in page.find("a") if re.fullmatch(r"the/[^/]+", _target(here, a.attrs["href"]))] == TAGS
    assert [a.text for a in page.find("a") if re.fullmatch(r"don-vi/[^/]+", _target(here, a.attrs["href"]))] == [UNIT]
    assert page.one("figcaption").text == CAPTION
    assert [img.attrs["alt"] for img in page.find("img")] == [ALT]
    assert page.meta("og:title") == page.meta("twitter:title") == [TITLE]
    assert page.meta("og:image:alt") == page.meta("twitter:image:alt") == [ALT]
    assert page.meta("article:tag") == TAGS
    assert page.meta("og:site_name") == [SITENAME]
    # The summary is Markdown, sanitised into HTML: its text, as one, everywhere.
    described = page.meta("description")
    assert described == page.meta("og:description") == page.meta("twitter:description")
    assert '& "q" \'a\' <!--' in described[0]
    front = pages["index.html"]
    assert front.find("div", class_="card-summary")[0].text == described[0]  # the lead: the newest

    about = pages["gioi-thieu/index.html"]
    assert about.one("h1").text == PAGE_TITLE
    assert about.one("title").text == f"{PAGE_TITLE} – {SITENAME}"
    assert about.meta("og:title") == [PAGE_TITLE]


def test_every_link_to_the_article_and_its_terms_shows_their_text(pages):
    here = f"bai-viet/{SLUG}/index.html"
    targets = [_target(here, a.attrs["href"]) for a in pages[here].find("a") if "href" in a.attrs]
    author = _target(here, pages[here].one("a", rel="author").attrs["href"])
    (unit,) = [t for t in targets if re.fullmatch(r"don-vi/[^/]+", t)]
    tags = [t for t in targets if re.fullmatch(r"the/[^/]+", t)]
    expected = {f"bai-viet/{SLUG}": TITLE, "gioi-thieu": PAGE_TITLE, author: AUTHOR, unit: UNIT,
                **dict(zip(tags, TAGS, strict=True))}
    seen = set()
    for name, other in pages.items():
        for a in other.find("a"):
            target = _target(name, a.attrs.get("href") or "")
            if target in expected:
                # A neighbour's link has a label before the title ("Bài sau trong chuyên mục ›").
                assert a.text == expected[target] or a.text.endswith(" " + expected[target]), (name, a.text)
                seen.add(target)
    assert seen == set(expected)
    assert pages["index.html"].find("img", alt=ALT)  # the lead's cover
    headings = {name: p.one("h1").text for name, p in pages.items() if name.startswith(("tac-gia/", "the/", "don-vi/"))
                and name.count("/") == 2}
    assert sorted(headings.values()) == sorted([f"Bài viết của {AUTHOR}", "Bài viết của Mi Lê",
                                                f"Đơn vị: {UNIT}", *(f"Thẻ: {t}" for t in TAGS)])


def test_atom_entries_carry_the_exact_text(site):
    feeds = sorted((site / "feeds").glob("*.atom.xml"))
    assert len(feeds) == 2  # all, and the category's
    for path in feeds:
        feed = ET.parse(path).getroot()
        assert feed.findtext(f"{ATOM}title") in (SITENAME, f"{SITENAME} - Cải cách thể chế")
        entry = next(e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") != "Bài bình thường")
        assert entry.findtext(f"{ATOM}title") == TITLE
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == AUTHOR
        assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["Cải cách thể chế", *TAGS]


def test_sitemap_is_valid_xml(site):
    urls = ET.parse(site / "sitemap.xml").getroot()
    assert f"bai-viet/{SLUG}/" in [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in urls]


def test_json_ld_blocks_give_back_the_text(site):
    html = (site / "bai-viet" / SLUG / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script', html, re.S | re.I)
    assert len(blocks) == 2
    for block in blocks:
        assert "<!--" not in block and "</" not in block
    news, crumbs = (json.loads(b) for b in blocks)
    assert news["headline"] == TITLE
    assert news["author"]["name"] == AUTHOR
    assert news["keywords"] == TAGS
    assert news["description"] == Page(html).meta("description")[0]
    assert crumbs["itemListElement"][-1]["name"] == TITLE
    about = (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script', about, re.S | re.I)
    assert json.loads(block)["itemListElement"][-1]["name"] == PAGE_TITLE


def test_search_data_holds_the_text_escaped(site, pages):
    page = _article(pages)
    title_copies = " ".join(d_word_copies(TITLE))
    assert '<i>&"' in title_copies  # what escaping has to keep inside the attribute
    marked = page.one("span", id="tu-khong-dau")  # the title's copies, in the span inside it
    assert page.elements[page.elements.index(marked) + 1].attrs["data-tu"] == title_copies
    (summary,) = [s for s in page.find("span") if "data-tom-tat" in s.attrs]
    assert summary.attrs["data-tom-tat"] == page.meta("description")[0]
    assert list((site / "pagefind").glob("*/pagefind.js"))  # Pagefind read these pages


def test_sitename_is_text_on_every_page(pages):
    for name, page in pages.items():
        assert page.one("p", class_="footer-title").text == SITENAME, name
        assert page.one("title").text.endswith(SITENAME), name
        assert page.one("link", type="application/atom+xml").attrs["title"] == f"{SITENAME} – tất cả bài viết"


def test_picture_markup_is_markup_with_every_value_escaped():
    variant = Variant("width", 480, 320, "jpeg", 80)
    images = ImageSet(480, 320, (Derivative(variant, 'anh/a"b.jpg'),), ("jpeg",))
    html = images.picture(NASTY, sizes='"x"', prefix="../")
    assert isinstance(html, Markup)
    img = Page(html).one("img")
    assert img.attrs["alt"] == NASTY and img.attrs["sizes"] == '"x"' and img.attrs["src"] == '../anh/a"b.jpg'
    assert not any(a.startswith("on") for a in img.attrs)
