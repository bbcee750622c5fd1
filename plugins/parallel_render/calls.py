"""Deferred ``write_file`` calls: whether they may be rendered apart, and
in which ranges. Pure (no Pelican imports).

Pelican's ``Writer.write_file`` leaves one thing behind that a later call
can see: with ``relative_urls`` it sets ``localsiteurl`` in the context it
was given (contents read the base of their links from it) before it
renders each page; without, it hands the context's current value to the
template. A worker starts a range with the value the context had before
the first call. So a range starts only where that value cannot matter: at
a call with relative URLs (it sets the value itself before rendering), or
at any call when no call before it has relative URLs (the value is still
the first one). This holds when every call shares one context dict, as
Pelican's generators and ours do; otherwise the calls run in order.
"""

from __future__ import annotations

from typing import NamedTuple


class Call(NamedTuple):
    """One ``write_file`` call: ``args`` is (name, template, context,
    relative_urls, …) as Pelican's ``Writer.write_file`` takes them."""

    args: tuple
    kwargs: dict

    @property
    def name(self):
        return self.args[0]

    @property
    def context(self) -> dict:
        return self.args[2]

    @property
    def relative_urls(self) -> bool:
        return bool(self.args[3])


def serial_reason(calls: list[Call], threshold: int, workers: int) -> str | None:
    """Why ``calls`` must be rendered in order in this process, or None."""
    if workers < 2:
        return "one worker"
    if not calls or len(calls) < threshold:
        return "below threshold"
    names = [call.name for call in calls if call.name]
    if len(set(names)) < len(names):
        return "one name twice"  # which call wins depends on Pelican's overwrite rules and on order
    if len({id(call.context) for call in calls}) > 1:
        return "several contexts"
    return None


def range_starts(calls: list[Call]) -> list[bool]:
    """Whether a range may start at each call (see the module docstring)."""
    starts, relative_before = [], False
    for call in calls:
        starts.append(call.relative_urls or not relative_before)
        relative_before = relative_before or call.relative_urls
    return starts


def work(call: Call) -> int:
    """A call's rough cost, in pages: one, and one per 20 items of the lists
    its template gets (a listing renders a card per article, whether it is
    paginated or, like the archive of a year, lists hundreds on one page)."""
    lists = [*call.kwargs.values(), *(call.kwargs.get("paginated") or {}).values()]
    return 1 + sum(len(value) for value in lists if isinstance(value, (list, tuple))) // 20


def work_ranges(weights: list[int], parts: int, starts: list[bool]) -> list[tuple[int, int]]:
    """Contiguous ranges of about equal work, about ``parts`` of them, each
    starting where ``starts`` allows. Many small ranges, so that the workers
    share the last ones instead of one working alone at the end."""
    total, cuts, done = sum(weights), [0], 0
    for i, weight in enumerate(weights):
        if i and starts[i] and done * parts >= total * len(cuts):
            cuts.append(i)
        done += weight
    cuts.append(len(weights))
    return list(zip(cuts[:-1], cuts[1:]))
