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

import fcntl
import logging
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from build_core.errors import BuildFailed
from build_core import stages
from front_matter.period import Period

from .generator import SearchPageGenerator
from .indexer import SearchIndexError, build_shard, locate_binary, pagefind_version
from .records import ArticleSearchData
from .shards import VOCABULARY, Entry, RecordError, SearchRun, digest, plan, record_of, words_of
from .settings import SiteSearchSettings

logger = logging.getLogger(__name__)


class SearchBuildFailed(BuildFailed):
    """Ends the build after the one-line reason was printed; Pelican exits 1
    and logs no traceback (build_guard's log filter)."""


def attach_search_data(run, generator) -> None:
    """Published articles only: drafts and hidden articles are never indexed."""
    if not isinstance(generator, ArticlesGenerator) or not SiteSearchSettings.from_pelican(run.settings).enabled:
        return
    entries = run.state(SearchRun).entries
    for article in generator.articles + generator.translations:
        if getattr(article, "status", "published") != "published" or article.category is None:
            continue
        period = getattr(article, "period", None) or Period.of_date(article.date)
        article.search = ArticleSearchData(
            category=article.category.name,
            period=period,
            text=(article.title, article._content or "", article.metadata.get("summary")),
        )
        entries.append(Entry(article.save_as.replace(os.sep, "/"), article.date.year, (article.date.month + 2) // 3))


def assign_shards(run, generators) -> None:
    """Every article read: the index's shards, and each article's shard (the
    hidden filter ``phan`` its page carries, templates/partials/search_data.html)."""
    settings = SiteSearchSettings.from_pelican(run.settings)
    if not settings.enabled:
        return
    state = run.state(SearchRun)
    state.shards = plan(state.entries, settings.shard_max_pages)
    shard_of = {path: key for key, paths in state.shards.items() for path in paths}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in generator.articles + generator.translations:
                if getattr(article, "search", None) is not None:
                    article.search_shard = shard_of[article.save_as.replace(os.sep, "/")]


def add_search_page(_pelican):
    return SearchPageGenerator


def build_index(run, staging: Path) -> None:
    settings = SiteSearchSettings.from_pelican(run.settings)
    if not settings.enabled:
        logger.info("site_search: SITE_SEARCH = False, không tạo chỉ mục tìm kiếm")
        return
    bundle = Path(staging) / settings.bundle_dir
    try:
        with run.clock.measure("tìm kiếm"):
            built, reused = index_shards(run, settings, Path(staging), bundle)
    except (SearchIndexError, RecordError) as error:
        shutil.rmtree(bundle, ignore_errors=True)
        if not run.core.preview:
            sys.stderr.write(f"Lỗi tìm kiếm: {error}. Chưa xuất bản; thư mục output giữ nguyên bản dựng trước.\n")
            sys.stderr.flush()
            raise SearchBuildFailed("không tạo được chỉ mục tìm kiếm") from None
        sys.stderr.write(f"Lỗi tìm kiếm: {error}. Bản xem trước không có tìm kiếm.\n")
        sys.stderr.flush()
        return
    run.stats["search_shards"] = {"built": built, "reused": reused}
    run.clock.note(f"chỉ mục tìm kiếm: {len(built)} phần dựng lại, {len(reused)} phần giữ nguyên")
    logger.info("site_search: %d phần chỉ mục dựng lại, %d phần giữ nguyên", len(built), len(reused))


def index_shards(run, settings: SiteSearchSettings, staging: Path, bundle: Path) -> tuple[list[str], list[str]]:
    """Every shard into ``bundle/<key>/``: from the cache when its digest is
    known, else indexed by Pagefind (several shards at once, one per worker)
    and kept in the cache. Returns the keys (re)built and those reused."""
    binary = locate_binary(settings.binary)
    recipe = {"pagefind": pagefind_version(binary), "language": settings.language,
              "exclude": "\n".join(settings.exclude_selectors), "record": "2"}
    ready: dict[str, Path] = {}
    records_of: dict[str, list[tuple[str, str]]] = {}
    cache = (Path(run.core.cache_path) / "search").resolve()
    cache.mkdir(parents=True, exist_ok=True)
    for key, paths in run.state(SearchRun).shards.items():
        records = [(path, record_of((staging / path).read_text(encoding="utf-8"), path)) for path in paths]
        ready[key] = cache / f"{key}-{digest(key, records, recipe)[:20]}"
        records_of[key] = records
    # One build at a time uses the cache (`make serve` and `make site` may run together).
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = [key for key, folder in ready.items() if not folder.is_dir()]
        workers = max(1, min(run.core.worker_count, len(missing)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda key: build_shard(
                binary, records_of[key], ready[key], settings.language, settings.exclude_selectors,
                settings.timeout, {VOCABULARY: _vocabulary(records_of[key])}), missing))
        bundle.mkdir(parents=True, exist_ok=True)
        words: set[str] = set()
        for key, folder in ready.items():
            shutil.copytree(folder, bundle / key, copy_function=_link_or_copy,
                            ignore=shutil.ignore_patterns(VOCABULARY))
            words.update((folder / VOCABULARY).read_text(encoding="utf-8").split())
        _evict(cache, set(ready.values()))
    (bundle / VOCABULARY).write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    return missing, [key for key in ready if key not in missing]


def _vocabulary(records: list[tuple[str, str]]) -> str:
    return "\n".join(sorted(words_of(record for _path, record in records))) + "\n"


def _evict(cache: Path, used: set[Path]) -> None:
    """Keep the shards in use and, per key, the newest one not in use (so a
    `make publish` between two `make site` does not re-index every shard);
    delete the rest, and anything half-written."""
    spare: dict[str, list[Path]] = {}
    for folder in cache.iterdir():
        if folder in used or folder.name.startswith("."):
            continue
        key, _, rest = folder.name.rpartition("-")
        if not key or not folder.is_dir() or "." in rest:
            shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink(missing_ok=True)
            continue
        spare.setdefault(key, []).append(folder)
    for folders in spare.values():
        folders.sort(key=lambda f: f.stat().st_mtime, reverse=True)  # which to keep, never whether valid
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link (no bytes copied) when the cache and the output share a
    file system, a copy otherwise. Nothing ever writes into a linked file:
    the next build writes a new folder."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def register() -> None:
    stages.connect("read", attach_search_data)
    stages.connect("validate", assign_shards)
    signals.get_generators.connect(add_search_page)
    stages.connect("index", build_index)
