"""parallel_render: when calls may be rendered apart, and a ParallelWriter
that gives what Pelican's own Writer gives, in order or in workers."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from types import SimpleNamespace

import pytest
from jinja2 import Environment
from pelican import signals
from pelican.settings import read_settings
from pelican.writers import Writer

from build_core import run as runs
from build_core.errors import ContentError
from parallel_render.calls import Call, range_starts, serial_reason, work, work_ranges
from parallel_render.settings import RenderSettings
from parallel_render.writer import ParallelWriter
from seo.plugin import SitemapRun, remember_lastmod
from tests.helpers import ROOT, env

SHARED = {"localsiteurl": None}


def _call(name="a.html", relative=False, context=SHARED, **kwargs):
    return Call((name, None, context, relative), kwargs)


def test_calls_are_rendered_in_order_when_workers_could_not_give_the_same_result():
    calls = [_call(f"{n}.html", relative=True) for n in range(5)]
    assert serial_reason(calls, threshold=5, workers=2) is None
    assert serial_reason(calls, threshold=6, workers=2) == "below threshold"
    assert serial_reason(calls, threshold=0, workers=1) == "one worker"
    assert serial_reason([], threshold=0, workers=2) == "below threshold"
    assert serial_reason([*calls, _call("3.html")], threshold=0, workers=2) == "one name twice"
    assert serial_reason([*calls, _call(""), _call("")], threshold=0, workers=2) is None  # nameless: not written
    assert serial_reason([*calls, _call("x.html", context={})], threshold=0, workers=2) == "several contexts"


def test_a_range_starts_only_where_the_localsiteurl_left_before_cannot_matter():
    # Until a call with relative URLs, nothing changes it; after, only such a call sets it before rendering.
    kinds = [False, False, True, False, False, True, True, False]
    assert range_starts([_call(relative=r) for r in kinds]) == [True, True, True, False, False, True, True, False]
    assert range_starts([_call(relative=False)] * 3) == [True] * 3


def test_work_counts_the_items_a_listing_shows():
    articles = list(range(100))
    assert work(_call(article="a")) == 1
    assert work(_call(articles=articles, dates=articles)) == 11  # cards on every page of a listing
    assert work(_call(paginated={"articles": articles}, articles=articles)) == 11
    assert work(_call(archive_year="2024", articles=articles[:19])) == 1


def test_ranges_are_contiguous_of_about_equal_work_and_start_where_allowed():
    weights = [1] * 10_000 + [6] * 100 + [51] * 50
    starts = [i % 3 != 1 for i in range(len(weights))]
    ranges = work_ranges(weights, 64, starts)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(weights)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(starts[lo] for lo, _hi in ranges)
    heaviest = max(sum(weights[lo:hi]) for lo, hi in ranges)
    assert heaviest <= 2 * sum(weights) / 64 and len(ranges) >= 60
    assert work_ranges([1] * 5, 64, [True, False, False, False, False]) == [(0, 5)]


def test_render_settings():
    assert RenderSettings.from_pelican({}).threshold == 200
    assert RenderSettings.from_pelican({"PARALLEL_RENDER_THRESHOLD": 0}).threshold == 0


# --- the writer against Pelican's own ---------------------------------------

def _report() -> str:
    runs.warn(ContentError("a.md", 1, "x", "cảnh báo khi hiển thị"))
    return ""


ENV = Environment()
ENV.globals["report"] = _report
TEMPLATE = ENV.from_string(
    "{{ output_file }}|{{ SITEURL }}|{{ localsiteurl }}|{{ extra }}|{{ article.date if article }}|{{ dates }}|"
    "{% if articles_page %}{{ articles_page.number }}/{{ articles_paginator.num_pages }}:"
    "{{ articles_page.object_list|map(attribute='date')|map('string')|join(',') }}"
    "<{{ articles_previous_page.number if articles_previous_page }}"
    ">{{ articles_next_page.number if articles_next_page }}{% endif %}{{ report() }}")


def _dated(month: int, day: int = 1):
    return SimpleNamespace(date=datetime(2021, month, day))


def _write_calls(writer, twice=False):
    """The kinds of call Pelican's generators make: paginated with relative
    URLs, plain, paginated through ``articles=``, overriding, nameless,
    ``dates=`` outside PAGINATED_TEMPLATES, and ranges of calls without
    relative URLs after some with; ``twice``: one file written by two calls
    (Pelican's overwrite rules decide)."""
    context = {"SITEURL": "https://vi.example", "localsiteurl": None, "shared": "ngữ cảnh chung"}
    listed = [_dated(1 + i % 12, 1 + i) for i in range(23)]
    if twice:
        writer.write_file("rieng.html", TEMPLATE, context, extra="lần đầu")
    writer.write_file("index.html", TEMPLATE, context, relative_urls=True,
                      paginated={"articles": listed}, template_name="index", url="")
    writer.write_file("bai/a/index.html", TEMPLATE, context, True, article=_dated(4), extra=1)
    writer.write_file("the/x/index.html", TEMPLATE, context, articles=listed[:15], template_name="tag",
                      url="the/x/")
    writer.write_file("rieng.html", TEMPLATE, context, override_output=True, extra=2)
    writer.write_file("", TEMPLATE, context, extra=3)
    writer.write_file("luu-tru/index.html", TEMPLATE, context, dates=["d1", "d2"], template_name="archives")
    writer.write_file("bai/b/index.html", TEMPLATE, context, relative_urls=True, article=_dated(5))
    writer.write_file("404.html", TEMPLATE, context, relative_urls=False, extra="sau trang tương đối")
    return context


@pytest.fixture
def a_run():
    """A run of the build in this process, with 2 workers, and seo's
    content_written receiver (the sitemap's lastmod) connected."""
    def run_with(settings):
        return runs.begin(SimpleNamespace(settings=settings))

    signals.content_written.connect(remember_lastmod)
    yield run_with
    signals.content_written.disconnect(remember_lastmod)


def _build(tmp_path, kind, threshold, twice, a_run):
    out = tmp_path / kind
    settings = read_settings(None, override={"DEFAULT_PAGINATION": 10, "PARALLEL_RENDER_THRESHOLD": threshold,
                                             "WORKERS": 2})
    run = a_run(settings)
    assert run.core.worker_count == 2
    if kind == "pelican":
        writer = Writer(str(out), settings)
        context = _write_calls(writer, twice)
    else:
        writer = ParallelWriter(str(out), settings)
        context = _write_calls(writer, twice)
        assert len(writer.pending) == 8 + twice  # deferred, then rendered
        writer.flush(run)
    files = {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()}
    lastmod = {k[len(str(out)) + 1:]: v for k, v in run.state(SitemapRun).lastmod.items()}
    return files, lastmod, context["localsiteurl"], len(run.warnings), run.stats.get("render")


@pytest.mark.parametrize("threshold, twice, serial", [(0, False, None), (1000, False, "below threshold"),
                                                      (0, True, "one name twice")])
def test_the_writer_gives_what_pelicans_writer_gives(tmp_path, a_run, threshold, twice, serial):
    """Files, the sitemap's lastmod noted by content_written, the localsiteurl
    left in the shared context and what was reported while rendering: in
    worker processes and in this one."""
    pelican = _build(tmp_path, "pelican", threshold, twice, a_run)
    parallel = _build(tmp_path, "parallel", threshold, twice, a_run)
    files = pelican[0]
    assert len(files) == 3 + 1 + 2 + 1 + 1 + 1 + 1  # index pages, a, tag pages, rieng, archives, b, 404
    assert "|2|" in files["rieng.html"]  # the overriding call wins
    assert files["index2.html"].startswith("index2.html|.|.||||2/3:2021-11-11")
    assert files["404.html"].startswith("404.html|https://vi.example|../..|")  # left by bai/b, in order
    assert pelican[1]["bai/a/index.html"] == datetime(2021, 4, 1)
    assert pelican[1]["index2.html"] == datetime(2021, 12, 12) and "the/x/index.html" in pelican[1]
    for part, name in zip(range(4), ("files", "lastmod", "localsiteurl", "warnings")):
        assert parallel[part] == pelican[part], name
    assert parallel[4]["serial"] == serial
    if serial is None:
        assert parallel[4]["ranges"] == 3 and parallel[4]["pages"] == len(files)  # 3 starts allowed


def test_a_page_two_ranges_write_is_written_again_in_order_as_pelicans_rules_decide(tmp_path, a_run):
    """A page of a paginated listing that another call writes too (with
    override_output): the names differ, so only the files show it."""
    results = {}
    for kind in ("pelican", "parallel"):
        settings = read_settings(None, override={"DEFAULT_PAGINATION": 10, "PARALLEL_RENDER_THRESHOLD": 0,
                                                 "WORKERS": 2})
        run = a_run(settings)
        writer = (Writer if kind == "pelican" else ParallelWriter)(str(tmp_path / kind), settings)
        context = {"SITEURL": "", "localsiteurl": None}
        writer.write_file("index.html", TEMPLATE, context, True, paginated={"articles": [_dated(1)] * 23},
                          template_name="index", url="")
        writer.write_file("bai/a/index.html", TEMPLATE, context, True, article=_dated(4))
        writer.write_file("index2.html", TEMPLATE, context, True, override_output=True, extra="ghi đè")
        if kind == "parallel":
            writer.flush(run)
            assert run.stats["render"]["serial"] == "one file twice"
        out = tmp_path / kind
        results[kind] = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")}
    assert results["parallel"] == results["pelican"] and "|ghi đè|" in results["pelican"]["index2.html"]


def test_an_error_in_a_worker_fails_the_flush_with_the_templates_own_message(tmp_path, a_run):
    from jinja2.exceptions import UndefinedError

    broken = Environment().from_string("{% if output_file == 'p7.html' %}{{ khong_co.tieu_de }}{% endif %}")
    raised = {}
    for threshold in (0, 1000):
        settings = read_settings(None, override={"PARALLEL_RENDER_THRESHOLD": threshold, "WORKERS": 2})
        run = a_run(settings)
        writer = ParallelWriter(str(tmp_path / str(threshold)), settings)
        context = {"localsiteurl": None}
        for n in range(10):
            writer.write_file(f"p{n}.html", broken, context)
        with pytest.raises(UndefinedError) as error:
            writer.flush(run)
        raised[threshold] = str(error.value)
    assert raised[0] == raised[1000] == "'khong_co' is undefined"


def test_content_written_has_no_receiver_parallel_render_does_not_know():
    """content_written fires in worker processes: a receiver's effects stay
    there unless they are WrittenNotes of the run's state, which parallel_render
    brings back. A new receiver: keep what it fills in WrittenNotes, test that a
    parallel build brings it back, then add it here."""
    code = """
import importlib, json, sys
sys.path[:0] = ["plugins", "."]
from pelican import signals
import pelicanconf
for name in dict.fromkeys(pelicanconf.PLUGINS + ["precompress"]):
    importlib.import_module(name).register()
print(json.dumps(sorted(f"{r.__module__}.{r.__qualname__}" for r in signals.content_written.receivers_for(None))))
"""
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env(), capture_output=True, text=True,
                           timeout=120)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == ["seo.plugin.remember_lastmod"]


def test_settled_lists_answer_in_by_identity_and_stay_in_step():
    import pickle

    from parallel_render.settled import MemberList, index_lists

    a, b, c = object(), object(), object()
    members = MemberList([a, b])
    assert a in members and c not in members
    members.append(c)
    members.remove(a)
    assert c in members and a not in members and list(members) == [b, c]
    members[0] = a
    assert a in members and b not in members
    assert list(pickle.loads(pickle.dumps(MemberList([1, 2])))) == [1, 2]
    generator = SimpleNamespace(tags={"t": [a]}, categories=[("k", [b])], authors=[("m", [c])])
    index_lists(generator)
    assert a in generator.tags["t"] and b in generator.categories[0][1] and c in generator.authors[0][1]
    assert isinstance(generator.categories[0][1], MemberList)
