"""Which content files the reader reads: ``.md`` files below the article and
page paths, as content_allowlist walks the content (no symbolic link, no
ignored name). Apart from check.py so that the plugin does not import the
`make check` module (``python -m front_matter.check`` would then find it
imported twice and warn)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from content_allowlist.inventory import scan
from content_allowlist.settings import SOURCE, ignored_pattern

from .settings import FrontMatterSettings

EXTENSIONS = (SOURCE,)  # content_allowlist refuses every other source format


def content_files(settings: FrontMatterSettings, targets: Iterable[str] = (), *, pages: bool = True) -> list[Path]:
    """The files below ``targets`` (files or folders; by default the article
    paths, and the page paths unless ``pages`` is false), sorted as Paths sort."""
    folders = (*settings.article_paths, *(settings.page_paths if pages else ()))
    roots = [Path(t) for t in targets] or [settings.content_root / p for p in folders]
    files: set[str] = set()
    ignored = ignored_pattern(settings.ignored)
    for root in roots:
        if root.is_symlink():
            continue  # refused by content_allowlist, never read
        if root.is_file():
            if root.suffix in EXTENSIONS:
                files.add(str(root.resolve()))
        elif root.is_dir():
            # Below the resolved root, as Pelican walks it (one resolve, not one per file).
            files.update(f for f in scan(str(root.resolve()), ignored)[0] if os.path.splitext(f)[1] in EXTENSIONS)
    return [Path(f) for f in sorted(files, key=lambda f: f.split(os.sep))]
