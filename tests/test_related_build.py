"""related_articles inside a real build: the aside, pins, drafts, errors."""

import re

import pytest

from tests.helpers import ROOT, article, build, write

SEED = "bai-viet/ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021/index.html"


def related_links(html: str) -> list[str]:
    aside = re.search(r'<aside class="related".*?</aside>', html, re.S)
    assert aside, "no related block"
    assert "Có thể bạn quan tâm" in aside[0]
    return re.findall(r'href="\.\./\.\./bai-viet/([^/]+)/"', aside[0])


@pytest.fixture(scope="module")
def site(content_site):
    return content_site.ok()


def _category_of(site, slug):
    html = (site / "bai-viet" / slug / "index.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)[0]
    return re.search(r'href="\.\./\.\./chuyen-muc/([^/]+)/"', crumbs)[1]


def test_seed_article_lists_overall_reports_before_unrelated_news(site):
    slugs = related_links((site / SEED).read_text(encoding="utf-8"))
    assert len(slugs) == 5
    # The other overall reports ("Kết quả công tác cải cách hành chính …").
    is_report = [s.startswith("ket-qua-cong-tac-cai-cach-hanh-chinh") for s in slugs]
    assert sum(is_report) >= 4 and is_report[:2] == [True, True]
    # News that is not about the reform programme as a whole comes after them.
    unrelated = [i for i, s in enumerate(slugs)
                 if _category_of(site, s) == "tin-tuc-su-kien" and "cai-cach-hanh-chinh" not in s]
    last_report = max(i for i, r in enumerate(is_report) if r)
    assert all(i > last_report for i in unrelated)


def test_every_article_has_five_related_in_rank_order(site):
    for page in (site / "bai-viet").glob("*/index.html"):
        slugs = related_links(page.read_text(encoding="utf-8"))
        assert len(slugs) == 5 and len(set(slugs)) == 5 and page.parent.name not in slugs


def _fake_article(slug, title, text, related=(), status="published"):
    from datetime import datetime
    from types import SimpleNamespace

    return SimpleNamespace(
        slug=slug, title=title, _content=f"<p>{text}</p>", metadata={}, tags=[], category=SimpleNamespace(name="A"),
        unit=None, period=None, date=datetime(2024, 1, len(slug)), related=list(related), status=status,
        source_path=f"content/articles/{slug}.md", front_matter=SimpleNamespace(lines={"related": 6}))


def test_the_stages_attach_pins_first_and_never_drafts():
    """The plugin's glue on fake articles: read, then rank."""
    from types import SimpleNamespace

    from pelican.generators import ArticlesGenerator

    from build_core import run as runs
    from related_articles import plugin

    land = "Người dân đăng ký đất đai, cấp giấy chứng nhận quyền sử dụng đất."
    a = _fake_article("dat-a", "Đất đai xã A", land, related=["tin-khac"])
    b = _fake_article("dat-b", "Đất đai xã B", land)
    c = _fake_article("dat-c", "Đất đai xã C", land, status="draft")
    d = _fake_article("tin-khac", "Tin khác", "Hội thao.")
    generator = object.__new__(ArticlesGenerator)  # only the lists the plugin reads
    for name in ("translations", "drafts_translations", "hidden_articles", "hidden_translations"):
        setattr(generator, name, [])
    generator.articles, generator.drafts = [a, b, d], [c]
    run = runs.begin(SimpleNamespace(settings={"RELATED_K": 3, "RELATED_EXPLAIN": False}))
    plugin.take_articles(run, object())  # another generator: nothing taken
    assert run.state(plugin.RelatedRun).inputs == []
    plugin.take_articles(run, generator)
    plugin.attach_related(run, [generator])
    assert not run.errors
    slugs = {x.slug: [r.slug for r in x.related_articles] for x in (a, b, c, d)}
    assert slugs["dat-a"] == ["tin-khac", "dat-b"]  # the pin first; never the draft
    assert slugs["dat-c"] == ["dat-a", "dat-b", "tin-khac"]  # a draft gets a list, never appears in one
    assert all("dat-c" not in related for related in slugs.values())
    assert not hasattr(a, "related_explained")  # RELATED_EXPLAIN = False


def test_an_unknown_or_draft_pin_fails_the_build_at_its_line(tmp_path):
    land = "Người dân đăng ký đất đai, cấp giấy chứng nhận quyền sử dụng đất."
    content = write(tmp_path / "content", {
        "articles/a.md": article("Đất đai xã A", body=land, extra="related: [khong-co, dat-dai-xa-c]\n"),
        "articles/b.md": article("Đất đai xã B", body=land),
        "articles/c.md": article("Đất đai xã C", body=land, extra="status: draft\n"),
    })
    result = build(content, tmp_path / "output")
    assert result.returncode == 1
    lines = [l for l in result.stderr.splitlines() if ": related: " in l]
    assert lines == [
        f'{content}/articles/a.md:6: related: bài "dat-dai-xa-c" là bản nháp hoặc bài ẩn nên không thể gợi ý; '
        "xoá khỏi related hoặc đăng bài đó",
        f'{content}/articles/a.md:6: related: không có bài viết nào có slug "khong-co"; '
        "kiểm tra lại slug (xem địa chỉ /bai-viet/<slug>/ của bài)",
    ]
    assert not (tmp_path / "output").exists()


def test_related_report_explains_each_pick(site, tmp_path):
    import subprocess
    import sys

    from tests.helpers import env

    out = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, "-m", "related_articles.report", "-s", str(ROOT / "pelicanconf.py"),
         "--slug", "ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021", "--output", str(out)],
        cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("\n1. ") == 1 and "\n5. " in text and "\n6. " not in text
    assert "từ chung: " in text and "điểm 0." in text
    built = related_links((site / SEED).read_text(encoding="utf-8"))
    report_slugs = re.findall(r"^\d\. .*? \(`([^`]+)`\)", text, re.M)
    assert report_slugs == built  # the report explains exactly what the page shows
