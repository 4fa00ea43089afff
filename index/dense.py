"""Inner-product search over unit vectors with faiss: exact (``IndexFlatIP``) or, for large indexes,
approximate (``index.ann``) with exact re-ranking."""

from __future__ import annotations

import numpy as np


def single_query_threads() -> None:
    """Search one query at a time on one OpenMP thread: on a busy machine faiss's thread team spins and a
    10k-row flat search takes 16 ms on two threads against 1 ms on one (measured here; 100k: 46 vs 13 ms).
    Index builds raise the count again for themselves (``index.ann.build_ann``)."""
    import faiss

    if faiss.omp_get_max_threads() != 1:
        faiss.omp_set_num_threads(1)


NUMPY_MAX_ROWS = 20_000
"""Up to this many rows exact search is a numpy product (no faiss import on a cold start: ~0.3 s)."""


class SegmentRows:
    """The live rows of several segments' memory-mapped vector files, as one read-only row array without
    copying them: ``rows[ids]`` gathers from each file (what approximate search and re-ranking read);
    ``np.asarray(rows)`` makes the full copy (exact search over everything, a rewrite)."""

    def __init__(self, parts: list[np.ndarray], masks: list[np.ndarray]):
        self.parts = parts
        self.segment = np.concatenate([np.full(int(m.sum()), i, dtype=np.int16) for i, m in enumerate(masks)])
        self.local = np.concatenate([np.flatnonzero(m).astype(np.int64) for m in masks])
        self.shape = (len(self.local), int(parts[0].shape[1]))
        self.dtype = np.dtype(np.float32)
        self.ndim = 2

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, ids):
        if isinstance(ids, (int, np.integer)):
            return np.asarray(self.parts[self.segment[ids]][self.local[ids]], dtype=np.float32)
        ids = np.asarray(ids, dtype=np.int64)
        out = np.empty((len(ids), self.shape[1]), dtype=np.float32)
        seg = self.segment[ids]
        for s in np.unique(seg).tolist():
            picked = seg == s
            out[picked] = self.parts[s][self.local[ids[picked]]]
        return out

    def __array__(self, dtype=None, copy=None):
        whole = np.concatenate([p[self.local[self.segment == s]] for s, p in enumerate(self.parts)])
        return whole if dtype is None else whole.astype(dtype, copy=False)


class DenseIndex:
    """The dense index over the snapshot's passage vectors (cosine, as vectors are unit length).

    ``ann`` is an optional faiss HNSW index (``index.ann``); without it search is exact. Its ids are storage slots, mapped
    to row positions by ``slots`` (``slots[id] = row``; identity when None).
    """

    def __init__(self, vectors: np.ndarray | SegmentRows, ann=None, slots: np.ndarray | None = None):
        if isinstance(vectors, SegmentRows) and ann is None:
            vectors = np.asarray(vectors)  # exact search reads every row: one array
        self.vectors = vectors if isinstance(vectors, SegmentRows) else np.ascontiguousarray(vectors, dtype=np.float32)
        self.dimension = int(self.vectors.shape[1])
        self.ann = ann
        self.slots = slots
        self._flat = None

    @property
    def size(self) -> int:
        """Number of indexed vectors."""
        return len(self.vectors)

    @property
    def kind(self) -> str:
        """``"flat"`` (exact) or ``"hnsw-sq8"`` (approximate, re-ranked)."""
        return "flat" if self.ann is None else "hnsw-sq8"

    def _exact(self):
        if self._flat is None:
            import faiss

            single_query_threads()
            self._flat = faiss.IndexFlatIP(self.dimension)
            if self.size:
                self._flat.add(self.vectors)
        return self._flat

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(scores, positions)`` of the ``k`` nearest passages to one unit ``query`` vector."""
        k = min(k, self.size)
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if self.ann is None and self.size <= NUMPY_MAX_ROWS:
            scores = self.vectors @ q[0]
            part = np.argpartition(-scores, k - 1)[:k] if k < self.size else np.arange(self.size)
            order = part[np.lexsort((part, -scores[part]))]
            return scores[order], order.astype(np.int64)
        if self.ann is None:
            scores, ids = self._exact().search(q, k)
            return scores[0], ids[0]
        from index.ann import RERANK

        single_query_threads()
        _, ids = self.ann.search(q, min(k * RERANK, self.size))
        ids = ids[0][ids[0] >= 0]
        if self.slots is not None:
            ids = self.slots[ids]
            ids = ids[ids >= 0]
        exact = self.vectors[ids] @ q[0]
        order = np.lexsort((ids, -exact))[:k]
        return exact[order], ids[order]

    def exact_search(self, queries: np.ndarray, k: int) -> np.ndarray:
        """Ids of the exact ``k`` nearest rows of each query, best first (the oracle for recall; numpy, no copy)."""
        k = min(k, self.size)
        out = np.zeros((len(queries), k), dtype=np.int64)
        for start in range(0, len(queries), 16):
            scores = np.asarray(queries[start : start + 16], dtype=np.float32) @ self.vectors.T
            for i, row in enumerate(scores):
                part = np.argpartition(-row, k - 1)[:k]
                out[start + i] = part[np.lexsort((part, -row[part]))]
        return out

    def similarity(self, query: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Return the cosine of ``query`` with the passages at ``positions``."""
        return self.vectors[positions] @ query.astype(np.float32)
