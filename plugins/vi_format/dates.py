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


@lru_cache(maxsize=65536)  # every listing shows the same dates again
def long_date(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> str:
    """"Thứ Năm, 26/11/2026"."""
    return format_date(_local(value, tz), "EEEE, dd/MM/yyyy", locale="vi")


@lru_cache(maxsize=65536)
def short_date(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> str:
    """"26/11/2026"."""
    return format_date(_local(value, tz), "dd/MM/yyyy", locale="vi")


@lru_cache(maxsize=65536)
def iso_datetime(value: date | datetime, tz: ZoneInfo = TIMEZONE) -> str:
    """Machine-readable form for ``<time datetime>``: "2026-11-26T09:05:00+07:00"."""
    return _local(value, tz).isoformat()
