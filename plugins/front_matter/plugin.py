"""Signal glue for front_matter: the reader, reading ahead, checks across files.

- stage "start": the run's settings; with FRONT_MATTER_PREFETCH, every
  content file is read ahead (prefetch.py), unchanged ones from the cache.
- readers_init: our reader takes the ``.md`` extension (reader.py).
- article/page_generator_init: the prefetcher learns the order Pelican will
  ask for the files in, so that workers parse them in that order.
- stage "read": once a generator has read its files, no parsing worker is
  left (other plugins fork next).
- stage "validate": unique slugs, one spelling per tag, author and unit.
- stage "stage": one line saying how many files were parsed and reused.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from build_core import stages
from build_core.contents import all_contents
from build_core.errors import display_paths
from build_core.run import current, report_all

from .collisions import check_all
from .files import content_files
from .prefetch import Prefetcher
from .reader import FrontMatterReader
from .settings import FrontMatterSettings, reading_paths

@dataclass
class FrontMatterRun:
    settings: FrontMatterSettings | None = None
    prefetcher: Prefetcher | None = None  # shared by the articles' and the pages' readers


def start_run(run) -> None:
    state = run.state(FrontMatterRun)
    state.settings = settings = FrontMatterSettings.from_pelican(run.settings)
    if settings.prefetch:
        cache = (Path(run.core.cache_path) / "content").resolve()
        state.prefetcher = Prefetcher(settings, content_files(settings), cache, run.core.worker_count)


def learn_reading_order(generator) -> None:
    """Pelican reads the files of ``get_files`` in the order of that set; the
    same call made now gives the same order (same strings, same insertions).
    Only worth its walk of the content when many files are to be parsed."""
    prefetcher = current().state(FrontMatterRun).prefetcher
    if prefetcher is not None and prefetcher.needs_order():
        kind = "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"
        paths, excludes = reading_paths(generator.settings, kind)
        files = generator.get_files(paths, exclude=excludes)
        prefetcher.follow_order(os.path.abspath(os.path.join(generator.path, f)) for f in files)


def stop_workers(run, _generator) -> None:
    """A generator has read its files: no parsing worker may outlive this
    (others fork next); the new readings are stored once."""
    prefetcher = run.state(FrontMatterRun).prefetcher
    if prefetcher is not None:
        prefetcher.finish()


def install_reader(readers) -> None:
    # Pelican instantiates reader_classes[ext](settings) right after this signal.
    state = current().state(FrontMatterRun)
    reader = partial(FrontMatterReader, front_matter=state.settings, prefetcher=state.prefetcher)
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = reader


def check_across_files(run, generators) -> None:
    pairs = [(content.source_path, entry) for content in all_contents(generators)
             if (entry := getattr(content, "front_matter", None)) is not None]
    entries = list(zip(display_paths(path for path, _entry in pairs), (entry for _path, entry in pairs)))
    report_all(check_all(entries, run.state(FrontMatterRun).settings.reserved_slugs))


def report_reading(run, _staging) -> None:
    """One line, like the images' one: how much of the content was parsed."""
    prefetcher = run.state(FrontMatterRun).prefetcher
    if prefetcher is not None and prefetcher.read + prefetcher.reused:
        sys.stderr.write(f"Nội dung: {prefetcher.read} tệp đọc mới, {prefetcher.reused} tệp dùng lại\n")


def register() -> None:
    stages.connect("start", start_run)
    signals.readers_init.connect(install_reader)
    signals.article_generator_init.connect(learn_reading_order)
    signals.page_generator_init.connect(learn_reading_order)
    stages.connect("read", stop_workers)
    stages.connect("validate", check_across_files)
    stages.connect("stage", report_reading)  # a build that succeeded
