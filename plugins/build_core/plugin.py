"""Signal glue: Pelican's moments → the build's stages (stages.py).

build_core is first in ``PLUGINS``: its handlers run before any other
plugin's at each Pelican signal, so a run exists before anything needs it.
"""

from __future__ import annotations

import json
import sys

from pelican import signals

from . import collector
from . import run as runs
from . import stages


def start(pelican):
    collector.collect_less()
    run = runs.begin(pelican)
    run.errors.extend(stages.check_order())
    stages.send("start", run)
    return None  # no generator of our own


def generator_read(generator) -> None:
    stages.send("read", runs.current(), generator)


def all_read(generators) -> None:
    run = runs.current()
    run.generators = list(generators)
    run.clock.mark("đọc bài")
    stages.send("validate", run, run.generators)
    stages.send("enrich", run, run.generators)


def before_writing(_pelican):
    run = runs.current()
    stages.send("rank", run, run.generators)
    run.clock.mark("xử lý (gợi ý, ảnh, trang)")
    stages.send("gate", run)
    stages.send("render", run)
    return None  # no writer of our own


def finish(_pelican) -> None:
    run = runs.current()
    run.clock.mark("hiển thị và ghi")
    try:
        stages.send("gate", run)  # errors logged while the pages were written
        if not run.failed:
            stages.send("stage", run, run.staging)
            stages.send("index", run, run.staging)
            run.clock.mark("hoàn tất (sơ đồ trang, tìm kiếm…)")
    except BaseException:
        run.failed = True
        stages.send("swap", run, run.staging)  # discards the staged site
        raise
    stages.send("swap", run, run.staging)
    run.clock.mark("thay output")
    _report(run)


def _report(run) -> None:
    if run.core.timings:
        sys.stderr.write(run.clock.summary() + "\n")
    if run.core.stats_file:
        stats = {"phases": run.clock.phases(), "failed": run.failed, **run.stats}
        with open(run.core.stats_file, "w", encoding="utf-8") as out:
            json.dump(stats, out, ensure_ascii=False, indent=1, sort_keys=True)
            out.write("\n")


def register() -> None:
    signals.get_generators.connect(start)
    signals.article_generator_finalized.connect(generator_read)
    signals.page_generator_finalized.connect(generator_read)
    signals.static_generator_finalized.connect(generator_read)
    signals.all_generators_finalized.connect(all_read)
    signals.get_writer.connect(before_writing)
    signals.finalized.connect(finish)
