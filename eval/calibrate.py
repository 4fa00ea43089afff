"""Fitting the relevance model (``qa.relevance``) on gold answer/silence labels.

Samples: for every answering document, its passages that hit a gold evidence string (label 1); for every
silent document, all its candidate passages (label 0). A logistic regression with a small L2 penalty
gives the weights. The threshold is then chosen at document level (a document answers when its best
passage reaches it) to maximise the mean of outlet coverage and silence accuracy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from pydantic import BaseModel, ConfigDict

from eval.gold import GoldItem
from eval.overlap import overlaps_evidence
from qa.relevance import Calibration, features, score
from qa.service import QAService


class Sample(BaseModel):
    """Features of one passage and the label of its document."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    doc: str
    features: tuple[float, ...]
    """In ``qa.relevance.FEATURES`` order."""
    label: int
    """1 answering evidence, 0 silent document, -1 other passage of an answering document (unlabelled)."""


def collect(items: Iterable[GoldItem], service_for: Callable[[GoldItem], QAService]) -> list[Sample]:
    """Features of every candidate passage for every gold item, labelled from the gold."""
    samples = []
    for item in items:
        service = service_for(item)
        index = service.index
        vector = service.encoder.encode([item.question])[0]
        hits = index.search(item.question, vector, n=service.settings.candidates)
        rows = features(index, item.question, hits)
        for hit, row in zip(hits, rows, strict=True):
            doc = hit.article_id
            passage = index.passage_by_id[hit.passage_id]
            if doc in item.answers:
                text = index.articles[doc].text
                label = 1 if overlaps_evidence(text, passage.start, passage.end, item.answers[doc].evidence) else -1
            elif doc in item.silent:
                label = 0
            else:
                continue
            samples.append(Sample(item=item.id, doc=doc, features=tuple(float(v) for v in row), label=label))
    return samples


def _fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> np.ndarray:
    """Weights ``[bias, w...]`` minimising class-balanced log loss + ``l2·|w|²`` (Newton's method on
    standardised features, mapped back to raw feature units)."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    xb = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    weight = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1))
    penalty = 2 * l2 * np.diag(np.r_[0.0, np.ones(x.shape[1])])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (weight * (p - y)) + penalty @ w
        hess = (xb * (weight * p * (1 - p))[:, None]).T @ xb + penalty
        w -= np.linalg.solve(hess, grad)
    raw = w[1:] / std
    return np.r_[w[0] - float(raw @ mean), raw]


def fit(samples: list[Sample], fitted_on: str) -> Calibration:
    """Fit weights on labelled passages, then the document-level threshold."""
    labelled = [s for s in samples if s.label >= 0]
    if not any(s.label == 1 for s in labelled) or not any(s.label == 0 for s in labelled):
        raise ValueError("calibration needs both answering evidence and silent documents")
    x = np.array([s.features for s in labelled])
    y = np.array([s.label for s in labelled], dtype=float)
    w = _fit_logistic(x, y)
    provisional = Calibration(bias=float(w[0]), weights=tuple(float(v) for v in w[1:]), threshold=0.5, fitted_on=fitted_on)
    best_doc = document_scores(samples, provisional)
    threshold = choose_threshold(best_doc)
    return provisional.model_copy(update={"threshold": threshold})


def document_scores(samples: list[Sample], calibration: Calibration) -> dict[tuple[str, str], tuple[float, bool]]:
    """``{(item, doc): (best relevance, answers?)}`` under ``calibration``."""
    best: dict[tuple[str, str], tuple[float, bool]] = {}
    for s in samples:
        key = (s.item, s.doc)
        rel = score(np.array(s.features), calibration)
        answers = s.label != 0
        if key not in best or rel > best[key][0]:
            best[key] = (rel, answers)
    return best


def choose_threshold(best_doc: dict[tuple[str, str], tuple[float, bool]]) -> float:
    """Threshold maximising ``(coverage + silence accuracy) / 2``; the midpoint of the best gap, ties to the middle."""
    values = sorted({round(v, 6) for v, _ in best_doc.values()})
    cuts = [(a + b) / 2 for a, b in zip([0.0, *values], [*values, 1.0], strict=True)]
    pos = [v for v, a in best_doc.values() if a]
    neg = [v for v, a in best_doc.values() if not a]

    def balanced(t: float) -> float:
        cov = sum(v >= t for v in pos) / max(len(pos), 1)
        sil = sum(v < t for v in neg) / max(len(neg), 1)
        return (cov + sil) / 2

    top = max(balanced(t) for t in cuts)
    winners = [t for t in cuts if balanced(t) == top]
    return float(winners[len(winners) // 2])


def calibrate(gold_paths: list, factory) -> Calibration:
    """Fit a calibration on every item of ``gold_paths`` (answered through ``factory.for_item``)."""
    from pathlib import Path

    from eval.gold import load_gold

    samples: list[Sample] = []
    names = []
    for path in gold_paths:
        items = load_gold(Path(path))
        samples.extend(collect(items, factory.for_item))
        names.append(f"{Path(path).name} ({len(items)} items)")
    return fit(samples, fitted_on=", ".join(names))
