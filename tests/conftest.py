"""The test session: a cache of its own, builds shared by every test that only
reads them, builds forked from a warm Python, and how `make test` spreads the
tests over its workers.

`make test` runs pytest-xdist workers (``-n``, ``--dist loadscope``: see
ModuleScheduling below). Each worker is its own process with its own
fixtures, so a build every worker needs is made once per run, by whichever
worker asks first, in a folder all of them see (:class:`SharedBuilds`); the
others wait for it and read it. Tests must not change a shared build: a test
that edits or rebuilds copies it, or builds its own site in ``tmp_path``.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from tests import helpers
from tests.forks import Forks
from tests.helpers import ROOT, SITEURL


@dataclass(frozen=True)
class Built:
    """One build's output folder and what the build printed and counted."""
    output: Path
    returncode: int
    stdout: str
    stderr: str
    stats: dict = field(default_factory=dict)  # its BUILD_STATS_FILE

    def ok(self) -> Path:
        assert self.returncode == 0, self.stderr
        return self.output


class SharedBuilds:
    """Builds made once per test run, whatever the number of workers."""

    def __init__(self, root: Path):
        self.root = root

    def get(self, name: str, content: Path | Callable[[Path], Path], *extra: str, publish: bool = False) -> Built:
        """The build ``name`` of ``content`` (a folder, or a function that
        writes one into the folder it is given) with the arguments ``extra``;
        made by the first caller of the run, the others wait and share it."""
        folder = self.root / name
        with open(self.root / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            done = folder / "build.json"
            # What was asked, to refuse one name for two builds (a function's
            # site is known by the name alone).
            asked = [str(content) if isinstance(content, Path) else "", *extra, f"publish={publish}"]
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)  # a worker that died half-way
                folder.mkdir()
                source = content if isinstance(content, Path) else content(folder)
                # In a fresh Python: tests compare these with their own builds (tests/forks.py).
                options = {"settings": helpers.PUBLISH_SETTINGS, "siteurl": SITEURL} if publish else {}
                options["fresh"] = True
                result, stats = helpers.build_with_stats(source, folder / "output", *extra, **options)
                record = {"asked": asked, "returncode": result.returncode, "stdout": result.stdout,
                          "stderr": result.stderr, "stats": stats}
                (folder / "build.json.tmp").write_text(json.dumps(record), encoding="utf-8")
                (folder / "build.json.tmp").rename(done)
            record = json.loads(done.read_text(encoding="utf-8"))
        assert record.pop("asked") == asked, f"two different builds named {name!r}"
        return Built(folder / "output", **record)


def _run_folder(tmp_path_factory) -> Path:
    """The folder of this run that every worker sees (a worker's own base
    folder is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory):
    """This worker's cache folder for every build that names none (tests/helpers.py)."""
    before = os.environ.get(helpers.CACHE_ENV)
    os.environ[helpers.CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop(helpers.CACHE_ENV, None)
    else:
        os.environ[helpers.CACHE_ENV] = before


@pytest.fixture(scope="session", autouse=True)
def warm_process():
    """Builds and checks fork from one warm process (tests/forks.py); with
    TESTS_FRESH=1 in the environment each starts a fresh Python instead."""
    if os.environ.get("TESTS_FRESH") == "1":
        yield
        return
    forks = Forks(helpers.env(), ROOT)
    helpers.use_forks(forks)
    yield
    helpers.use_forks(None)
    forks.close()


@pytest.fixture(scope="session")
def shared_builds(tmp_path_factory, session_cache) -> SharedBuilds:
    root = _run_folder(tmp_path_factory) / "shared"
    root.mkdir(exist_ok=True)
    return SharedBuilds(root)


@pytest.fixture(scope="session")
def content_site(shared_builds) -> Built:
    """`make site` of content/ (development settings: relative URLs). Read only."""
    return shared_builds.get("content", ROOT / "content")


@pytest.fixture(scope="session")
def subpath_site(shared_builds) -> Built:
    """`make site` of content/ for a server that serves it under /cchc/
    (SITE_PATH_PREFIX: the 404 page's links start with it). Read only."""
    return shared_builds.get("content-subpath", ROOT / "content", "--extra-settings", 'SITE_PATH_PREFIX="/cchc"')


@pytest.fixture(scope="session")
def published_site(shared_builds) -> Built:
    """`SITEURL=… make publish` of content/ (helpers.SITEURL). Read only."""
    return shared_builds.get("content-published", ROOT / "content", publish=True)


# --- spreading the tests over the workers --------------------------------------------

# Modules whose tests share nothing of their module (each builds its own
# site, or reads only the session's builds): spread test by test. Every other
# module runs on one worker, so its module fixtures are made once.
SPREAD = ("tests/browser/", "tests/test_no_silent_loss.py", "tests/test_input_bounds.py", "tests/test_related_build.py")

def pytest_collection_modifyitems(items):
    """The browser tests last: many short tests, they fill the workers' ends
    (the single tests of the other SPREAD modules, longer, go before them)."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/"))


try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # without pytest-xdist everything runs in one process
    LoadScopeScheduling = None

if LoadScopeScheduling is not None:
    class ModuleScheduling(LoadScopeScheduling):
        """``--dist loadscope`` by module, but SPREAD modules test by test.

        Scopes with more tests go first (xdist's order), so the single tests
        come last and even out the workers' ends. (``--dist loadgroup`` with
        marks would say the same, but pytest-xdist 3.8.0 ignores the marks
        under pytest 9.2: pytest-xdist issue 1386.)"""

        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return nodeid if module.startswith(SPREAD) else module

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_make_scheduler(config, log):
        if config.getvalue("dist") == "loadscope":
            return ModuleScheduling(config, log)
        return None
