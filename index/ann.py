"""Approximate nearest-neighbour search for large indexes: faiss HNSW over 8-bit scalar-quantised vectors,
re-ranked exactly.

Below ``ANN_MIN_ROWS`` passages exact search is fast enough and is used. Above it an ``IndexHNSWSQ``
(``M = 64`` links, 8-bit codes: a quarter of float32's memory) returns ``RERANK × k`` candidates, which are
re-scored exactly with the stored float32 vectors. HNSW, not IVF: on real all-MiniLM-L6-v2 embeddings IVF
needs to visit ~90% of its lists for recall@20 ≥ 0.98 (``factqa bench`` prints the curve), while HNSW
reaches 0.997 at ``efSearch = 256`` there in under a millisecond.

Recall@20 against exact search (``factqa bench``'s synthetic rows: real embeddings mixed plus noise, queries
real headlines; the bench's 30 / 300 more):

| graph | 100k, efSearch 512 | 1M, 512 | 1M, 1024 | 1M, 1536 |
|---|---|---|---|---|
| ``M`` 32, ``efConstruction`` 80 (before) | 0.967 / 0.952 | 0.960 / 0.888 | 0.970 / 0.930 | 0.975 / 0.951 |
| ``M`` 64, ``efConstruction`` 80 | 0.993 / 0.992 | 0.975 / 0.942 | 0.987 / 0.971 | 0.995 / 0.982 |

Past the re-ranking the misses are graph reachability, not quantisation (re-ranking 32× as many
candidates found none of them), and more ``efSearch`` on the 32-link graph levels off below 0.98 (0.977 at
2048); 64 links (or ``efConstruction`` 160 at 32: the same build time) reach it. So ``M`` is 64 (build
time ~1.9×, graph 512 B a row instead of 256) and ``efSearch`` grows with the graph, ``ef_search(n)`` =
512·√(n / 100k), at least 512: 512 at 100k, 1619 at 1M (search with k = 100: ~2 ms at 100k, ~8 ms at 1M).

The graph is wrapped in an ``IndexIDMap`` whose ids are storage slots; an opened index maps the file
instead of reading it (``read_ann(mmap=True)``); new vectors are added without rebuilding (to a copy read in
full); HNSW cannot delete, so rows of replaced articles stay in the graph and are dropped by the slot → row
map (``DenseIndex.slots``) until the next compaction rebuilds it. Persisted with ``faiss.write_index``
(never pickle).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

ANN_MIN_ROWS = 50_000
"""Passage count from which the dense index is approximate: exact search over 100k rows took 15.5 ms here
against 1.0 ms for HNSW at recall@20 1.0 (`factqa bench`), and 0.5 ms at 10k."""
M = 64
"""HNSW links per node."""
EF_CONSTRUCTION = 80
EF_SEARCH = 512
"""Least candidates explored per query (the search also uses at least the number of results asked for)."""
EF_SEARCH_ROWS = 100_000
"""Graph size up to which ``EF_SEARCH`` is enough; beyond it ``ef_search`` grows as the square root of the size."""


def ef_search(n: int) -> int:
    """Candidates a query explores in a graph of ``n`` rows: ``EF_SEARCH · √(n / EF_SEARCH_ROWS)``, at least
    ``EF_SEARCH`` (recall at a fixed ``efSearch`` falls as the graph grows)."""
    return max(EF_SEARCH, round(EF_SEARCH * (n / EF_SEARCH_ROWS) ** 0.5))
RERANK = 4
"""Candidates fetched per result wanted, re-scored exactly."""


def _set_ef(index, ef: int) -> None:
    import faiss

    faiss.downcast_index(index.index).hnsw.efSearch = ef


def build_ann(vectors: np.ndarray, ids: np.ndarray | None = None):
    """Build an HNSW-SQ8 inner-product index over ``vectors`` (float32 unit rows), with ``ids`` (default:
    row positions)."""
    import os

    import faiss

    dim = vectors.shape[1]
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(os.cpu_count() or 1)  # building is batch work
    try:
        graph = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, M, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = EF_CONSTRUCTION
        rng = np.random.default_rng(0)
        sample = vectors[np.sort(rng.choice(len(vectors), size=min(len(vectors), 100_000), replace=False))]
        graph.train(np.ascontiguousarray(sample, dtype=np.float32))  # the 8-bit ranges per dimension
        index = faiss.IndexIDMap(graph)
        add_vectors(index, vectors, 0, ids=ids)
    finally:
        faiss.omp_set_num_threads(before)
    _set_ef(index, ef_search(index.ntotal))
    return index


def add_vectors(index, vectors: np.ndarray, first_id: int, ids: np.ndarray | None = None, block: int = 65_536) -> None:
    """Add ``vectors`` with ``ids`` (default ``first_id, first_id + 1, …``: row positions or storage slots)."""
    ids = np.arange(first_id, first_id + len(vectors), dtype=np.int64) if ids is None else np.asarray(ids, np.int64)
    for start in range(0, len(vectors), block):
        index.add_with_ids(np.ascontiguousarray(vectors[start : start + block], dtype=np.float32),
                           np.ascontiguousarray(ids[start : start + block]))


def write_ann(index, path: Path) -> None:
    """Persist with faiss's own format."""
    import faiss

    faiss.write_index(index, str(path))


def read_ann(path: Path, mmap: bool = False):
    """Read an index written by ``write_ann``; with ``mmap`` the graph and codes stay in the file, mapped
    (``IO_FLAG_MMAP_IFC``: opening reads nothing, a search pages in what it visits; read-only)."""
    import faiss

    index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC if mmap else 0)
    _set_ef(index, ef_search(index.ntotal))
    return index


def set_ef_search(index, ef: int) -> None:
    """Change how many candidates a query explores (recall against speed)."""
    _set_ef(index, ef)


def ef_search_of(index) -> int:
    """How many candidates a query explores in ``index``."""
    import faiss

    return int(faiss.downcast_index(index.index).hnsw.efSearch)


def recall_at(exact: np.ndarray, approx: np.ndarray) -> float:
    """Mean over queries of ``|approx_i ∩ exact_i| / |exact_i|`` (recall@k of approximate against exact ids)."""
    if len(exact) == 0:
        return 1.0
    return float(np.mean([len(set(a.tolist()) & set(e.tolist())) / max(len(e), 1) for e, a in zip(exact, approx, strict=True)]))
