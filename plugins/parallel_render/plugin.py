"""Signal glue: every page written by Pelican's own ``Writer.write_file``,
on every core when the result is the same (writer.py, calls.py).

Pelican asks for its writer on ``get_writer``: ours defers each page.
``FlushGenerator``, the last generator (this plugin is last in
``PLUGINS``), writes them once every other generator has made its calls.
At stage ``enrich`` the settled site's URLs and article lists are made
cheap to read (settled.py): without it Pelican's tag, category and author
pages test every article of the site against each list (quadratic).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from build_core import stages
from build_core.contents import all_contents
from build_core.run import current

from .settled import freeze_urls, index_lists
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


def settle(_run, generators) -> None:
    """Every generator has built its context: URLs fixed once, and the
    tag, category and author lists answer ``in`` in O(1) (settled.py)."""
    freeze_urls(all_contents(generators))
    for generator in generators:
        index_lists(generator)


def register() -> None:
    stages.connect("enrich", settle)
    signals.get_writer.connect(parallel_writer)
    signals.get_generators.connect(add_flush_generator)
