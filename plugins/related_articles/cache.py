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
from dataclasses import fields
from pathlib import Path
from typing import Callable, Sequence

from build_core.files import files_digest, read_pickle, write_pickle

from .model import Document, RankingConfig, Related, text_read

_CODE = ("model.py", "ranking.py", "text.py", "vectorize.py")


def _code_digest() -> bytes:
    here = Path(__file__).parent
    return files_digest(here / name for name in _CODE)


_FIELDS = tuple(f.name for f in fields(Document))


def key(documents: Sequence[Document], config: RankingConfig) -> str:
    """Every input the ranking reads: of a text, only the part it can read
    (an edit near the end of a long article ranks nothing again). Independent
    of the documents' order, like the ranking itself (it sorts them by date and
    id): the articles of a build and the readings they came from (early.py)
    list them in different orders."""
    h = hashlib.sha256(_code_digest())
    inputs = sorted((tuple(text_read(d.text, config.max_words) if name == "text" else getattr(d, name)
                           for name in _FIELDS) for d in documents), key=lambda inputs: inputs[0])
    h.update(pickle.dumps((inputs, config), protocol=5))
    return h.hexdigest()


def cached_rank(documents: Sequence[Document], config: RankingConfig, folder: str | os.PathLike | None,
                rank: Callable[[Sequence[Document], RankingConfig], dict[str, list[Related]]],
                wanted: str | None = None) -> tuple[dict[str, list[Related]], bool]:
    """(ranking, whether it came from the cache); ``folder`` None: no cache.
    ``wanted``: ``key(documents, config)`` if the caller has it already."""
    if folder is None:
        return rank(documents, config), False
    wanted = wanted or key(documents, config)
    stored = lookup(folder, wanted)
    if stored is not None:
        return stored, True
    result = rank(documents, config)
    write_pickle(Path(folder) / "ranking.pickle", (wanted, result))
    return result, False


def lookup(folder: str | os.PathLike, wanted: str) -> dict[str, list[Related]] | None:
    """The cached ranking if it was made under the key ``wanted``."""
    stored = read_pickle(Path(folder) / "ranking.pickle")  # None: missing, from another version or damaged
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == wanted:
        return stored[1]
    return None
