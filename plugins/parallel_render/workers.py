"""Forked worker processes: each content's own digest, and the pages.

The workers share the whole build context copy-on-write (``fork``); what
they need is left in ``_SHARED`` before the pool starts, not pickled to
them. Only results go back: digests, and each range's part of the record.
"""

from __future__ import annotations

import multiprocessing
from typing import Callable

from .digests import Digests
from .pages import PlannedPage, each_page

_SHARED: dict = {}
FORKING = multiprocessing.get_context("fork")


def _claim() -> tuple[int, int] | None:
    """The next range of contents to digest, claimed by this process (a
    worker or the parent), or None when all are taken."""
    counter, ranges = _SHARED["claimed"], _SHARED["ranges"]
    with counter.get_lock():
        taken = counter.value
        if taken >= len(ranges):
            return None
        counter.value = taken + 1
    return ranges[taken]


def _own_digests(_worker: int) -> list:
    """In a worker: the own digests of each range it claims."""
    digests, contents, where, found = _SHARED["digests"], _SHARED["contents"], _SHARED["where"], []
    while (bounds := _claim()) is not None:
        found.append((bounds[0], digests.own_many(contents, where, *bounds)))
    return found


def page_work(pages: list[PlannedPage]) -> int:
    """A call's rough cost, in pages: one per page, and a long list handed
    whole to one page counts a page per 20 items. An archive of a year or a
    quarter lists hundreds of articles on one page: 10 ms each to check or
    render, against 0.05 ms to check an article page that stays."""
    if len(pages) != 1:
        return max(1, len(pages))
    return 1 + sum(len(v) for v in pages[0].kwargs.values() if isinstance(v, (list, tuple))) // 20


def work_ranges(work: list[int], parts: int) -> list[tuple[int, int]]:
    """Contiguous ranges of calls of about equal work, ``parts`` of them:
    small enough that the last ones do not leave a worker idle while another
    finishes (the parent takes them in order)."""
    total, cuts, done = sum(work), [0], 0
    for i, n in enumerate(work):
        done += n
        if done * parts >= total * len(cuts) and i + 1 < len(work):
            cuts.append(i + 1)
    cuts.append(len(work))
    return list(zip(cuts[:-1], cuts[1:]))


def _render_range(bounds: tuple[int, int]):
    writer, pending, before, pages = _SHARED["writer"], _SHARED["pending"], _SHARED["before"], _SHARED["pages"]
    for i in range(*bounds):
        template, context = pending[i][0][1:]
        context["localsiteurl"] = before[i]  # as the serial build leaves it
        for path, localcontext in each_page(pending[i], pages[i]):
            writer.render_page(template, localcontext, path)
    found = writer.reuse
    if found is None:
        return bounds, None
    # Only this range's part goes back to the parent.
    result = (found.entries, found.rendered, found.kept)
    found.entries, found.rendered, found.kept = {}, [], 0
    return bounds, result


def own_digests_in_parallel(digests: Digests, contents: list, workers: int,
                            meanwhile: Callable[[], None]) -> None:
    """Each content's own digest, computed once for all the render workers
    (each would otherwise compute nearly all of them: every page refers to
    contents anywhere in the site). ``meanwhile`` runs in this process while
    they work; then this process claims ranges too, as the workers do, until
    none is left (here a digest costs a third less: no copy-on-write of the
    pages it reads)."""
    step = -(-len(contents) // (32 * workers))
    # Positions made once here, not in each range (the workers inherit them).
    _SHARED.update(digests=digests, contents=contents, where={id(c): i for i, c in enumerate(contents)},
                   claimed=FORKING.Value("i", 0),
                   ranges=[(i, min(i + step, len(contents))) for i in range(0, len(contents), step)])
    try:
        with FORKING.Pool(workers) as pool:
            found_by_workers = pool.map_async(_own_digests, range(workers))
            meanwhile()
            while (bounds := _claim()) is not None:
                for content in contents[slice(*bounds)]:
                    digests.own(content)  # remembered by ``digests``
            for found in found_by_workers.get():
                for first, digested in found:
                    digests.learn(contents, first, digested)
    finally:
        _SHARED.clear()


def render_in_parallel(writer, pending, plan, workers: int, take: Callable[[int, int, tuple | None], None]) -> None:
    """Every page of ``pending`` rendered (or kept) by ``writer`` in worker
    processes; ``take(first, last, found)`` runs here for each range of
    calls, in order, as soon as its pages exist, while the workers render
    the next ones (``found``: that range's part of the reuse record)."""
    before, pages = plan
    _SHARED.update(writer=writer, pending=pending, before=before, pages=pages)
    try:
        with FORKING.Pool(workers) as pool:
            for (lo, hi), found in pool.imap(_render_range, work_ranges([page_work(p) for p in pages], 32 * workers),
                                             chunksize=1):
                take(lo, hi, found)
    finally:
        _SHARED.clear()
