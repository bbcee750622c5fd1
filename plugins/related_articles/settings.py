"""Settings of the related_articles plugin: RELATED_* → RankingConfig, read once."""

from __future__ import annotations

from dataclasses import fields
from typing import Mapping

from .model import RankingConfig


def ranking_config(settings: Mapping) -> RankingConfig:
    """``RELATED_K = 5``, ``RELATED_TEXT_WEIGHT = 1.0``… override the defaults."""
    overrides = {}
    for f in fields(RankingConfig):
        key = "RELATED_" + f.name.upper()
        if key in settings:
            overrides[f.name] = type(getattr(RankingConfig(), f.name))(settings[key])
    return RankingConfig(**overrides)
