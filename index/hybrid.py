"""Hybrid retrieval: dense (faiss) and BM25 (bm25s) candidates fused by reciprocal rank fusion.

RRF (Cormack et al., 2009): ``score(d) = Σ_r 1 / (k + rank_r(d))`` over the retrievers that returned ``d``,
rank starting at 1. Every hit also carries both raw scores (cosine and BM25), computed for all
candidates, so later stages (silence, comparison) can read them whichever retriever found the passage.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from index.dense import DenseIndex
from index.sparse import SparseIndex

Retriever = Literal["hybrid", "dense", "bm25"]
RETRIEVERS: tuple[Retriever, ...] = ("hybrid", "dense", "bm25")


def rrf(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Fuse ranked lists of ids by reciprocal rank fusion; return ``{id: fused score}``."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


SAMPLE_STEP = 16
"""``_top`` reads every this-many-th score for a floor under the n-th best (a lower bound: each of the n best
scores of a subset has n - 1 at least as high in the whole)."""


def _top(scores: np.ndarray, n: int) -> list[int]:
    """The ``n`` best-scoring rows with a score above 0, best first, ties by row: the rows of
    ``np.argpartition(-scores, n - 1)[:n]`` (which of the rows tied at the n-th place it keeps is numpy's choice,
    so when such a tie straddles the n-th place that very partition is taken). Otherwise only the rows at or above
    a floor from a strided sample are partitioned: at 1M passages 200k-800k rows score above 0, a few thousand
    reach the floor."""
    n = min(n, len(scores))
    if n == 0:
        return []
    sample = scores[::SAMPLE_STEP]
    floor = np.partition(sample, len(sample) - n)[len(sample) - n] if len(sample) > n else 0
    # every row of the n best and every row tied with the n-th is at or above the floor
    candidates = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores > 0)
    if len(candidates) <= n:  # all in: the same list a partition of all rows gives
        return [int(i) for i in candidates[np.lexsort((candidates, -scores[candidates]))]]
    kept = scores[candidates]
    cut = np.partition(kept, len(candidates) - n)[len(candidates) - n]
    above = candidates[kept > cut]
    tied = candidates[kept == cut]
    if len(above) + len(tied) == n:  # no tie straddles the n-th place: the top n is one set, whatever the partition
        picked = np.concatenate([above, tied])
        return [int(i) for i in picked[np.lexsort((picked, -scores[picked]))]]
    part = np.argpartition(-scores, n - 1)[:n]
    order = part[np.lexsort((part, -scores[part]))]
    return [int(i) for i in order if scores[i] > 0]


class Candidate:
    """A searchable row and its scores (plain object: stays inside ``index``)."""

    __slots__ = ("row", "score", "dense", "bm25")

    def __init__(self, row: int, score: float, dense: float, bm25: float):
        self.row, self.score, self.dense, self.bm25 = row, score, dense, bm25


def hybrid_search(
    dense: DenseIndex,
    sparse: SparseIndex,
    query_vector: np.ndarray | None,
    question: str,
    n: int,
    retriever: Retriever = "hybrid",
    rrf_k: int = 60,
) -> list[Candidate]:
    """Return up to ``n`` candidate rows ranked by ``retriever``, each with its cosine and BM25 score."""
    bm25_all = sparse.scores(question) if retriever != "dense" else None
    rankings: list[list[int]] = []
    if retriever in ("hybrid", "dense") and query_vector is not None:
        _, rows = dense.search(query_vector, n)
        rankings.append([int(r) for r in rows if r >= 0])
    if bm25_all is not None:
        rankings.append(_top(bm25_all, n))
    if retriever == "hybrid":
        fused = rrf(rankings, rrf_k)
    else:
        fused = {row: 1.0 / (rrf_k + rank) for rank, row in enumerate(rankings[0] if rankings else [], start=1)}
    rows = np.fromiter(fused, dtype=np.int64, count=len(fused))
    if len(rows) == 0:
        return []
    cosines = dense.similarity(query_vector, rows) if query_vector is not None else np.zeros(len(rows))
    bm25 = bm25_all[rows] if bm25_all is not None else np.zeros(len(rows))
    found = [Candidate(int(r), fused[int(r)], float(c), float(b)) for r, c, b in zip(rows, cosines, bm25, strict=True)]
    found.sort(key=lambda c: (-c.score, -c.dense, c.row))
    return found[:n]
