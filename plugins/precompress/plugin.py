"""Signal glue: compress the finished site once every file is written.

Connected to build_guard's ``output_staged``; enable it last in PLUGINS
(publishconf.py appends it) so that files written by other plugins on the
same signal (sitemap.xml, search index…) are compressed too: Pelican makes
blinker call receivers in connection order, i.e. plugin order.
"""

from __future__ import annotations

import logging
from pathlib import Path

from build_guard.plugin import output_staged

from .compress import precompress
from .settings import PrecompressSettings

logger = logging.getLogger(__name__)


def compress_site(pelican, staging: Path) -> None:
    settings = PrecompressSettings.from_pelican(pelican.settings)
    written = precompress(Path(staging), settings.extensions, settings.min_size)
    logger.info("precompress: %d tệp .gz/.br", len(written))


def register() -> None:
    output_staged.connect(compress_site)
