"""How the garbage collector runs during a build. Pure (no Pelican imports).

A build makes millions of objects (every article, its HTML, URL wrappers,
templates) that all live until the build ends, so CPython's full collections,
each of which walks all of them, find nothing and cost about 1 s of the
main process at 10,000 articles; at interpreter exit one more pass over the
whole build takes 0.3 s at 1,000 articles. So: full collections happen a
hundred times less often (young objects are still collected as usual), and
at exit none happens at all (the OS takes the memory back at once). Only at
exit: `make serve` keeps collecting between its builds. Forked workers
inherit the thresholds.

Measured on the whole `make site` in docs/developer-guide.md (Speed machinery).
"""

from __future__ import annotations

import atexit
import gc

# (young, middle, old): CPython's default is (700, 10, 10).
THRESHOLDS = (700, 10, 1000)


def collect_less() -> None:
    gc.set_threshold(*THRESHOLDS)
    atexit.unregister(_exit_without_collecting)  # once, however many builds `make serve` runs
    atexit.register(_exit_without_collecting)


def _exit_without_collecting() -> None:
    gc.freeze()
    gc.disable()
