"""The one place that forks worker processes.

Workers are forked, so they share the build's objects copy-on-write and
nothing has to be pickled to them: what they need is handed to
:func:`pool` as ``shared`` and read back with :func:`shared` in the
worker; :func:`detached` runs one job that outlives the build. Only results travel back. The number of workers is
``CoreSettings.worker_count`` (the ``WORKERS`` setting, else one per core).
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterator

FORK = multiprocessing.get_context("fork")
_SHARED: dict[str, Any] = {}


@contextmanager
def pool(workers: int, **shared: Any) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of ``workers`` forked processes that see ``shared``."""
    _SHARED.update(shared)
    try:
        with FORK.Pool(workers) as forked:
            yield forked
    finally:
        for name in shared:
            _SHARED.pop(name, None)


def shared(name: str) -> Any:
    """In a worker of :func:`pool`: what the pool was given under ``name``."""
    return _SHARED[name]


def detached(target: Callable[..., None], *args: Any) -> None:
    """Run ``target(*args)`` in a process of its own that outlives the build
    (e.g. deleting a tree nobody reads any more), holding none of the build's
    files: not its output lock, not the pipes of whoever ran the build."""
    try:
        child = os.fork()
    except OSError:
        target(*args)
        return
    if child:
        os.waitpid(child, 0)  # the child exits at once; its own child carries on
        return
    try:
        os.setsid()
        if os.fork() == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.closerange(3, 65536)
            target(*args)
    finally:
        os._exit(0)
