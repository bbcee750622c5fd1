"""Signal glue: every page written by Pelican's own ``Writer.write_file``,
on every core when the result is the same (writer.py, calls.py).

Pelican asks for its writer on ``get_writer``: ours defers each page.
``FlushGenerator``, the last generator (this plugin is last in
``PLUGINS``), writes them once every other generator has made its calls.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from build_core.run import current

from .writer import ParallelWriter


class FlushGenerator(Generator):
    """The last generator: writes what the other generators deferred."""

    def generate_output(self, writer) -> None:
        if isinstance(writer, ParallelWriter):
            writer.flush(current())


def parallel_writer(_pelican):
    return ParallelWriter


def add_flush_generator(_pelican):
    return FlushGenerator


def register() -> None:
    signals.get_writer.connect(parallel_writer)
    signals.get_generators.connect(add_flush_generator)
