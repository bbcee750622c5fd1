"""Rank in a forked process while the build does other work. No Pelican imports.

The ranking must be ready when the lists are attached (get_writer),
but everything it reads is known earlier: as soon as every file is read (the
documents the readings give, while Pelican still builds its articles, about
0.2 ms each on one core), or else once the articles are built (while the other
generators run). A forked process ranks those documents and leaves the result
in the ranking cache (cache.py); the build later waits for it and looks the
cache up with the documents of its real articles. The cache key covers every
input, so the early result is used only when it is exactly what the build
would have computed; otherwise the build ranks as before. Nothing else is
shared.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from multiprocessing.connection import wait as wait_for
from typing import Callable, Sequence

from build_core.files import remove_partial_writes

from .cache import cached_rank, key
from .model import Document, RankingConfig, Related

Ranker = Callable[[Sequence[Document], RankingConfig], dict[str, list[Related]]]


def _warm(make_documents: Callable[[], list[Document] | None], config: RankingConfig,
          folder: str, rank: Ranker, after: Callable[[], None] | None, ready) -> None:
    try:
        documents = make_documents()
        wanted = None
        if documents:
            wanted = key(documents, config)
            cached_rank(documents, config, folder, rank, wanted)
        ready.send(wanted or True)  # the ranking is in the cache (under this key): the build need not wait for the rest
        ready.close()
        if after is not None:
            after()
    except BaseException:  # noqa: BLE001 - the build ranks by itself and reports any error
        os._exit(1)


class EarlyRanking:
    """At most one early ranking at a time (``make serve`` builds repeatedly)."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._folder: str | None = None  # the cache folder it writes into
        self._ready = None
        self._finishing: multiprocessing.process.BaseProcess | None = None  # ranked, still tidying up
        self.key: str | None = None  # the cache key the last ranking waited for was stored under
        atexit.register(self.cancel)

    def start(self, make_documents: Callable[[], list[Document] | None], config: RankingConfig,
              folder: str, rank: Ranker, after: Callable[[], None] | None = None) -> None:
        """Rank in a forked process; ``after`` runs there once the ranking is
        in the cache (the build no longer waits for it then)."""
        self.cancel()
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_warm, args=(make_documents, config, folder, rank, after, send),
                                  name="related-early")
        process.start()
        send.close()
        self._process, self._ready, self._folder = process, receive, folder

    def running(self) -> bool:
        """Whether a ranking was started and nobody has waited for it yet."""
        return self._process is not None

    def wait(self) -> bool:
        """Wait until the early ranking is in the cache (or its process
        ended), if one runs; whether there was one."""
        process, ready, self._process, self._ready = self._process, self._ready, None, None
        self.key = None
        if process is None:
            return False
        wait_for([ready, process.sentinel])
        try:
            done = ready.poll() and ready.recv()
        except (EOFError, OSError):
            done = False
        ready.close()
        self.key = done if isinstance(done, str) else None
        if done:
            self._finishing = process
        else:
            process.join()
        return True

    def finish(self) -> None:
        """Join a ranking that is done but still tidying up (its CPU then
        counts in the build's timings)."""
        finishing, self._finishing = self._finishing, None
        if finishing is not None:
            finishing.join()

    def cancel(self) -> None:
        """Stop a ranking nobody will wait for (a failed build, a new run);
        let one that is done finish its tidying up."""
        self.finish()
        process, ready, self._process, self._ready = self._process, self._ready, None, None
        if ready is not None:
            ready.close()
        if process is not None and process.is_alive():
            process.terminate()
            process.join()
            if self._folder is not None:  # what it was writing: nobody else would ever remove it
                remove_partial_writes(self._folder, process.pid)
