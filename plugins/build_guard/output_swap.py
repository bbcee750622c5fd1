"""Atomic publication of a build: write into a staging folder, then swap.

Pure file-system logic, no Pelican imports. A build that fails before
:func:`publish` leaves the previous output folder exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_path(output: str | os.PathLike) -> Path:
    """The sibling folder a build writes into (``output`` → ``output.tmp``)."""
    output = Path(output).resolve()
    return output.with_name(output.name + ".tmp")


def prepare(staging: Path) -> None:
    """Start from an empty staging folder (a crashed build may have left one)."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)


def publish(staging: Path, output: str | os.PathLike) -> None:
    """Replace ``output`` by ``staging`` with two renames on one file system."""
    output = Path(output).resolve()
    retired = output.with_name(output.name + ".old")
    if retired.exists():
        shutil.rmtree(retired)
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists():
        shutil.rmtree(retired)


def discard(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
