"""Signal glue: every page written by Pelican's own ``Writer.write_file``,
on every core when the result is the same (writer.py, calls.py).

Pelican asks for its writer on ``get_writer``: ours defers each page.
``FlushGenerator``, the last generator (this plugin is last in
``PLUGINS``), writes them once every other generator has made its own
calls.

Once the site is read, URLs are frozen and tag/category/author lists
answer ``in`` in O(1) (settled.py); every generator's Jinja environment
shares a bytecode cache in ``CACHE_PATH/jinja/<options>`` (bytecode.py);
the cyclic garbage collector runs less often, and not at exit.
"""

from __future__ import annotations

import atexit
import gc
import os

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator

from build_guard import wrappers
from build_core.contents import all_contents
from build_core import stages
from build_core.run import current

from .bytecode import options_key
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


def share_compiled_templates(generator) -> None:
    key = options_key(generator.env)
    if key is not None:
        folder = os.path.join(generator.settings["CACHE_PATH"], "jinja", key)
        os.makedirs(folder, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(folder)


def start_run(_run) -> None:
    wrappers.unsettle()  # each run of `make serve` settles its own objects
    gc.set_threshold(50_000, 20, 100)
    atexit.unregister(_exit_without_collecting)  # once, however many runs `make serve` makes
    atexit.register(_exit_without_collecting)


def settle(run) -> None:
    freeze_urls(all_contents(run.generators))
    wrappers.settle()
    for generator in run.generators:
        index_lists(generator)


def _exit_without_collecting() -> None:
    """At exit, no collection over the whole build's objects (the OS takes
    the memory back at once)."""
    gc.freeze()
    gc.disable()


def register() -> None:
    signals.get_writer.connect(parallel_writer)
    signals.get_generators.connect(add_flush_generator)
    signals.generator_init.connect(share_compiled_templates)
    stages.connect("start", start_run)
    stages.connect("render", settle)
