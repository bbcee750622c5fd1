"""quarterly_archives: grouping by reporting period (unit) and /luu-tru/ pages (real CLI builds)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from front_matter.period import Period
from quarterly_archives.grouping import ArchiveEntry, group_by_period
from quarterly_archives.settings import QuarterlyArchivesSettings, SettingsError
from tests.helpers import ROOT, SETTINGS, article, build, write

VN = timezone(timedelta(hours=7))


# --- pure grouping -----------------------------------------------------------

def _entry(slug: str, day: str, period: str | None = None, status: str = "published") -> ArchiveEntry:
    when = datetime.fromisoformat(day).replace(tzinfo=VN)
    return ArchiveEntry(Period.parse(period) if period else Period.of_date(when), when, slug, slug, status)


def _shape(archive) -> list:
    return [(y.year, [(q.quarter, list(q.items)) for q in y.quarters]) for y in archive.years]


def test_articles_are_grouped_by_reporting_period_not_by_date():
    archive = group_by_period([
        _entry("bao-cao-quy-1", "2021-04-10", "2021-Q1"),  # published in Q2, reports on Q1
        _entry("tin-thang-4", "2021-04-20"),
        _entry("tin-thang-2", "2021-02-01"),
    ])
    assert _shape(archive) == [(2021, [(1, ["bao-cao-quy-1", "tin-thang-2"]), (2, ["tin-thang-4"])])]
    q1 = archive.quarter_of(2021, 1)
    assert q1.period == Period(2021, 1) and q1.period.label == "Quý 1 năm 2021"
    assert q1.url == "luu-tru/2021/quy-1/" and q1.save_as == "luu-tru/2021/quy-1/index.html"


def test_counts_per_quarter_year_and_archive():
    archive = group_by_period([
        _entry("a", "2021-01-05"), _entry("b", "2021-02-05"), _entry("c", "2021-08-05"),
        _entry("d", "2022-12-05"),
    ])
    assert [(q.year, q.quarter, q.count) for q in archive.quarters] == [(2021, 1, 2), (2021, 3, 1), (2022, 4, 1)]
    assert [(y.year, y.count) for y in archive.years] == [(2022, 1), (2021, 3)]
    assert archive.count == 4


def test_order_is_newest_first_and_independent_of_input_order():
    entries = [
        _entry("cu", "2021-01-02"), _entry("moi", "2021-03-30"),
        _entry("cung-ngay-b", "2021-02-10"), _entry("cung-ngay-a", "2021-02-10"),
        _entry("nam-sau", "2023-05-01"), _entry("nam-giua", "2022-11-01"),
    ]
    first = group_by_period(entries)
    assert [y.year for y in first.years] == [2023, 2022, 2021]  # years newest first
    assert list(first.quarter_of(2021, 1).items) == ["moi", "cung-ngay-a", "cung-ngay-b", "cu"]
    assert _shape(group_by_period(reversed(entries))) == _shape(first)


def test_quarters_of_a_year_are_in_calendar_order():
    archive = group_by_period([_entry("q4", "2021-12-01"), _entry("q1", "2021-01-01"), _entry("q3", "2021-07-01")])
    assert [q.quarter for q in archive.years[0].quarters] == [1, 3, 4]


def test_previous_and_next_skip_empty_quarters():
    archive = group_by_period([
        _entry("a", "2020-11-01"), _entry("b", "2021-05-01"), _entry("c", "2021-06-01"), _entry("d", "2022-02-01"),
    ])
    q = {(g.year, g.quarter): g for g in archive.quarters}
    assert list(q) == [(2020, 4), (2021, 2), (2022, 1)]
    assert archive.neighbours(q[2020, 4]) == (None, q[2021, 2])
    assert archive.neighbours(q[2021, 2]) == (q[2020, 4], q[2022, 1])  # 2021-Q1, Q3, Q4 are empty
    assert archive.neighbours(q[2022, 1]) == (q[2021, 2], None)


def test_drafts_and_hidden_articles_are_left_out():
    archive = group_by_period([
        _entry("dang", "2021-01-05"),
        _entry("nhap", "2021-02-05", status="draft"),
        _entry("an", "2021-02-06", status="hidden"),
        _entry("chi-nhap", "2021-08-01", status="draft"),  # its quarter must not exist at all
    ])
    assert _shape(archive) == [(2021, [(1, ["dang"])])]
    assert archive.count == 1


def test_no_articles_gives_an_empty_archive():
    archive = group_by_period([])
    assert archive.years == () and archive.count == 0 and archive.url == "luu-tru/"


def test_url_patterns_come_from_settings():
    settings = QuarterlyArchivesSettings.from_pelican({
        "QUARTERLY_ARCHIVES_QUARTER_URL": "kho/{year}-q{quarter}.html",
        "QUARTERLY_ARCHIVES_QUARTER_SAVE_AS": "kho/{year}-q{quarter}.html",
    })
    archive = group_by_period([_entry("a", "2021-01-05")], settings)
    assert archive.quarters[0].url == "kho/2021-q1.html"
    assert archive.years[0].url == "luu-tru/2021/"


@pytest.mark.parametrize("name, value", [
    ("QUARTERLY_ARCHIVES_YEAR_URL", "luu-tru/"),                     # every year on one page
    ("QUARTERLY_ARCHIVES_QUARTER_SAVE_AS", "luu-tru/{year}/index.html"),
    ("QUARTERLY_ARCHIVES_INDEX_URL", "luu-tru/{year}/"),
    ("QUARTERLY_ARCHIVES_YEAR_SAVE_AS", "/luu-tru/{year}/index.html"),
    ("QUARTERLY_ARCHIVES_QUARTER_URL", "luu-tru/{nam}/quy-{quarter}/"),
    ("QUARTERLY_ARCHIVES_INDEX_SAVE_AS", ""),
])
def test_bad_url_patterns_are_settings_errors(name, value):
    with pytest.raises(SettingsError, match=name):
        QuarterlyArchivesSettings.from_pelican({name: value})


def test_generator_attaches_period_url_and_template_variables(tmp_path):
    from pelican.settings import read_settings

    from quarterly_archives.generator import QuarterlyArchivesGenerator

    settings = read_settings(str(SETTINGS), override={"OUTPUT_PATH": str(tmp_path)})
    report = SimpleNamespace(slug="bao-cao", date=datetime(2021, 4, 10, tzinfo=VN), period=Period(2021, 1),
                             status="published")
    news = SimpleNamespace(slug="tin", date=datetime(2021, 5, 1, tzinfo=VN), period=Period(2021, 2),
                           status="published")
    context = {**settings, "articles": [report, news]}
    generator = QuarterlyArchivesGenerator(context=context, settings=settings, path=settings["PATH"],
                                           theme=settings["THEME"], output_path=str(tmp_path))
    generator.generate_context()
    assert report.period_url == "luu-tru/2021/quy-1/"
    assert news.period_url == "luu-tru/2021/quy-2/"
    assert context["quarterly_archives_url"] == "luu-tru/"
    [year] = context["quarterly_archives"]
    assert (year.year, [(q.quarter, q.count) for q in year.quarters]) == (2021, [(1, 1), (2, 1)])


# --- builds with the real CLI -------------------------------------------------

class _Page(HTMLParser):
    """Links (href, rel, text) and list items (text) of one HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.items: list[str] = []
        self.h1: list[str] = []
        self.urls: list[str] = []
        self._open: list[tuple[str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.urls.append(attrs[name])
        if tag == "a":
            self.links.append({"href": attrs.get("href"), "rel": attrs.get("rel"), "text": ""})
        if tag in ("a", "li", "h1"):
            self._open.append((tag, []))

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if not self._open or self._open[-1][0] != tag:
            return
        _, parts = self._open.pop()
        text = " ".join("".join(parts).split())
        if tag == "a":
            self.links[-1]["text"] = text
        elif tag == "li":
            self.items.append(text)
        else:
            self.h1.append(text)


def _page(output: Path, save_as: str) -> _Page:
    return _Page((output / save_as).read_text(encoding="utf-8"))


QUARTER_ITEM = re.compile(r"^Quý ([1-4]) \((\d+) bài\)$")


def _index_counts(output: Path) -> dict[tuple[int, int], int]:
    """(year, quarter) → count, in page order, from the links and list items of luu-tru/index.html."""
    page = _page(output, "luu-tru/index.html")
    quarter_links = [(re.fullmatch(r"(?:\.\./)*luu-tru/(\d{4})/quy-([1-4])/", l["href"] or ""), l["text"])
                     for l in page.links]
    quarter_links = [(int(m[1]), int(m[2]), text) for m, text in quarter_links if m]
    items = [QUARTER_ITEM.match(i) for i in page.items if QUARTER_ITEM.match(i)]
    assert len(items) == len(quarter_links)
    counts = {}
    for (year, quarter, text), item in zip(quarter_links, items):
        assert text == f"Quý {quarter}" and int(item[1]) == quarter
        assert (year, quarter) not in counts
        counts[year, quarter] = int(item[2])
    return counts


def _resolves(page_file: Path, href: str) -> bool:
    target = (page_file.parent / href.split("#")[0]).resolve()
    return target.is_file() or (target / "index.html").is_file()


def _archive_pages(output: Path) -> list[Path]:
    return sorted((output / "luu-tru").rglob("index.html"))


SMALL_SITE = {
    # Published in April (Q2) but reports on Q1.
    "articles/2021/bao-cao-quy-1.md": article("Báo cáo quý 1 năm 2021", date="2021-04-10 09:00",
                                              extra="period: 2021-Q1\n"),
    "articles/2021/tin-thang-2.md": article("Tin tháng hai", date="2021-02-01 08:00"),
    "articles/2021/tin-thang-5.md": article("Tin tháng năm", date="2021-05-20 08:00"),
    "articles/2021/tin-thang-11.md": article("Tin tháng mười một", date="2021-11-05 08:00"),
    "articles/2022/tin-dau-nam.md": article("Tin đầu năm 2022", date="2022-01-15 08:00"),
    "articles/2021/ban-nhap.md": article("Bản nháp quý hai", date="2021-06-01 08:00", extra="status: draft\n"),
    "articles/2021/bai-an.md": article("Bài ẩn quý ba", date="2021-08-01 08:00", extra="status: hidden\n"),
}
SMALL_COUNTS = {(2021, 1): 2, (2021, 2): 1, (2021, 4): 1, (2022, 1): 1}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("quarterly")
    content = write(root / "content", SMALL_SITE)
    output = root / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    return output


def test_quarter_page_lists_articles_by_period(small_site):
    q1 = _page(small_site, "luu-tru/2021/quy-1/index.html")
    q2 = _page(small_site, "luu-tru/2021/quy-2/index.html")
    report = "bai-viet/bao-cao-quy-1-nam-2021/"
    assert q1.h1 == ["Quý 1 năm 2021"]
    assert "Quý I/2021" in (small_site / "luu-tru/2021/quy-1/index.html").read_text(encoding="utf-8")
    q1_articles = [l["href"] for l in q1.links if "/bai-viet/" in l["href"]]
    assert q1_articles == ["../../../" + report, "../../../bai-viet/tin-thang-hai/"]  # newest first
    assert not any(report in l["href"] for l in q2.links)
    assert [l["text"] for l in q2.links if "/bai-viet/" in l["href"]] == ["Tin tháng năm"]


def test_index_counts_equal_articles_per_quarter(small_site):
    counts = _index_counts(small_site)
    assert counts == SMALL_COUNTS
    assert list(counts) == [(2022, 1), (2021, 1), (2021, 2), (2021, 4)]  # years newest first
    text = (small_site / "luu-tru/index.html").read_text(encoding="utf-8")
    assert "Quý 1</a> (2 bài)" in text


def test_drafts_and_hidden_articles_are_not_archived(small_site):
    assert not (small_site / "luu-tru/2021/quy-3").exists()  # only a hidden article
    for page_file in _archive_pages(small_site):
        html = page_file.read_text(encoding="utf-8")
        assert "Bản nháp quý hai" not in html and "Bài ẩn quý ba" not in html, page_file


def test_previous_and_next_links_resolve_and_skip_empty_quarters(small_site):
    expected = {  # quarter page → (previous, next)
        "2021/quy-1": (None, "2021/quy-2"),
        "2021/quy-2": ("2021/quy-1", "2021/quy-4"),  # 2021-Q3 has no published article
        "2021/quy-4": ("2021/quy-2", "2022/quy-1"),
        "2022/quy-1": ("2021/quy-4", None),
    }
    for name, (previous, following) in expected.items():
        page_file = small_site / "luu-tru" / name / "index.html"
        page = _Page(page_file.read_text(encoding="utf-8"))
        for rel, target in (("prev", previous), ("next", following)):
            links = [l["href"] for l in page.links if l["rel"] == rel]
            if target is None:
                assert links == [], (name, rel)
                continue
            [href] = links
            assert _resolves(page_file, href), (name, href)
            assert (page_file.parent / href).resolve() == (small_site / "luu-tru" / target).resolve()
        hrefs = {l["href"] for l in page.links}
        assert "../../../luu-tru/" in hrefs and f"../../../luu-tru/{name.split('/')[0]}/" in hrefs


def test_year_page_lists_its_quarters_and_articles(small_site):
    page = _page(small_site, "luu-tru/2021/index.html")
    assert page.h1 == ["Lưu trữ năm 2021"]
    quarters = [l["text"] for l in page.links if re.search(r"luu-tru/2021/quy-\d/$", l["href"])]
    assert quarters == ["Quý 1 năm 2021", "Quý 2 năm 2021", "Quý 4 năm 2021"]
    titles = [l["text"] for l in page.links if "/bai-viet/" in l["href"]]
    assert titles == ["Báo cáo quý 1 năm 2021", "Tin tháng hai", "Tin tháng năm", "Tin tháng mười một"]


def test_archive_pages_use_relative_urls_that_resolve(small_site):
    pages = _archive_pages(small_site)
    assert len(pages) == 1 + 2 + len(SMALL_COUNTS)
    for page_file in pages:
        page = _Page(page_file.read_text(encoding="utf-8"))
        assert len(page.h1) == 1, page_file
        for url in page.urls:
            assert not url.startswith("/"), (page_file, url)
            if not re.match(r"^(https?:|mailto:|tel:|#)", url):
                assert _resolves(page_file, url), (page_file, url)


# --- the real sample content ---------------------------------------------------

def _published_periods(content: Path) -> Counter:
    """(year, quarter) of every published article, read straight from the front matter."""
    periods = Counter()
    for source in (content / "articles").rglob("*.md"):
        head = source.read_text(encoding="utf-8").split("---")[1]
        fields = dict(line.split(":", 1) for line in head.splitlines() if re.match(r"^[a-z_]+:", line))
        if fields.get("status", "published").strip() != "published":
            continue
        period = Period.parse(fields["period"]) if "period" in fields else None
        if period is None:
            period = Period.of_date(datetime.fromisoformat(fields["date"].strip().strip("\"'")[:10]))
        periods[period.year, period.quarter] += 1
    return periods


def test_sample_content_archive_lists_every_quarter(tmp_path):
    result = build(ROOT / "content", tmp_path / "output")
    assert result.returncode == 0, result.stderr
    counts = _index_counts(tmp_path / "output")
    expected = _published_periods(ROOT / "content")
    assert len(counts) == 16
    assert {year for year, _ in counts} == {2021, 2022, 2023, 2024}
    assert sum(counts.values()) == sum(expected.values()) == 33
    assert counts == dict(expected)
    for year, quarter in counts:
        assert (tmp_path / "output" / f"luu-tru/{year}/quy-{quarter}/index.html").is_file()
