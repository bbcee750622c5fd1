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


def test_pins_first_drafts_never_and_unknown_pin_is_an_error(tmp_path):
    land = "Người dân đăng ký đất đai, cấp giấy chứng nhận quyền sử dụng đất."
    content = write(tmp_path / "content", {
        "articles/a.md": article("Đất đai xã A", body=land, extra="related: [tin-khac]\n"),
        "articles/b.md": article("Đất đai xã B", body=land),
        "articles/c.md": article("Đất đai xã C", body=land, extra="status: draft\n"),
        "articles/d.md": article("Tin khác", body="Hội thao.", category="Tin tức - Sự kiện"),
    })
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    a = related_links((output / "bai-viet" / "dat-dai-xa-a" / "index.html").read_text(encoding="utf-8"))
    assert a[0] == "tin-khac" and "dat-dai-xa-b" in a and "dat-dai-xa-c" not in a

    write(content, {"articles/a.md": article("Đất đai xã A", body=land, extra="related: [khong-co, dat-dai-xa-c]\n")})
    result = build(content, output)
    assert result.returncode == 1
    lines = [l for l in result.stderr.splitlines() if ": related: " in l]
    assert lines == [
        f'{content}/articles/a.md:6: related: bài "dat-dai-xa-c" là bản nháp hoặc bài ẩn nên không thể gợi ý; '
        "xoá khỏi related hoặc đăng bài đó",
        f'{content}/articles/a.md:6: related: không có bài viết nào có slug "khong-co"; '
        "kiểm tra lại slug (xem địa chỉ /bai-viet/<slug>/ của bài)",
    ]


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


def test_ranked_while_the_articles_are_built_with_the_same_result(tmp_path):
    """The ranking starts in another process as soon as every file is read
    (early.py); the build uses it only when it ranked exactly the build's
    articles, and the site is the one a build without it gives."""
    import shutil

    from tests.helpers import SEARCH_INDEX, tree

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"
    timed = ("-e", f'CACHE_PATH="{cache}"', "BUILD_TIMINGS=true")
    plain = ("-e", f'CACHE_PATH="{tmp_path / "plain-cache"}"', "RELATED_EARLY=false", "RELATED_CACHE=false")
    for step in ("cold", "edited"):
        if step == "edited":  # an article's lead changes: every ranking input moves
            seed = next(content.rglob("ket-qua-cong-tac-cai-cach-hanh-chinh-quy-1-nam-2021.md"))
            text = seed.read_text(encoding="utf-8")
            head, sep, body = text.partition("\n---\n")
            seed.write_text(head + sep + "Đất đai, khai sinh và bảo hiểm y tế cho trẻ em.\n\n" + body, encoding="utf-8")
        result = build(content, tmp_path / "early", *timed, "--debug")
        assert result.returncode == 0, result.stderr
        assert "gợi ý xếp sẵn trong lúc đọc bài" in result.stderr, step
        # Without making the documents again: every article is as it was read.
        assert "Gợi ý: bài như lúc đọc, dùng bản xếp sẵn" in result.stdout + result.stderr, step
        expected = build(content, tmp_path / "plain", *plain)
        assert expected.returncode == 0, expected.stderr
        assert "xếp sẵn" not in expected.stderr
        assert tree(tmp_path / "early", SEARCH_INDEX) == tree(tmp_path / "plain", SEARCH_INDEX), step


REWRITE_PLUGIN = '''
from pelican import signals


def rewrite(generator):
    """After reading: one article's text becomes another's (what a plugin may do)."""
    by_slug = {a.slug: a for a in generator.articles}
    by_slug[TARGET]._content = by_slug[SOURCE]._content


def register():
    signals.article_generator_pretaxonomy.connect(rewrite)
'''


def test_a_text_a_plugin_changed_after_reading_is_ranked_as_built(tmp_path):
    """The ranking made from the readings is used only when every article
    holds what its reading said (documents.py); an article a plugin rewrote
    is ranked as the build holds it, as a build without the early ranking
    ranks it."""
    import json
    import shutil

    from pelican.settings import read_settings

    from tests.helpers import SEARCH_INDEX, tree

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    slugs = sorted(p.stem for p in content.rglob("*.md") if "articles" in p.parts)
    source, target = slugs[0], slugs[-1]
    plugin = tmp_path / "extra" / "rewrite_one"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(REWRITE_PLUGIN.replace("TARGET", repr(target)).replace("SOURCE", repr(source)), encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    extra = ["PLUGINS=" + json.dumps([*settings["PLUGINS"], "rewrite_one"]),
             "PLUGIN_PATHS=" + json.dumps([*settings["PLUGIN_PATHS"], str(tmp_path / "extra")])]
    result = build(content, tmp_path / "early", "-e", f'CACHE_PATH="{tmp_path / "cache"}"', "BUILD_TIMINGS=true",
                   *extra)
    assert result.returncode == 0, result.stderr
    assert "bản xếp sẵn không khớp bài đã đọc" in result.stderr
    plain = build(content, tmp_path / "plain", "-e", f'CACHE_PATH="{tmp_path / "plain-cache"}"', "RELATED_EARLY=false",
                  "RELATED_CACHE=false", *extra)
    assert plain.returncode == 0, plain.stderr
    assert tree(tmp_path / "early", SEARCH_INDEX) == tree(tmp_path / "plain", SEARCH_INDEX)
