"""Approximate dense search: recall against exact search, persistence with faiss's format, use in the store."""

from __future__ import annotations

import numpy as np
import pytest

import index.ann as ann
import index.store as store_module
from index.ann import build_ann, read_ann, recall_at, write_ann
from index.dense import DenseIndex
from index.ingest import read_articles
from index.store import IndexStore
from index.update import update_index
from tests.conftest import SEEDS


def _clustered(n: int, dim: int = 32, centres: int = 40, seed: int = 0) -> np.ndarray:
    """Unit vectors around a few centres, as sentence embeddings are (uniform random ones have no structure)."""
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, dim))
    x = c[rng.integers(0, centres, n)] + 0.35 * rng.normal(size=(n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_exact_search_matches_brute_force():
    vectors = _clustered(500)
    dense = DenseIndex(vectors)
    q = vectors[7]
    expected = np.argsort(-(vectors @ q), kind="stable")[:10]
    assert dense.search(q, 10)[1].tolist() == expected.tolist()
    assert dense.exact_search(vectors[[7]], 10)[0].tolist() == expected.tolist()


def test_hnsw_recall_against_exact_and_reranked_scores_are_exact():
    vectors = _clustered(4000)
    exact = DenseIndex(vectors)
    approx = DenseIndex(vectors, ann=build_ann(vectors))
    queries = _clustered(50, seed=1)
    truth = exact.exact_search(queries, 20)
    found = np.stack([approx.search(q, 20)[1] for q in queries])
    assert recall_at(truth, found) >= 0.98
    scores, rows = approx.search(queries[0], 5)
    assert np.allclose(scores, vectors[rows] @ queries[0], atol=1e-6)


def test_ef_search_grows_with_the_graph_and_is_set_on_build_and_read(tmp_path):
    assert ann.ef_search(0) == ann.ef_search(100_000) == ann.EF_SEARCH == 512
    assert ann.ef_search(400_000) == 1024 and ann.ef_search(1_000_000) == 1619  # 512 · √(n / 100k)
    index = build_ann(_clustered(300))
    assert ann.ef_search_of(index) == 512
    write_ann(index, tmp_path / "dense.faiss")
    assert ann.ef_search_of(read_ann(tmp_path / "dense.faiss", mmap=True)) == 512


def test_recall_formula_by_hand():
    assert recall_at(np.array([[1, 2, 3, 4]]), np.array([[4, 3, 9, 8]])) == 0.5
    assert recall_at(np.zeros((0, 3), dtype=int), np.zeros((0, 3), dtype=int)) == 1.0


def test_write_read_and_dead_slots_are_dropped(tmp_path):
    vectors = _clustered(1000)
    index = build_ann(vectors)
    write_ann(index, tmp_path / "dense.faiss")
    again = read_ann(tmp_path / "dense.faiss")
    assert again.ntotal == 1000 and (tmp_path / "dense.faiss").read_bytes()[:1] != b"\x80"  # not a pickle
    slots = np.arange(1000) - 1  # slot 0 is dead (a replaced article's row), slot i is row i-1
    slots[0] = -1
    dense = DenseIndex(vectors[1:], ann=again, slots=slots)
    rows = dense.search(vectors[0], 5)[1].tolist()
    assert -1 not in rows and all(0 <= r < 999 for r in rows)
    assert dense.search(vectors[3], 1)[1].tolist() == [2]  # slot 3 is row 2


def test_store_switches_to_ann_above_threshold_and_stays_incremental(tmp_path, hashing_encoder, monkeypatch):
    monkeypatch.setattr(ann, "ANN_MIN_ROWS", 30)
    store = IndexStore(tmp_path / "idx")
    articles = read_articles([SEEDS]).articles
    update_index(store, articles[:3], hashing_encoder)
    assert store.load().dense.kind == "hnsw-sq8"
    manifest = store.manifest()
    assert "dense.faiss" in manifest.files
    update_index(store, articles[3:], hashing_encoder)
    loaded = store.load()
    assert loaded.dense.kind == "hnsw-sq8" and loaded.dense.ann.ntotal == len(loaded.rows)
    changed = articles[0].model_copy(update={"text": articles[0].text + "\nOne more closing sentence."})
    update_index(store, [changed], hashing_encoder)
    again = store.load()
    assert again.dense.slots is not None and again.dense.ann.ntotal > len(again.rows)  # dead rows stay in the graph
    found = again.dense.search(hashing_encoder.encode([changed.text])[0], 10)[1]
    assert all(0 <= r < len(again.rows) for r in found.tolist())
    q = hashing_encoder.encode(["Tokayev Scholz"])[0]
    assert set(loaded.dense.search(q, 5)[1].tolist()) <= set(range(len(loaded.rows)))
    assert store_module.dense_index(loaded.vectors).kind == "hnsw-sq8"


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_indexes_are_exact(n):
    dense = DenseIndex(_clustered(max(n, 1))[:n] if n else np.zeros((0, 32), dtype=np.float32))
    assert dense.kind == "flat" and len(dense.search(np.ones(32, dtype=np.float32) / np.sqrt(32), 5)[1]) == n
