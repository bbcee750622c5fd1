"""Signal glue: rank every article once, attach ``article.related_articles``.

On article_generator_finalized, when all articles are built, what their
documents are made of is taken (documents.Inputs) and the pins checked: a
pinned slug (``related:`` in front matter) that is not a published article
is a content error naming the file and the slug. The ranking then runs in a
forked process (early.py) while the other generators and plugins work, and
the lists are attached when Pelican asks for its writer (get_writer), after
every generator and every plugin's all_generators_finalized work (cross-file
checks, settling URLs) and before anything is rendered. When front_matter
announces that every file is read, that process starts even earlier, on the
documents the readings give. Either way its result goes through the ranking
cache (``CACHE_PATH/related``; reused while nothing the ranking reads has
changed; ``RELATED_CACHE = False``: never, and no background ranking), so
the build uses it only when it ranked exactly the build's articles: when
every article holds what its reading said, under the key the process made;
otherwise under the key of the documents the build makes of its articles.
"""

from __future__ import annotations

import logging
import os
from functools import partial

from blinker import signal
from pelican import signals

from build_core.contents import all_contents
from build_core.errors import display_paths
from build_core.run import current, report_all

from .cache import cached_rank, key, lookup
from .documents import article_inputs, documents_of, pin_documents, reading_documents, reading_inputs, same_inputs
from .early import EarlyRanking
from .model import unknown_pins
from .pins import pin_errors
from .settings import ranking_config



logger = logging.getLogger(__name__)
_EARLY = EarlyRanking()
# This run's readings (from front_matter), then its articles and their
# inputs, from article_generator_finalized until the lists are attached
# (get_writer).
_PENDING: dict = {}


def _cache_folder(settings) -> str | None:
    return os.path.join(settings["CACHE_PATH"], "related") if settings.get("RELATED_CACHE", True) else None


def _background(settings) -> bool:
    """Whether the ranking may run in a background process: its result
    reaches the build through the ranking cache."""
    return _cache_folder(settings) is not None and settings.get("RELATED_EARLY", True)


def rank_early(settings, readings) -> None:
    """Every file is read (front_matter): rank in the background meanwhile."""
    _PENDING.clear()
    if _background(settings):
        folder = _cache_folder(settings)
        readings = list(readings.values())
        _EARLY.start(partial(reading_documents, readings), ranking_config(settings), folder,
                     partial(_rank, folder=folder), _keep_counts)
        _PENDING["readings"] = readings


def check_related(generator) -> None:
    """The articles are built: their documents (before any plugin rewrites
    their HTML, e.g. responsive_images), pins checked. The ranking runs in
    the background (if it does not already) while the other generators and
    plugins work; the lists are attached when Pelican asks for its writer."""
    readings = _PENDING.pop("readings", None)
    _PENDING.clear()
    articles = list(all_contents([generator]))
    if not articles:
        _EARLY.cancel()
        return
    by_slug = {a.slug: a for a in articles}
    inputs = [article_inputs(a) for a in articles]
    if unknown_pins(pin_documents(inputs)):
        paths = display_paths(a.source_path for a in articles)
        _EARLY.cancel()
        report_all(pin_errors(
            (path, i.slug, i.pinned, i.published,
             a.front_matter.lines.get("related", 1) if getattr(a, "front_matter", None) else 1)
            for path, i, a in zip(paths, inputs, articles)))
        return
    settings = generator.settings
    config, folder = ranking_config(settings), _cache_folder(settings)
    from_readings = readings is not None and _EARLY.running()
    # Every article made of what its reading said: the ranking of the
    # readings is this build's (no plugin changed a text, a title, a tag…).
    as_read = from_readings and (read := reading_inputs(readings)) is not None and same_inputs(inputs, read)
    documents = None
    if not _EARLY.running() and _background(settings):
        documents = documents_of(inputs)
        _EARLY.start(lambda: documents, config, folder, partial(_rank, folder=folder), _keep_counts)
    _PENDING.update(inputs=inputs, documents=documents, by_slug=by_slug, config=config, folder=folder,
                    from_readings=from_readings, as_read=as_read)


def attach_related(_pelican=None) -> None:
    """Every generator and plugin is done, nothing rendered yet: wait for the
    ranking, attach the lists."""
    pending = dict(_PENDING)
    _PENDING.clear()
    if "inputs" not in pending:
        return
    documents, config, folder = pending["documents"], pending["config"], pending["folder"]
    with current().clock.measure("gợi ý bài liên quan"):
        ranked = None
        if pending["as_read"]:  # the ranking of the readings, under the key its process made
            background = _EARLY.wait()
            ranked = lookup(folder, _EARLY.key) if _EARLY.key else None
            hit = ranked is not None
            if hit:
                logger.debug("Gợi ý: bài như lúc đọc, dùng bản xếp sẵn")
        if ranked is None:
            documents = documents or documents_of(pending["inputs"])
            # The key first: while the ranking may still run, not after it.
            wanted = key(documents, config) if folder is not None else None
            background = _EARLY.wait() or pending["as_read"]
            ranked, hit = cached_rank(documents, config, folder, partial(_rank, folder=folder), wanted)
    _keep_counts()
    if background and pending["from_readings"]:
        current().clock.note("gợi ý xếp sẵn trong lúc đọc bài" if hit else "gợi ý xếp lại: bản xếp sẵn không khớp bài đã đọc")
    by_slug, explain = pending["by_slug"], config.explain
    for doc_id, related in ranked.items():
        article = by_slug[doc_id]
        article.related_articles = [by_slug[r.id] for r in related]
        if explain:
            # Scores move a little with almost any edit anywhere (every TF-IDF
            # weight does): a page that cannot show them does not depend on them.
            article.related_explained = related
    _EARLY.finish()  # by now it has kept its counts; reaped here, its CPU counts in this phase


_COUNTS: list = []  # term counts of rankings done in this process, kept once the ranking is out


def _rank(documents, config, folder=None):
    # numpy and scipy load only when the site must be ranked again
    from .ranking import rank
    from .vectorize import CountCache

    counts = CountCache(os.path.join(folder, "counts.pickle"), config.max_words) if folder else None
    if counts is not None:
        _COUNTS.append(counts)
    return rank(documents, config, counts)


def _keep_counts() -> None:
    while _COUNTS:
        _COUNTS.pop().save()


def register() -> None:
    signals.article_generator_finalized.connect(check_related)
    # Not on all_generators_finalized: the other plugins' work there runs
    # while the ranking finishes. No writer of our own (returns None).
    signals.get_writer.connect(attach_related)
    signal("front_matter.contents_read").connect(rank_early)
