"""build_core.collector: fewer full collections during a build, none at exit.

Run in a child interpreter: the thresholds and the exit hook are process-wide.
"""

import subprocess
import sys
import textwrap

from build_core.collector import THRESHOLDS
from tests.helpers import ROOT


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins")}, check=True)
    return done.stdout


def test_full_collections_are_rarer_and_the_exit_hook_is_registered_once():
    out = _run("""
        import atexit, gc
        from build_core import collector
        calls = []
        collector._exit_without_collecting = lambda: calls.append(1)
        collector.collect_less()
        collector.collect_less()  # a second build of `make serve`
        print(gc.get_threshold())
        atexit._run_exitfuncs()
        print(len(calls))
    """)
    thresholds, callbacks = out.split("\n")[:2]
    assert thresholds == str(THRESHOLDS)
    assert int(callbacks) == 1


def test_at_exit_nothing_is_collected_but_the_build_still_collects_before():
    out = _run("""
        import atexit, gc
        from build_core import collector
        collector.collect_less()
        print(gc.isenabled())
        atexit._run_exitfuncs()
        print(gc.isenabled(), gc.get_freeze_count() > 0)
    """)
    assert out.split("\n")[:2] == ["True", "False True"]

