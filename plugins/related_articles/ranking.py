"""Rank related articles: TF-IDF cosine on Vietnamese syllable n-grams, blended
with shared tags, category, unit and closeness of reporting period.

Pure module (no Pelican imports). Like Hugo's ``related`` package it depends
only on a tiny document interface (:class:`Document`) and its own config.
Scales with sparse matrices computed in row blocks: never a dense N×N matrix;
only pairs that share a term or a tag are ever scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Sequence

import numpy as np
from scipy import sparse

from build_core import executor

from .model import Document, RankingConfig, Related, unknown_pins  # noqa: F401 (re-exported)
from .vectorize import count_matrix, merge


@dataclass
class _Corpus:
    docs: list[Document]  # in tie-break order: newest first, then id
    matrix: sparse.csr_matrix  # L2-normalised TF-IDF rows
    query: sparse.csr_matrix  # each row's strongest terms
    postings: sparse.csr_matrix  # transposed: each term's strongest documents
    vocabulary: list[str]
    tags: np.ndarray  # (N, w) tag ids, -1 padded
    tag_counts: np.ndarray
    category: np.ndarray
    unit: np.ndarray
    period: np.ndarray  # float, NaN when unknown
    eligible: np.ndarray


def _in_parallel(function, n: int, workers: int, combine, **shared):
    """``combine`` of ``function(bounds, shared)`` over consecutive ranges
    of ``range(n)``, in order, so the result is the same for any number of
    workers. Forked workers inherit ``shared`` (build_core.executor):
    nothing is pickled to them, only their results back."""
    if workers <= 1 or n < 2 * workers:
        return combine([function((0, n), shared.__getitem__)])
    cuts = np.linspace(0, n, 4 * workers + 1).astype(int)
    ranges = [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
    with executor.pool(workers, **shared) as pool:
        return combine(pool.map(partial(_in_worker, function), ranges))


def _in_worker(function, bounds):
    return function(bounds, executor.shared)


def _count_part(bounds, shared):
    lo, hi = bounds
    return count_matrix(shared("texts")[lo:hi], shared("max_words"))


def _codes(values: list[str | None]) -> np.ndarray:
    table: dict[str, int] = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def _top_per_row(matrix: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """Keep each row's ``k`` largest values (ties: lower column). Only rows
    longer than ``k`` are sorted, each on its own small slice."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    lengths = np.diff(matrix.indptr)
    keep = np.ones(matrix.nnz, dtype=bool)
    for row in np.flatnonzero(lengths > k):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        drop = np.argsort(-matrix.data[lo:hi], kind="stable")[k:]
        keep[lo + drop] = False
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)[keep]
    kept = sparse.csr_matrix((matrix.data[keep], (rows, matrix.indices[keep])), shape=matrix.shape)
    kept.sort_indices()
    return kept


def _build(documents: Sequence[Document], config: RankingConfig, workers: int) -> _Corpus:
    order = sorted(range(len(documents)), key=lambda i: (-documents[i].date, documents[i].id))
    docs = [documents[i] for i in order]
    n = len(docs)
    texts = [d.text for d in docs] + [d.title for d in docs]

    counts, vocabulary = _in_parallel(_count_part, len(texts), workers, merge, texts=texts,
                                      max_words=config.max_words)
    counts = (counts[:n] + config.title_weight * counts[n:]).tocsc()
    df = np.diff(counts.indptr)
    keep = df >= 2  # a term in one document cannot relate two documents
    if n >= 100:
        keep &= df <= config.max_df * n
    columns = np.flatnonzero(keep)
    counts = counts[:, columns].tocsr()
    vocabulary = [vocabulary[c] for c in columns]
    idf = np.log((1.0 + n) / (1.0 + df[columns])) + 1.0
    counts.data = ((1.0 + np.log(counts.data)) * idf[counts.indices]).astype(np.float32)
    matrix = _top_per_row(counts, config.max_terms_per_doc)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags((1.0 / norms).astype(np.float32)) @ matrix)
    matrix.sort_indices()
    query = _top_per_row(matrix, config.query_terms)
    postings = _top_per_row(matrix.T.tocsr(), config.postings_per_term)

    tag_table: dict[str, int] = {}
    width = max(1, min(config.max_tags, max((len(set(d.tags)) for d in docs), default=0)))
    tags = np.full((n, width), -1, dtype=np.int64)
    for r, doc in enumerate(docs):
        for c, tag in enumerate(sorted(set(doc.tags))[:width]):
            tags[r, c] = tag_table.setdefault(tag, len(tag_table))
    return _Corpus(
        docs=docs, matrix=matrix, query=query, postings=postings, vocabulary=vocabulary, tags=tags,
        tag_counts=(tags >= 0).sum(axis=1),
        category=_codes([d.category for d in docs]), unit=_codes([d.unit for d in docs]),
        period=np.array([np.nan if d.period is None else d.period for d in docs], dtype=np.float64),
        eligible=np.array([d.eligible for d in docs], dtype=bool),
    )


def _block_scores(c: _Corpus, start: int, stop: int, config: RankingConfig):
    """Blended scores of rows [start, stop) against their candidates.

    Candidates share one of the row's strongest terms among that term's
    strongest documents; only those pairs are scored (never N×N). A candidate
    whose text score is below the row's k-th best by more than the largest
    possible bonus (tags, category, unit, period) cannot enter the top k and
    is dropped before the bonuses are computed. Returns (row, column, score)
    arrays, grouped by row.
    """
    text = (c.query[start:stop] @ c.postings).tocsr()
    row_of = np.repeat(np.arange(stop - start), np.diff(text.indptr))
    col, similarity = text.indices, text.data.astype(np.float64) * config.text_weight
    keep = (text.data >= config.min_similarity) & c.eligible[col] & (row_of + start != col)
    bonus = config.tag_weight + config.category_weight + config.unit_weight + config.period_weight
    floor = np.full(stop - start, -np.inf)
    for local in range(stop - start):
        lo, hi = text.indptr[local], text.indptr[local + 1]
        kept = similarity[lo:hi][keep[lo:hi]]
        if kept.size > config.k:
            floor[local] = np.partition(kept, -config.k)[-config.k] - bonus
    keep &= similarity >= floor[row_of]
    r, col, similarity = row_of[keep], col[keep], similarity[keep]
    a, b = c.tags[r + start], c.tags[col]
    inter = ((a[:, :, None] == b[:, None, :]) & (a[:, :, None] >= 0)).sum(axis=(1, 2))
    union = c.tag_counts[r + start] + c.tag_counts[col] - inter
    jaccard = np.divide(inter, union, out=np.zeros(inter.shape, dtype=np.float64), where=union > 0)
    same_cat = (c.category[r + start] == c.category[col]) & (c.category[col] >= 0)
    same_unit = (c.unit[r + start] == c.unit[col]) & (c.unit[col] >= 0)
    dp = np.abs(c.period[r + start] - c.period[col])
    closeness = np.where(np.isnan(dp), 0.0, np.exp(-np.nan_to_num(dp) / config.period_scale))
    score = (similarity + config.tag_weight * jaccard + config.category_weight * same_cat
             + config.unit_weight * same_unit + config.period_weight * closeness)
    return r, col, score


def _top(row_scores: np.ndarray, row_cols: np.ndarray, k: int, exclude: set[int]) -> list[tuple[int, float]]:
    if exclude:
        mask = ~np.isin(row_cols, list(exclude))
        row_scores, row_cols = row_scores[mask], row_cols[mask]
    if row_scores.size == 0:
        return []
    if row_scores.size > k:
        threshold = np.partition(row_scores, -k)[-k]
        chosen = row_scores >= threshold  # keeps every tie at the threshold
        row_scores, row_cols = row_scores[chosen], row_cols[chosen]
    # Highest score first; ties by position, i.e. newer first, then id.
    order = np.lexsort((row_cols, -row_scores))[:k]
    return [(int(row_cols[i]), float(row_scores[i])) for i in order]


def _reasons(c: _Corpus, i: int, j: int, config: RankingConfig) -> tuple[str, ...]:
    if not config.explain:
        return ()
    out = []
    if config.explain_terms:
        m = c.matrix
        ai, bi = slice(m.indptr[i], m.indptr[i + 1]), slice(m.indptr[j], m.indptr[j + 1])
        common, ia, ib = np.intersect1d(m.indices[ai], m.indices[bi], assume_unique=True, return_indices=True)
        if common.size:
            weight = m.data[ai][ia] * m.data[bi][ib]
            ranked = [c.vocabulary[common[x]] for x in np.lexsort((common, -weight))[: 4 * config.explain_terms]]
            # Name phrases ("đất đai") rather than their syllables ("đất", "đai").
            inside = {part for term in ranked if " " in term for part in term.split()}
            terms = [t for t in ranked if " " in t or t not in inside][: config.explain_terms]
            out.append("từ chung: " + ", ".join(terms))
    tags = sorted(set(c.docs[i].tags) & set(c.docs[j].tags))
    if tags:
        out.append("thẻ chung: " + ", ".join(tags))
    if c.unit[i] >= 0 and c.unit[i] == c.unit[j]:
        out.append("cùng đơn vị")
    if c.category[i] >= 0 and c.category[i] == c.category[j]:
        out.append("cùng chuyên mục")
    return tuple(out)


def _rank_rows(bounds, shared) -> list[list[Related]]:
    """The related lists of rows [lo, hi) of the shared corpus, block by block."""
    c, config, position, newest = (shared(k) for k in ("corpus", "config", "position", "newest"))
    lo, hi = bounds
    block = config.block_rows or max(16, min(2048, 4_000_000 // max(len(c.docs), 1)))
    out: list[list[Related]] = []
    for start in range(lo, hi, block):
        stop = min(hi, start + block)
        rows, cols, scores = _block_scores(c, start, stop, config)
        edges = np.searchsorted(rows, np.arange(stop - start + 1))
        for local in range(stop - start):
            p = start + local
            chosen: list[Related] = []
            taken = {p}
            for slug in c.docs[p].pinned:
                q = position.get(slug)
                if q is not None and q not in taken and c.eligible[q] and len(chosen) < config.k:
                    chosen.append(Related(slug, 1.0, ("do biên tập viên chọn",)))
                    taken.add(q)
            pinned = taken - {p}  # the row itself is never among its candidates
            row = slice(edges[local], edges[local + 1])
            for q, s in _top(scores[row], cols[row], config.k - len(chosen), pinned):
                chosen.append(Related(c.docs[q].id, round(s, 6), _reasons(c, p, q, config)))
                taken.add(q)
            for q in newest.get(int(c.category[p]), []):
                if len(chosen) >= config.k:
                    break
                if q not in taken:
                    chosen.append(Related(c.docs[q].id, 0.0, ("cùng chuyên mục, bài mới nhất",)))
                    taken.add(q)
            out.append(chosen)
    return out


def rank(documents: Sequence[Document], config: RankingConfig = RankingConfig(),
         workers: int = 1) -> dict[str, list[Related]]:
    """For every document, its ``k`` related documents: pinned ones first, then the
    most similar, then (when too few are similar) the newest of its category.
    ``workers``: processes; the result is the same for any number."""
    if not documents:
        return {}
    n = len(documents)
    c = _build(documents, config, workers)
    newest: dict[int, list[int]] = {}
    for p in range(n):
        if c.eligible[p]:
            newest.setdefault(int(c.category[p]), []).append(p)
    position = {d.id: p for p, d in enumerate(c.docs)}
    lists = _in_parallel(_rank_rows, n, workers, lambda parts: [x for part in parts for x in part],
                         corpus=c, config=config, position=position, newest=newest)
    result = {c.docs[p].id: lists[p] for p in range(n)}
    return {d.id: result[d.id] for d in documents}
