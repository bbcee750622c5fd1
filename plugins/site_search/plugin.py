"""Stage glue: search data on articles, the search page, the Pagefind index.

- stage "read" (the articles): each published article gets ``article.search``
  (filters, folded copies of its đ-words) for templates/partials/search_data.html,
  only when there will be an index (SITE_SEARCH): without one, pages carry no
  hidden search data and no build time goes into folding. At "read", not
  later: the search page's generator lists the filters when it reads;
- get_generators: the search page's generator;
- stage "index": Pagefind indexes the staged site into
  ``<staging>/pagefind/``. A failure prints one line and fails the build, so
  the previous output stays (a preview, `make serve`, goes on without search).
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from build_core.errors import BuildFailed
from build_core import stages
from front_matter.period import Period

from .generator import SearchPageGenerator
from .indexer import SearchIndexError, indexed_pages, locate_binary, pagefind_command, prune_bundle, run_pagefind
from .records import ArticleSearchData
from .settings import SiteSearchSettings

logger = logging.getLogger(__name__)


class SearchBuildFailed(BuildFailed):
    """Ends the build after the one-line reason was printed; Pelican exits 1
    and logs no traceback (build_guard's log filter)."""


def attach_search_data(run, generator) -> None:
    """Published articles only: drafts and hidden articles are never indexed."""
    if not isinstance(generator, ArticlesGenerator) or not SiteSearchSettings.from_pelican(run.settings).enabled:
        return
    for article in generator.articles + generator.translations:
        if getattr(article, "status", "published") != "published" or article.category is None:
            continue
        period = getattr(article, "period", None) or Period.of_date(article.date)
        article.search = ArticleSearchData(
            category=article.category.name,
            period=period,
            text=(article.title, article._content or "", article.metadata.get("summary")),
        )


def add_search_page(_pelican):
    return SearchPageGenerator


def build_index(run, staging: Path) -> None:
    settings = SiteSearchSettings.from_pelican(run.settings)
    if not settings.enabled:
        logger.info("site_search: SITE_SEARCH = False, không tạo chỉ mục tìm kiếm")
        return
    bundle = Path(staging) / settings.bundle_dir
    started = time.perf_counter()
    try:
        with run.clock.measure("tìm kiếm"):
            binary = locate_binary(settings.binary)
            command = pagefind_command(binary, Path(staging), settings.bundle_dir, settings.language,
                                       settings.exclude_selectors)
            log = run_pagefind(command, settings.timeout)
    except SearchIndexError as error:
        shutil.rmtree(bundle, ignore_errors=True)
        if not run.core.preview:
            sys.stderr.write(f"Lỗi tìm kiếm: {error}. Chưa xuất bản; thư mục output giữ nguyên bản dựng trước.\n")
            sys.stderr.flush()
            raise SearchBuildFailed("không tạo được chỉ mục tìm kiếm") from None
        sys.stderr.write(f"Lỗi tìm kiếm: {error}. Bản xem trước không có tìm kiếm.\n")
        sys.stderr.flush()
        return
    prune_bundle(bundle)
    pages = indexed_pages(log)
    logger.info("site_search: %s trang trong chỉ mục tìm kiếm (%.2f s)", "?" if pages is None else pages,
                time.perf_counter() - started)


def register() -> None:
    stages.connect("read", attach_search_data)
    signals.get_generators.connect(add_search_page)
    stages.connect("index", build_index)
