"""Render article pages on every core (extends Pelican's Writer; no patching).

Article pages are most of a site and independent of each other, so the
writer defers them and, once Pelican has asked for all of them
(article_writer_finalized), renders them in forked worker processes that
share the whole build context copy-on-write. The parent then sends
``content_written`` for each page, in the serial order, so plugins that
listen to it (sitemap dates…) see exactly what a serial build shows.

Templates are compiled once: every generator has its own Jinja environment,
so all of them share a bytecode cache in ``CACHE_PATH/jinja`` (keyed by the
template's source, so an edited template is compiled again).
"""

from __future__ import annotations

import multiprocessing
import os

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

_SHARED: dict = {}


def _render_range(bounds) -> None:
    writer, pending = _SHARED["writer"], _SHARED["pending"]
    for args, kwargs in pending[bounds[0]:bounds[1]]:
        Writer.write_file(writer, *args, **kwargs)


class ParallelWriter(Writer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = int(self.settings.get("PARALLEL_RENDER_WORKERS") or os.cpu_count() or 1)
        self.threshold = int(self.settings.get("PARALLEL_RENDER_THRESHOLD", 200))
        self.pending: list[tuple[tuple, dict]] = []

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if "article" in kwargs and paginated is None and template_name is None and self.workers > 1:
            self.pending.append(((name, template, context),
                                 dict(relative_urls=relative_urls, override_output=override_output, url=url, **kwargs)))
            return
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        if len(pending) < self.threshold:
            for args, kwargs in pending:
                Writer.write_file(self, *args, **kwargs)
            return
        _SHARED.update(writer=self, pending=pending)
        try:
            cuts = [len(pending) * i // (4 * self.workers) for i in range(4 * self.workers + 1)]
            with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                pool.map(_render_range, list(zip(cuts[:-1], cuts[1:])))
        finally:
            _SHARED.clear()
        for (name, _template, context), kwargs in pending:  # what the workers' writes announced
            local = context.copy()
            local["localsiteurl"] = local.get("localsiteurl", None)
            if kwargs["relative_urls"]:
                local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
            local["output_file"] = name
            local.update({k: v for k, v in kwargs.items() if k not in ("relative_urls", "override_output")},
                         url=kwargs["url"])
            self._written_files.add(sanitised_join(self.output_path, name))
            signals.content_written.send(sanitised_join(self.output_path, name), context=local)


def get_writer(_pelican):
    return ParallelWriter


def flush_articles(_generator, writer=None) -> None:
    if isinstance(writer, ParallelWriter):
        writer.flush()


def share_compiled_templates(generator) -> None:
    folder = os.path.join(generator.settings["CACHE_PATH"], "jinja")
    os.makedirs(folder, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(folder)


def register() -> None:
    signals.generator_init.connect(share_compiled_templates)
    signals.get_writer.connect(get_writer)
    signals.article_writer_finalized.connect(flush_articles)
