"""Clustering metrics against hand calculations."""

from __future__ import annotations

import pytest

from eval.clustering import adjusted_rand, bcubed, score_clusters

TRUTH = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}


def test_perfect_clustering_scores_one():
    predicted = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    assert bcubed(TRUTH, predicted) == (1.0, 1.0, 1.0)
    assert adjusted_rand(TRUTH, predicted) == pytest.approx(1.0)


def test_bcubed_by_hand():
    # predicted {a,b} {c,d,e}: P = (1+1 + 1/3+2/3+2/3)/5 = 11/15; R = (2/3+2/3+1/3 + 1+1)/5 = 11/15
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    p, r, f1 = bcubed(TRUTH, predicted)
    assert p == pytest.approx(11 / 15) and r == pytest.approx(11 / 15) and f1 == pytest.approx(11 / 15)


def test_all_in_one_cluster_has_full_recall():
    # one cluster of 5: P = (3·3/5 + 2·2/5)/5 = 13/25, R = 1
    predicted = dict.fromkeys(TRUTH, "1")
    p, r, f1 = bcubed(TRUTH, predicted)
    assert (p, r) == (pytest.approx(13 / 25), 1.0)
    assert f1 == pytest.approx(2 * (13 / 25) / (1 + 13 / 25))
    assert adjusted_rand(TRUTH, predicted) == pytest.approx(0.0)


def test_adjusted_rand_by_hand():
    # contingency of {a,b}{c,d,e} vs truth {a,b,c}{d,e}: cells 2,1,2 → Σ C(n,2) = 1+0+1 = 2;
    # rows C(3,2)+C(2,2) = 4, cols C(2,2)+C(3,2) = 4, pairs C(5,2) = 10; expected 4·4/10 = 1.6
    # ARI = (2 - 1.6) / (4 - 1.6) = 1/6
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    assert adjusted_rand(TRUTH, predicted) == pytest.approx(1 / 6)


def test_a_missing_prediction_is_its_own_singleton():
    predicted = {"a": "1", "b": "1", "c": "1", "d": "2"}  # e missing: a singleton
    scores = score_clusters(TRUTH, predicted)
    # P = 1 for every item; R = (1+1+1 + 1/2 + 1/2)/5 = 4/5
    assert (scores.precision, scores.recall) == (1.0, pytest.approx(0.8))
    assert (scores.n_items, scores.n_true, scores.n_predicted) == (5, 2, 3)


def test_no_items():
    assert bcubed({}, {}) == (0.0, 0.0, 0.0)
    assert score_clusters({}, {}).ari == 0.0
