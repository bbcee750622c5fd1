"""Render every page on every core (extends Pelican's Writer; no patching).

The signals are connected here; the work is in the modules named below.
The writer (writer.py) defers each ``write_file`` call of every generator
(article pages, pages, paginated listings of tags, categories, authors,
units, quarters…). A last generator (``FlushGenerator``, the last plugin
generator, so after every other generator that writes) renders them all in
forked worker processes (workers.py) that share the whole build context
copy-on-write. Each call is split into its pages (one, or one per page of a
paginated listing) and each page gets its template context exactly as
Pelican's ``Writer.write_file`` makes them (pages.py: the same paginators,
the same context, the same ``localsiteurl`` left in the shared context).
The parent then replays the pages in their serial order without rendering,
each range of calls as soon as the workers have written it: the
written-file bookkeeping, and ``content_written`` with the exact context of
each page, after the file exists, as a serial build would. Doing this here
rather than through Pelican's ``write_file`` spares each page a
``makedirs`` and a signal in the worker and a ``makedirs`` in the parent:
at 10,000 articles that was 1.1 s of the parent's time in a build that
keeps most pages.

Exactness: the calls are rendered serially instead when two of them write
the same file (Pelican's overwrite rules depend on the order), and each
worker starts every call with the ``localsiteurl`` a serial build would have
left in the shared context (Pelican sets it as a side effect of each write).

A page whose inputs did not change since the build that last wrote the
output folder keeps its file (reuse.py, with digests.py and record.py;
``PARALLEL_RENDER_REUSE``, on by default): the build that renders a page
records the names its templates read and a digest of their values; the
next build over that folder compares, and renders only the pages whose
digest differs. One edited
article at 10,000 articles: 63 of 17,104 pages rendered, the phase took
2.3 s instead of 8.9 s (tmpfs). Each content's own digest is computed once
per build, in parallel, before the pages.

Once all generators are done, URLs are frozen and tag/category/author lists
answer ``in`` in O(1) (settled.py). Templates are compiled once: every
generator has its own Jinja environment, so all of them share a bytecode
cache in ``CACHE_PATH/jinja/<options>`` (keyed by the template's source, so
an edited template is compiled again, in a folder per set of Jinja options,
bytecode.py: code compiled without autoescape is never loaded with it).

The cyclic garbage collector runs less often (gen0 threshold 50,000, not
700): a build allocates millions of objects that all live to the end, and
each young collection only promotes them. Measured on 50,000 cached
articles: reading 41.8 s → 31.4 s, processing 17.5 s → 14.1 s. At exit it
does not run at all (1.2 s → 0.3 s from the last phase to the exit at
10,000 articles).
"""

from __future__ import annotations

import atexit
import dataclasses
import gc
import logging
import os

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from build_guard import wrappers
from build_core.contents import all_contents
from build_core import stages

from . import record, tracking
from .bytecode import options_key
from .settled import freeze_urls, index_lists
from .writer import RECORD, ParallelWriter

logger = logging.getLogger(__name__)


class FlushGenerator(Generator):
    """The last plugin generator: renders what the other generators deferred."""

    def generate_output(self, writer) -> None:
        if isinstance(writer, ParallelWriter):
            writer.flush()


def save_record(_run, staging) -> None:
    """After every plugin has written into the staged site (the last plugin
    on build_guard.output_staged): the record of what each page read, with
    the final size of each page rendered."""
    this_build = dict(RECORD)
    RECORD.clear()
    if not this_build or this_build["tree"] != os.path.realpath(staging):
        return
    found = this_build["reuse"]
    entries = found.entries
    for name in found.rendered:
        try:
            size = os.stat(sanitised_join(this_build["tree"], name)).st_size
        except OSError:
            continue
        entries[name] = dataclasses.replace(entries[name], size=size)
    try:
        record.save_manifest(this_build["cache"], this_build["tree"], record.Manifest(found.fingerprint, entries))
    except OSError as error:  # e.g. a read-only cache: the next build renders every page
        logger.warning("parallel_render: không lưu được bản ghi trang vào %s (%s); lần dựng sau sẽ hiển thị lại "
                       "mọi trang", this_build["cache"], error)


def get_writer(_pelican):
    return ParallelWriter


def add_flush_generator(_pelican):
    return FlushGenerator


def share_compiled_templates(generator) -> None:
    key = options_key(generator.env)
    if key is not None:
        folder = os.path.join(generator.settings["CACHE_PATH"], "jinja", key)
        os.makedirs(folder, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(folder)
    generator.env.context_class = tracking.TrackingContext  # notes what each page reads


def start_run(_pelican) -> None:
    wrappers.unsettle()  # each run of `make serve` settles its own objects


def settle(generators) -> None:
    freeze_urls(all_contents(generators))
    wrappers.settle()
    for generator in generators:
        index_lists(generator)


def collect_less(_pelican) -> None:
    gc.set_threshold(50_000, 20, 100)
    atexit.unregister(_exit_without_collecting)  # once, however many runs `make serve` makes
    atexit.register(_exit_without_collecting)


def _exit_without_collecting() -> None:
    """At interpreter exit, no garbage collection over the whole build's
    objects (the OS takes the memory back at once): about 1 s less per build
    at 10,000 articles. Only at exit, so `make serve` still collects between
    its builds."""
    gc.freeze()
    gc.disable()


def register() -> None:
    signals.initialized.connect(collect_less)
    signals.get_generators.connect(start_run)
    signals.all_generators_finalized.connect(settle)
    signals.generator_init.connect(share_compiled_templates)
    signals.get_writer.connect(get_writer)
    stages.connect("index", save_record, after=("responsive_images",))
    signals.get_generators.connect(add_flush_generator)
