"""Remember the last ranking: an unchanged site is not ranked again. Pure.

The key is a hash of every ranking input (the documents, the config) and of
the ranking code itself, so any change to an article, a setting or the
algorithm ranks again. One file holds the last result, so the cache never
grows; it is written to a temporary name and renamed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, Sequence

from .model import Document, RankingConfig, Related

_CODE = ("model.py", "ranking.py", "text.py", "vectorize.py")


def _code_digest() -> bytes:
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in _CODE)).digest()


def key(documents: Sequence[Document], config: RankingConfig) -> str:
    h = hashlib.sha256(_code_digest())
    h.update(pickle.dumps((list(documents), config), protocol=5))
    return h.hexdigest()


def cached_rank(documents: Sequence[Document], config: RankingConfig, folder: str | os.PathLike | None,
                rank: Callable[[Sequence[Document], RankingConfig], dict[str, list[Related]]]
                ) -> tuple[dict[str, list[Related]], bool]:
    """(ranking, whether it came from the cache); ``folder`` None: no cache."""
    if folder is None:
        return rank(documents, config), False
    path = Path(folder) / "ranking.pickle"
    wanted = key(documents, config)
    try:
        with open(path, "rb") as f:
            stored_key, result = pickle.load(f)
        if stored_key == wanted:
            return result, True
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        pass  # missing, from another version or damaged: rank again
    result = rank(documents, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump((wanted, result), f, protocol=5)
    os.replace(tmp, path)
    return result, False
