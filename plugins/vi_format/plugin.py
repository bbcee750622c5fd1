"""Signal glue: Jinja filters for Vietnamese dates, on every generator's
environment (generator_init), in the site's time zone."""

from __future__ import annotations

from functools import partial

from pelican import signals

from .dates import iso_datetime, long_date, short_date
from .settings import ViFormatSettings


def add_filters(generator) -> None:
    tz = ViFormatSettings.from_pelican(generator.settings).zone
    generator.env.filters.update(
        ngay_dai=partial(long_date, tz=tz),
        ngay=partial(short_date, tz=tz),
        iso=partial(iso_datetime, tz=tz),
    )


def register() -> None:
    signals.generator_init.connect(add_filters)
