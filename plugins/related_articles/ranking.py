"""Rank related articles: TF-IDF cosine on Vietnamese syllable n-grams, blended
with shared tags, category, unit and closeness of reporting period.

Pure module (no Pelican imports). Like Hugo's ``related`` package it depends
only on a tiny document interface (:class:`Document`) and its own config.
Scales with sparse matrices computed in row blocks: never a dense N×N matrix;
only pairs that share a term or a tag are ever scored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from scipy import sparse

from .text import features


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    tags: tuple[str, ...] = ()
    category: str | None = None
    unit: str | None = None
    period: int | None = None  # year * 4 + quarter - 1
    date: float = 0.0  # POSIX timestamp
    pinned: tuple[str, ...] = ()
    eligible: bool = True  # published: may be suggested to others


@dataclass(frozen=True)
class Related:
    id: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class RankingConfig:
    k: int = 5
    title_weight: float = 3.0  # a title term counts as this many body occurrences
    text_weight: float = 1.0  # × cosine of TF-IDF vectors
    tag_weight: float = 0.1  # × Jaccard of tag sets
    category_weight: float = 0.03
    unit_weight: float = 0.03
    period_weight: float = 0.05  # × exp(-|Δquarters| / period_scale)
    period_scale: float = 2.0
    min_similarity: float = 0.08  # cosine below this (and no shared tag): not related
    max_terms_per_doc: int = 60  # keep each document's strongest terms (speed, noise)
    block_rows: int = 0  # 0: chosen from N so a block holds about 4M candidate pairs
    explain_terms: int = 3  # shared terms named in the reasons (0: none)


@dataclass
class _Corpus:
    order: list[int]  # document indices, newest first then id: the tie-break order
    matrix: sparse.csr_matrix  # L2-normalised TF-IDF rows, in tie-break order
    vocabulary: list[str]
    tags: sparse.csr_matrix
    tag_counts: np.ndarray
    category: np.ndarray
    unit: np.ndarray
    period: np.ndarray  # float, NaN when unknown
    eligible: np.ndarray
    docs: list[Document] = field(default_factory=list)


def _codes(values: list[str | None]) -> np.ndarray:
    table: dict[str, int] = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def _build(documents: Sequence[Document], config: RankingConfig) -> _Corpus:
    order = sorted(range(len(documents)), key=lambda i: (-documents[i].date, documents[i].id))
    docs = [documents[i] for i in order]
    counts = []
    for doc in docs:
        c = features(doc.text)
        for term, n in features(doc.title).items():
            c[term] += config.title_weight * n
        counts.append(c)
    df: dict[str, int] = {}
    for c in counts:
        for term in c:
            df[term] = df.get(term, 0) + 1
    n = len(docs)
    # A term in one document cannot relate two documents: drop it.
    vocabulary = sorted(t for t, d in df.items() if d >= 2)
    index = {t: i for i, t in enumerate(vocabulary)}
    idf = {t: math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocabulary}
    rows, cols, vals = [], [], []
    for r, c in enumerate(counts):
        weighted = [(idf[t] * (1.0 + math.log(tf)), t) for t, tf in c.items() if t in index]
        weighted.sort(key=lambda wt: (-wt[0], wt[1]))
        for w, t in weighted[: config.max_terms_per_doc]:
            rows.append(r)
            cols.append(index[t])
            vals.append(w)
    matrix = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n, len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix, dtype=np.float32)
    matrix.sort_indices()

    tag_index: dict[str, int] = {}
    t_rows, t_cols = [], []
    for r, doc in enumerate(docs):
        for tag in set(doc.tags):
            t_rows.append(r)
            t_cols.append(tag_index.setdefault(tag, len(tag_index)))
    tags = sparse.csr_matrix((np.ones(len(t_rows), dtype=np.float32), (t_rows, t_cols)),
                             shape=(n, max(1, len(tag_index))))
    return _Corpus(
        order=order, matrix=matrix, vocabulary=vocabulary, tags=tags,
        tag_counts=np.asarray(tags.sum(axis=1)).ravel(),
        category=_codes([d.category for d in docs]), unit=_codes([d.unit for d in docs]),
        period=np.array([np.nan if d.period is None else d.period for d in docs], dtype=np.float64),
        eligible=np.array([d.eligible for d in docs], dtype=bool), docs=docs,
    )


def _block_scores(c: _Corpus, start: int, stop: int, config: RankingConfig) -> sparse.csr_matrix:
    """Blended scores of rows [start, stop) against every document, sparse."""
    text = (c.matrix[start:stop] @ c.matrix.T).tocsr()
    text.data[text.data < config.min_similarity] = 0.0
    shared = (c.tags[start:stop] @ c.tags.T).tocoo()
    rows = np.concatenate([text.tocoo().row, shared.row])
    cols = np.concatenate([text.tocoo().col, shared.col])
    cosine = np.concatenate([text.tocoo().data, np.zeros(shared.nnz, np.float32)])
    inter = np.concatenate([np.zeros(text.nnz, np.float32), shared.data])
    pairs = sparse.csr_matrix((cosine, (rows, cols)), shape=text.shape)  # sums duplicates
    inters = sparse.csr_matrix((inter, (rows, cols)), shape=text.shape)
    coo = pairs.tocoo()
    r, col = coo.row, coo.col
    inter_v = np.asarray(inters[r, col]).ravel() if coo.nnz else np.zeros(0)
    union = c.tag_counts[r + start] + c.tag_counts[col] - inter_v
    jaccard = np.divide(inter_v, union, out=np.zeros_like(inter_v, dtype=np.float64), where=union > 0)
    score = config.text_weight * coo.data + config.tag_weight * jaccard
    related = (coo.data > 0) | (inter_v > 0)
    same_cat = (c.category[r + start] == c.category[col]) & (c.category[col] >= 0)
    same_unit = (c.unit[r + start] == c.unit[col]) & (c.unit[col] >= 0)
    dp = np.abs(c.period[r + start] - c.period[col])
    closeness = np.where(np.isnan(dp), 0.0, np.exp(-np.nan_to_num(dp) / config.period_scale))
    score = score + config.category_weight * same_cat + config.unit_weight * same_unit
    score = score + config.period_weight * closeness
    keep = related & c.eligible[col] & (r + start != col)
    return sparse.csr_matrix((score[keep], (r[keep], col[keep])), shape=text.shape)


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
    out = []
    if config.explain_terms:
        a, b = c.matrix[i], c.matrix[j]
        common, ia, ib = np.intersect1d(a.indices, b.indices, assume_unique=True, return_indices=True)
        if common.size:
            weight = a.data[ia] * b.data[ib]
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


def unknown_pins(documents: Sequence[Document]) -> list[tuple[str, str, str]]:
    """(document id, pinned slug, problem) for pins that cannot be shown."""
    by_id = {d.id: d for d in documents}
    problems = []
    for doc in documents:
        for slug in doc.pinned:
            target = by_id.get(slug)
            if target is None:
                problems.append((doc.id, slug, "missing"))
            elif slug == doc.id:
                problems.append((doc.id, slug, "self"))
            elif not target.eligible:
                problems.append((doc.id, slug, "unpublished"))
    return problems


def rank(documents: Sequence[Document], config: RankingConfig = RankingConfig()) -> dict[str, list[Related]]:
    """For every document, its ``k`` related documents: pinned ones first, then the
    most similar, then (when too few are similar) the newest of its category."""
    if not documents:
        return {}
    c = _build(documents, config)
    n = len(c.docs)
    position = {d.id: p for p, d in enumerate(c.docs)}
    newest_by_category: dict[int, list[int]] = {}
    for p in range(n):
        if c.eligible[p]:
            newest_by_category.setdefault(int(c.category[p]), []).append(p)
    block = config.block_rows or max(16, min(2048, 4_000_000 // max(n, 1)))
    result: dict[str, list[Related]] = {}
    for start in range(0, n, block):
        stop = min(n, start + block)
        scores = _block_scores(c, start, stop, config)
        for local in range(stop - start):
            p = start + local
            doc = c.docs[p]
            chosen: list[Related] = []
            taken = {p}
            for slug in doc.pinned:
                q = position.get(slug)
                if q is not None and q not in taken and c.eligible[q] and len(chosen) < config.k:
                    chosen.append(Related(slug, 1.0, ("do biên tập viên chọn",)))
                    taken.add(q)
            lo, hi = scores.indptr[local], scores.indptr[local + 1]
            for q, s in _top(scores.data[lo:hi], scores.indices[lo:hi], config.k - len(chosen), taken):
                chosen.append(Related(c.docs[q].id, round(s, 6), _reasons(c, p, q, config)))
                taken.add(q)
            for q in newest_by_category.get(int(c.category[p]), []):
                if len(chosen) >= config.k:
                    break
                if q not in taken:
                    chosen.append(Related(c.docs[q].id, 0.0, ("cùng chuyên mục, bài mới nhất",)))
                    taken.add(q)
            result[doc.id] = chosen
    return {documents[i].id: result[documents[i].id] for i in range(len(documents))}
