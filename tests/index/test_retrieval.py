"""faiss against brute force, BM25 and RRF against hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from index.dense import DenseIndex
from index.hybrid import hybrid_search, rrf
from index.sparse import SparseIndex, tokenize


def test_faiss_matches_brute_force_numpy():
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(500, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex(vectors)
    for _ in range(5):
        query = rng.normal(size=32).astype(np.float32)
        query /= np.linalg.norm(query)
        scores, rows = index.search(query, 10)
        expected = np.argsort(-(vectors @ query))[:10]
        assert list(rows) == list(expected)
        np.testing.assert_allclose(scores, (vectors @ query)[expected], rtol=1e-5)


def test_dense_search_on_empty_index():
    index = DenseIndex(np.zeros((0, 8), dtype=np.float32))
    scores, rows = index.search(np.ones(8, dtype=np.float32), 5)
    assert len(scores) == len(rows) == 0


def test_rrf_hand_computed():
    fused = rrf([[1, 2, 3], [3, 1]], k=60)
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[2] == pytest.approx(1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)


def test_tokenize_normalises_irregular_forms_and_stems():
    assert tokenize(["Tokayev told Scholz; leaders tell"]) == [["tokayev", "tell", "scholz", "leader", "tell"]]
    assert tokenize(["What did he say?"], content_only=True) == [["say"]]


def test_a_dotted_initialism_is_one_term_as_written_without_its_dots():
    assert tokenize(["U.S. troops left the U.K."]) == tokenize(["US troops left the UK"]) == [["us", "troop", "leav", "uk"]]


def test_bm25_idf_and_rows_with():
    sparse = SparseIndex.build(["cat sat on mat", "dog ran", "cat and dog"])
    assert sorted(sparse.rows_with("cat").tolist()) == [0, 2]
    assert sparse.idf("cat") == pytest.approx(math.log(1 + (3 - 2 + 0.5) / (2 + 0.5)))
    assert sparse.idf("zebra") == 0.0
    scores = sparse.scores("cat")
    assert scores[1] == 0 and scores[0] > 0 and scores[2] > 0
    assert not sparse.scores("zebra").any()


def test_hybrid_search_modes_and_scores():
    texts = ["the cat sat on the mat", "dogs run in the park", "a cat and a dog"]
    vectors = np.eye(3, dtype=np.float32)
    dense, sparse = DenseIndex(vectors), SparseIndex.build(texts)
    query = np.array([0, 0, 1], dtype=np.float32)
    only_dense = hybrid_search(dense, sparse, query, "cat", 3, "dense")
    assert only_dense[0].row == 2 and only_dense[0].dense == pytest.approx(1.0)
    only_bm25 = hybrid_search(dense, sparse, query, "cat", 3, "bm25")
    assert {c.row for c in only_bm25} == {0, 2}
    fused = hybrid_search(dense, sparse, query, "cat", 3, "hybrid")
    assert fused[0].row == 2  # first in dense, in the BM25 list too
    assert all(c.bm25 >= 0 for c in fused)
