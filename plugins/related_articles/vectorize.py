"""Corpus → sparse term-count matrix, fast: the same features as text.features()
(NFC, lowercase, syllable unigrams and in-clause bigrams without stopwords),
but tokenised with str.split and counted with numpy for the whole corpus.

Pure module. Each token becomes ``id << 2 | flags``: bit 0 means punctuation
stood before it, bit 1 after it; a bigram needs neither between its syllables.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections import defaultdict
from typing import Sequence

import numpy as np
from scipy import sparse

from .model import text_read
from .text import STOPWORDS

_STRIP = string.punctuation + string.digits + "“”‘’«»…–—•·°§№\u00a0"
_BIGRAM = 1 << 24  # bigram key = first * _BIGRAM + second (vocabularies stay far below)
_NON_LETTERS = re.compile(r"[\W\d_]+")


def _pieces(token: str) -> list[tuple[str, int]]:
    """A raw token → its words with flags: ``"ngãi,"`` → [("ngãi", 2)];
    ``"đai—“hộ"`` → [("đai", 2), ("hộ", 1)]; ``"2021"`` → []."""
    if token.isalpha():
        return [(token, 0)]
    core = token.strip(_STRIP)
    if core.isalpha():
        return [(core, (core[0] != token[0]) | (core[-1] != token[-1]) << 1)]
    words = [p for p in _NON_LETTERS.split(token) if p]
    if not words:  # a number or punctuation: breaks bigrams like a stopword
        return [("", 3)]
    return [(w, (k > 0 or not token.startswith(w)) | (k < len(words) - 1 or not token.endswith(w)) << 1)
            for k, w in enumerate(words)]


def _encode(texts: Sequence[str], max_words: int | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """All texts → (document index, code) per word, and the word list.

    Python touches each token once, through a C-level dict lookup; splitting
    tokens with punctuation is done once per distinct raw token, then applied
    to every occurrence with numpy.
    """
    raw: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    lookup = raw.__getitem__
    ids, lengths = [], []
    for text in texts:
        text = text_read(text, max_words)
        tokens = unicodedata.normalize("NFC", text).lower().split()[:max_words]
        ids.append(np.fromiter(map(lookup, tokens), dtype=np.int64, count=len(tokens)))
        lengths.append(len(tokens))
    words: dict[str, int] = {}
    starts, counts, table = np.zeros(len(raw), np.int64), np.zeros(len(raw), np.int64), []
    for token, i in raw.items():
        pieces = _pieces(token)
        starts[i], counts[i] = len(table), len(pieces)
        table.extend(words.setdefault(w, len(words)) << 2 | f for w, f in pieces)
    table = np.array(table or [0], dtype=np.int64)
    token_ids = np.concatenate(ids) if ids else np.zeros(0, np.int64)
    token_doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    codes = table[starts[token_ids]]  # first word of each token (almost always the only one)
    extra = np.flatnonzero(counts[token_ids] > 1)
    if extra.size:  # rare multi-word tokens: insert their other words after the first
        how_many = counts[token_ids[extra]] - 1
        at = np.repeat(extra + 1, how_many)
        offset = np.arange(at.size) - np.repeat(np.cumsum(how_many) - how_many, how_many) + 1
        more = table[np.repeat(starts[token_ids[extra]], how_many) + offset]
        codes = np.insert(codes, at, more)
        token_doc = np.insert(token_doc, at, token_doc[at - 1])
    return token_doc, codes, list(words)


def count_matrix(texts: Sequence[str], max_words: int | None = None) -> tuple[sparse.csr_matrix, list[str]]:
    """Rows: texts; columns: terms in sorted order (unigrams "thủ", bigrams
    "thủ tục"); values: counts. Only the first ``max_words`` words of a text count.

    Columns are sorted by term so the result does not depend on how the
    corpus was split between processes (see :func:`merge`).
    """
    doc, codes, names = _encode(texts, max_words)
    index = {w: i for i, w in enumerate(names)}
    stop = np.zeros(max(1, len(names)), dtype=bool)
    stop[[index[w] for w in (*STOPWORDS, "") if w in index]] = True
    ids, flags = codes >> 2, codes & 3
    valid = ~stop[ids] if ids.size else np.zeros(0, bool)
    # Bigrams: neighbours in one text, both valid, no punctuation between them.
    pair = (doc[:-1] == doc[1:]) & valid[:-1] & valid[1:] & ((flags[:-1] & 2) == 0) & ((flags[1:] & 1) == 0)
    keys, bi_col = np.unique(ids[:-1][pair] * _BIGRAM + ids[1:][pair], return_inverse=True)
    terms = names + [f"{names[k // _BIGRAM]} {names[k % _BIGRAM]}" for k in keys.tolist()]
    order = sorted(range(len(terms)), key=terms.__getitem__)
    column = np.empty(len(terms), dtype=np.int64)
    column[order] = np.arange(len(terms))
    rows = np.concatenate([doc[valid], doc[:-1][pair]])
    cols = column[np.concatenate([ids[valid], len(names) + bi_col.ravel()])]
    matrix = sparse.csr_matrix((np.ones(rows.size, dtype=np.float32), (rows, cols)), shape=(len(texts), len(terms)))
    matrix.sum_duplicates()
    return matrix, [terms[i] for i in order]


def merge(parts: Sequence[tuple[sparse.csr_matrix, list[str]]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Stack count matrices of consecutive text ranges onto one sorted vocabulary."""
    vocabulary = sorted(set().union(*(names for _, names in parts)))
    index = {t: i for i, t in enumerate(vocabulary)}
    blocks = []
    for matrix, names in parts:
        remap = np.array([index[t] for t in names], dtype=np.int64)
        blocks.append(sparse.csr_matrix((matrix.data, remap[matrix.indices], matrix.indptr),
                                        shape=(matrix.shape[0], len(vocabulary))))
    merged = sparse.vstack(blocks, format="csr")
    merged.sort_indices()
    return merged, vocabulary
