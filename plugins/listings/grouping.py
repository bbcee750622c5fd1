"""Listing logic: articles by unit, newest-first fallbacks. Pure, no Pelican.

Works on any objects with ``date`` and ``slug`` attributes (plus the field
grouped on), so it is tested with tiny fakes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable, Sequence


def newest_first(items: Iterable[Any]) -> list[Any]:
    """Newest first; ties broken by slug so the order never depends on input order."""
    return sorted(sorted(items, key=lambda a: a.slug), key=lambda a: a.date, reverse=True)


def group_by(items: Iterable[Any], key: Callable[[Any], str | None]) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        value = key(item)
        if value:
            groups[value].append(item)
    return {name: newest_first(members) for name, members in sorted(groups.items())}


def in_menu_order(groups: Iterable[tuple[Any, Any]], names: Iterable[str]) -> list[tuple[Any, Any]]:
    """The (category, articles) pairs named in ``names``, in that order; a name
    without articles is left out, and so is a category the menu does not name."""
    by_name = {group[0].name: group for group in groups}
    return [by_name[name] for name in dict.fromkeys(names) if name in by_name]


def latest_in_same_group(items: Sequence[Any], key: Callable[[Any], Any], k: int) -> dict[int, list[Any]]:
    """For each item (by id), the ``k`` newest other items of its group.

    One sort per group, then a slice per item: O(N log N + N·k), never N².
    """
    result: dict[int, list[Any]] = {}
    by_group: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        by_group[key(item)].append(item)
    for members in by_group.values():
        ordered = newest_first(members)
        head = ordered[: k + 1]
        for item in ordered:
            result[id(item)] = [other for other in head if other is not item][:k]
    return result


def neighbours_in_group(items: Sequence[Any], key: Callable[[Any], Any]) -> dict[int, tuple[Any, Any]]:
    """For each item (by id): (newer, older) item of the same group, or None."""
    by_group: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        by_group[key(item)].append(item)
    result: dict[int, tuple[Any, Any]] = {}
    for members in by_group.values():
        ordered = newest_first(members)
        for i, item in enumerate(ordered):
            newer = ordered[i - 1] if i > 0 else None
            older = ordered[i + 1] if i + 1 < len(ordered) else None
            result[id(item)] = (newer, older)
    return result
