"""Signal glue for front_matter: install the reader, run cross-file checks."""

from __future__ import annotations

import logging
import os
import sys
from functools import partial
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.generators import ArticlesGenerator

from build_core.contents import all_contents
from build_core.errors import display_paths
from build_core import stages
from build_core.run import report_all

from .files import content_files
from .collisions import check_all
from .prefetch import Prefetcher
from .reader import FrontMatterReader
from .settings import FrontMatterSettings


# One prefetcher per run, shared by the articles' and the pages' readers.
_RUN: dict = {}

# Sent (by name, so listeners need not import this plugin) once every content
# file is read, before Pelican builds its articles: sender is Pelican's
# settings; ``readings`` maps each file's path to its ReadResult (``entry``:
# the validated front matter; ``html``; ``summary``).
contents_read = signal("front_matter.contents_read")


def start_run(pelican):
    """Each run reads the content afresh (unchanged files come from the cache)."""
    _RUN.clear()
    settings = FrontMatterSettings.from_pelican(pelican.settings)
    if pelican.settings.get("FRONT_MATTER_PREFETCH", True):
        cache = Path(pelican.settings.get("CACHE_PATH") or "cache") / "content"
        files = content_files(settings, pelican.settings, [])
        _RUN["prefetcher"] = Prefetcher(settings, files, cache.resolve(),
                                        int(pelican.settings.get("FRONT_MATTER_WORKERS", 0)),
                                        on_complete=partial(_announce, pelican.settings))
    return None  # no generator of our own


def _announce(settings, readings) -> None:
    if contents_read.receivers:
        contents_read.send(settings, readings=readings)


def learn_reading_order(generator) -> None:
    """Pelican reads the files of ``get_files`` in the order of that set; the
    same call made now gives the same order (same strings, same insertions).
    Only worth its walk of the content when many files are to be parsed."""
    prefetcher = _RUN.get("prefetcher")
    kind = "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"
    if prefetcher is not None and prefetcher.needs_order():
        files = generator.get_files(generator.settings[f"{kind}_PATHS"], exclude=generator.settings[f"{kind}_EXCLUDES"])
        prefetcher.follow_order(os.path.abspath(os.path.join(generator.path, f)) for f in files)


def stop_workers(_generator) -> None:
    """All articles are read: no parsing worker may outlive this (others fork next)."""
    prefetcher = _RUN.get("prefetcher")
    if prefetcher is not None:
        prefetcher.finish()


def install_reader(readers) -> None:
    # Pelican instantiates reader_classes[ext](settings) right after this signal.
    reader = partial(FrontMatterReader, prefetcher=_RUN.get("prefetcher"))
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = reader


def _entries(generators) -> list[tuple[str, object]]:
    pairs = [(content.source_path, entry) for content in all_contents(generators)
             if (entry := getattr(content, "front_matter", None)) is not None]
    return list(zip(display_paths(path for path, _entry in pairs), (entry for _path, entry in pairs)))


def report_reading(_pelican, staging=None) -> None:
    """One line, like the images' one: how much of the content was parsed."""
    prefetcher = _RUN.get("prefetcher")
    if prefetcher is not None and prefetcher.read + prefetcher.reused:
        sys.stderr.write(f"Nội dung: {prefetcher.read} tệp đọc mới, {prefetcher.reused} tệp dùng lại\n")


def check_across_files(generators) -> None:
    if not generators:
        return
    settings = FrontMatterSettings.from_pelican(generators[0].settings)
    report_all(check_all(_entries(generators), settings.reserved_slugs))


class _QuietDuplicateSlugs(logging.Filter):
    """Pelican warns (wrapped, without line numbers) about articles sharing a
    slug; :func:`check_across_files` reports each as a content error instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(("There are %s items", "There are %s original"))


_DUPLICATES_FILTER = _QuietDuplicateSlugs()


def quiet_duplicate_warnings(_pelican) -> None:
    logger = logging.getLogger("pelican.utils")
    if _DUPLICATES_FILTER not in logger.filters:
        logger.addFilter(_DUPLICATES_FILTER)


def _no_stamp(_filename) -> bytes:
    return b""


def skip_unused_file_stamps(generator) -> None:
    """Pelican's own content cache (``CACHE_CONTENT``, off here: ours is in
    prefetch.py) still reads each file's modification time four times per
    article, to compare with a cache it did not load and to store in one it
    will not write: 0.3 s at 10,000 articles. Without either, no stamp."""
    for cacher in (generator, getattr(generator, "readers", None)):
        if (cacher is not None and hasattr(cacher, "_filestamp_func")
                and not getattr(cacher, "_cache_data_policy", True) and not getattr(cacher, "_cache", True)):
            cacher._filestamp_func = _no_stamp


def register() -> None:
    signals.initialized.connect(quiet_duplicate_warnings)
    signals.article_generator_init.connect(skip_unused_file_stamps)
    signals.page_generator_init.connect(skip_unused_file_stamps)
    signals.get_generators.connect(start_run)
    signals.readers_init.connect(install_reader)
    signals.article_generator_init.connect(learn_reading_order)
    signals.page_generator_init.connect(learn_reading_order)
    signals.article_generator_pretaxonomy.connect(stop_workers)
    signals.page_generator_finalized.connect(stop_workers)
    signals.all_generators_finalized.connect(check_across_files)
    stages.connect("stage", report_reading)  # a build that succeeded
