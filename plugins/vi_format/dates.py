"""Vietnamese dates with Babel's ``vi`` locale (no OS locale needed).

Pure module. Every date is shown as the day it is in ``tz``, the site's
time zone; a naive datetime is taken as already local.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date


def _local(value: date | datetime, tz: ZoneInfo) -> date | datetime:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(tz)
    return value


def _local_date(value: date | datetime, tz: ZoneInfo) -> date:
    local = _local(value, tz)
    return local.date() if isinstance(local, datetime) else local


# Cached by calendar day, not by the full timestamp: articles of one day share
# the text, and Babel's format_date is slow enough to show in rendering.
@lru_cache(maxsize=65536)
def _long(day: date) -> str:
    return format_date(day, "EEEE, dd/MM/yyyy", locale="vi")


@lru_cache(maxsize=65536)
def _short(day: date) -> str:
    return format_date(day, "dd/MM/yyyy", locale="vi")


def long_date(value: date | datetime, tz: ZoneInfo) -> str:
    """"Thứ Năm, 26/11/2026"."""
    return _long(_local_date(value, tz))


def short_date(value: date | datetime, tz: ZoneInfo) -> str:
    """"26/11/2026"."""
    return _short(_local_date(value, tz))


@lru_cache(maxsize=65536)
def iso_datetime(value: date | datetime, tz: ZoneInfo) -> str:
    """Machine-readable form for ``<time datetime>``: "2026-11-26T09:05:00+07:00"."""
    return _local(value, tz).isoformat()
