"""The build's declared stages (build_core.stages) and the per-run state."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from build_core import run as runs
from build_core import stages
from tests.helpers import ROOT, env


@pytest.fixture
def fresh_stages():
    """Stages with no receivers, restored afterwards."""
    saved = [list(stage.receivers) for stage in stages.STAGES]
    for stage in stages.STAGES:
        stage.receivers.clear()
    yield stages
    for stage, receivers in zip(stages.STAGES, saved):
        stage.receivers[:] = receivers


def _handler(plugin: str, name: str, calls: list):
    def handler(run, *args):
        calls.append((plugin, name, args))
    handler.__module__ = f"{plugin}.plugin"
    handler.__name__ = name
    return handler


def test_handlers_run_in_connection_order_with_the_run_first(fresh_stages):
    calls: list = []
    stages.connect("index", _handler("site_search", "build_index", calls))
    stages.connect("index", _handler("precompress", "compress_site", calls), after=("site_search",))
    stages.send("index", "RUN", "staging")
    assert calls == [("site_search", "build_index", ("staging",)), ("precompress", "compress_site", ("staging",))]
    assert stages.check_order() == []


def test_a_plugins_order_that_breaks_a_declared_need_is_one_located_line(fresh_stages):
    calls: list = []
    stages.connect("index", _handler("precompress", "compress_site", calls), after=("site_search",))
    stages.connect("index", _handler("site_search", "build_index", calls))
    [problem] = stages.check_order()
    assert str(problem).startswith("pelicanconf.py:1: PLUGINS: ")
    assert '"precompress" phải đứng sau "site_search"' in str(problem) and '"index"' in str(problem)


def test_a_need_of_a_plugin_that_is_not_loaded_is_no_problem(fresh_stages):
    stages.connect("index", _handler("precompress", "compress_site", []), after=("site_search",))
    assert stages.check_order() == []


def test_the_same_handler_connected_twice_runs_once(fresh_stages):
    calls: list = []
    handler = _handler("seo", "write_sitemap", calls)
    stages.connect("stage", handler)
    stages.connect("stage", handler)
    stages.send("stage", "RUN", "x")
    assert len(calls) == 1


def test_an_unknown_stage_is_refused(fresh_stages):
    with pytest.raises(KeyError):
        stages.connect("render-pages", _handler("x", "y", []))


def test_each_run_has_its_own_state():
    pelican = types.SimpleNamespace(settings={"TIMEZONE": "Asia/Ho_Chi_Minh", "WORKERS": 3})

    class Seen(list):
        pass

    first = runs.begin(pelican)
    first.state(Seen).append("a")
    assert runs.current() is first and first.state(Seen) == ["a"]
    second = runs.begin(pelican)
    assert runs.current() is second and second.state(Seen) == []
    assert second.core.worker_count == 3 and second.core.timezone == "Asia/Ho_Chi_Minh"


def _registered_stages() -> str:
    code = ("import importlib, runpy; from build_core import stages\n"
            "settings = runpy.run_path('pelicanconf.py')\n"
            "for name in settings['PLUGINS']: importlib.import_module(name).register()\n"
            "print(stages.describe())")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env(), capture_output=True, text=True,
                          check=True, timeout=60).stdout


def test_the_developer_guide_shows_the_stages_as_registered():
    described = _registered_stages().strip()
    guide = (ROOT / "docs" / "developer-guide.md").read_text(encoding="utf-8")
    assert described in guide, ("docs/developer-guide.md: the stage picture is out of date; "
                                "replace it with:\n" + described)
