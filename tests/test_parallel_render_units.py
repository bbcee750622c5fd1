"""parallel_render's pure helpers."""

import os

import re

import pytest

from parallel_render.settled import MemberList, freeze_urls


class Item:
    def __init__(self, name):
        self.name = name


def test_member_list_answers_in_by_identity_through_every_change():
    a, b, c, twin = Item("a"), Item("b"), Item("c"), Item("a")
    items = MemberList([a, b])
    assert a in items and b in items and c not in items and twin not in items
    items.append(c)
    assert c in items
    items.remove(a)
    assert a not in items and list(items) == [b, c]
    items += [a]
    assert a in items
    items[0] = twin
    assert twin in items and b not in items
    del items[0]
    assert twin not in items
    items.insert(0, b)
    items.extend([twin])
    assert b in items and twin in items
    assert items.pop() is twin and twin not in items
    items.clear()
    assert a not in items and len(items) == 0


def test_freeze_urls_keeps_exactly_what_pelican_computed():
    class Content:
        computed = 0

        def __init__(self, slug):
            self.slug = slug

        @property
        def url(self):
            if hasattr(self, "override_url"):
                return self.override_url
            Content.computed += 1
            return f"bai-viet/{self.slug}/"

        @property
        def save_as(self):
            return getattr(self, "override_save_as", None) or f"bai-viet/{self.slug}/index.html"

    contents = [Content("a"), Content("b")]
    freeze_urls(contents)
    before = Content.computed
    assert [c.url for c in contents] == ["bai-viet/a/", "bai-viet/b/"]
    assert [c.save_as for c in contents] == ["bai-viet/a/index.html", "bai-viet/b/index.html"]
    assert Content.computed == before  # served from the frozen values


def test_wrapper_urls_are_remembered_once_settled_until_name_slug_or_settings_change():
    from pelican import urlwrappers
    from pelican.urlwrappers import URLWrapper

    from build_guard.wrappers import Category, Tag, settle, unsettle

    settle_wrappers, unsettle_wrappers = settle, unsettle
    settings = {"TAG_URL": "the/{slug}/", "TAG_SAVE_AS": "the/{slug}/index.html",
                "CATEGORY_URL": "chuyen-muc/{slug}/", "CATEGORY_SAVE_AS": "chuyen-muc/{slug}/index.html",
                "SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"[-\s]+", "-")]}
    tag, category = Tag("Một cửa", settings), Category("Cải cách thể chế", settings)
    calls = []
    original = URLWrapper._from_settings
    URLWrapper._from_settings = lambda self, *a, **k: calls.append(a) or original(self, *a, **k)
    try:
        unsettle_wrappers()
        assert tag.url == tag.url == "the/mot-cua/" and len(calls) == 2  # not settled: Pelican's way
        settle_wrappers()
        calls.clear()
        read = lambda: [(w.url, w.save_as, w.page_name) for w in (tag, category)]  # noqa: E731
        first = read()
        assert first == [("the/mot-cua/", "the/mot-cua/index.html", "the/mot-cua/"),
                         ("chuyen-muc/cai-cach-the-che/", "chuyen-muc/cai-cach-the-che/index.html",
                          "chuyen-muc/cai-cach-the-che/")]
        assert len(calls) == 6
        assert read() == first and len(calls) == 6  # remembered
        tag.name = "Liên thông"  # a new name: formatted again, never stale
        assert tag.url == "the/lien-thong/" and len(calls) == 7
        category.settings = dict(settings, CATEGORY_URL="cm/{slug}/")  # other settings: the same
        assert category.url == "cm/cai-cach-the-che/" and len(calls) == 8
        settle_wrappers()  # another build: nothing carried over
        assert tag.url == "the/lien-thong/" and len(calls) == 9
        # Pelican's own classes are not changed: they remember nothing.
        plain = urlwrappers.Tag("Liên thông", settings)
        assert plain.url == tag.url and not any(k.startswith("_settled") for k in vars(plain))
        assert isinstance(tag, urlwrappers.Tag) and tag == plain and plain == tag and hash(tag) == hash(plain)
        assert tag != urlwrappers.Category("Liên thông", settings) and tag == "Liên thông" and tag != "Một cửa"
        assert sorted([tag, urlwrappers.Tag("Ánh sáng", settings)])[0].name == "Ánh sáng"
    finally:
        URLWrapper._from_settings = original
        unsettle_wrappers()


def _write_calls(writer, template, twice=False):
    """The kinds of call Pelican's generators make: paginated with relative
    URLs, plain, paginated through ``articles=``, overriding, nameless, and
    ``dates=`` outside PAGINATED_TEMPLATES; ``twice``: one file written by two
    calls (Pelican's overwrite rules decide)."""
    context = {"SITEURL": "https://vi.example", "localsiteurl": None, "shared": "ngữ cảnh chung"}
    if twice:
        writer.write_file("rieng.html", template, context, extra="lần đầu")
    writer.write_file("index.html", template, context, relative_urls=True,
                      paginated={"articles": [f"bài {i}" for i in range(23)]}, template_name="index", url="")
    writer.write_file("bai/a/index.html", template, context, relative_urls=True, article="a", extra=1)
    writer.write_file("the/x/index.html", template, context, articles=["m", "n", "p"] * 5, template_name="tag",
                      url="the/x/")
    writer.write_file("rieng.html", template, context, override_output=True, extra=2)
    writer.write_file("", template, context, extra=3)
    writer.write_file("luu-tru/index.html", template, context, dates=["d1", "d2"], template_name="archives")
    writer.write_file("bai/b/index.html", template, context, relative_urls=True, article="b")
    return context


def _seen(value):
    """A value as a test can compare it across processes and runs."""
    from pelican.paginator import Page, Paginator

    if isinstance(value, Page):
        return ("page", value.number, list(value.object_list), value.save_as, value.url)
    if isinstance(value, Paginator):
        return ("paginator", value.name, value.count, value.num_pages)
    return value


@pytest.mark.parametrize("reuse, twice, threshold", [(False, False, 0), (True, False, 0), (True, True, 0),
                                                     (True, False, 1000)])
def test_parallel_pages_get_the_context_bookkeeping_and_signals_of_pelicans_writer(tmp_path, reuse, twice,
                                                                                     threshold):
    """The writer splits calls into pages itself (not through Pelican's
    write_file): the files, each page's template context, the signal, the
    written-file bookkeeping and the localsiteurl left in the shared context
    are those of Pelican's own Writer. In worker processes, and in this one
    (fewer calls than the threshold); with page reuse on; and when two calls
    write one file (then every page goes through Pelican's write_file)."""
    from jinja2 import Environment
    from pelican import signals
    from pelican.settings import read_settings
    from pelican.writers import Writer

    from parallel_render.writer import ParallelWriter

    template = Environment().from_string(
        "{{ output_file }}|{{ SITEURL }}|{{ localsiteurl }}|{{ extra }}|{{ article }}|{{ dates }}|"
        "{% if articles_page %}{{ articles_page.number }}/{{ articles_paginator.num_pages }}:"
        "{{ articles_page.object_list|join(',') }}<{{ articles_previous_page.number if articles_previous_page }}"
        ">{{ articles_next_page.number if articles_next_page }}{% endif %}")
    results = {}
    for kind in ("pelican", "parallel"):
        out = tmp_path / kind
        settings = read_settings(None, override={
            "DEFAULT_PAGINATION": 10, "CACHE_PATH": str(tmp_path / f"cache-{kind}"), "PARALLEL_RENDER_WORKERS": 2,
            "PARALLEL_RENDER_THRESHOLD": threshold, "PARALLEL_RENDER_REUSE": reuse})
        events = []

        def written(path, context, events=events, out=out):
            events.append((os.path.relpath(path, out), {k: _seen(v) for k, v in context.items()}))

        signals.content_written.connect(written)
        try:
            if kind == "pelican":
                writer = Writer(str(out), settings)
                context = _write_calls(writer, template, twice)
            else:
                writer = ParallelWriter(str(out), settings)
                context = _write_calls(writer, template, twice)
                assert len(writer.pending) == 7 + twice  # deferred, then rendered
                writer.flush()
        finally:
            signals.content_written.disconnect(written)
        files = {str(p.relative_to(out)): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()}
        results[kind] = (files, events, {os.path.relpath(p, out) for p in writer._written_files},
                         {os.path.relpath(p, out) for p in writer._overridden_files}, context["localsiteurl"])
    pelican, parallel = results["pelican"], results["parallel"]
    assert len(pelican[0]) == 3 + 1 + 2 + 1 + 1 + 1  # index pages, article, tag pages, rieng, archives, b
    assert "|2|" in pelican[0]["rieng.html"]  # the overriding call wins
    assert pelican[0]["index2.html"].startswith("index2.html|.|.||||2/3:bài 10,")
    for part, name in zip(range(5), ("files", "signals", "written", "overridden", "localsiteurl")):
        assert parallel[part] == pelican[part], name


@pytest.mark.parametrize("name", ["", "/", "//", "a", "/a", "a/", "a//", "a/b", "a//b", "a/b/", "a/./b", "a/../b",
                                  "./a", "../a", "/a/b/c.html", "a///b///c", ".", "..", "./", "a/.", " a/b", "a /b/",
                                  "bai-viet/ket-qua/index.html", "trang/2/index.html", "x/y/z/w/v/index.html"])
def test_a_pages_relative_siteurl_is_pelicans_for_any_name(name):
    """Remembered by depth; each name must still get what Pelican's
    get_relative_path gives it, whatever was asked before."""
    from pelican.utils import get_relative_path, path_to_url

    from parallel_render.pages import PagePlanner

    planner = PagePlanner("output", {})
    for before in ("a/b/c/d/e/f", "a", "", "a/b", "a/b/c"):  # other depths known first
        planner.relative_siteurl(before)
    assert planner.relative_siteurl(name) == path_to_url(get_relative_path(name))


@pytest.mark.parametrize("name", ["index.html", "bai-viet/ket-qua/index.html", "a b/c.html", ".an/index.html",
                                  "a/./b.html", "a//b.html", "a/b/", "/etc/passwd", "a/../b.html", "../ngoai.html",
                                  "a/b/../../../ngoai.html", ".", "..", "", "a/..b/c.html"])
@pytest.mark.parametrize("output", ["site", "site/", "./site", "lien-ket/../site"])
def test_a_pages_file_is_where_pelicans_sanitised_join_puts_it(tmp_path, monkeypatch, name, output):
    from pelican.utils import sanitised_join

    from parallel_render.pages import PagePlanner

    monkeypatch.chdir(tmp_path)
    planner = PagePlanner(output, {})
    for before in ("x/index.html", "a//b.html"):  # the folder's own path made first, either way
        planner.output_file(before)
    try:
        expected = sanitised_join(output, name)
    except RuntimeError as error:
        with pytest.raises(RuntimeError, match=re.escape(str(error))):
            planner.output_file(name)
    else:
        assert planner.output_file(name) == expected


def test_render_ranges_weigh_long_lists_so_the_last_range_is_not_the_longest():
    """An archive of a year lists hundreds of articles on one page: counted
    as one page, fifty of them made one last range that one worker spent
    0.5 s on while the other had finished (10,000 articles, one edit)."""
    from parallel_render.pages import PlannedPage
    from parallel_render.workers import page_work as _work
    from parallel_render.workers import work_ranges as _ranges

    def page(name, kwargs):
        return PlannedPage(name, "/out/" + name, kwargs, None)

    article = [page("bai/a/index.html", {"article": object()})]
    listing = [page(f"the/x/{n}/index.html", {"articles_page": object()}) for n in range(3)]
    archive = [page("luu-tru/2024/index.html", {"articles": list(range(1000)), "dates": list(range(1000))})]
    assert (_work(article), _work(listing), _work(archive), _work([])) == (1, 3, 101, 1)
    calls = [article] * 10_000 + [listing] * 100 + [archive] * 50
    ranges = _ranges([_work(c) for c in calls], 64)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(calls)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))  # contiguous, in order
    total = sum(_work(c) for c in calls)
    heaviest = max(sum(_work(c) for c in calls[lo:hi]) for lo, hi in ranges)
    assert heaviest <= 2 * total / 64
    assert ranges[-1][1] - ranges[-1][0] < 10  # the archives are spread over several ranges
