"""Signal glue for quarterly_archives: add the archive generator."""

from __future__ import annotations

from pelican import signals

from .generator import QuarterlyArchivesGenerator


def add_generator(_pelican):
    return QuarterlyArchivesGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
