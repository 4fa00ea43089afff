"""Clustering metrics: how well predicted stories match the true events (pure functions).

Both arguments map an item id to a cluster label; only items in ``truth`` are scored, and an item the
prediction misses counts as a singleton cluster of its own (never dropped).
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict


class ClusterScores(BaseModel):
    """B-cubed precision, recall and F1, and the adjusted Rand index, of one clustering."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    precision: float
    """B-cubed precision."""
    recall: float
    """B-cubed recall."""
    f1: float
    """Harmonic mean of the two."""
    ari: float
    """Adjusted Rand index (1 = identical partitions, about 0 = chance)."""
    n_items: int
    """Items scored."""
    n_true: int
    """Clusters in the truth."""
    n_predicted: int
    """Clusters in the prediction (over the scored items)."""


def _aligned(truth: dict[str, str], predicted: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    items = sorted(truth)
    return items, [truth[i] for i in items], [predicted.get(i, f"\0missing:{i}") for i in items]


def bcubed(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed ``(precision, recall, F1)``: for each item ``i`` with true cluster ``L(i)`` and predicted
    cluster ``C(i)``, ``P_i = |C(i) ∩ L(i)| / |C(i)|`` and ``R_i = |C(i) ∩ L(i)| / |L(i)|``; ``P`` and ``R``
    are their means over the items, ``F1 = 2PR / (P + R)``. All 0 for no items."""
    items, true, pred = _aligned(truth, predicted)
    if not items:
        return 0.0, 0.0, 0.0
    both = Counter(zip(true, pred, strict=True))
    n_true, n_pred = Counter(true), Counter(pred)
    p = sum(both[t, c] / n_pred[c] for t, c in zip(true, pred, strict=True)) / len(items)
    r = sum(both[t, c] / n_true[t] for t, c in zip(true, pred, strict=True)) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def adjusted_rand(truth: dict[str, str], predicted: dict[str, str]) -> float:
    """Adjusted Rand index of the two partitions of ``truth``'s items (scikit-learn's ``adjusted_rand_score``):
    ``(RI - E[RI]) / (max RI - E[RI])`` over pairs of items."""
    from sklearn.metrics import adjusted_rand_score

    _, true, pred = _aligned(truth, predicted)
    return float(adjusted_rand_score(true, pred)) if true else 0.0


def score_clusters(truth: dict[str, str], predicted: dict[str, str]) -> ClusterScores:
    """All the metrics of ``predicted`` against ``truth``."""
    p, r, f1 = bcubed(truth, predicted)
    _, true, pred = _aligned(truth, predicted)
    return ClusterScores(precision=p, recall=r, f1=f1, ari=adjusted_rand(truth, predicted), n_items=len(true),
                         n_true=len(set(true)), n_predicted=len(set(pred)))
