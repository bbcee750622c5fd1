"""Vietnamese dates with Babel's ``vi`` locale (no OS locale needed).

Pure module. Every date is shown in the site's time zone (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _local(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> date | datetime:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(tz)
    return value


def _local_date(value: date | datetime, tz: ZoneInfo) -> date:
    local = _local(value, tz)
    return local.date() if isinstance(local, datetime) else local


# Cached by calendar day, not by the full timestamp: articles of one day share
# the text, and Babel's format_date is ~4% of rendering a large site.
@lru_cache(maxsize=65536)
def _long(day: date) -> str:
    return format_date(day, "EEEE, dd/MM/yyyy", locale="vi")


@lru_cache(maxsize=65536)
def _short(day: date) -> str:
    return format_date(day, "dd/MM/yyyy", locale="vi")


def long_date(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> str:
    """"Thứ Năm, 26/11/2026"."""
    return _long(_local_date(value, tz))


def short_date(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> str:
    """"26/11/2026"."""
    return _short(_local_date(value, tz))


@lru_cache(maxsize=65536)
def iso_datetime(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> str:
    """Machine-readable form for ``<time datetime>``: "2026-11-26T09:05:00+07:00"."""
    return _local(value, tz).isoformat()
