"""Exact inner-product search over unit vectors with faiss."""

from __future__ import annotations

import numpy as np


class DenseIndex:
    """A faiss ``IndexFlatIP`` over the snapshot's passage vectors (cosine, as vectors are unit length)."""

    def __init__(self, vectors: np.ndarray):
        import faiss

        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.dimension = int(self.vectors.shape[1])
        self._index = faiss.IndexFlatIP(self.dimension)
        if len(self.vectors):
            self._index.add(self.vectors)

    @property
    def size(self) -> int:
        """Number of indexed vectors."""
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(scores, positions)`` of the ``k`` nearest passages to one unit ``query`` vector."""
        k = min(k, self.size)
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores, ids = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        return scores[0], ids[0]

    def similarity(self, query: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Return the cosine of ``query`` with the passages at ``positions``."""
        return self.vectors[positions] @ query.astype(np.float32)
