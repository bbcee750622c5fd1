"""Stage glue: compress the finished site once every file is written.

Stage ``index``, after site_search (its index is compressed too); the
sitemap and robots.txt are written before, at stage ``stage``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from build_core import stages

from .compress import precompress
from .settings import PrecompressSettings

logger = logging.getLogger(__name__)


def compress_site(run, staging: Path) -> None:
    settings = PrecompressSettings.from_pelican(run.settings)
    written = precompress(Path(staging), settings.extensions, settings.min_size, run.core.worker_count)
    logger.info("precompress: %d tệp .gz/.br", len(written))


def register() -> None:
    stages.connect("index", compress_site, after=("site_search",))
