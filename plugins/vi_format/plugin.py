"""Signal glue: Jinja filters for Vietnamese dates."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

from pelican import signals

from .dates import iso_datetime, long_date, short_date


def add_filters(generator) -> None:
    tz = ZoneInfo(generator.settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.filters.update(
        ngay_dai=partial(long_date, tz=tz),
        ngay=partial(short_date, tz=tz),
        iso=partial(iso_datetime, tz=tz),
    )


def register() -> None:
    signals.generator_init.connect(add_filters)
