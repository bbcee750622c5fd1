"""Listing helpers (pure) and the pages they produce."""

import re
from datetime import datetime
from types import SimpleNamespace as Fake

from listings.grouping import group_by, in_menu_order, latest_in_same_group, neighbours_in_group, newest_first
from tests.helpers import article, build, write


def fake(slug, day, category="A", unit=None):
    return Fake(slug=slug, date=datetime(2021, 1, day), category=category, unit=unit)


def test_newest_first_breaks_ties_by_slug():
    items = [fake("b", 1), fake("a", 1), fake("c", 3)]
    assert [i.slug for i in newest_first(items)] == ["c", "a", "b"]


def test_latest_in_same_group_excludes_self_and_other_groups():
    items = [fake("a1", 1), fake("a2", 2), fake("a3", 3), fake("b1", 4, "B")]
    latest = latest_in_same_group(items, lambda i: i.category, k=2)
    assert [i.slug for i in latest[id(items[2])]] == ["a2", "a1"]
    assert [i.slug for i in latest[id(items[0])]] == ["a3", "a2"]
    assert latest[id(items[3])] == []


def test_neighbours_in_group():
    items = [fake("a1", 1), fake("a2", 2), fake("a3", 3), fake("b1", 4, "B")]
    n = neighbours_in_group(items, lambda i: i.category)
    assert n[id(items[1])] == (items[2], items[0])
    assert n[id(items[2])] == (None, items[1])
    assert n[id(items[3])] == (None, None)


def test_in_menu_order_follows_the_menu_and_skips_empty_or_unnamed_categories():
    groups = [(Fake(name=n), [n]) for n in ("Bộ máy", "Thủ tục", "Số hóa")]
    menu = ["Thủ tục", "Tài chính công", "Bộ máy", "Thủ tục"]  # one without articles, one twice
    assert [cat.name for cat, _ in in_menu_order(groups, menu)] == ["Thủ tục", "Bộ máy"]
    assert in_menu_order(groups, []) == []


def test_group_by_skips_missing_values():
    items = [fake("a", 1, unit="UBND xã Mỹ Ngãi"), fake("b", 2), fake("c", 3, unit="UBND xã Mỹ Ngãi")]
    assert {k: [i.slug for i in v] for k, v in group_by(items, lambda i: i.unit).items()} == {
        "UBND xã Mỹ Ngãi": ["c", "a"]}


def test_unit_pages_fallback_related_and_neighbours(tmp_path):
    content = write(tmp_path / "content", {
        "articles/a.md": article("Bài một", date="2021-01-05 08:00", extra="unit: UBND xã Mỹ Ngãi\n"),
        "articles/b.md": article("Bài hai", date="2021-02-05 08:00", extra="unit: UBND xã Mỹ Ngãi\n"),
        "articles/c.md": article("Bài ba", date="2021-03-05 08:00", category="Tin tức - Sự kiện"),
    })
    output = tmp_path / "output"
    # Without related_articles the theme falls back to the category's newest articles.
    plugins = '["build_core", "build_guard", "front_matter", "vi_format", "listings", "quarterly_archives", "seo"]'
    result = build(content, output, "--extra-settings", f"PLUGINS={plugins}")
    assert result.returncode == 0, result.stderr
    unit_page = (output / "don-vi" / "ubnd-xa-my-ngai" / "index.html").read_text(encoding="utf-8")
    assert "Đơn vị: UBND xã Mỹ Ngãi" in unit_page
    assert unit_page.index("Bài hai") < unit_page.index("Bài một") and "Bài ba" not in unit_page
    assert 'href="../../don-vi/ubnd-xa-my-ngai/"' in (output / "bai-viet" / "bai-mot" / "index.html").read_text()
    page = (output / "bai-viet" / "bai-hai" / "index.html").read_text(encoding="utf-8")
    related = re.search(r'<aside class="related".*?</aside>', page, re.S)[0]
    assert "Bài một" in related and "Bài ba" not in related and "Bài hai" not in related
    assert 'rel="prev" href="../../bai-viet/bai-mot/"' in page
    units = (output / "don-vi" / "index.html").read_text(encoding="utf-8")
    assert "UBND xã Mỹ Ngãi</a> (2 bài)" in units


def test_cover_size_is_read_only_when_asked(tmp_path, monkeypatch):
    from PIL import Image

    from listings import cover

    path = tmp_path / "bia.png"
    Image.new("RGB", (64, 48)).save(path)
    opened = []
    real_open = cover.Image.open
    monkeypatch.setattr(cover.Image, "open", lambda p: opened.append(p) or real_open(p))
    size = cover.CoverSize(str(path))
    assert opened == []  # nothing read until a template asks
    assert size and size[0] == 64 and size[1] == 48 and size == (64, 48) and list(size) == [64, 48]
    assert len(opened) == 1  # read once
    assert not cover.CoverSize(str(tmp_path / "thieu.png"))  # unreadable: no size, no error
