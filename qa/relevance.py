"""Relevance of a passage to a question, calibrated so that a threshold separates answers from silence.

Five features per candidate passage:

- ``dense``: cosine of the question and the passage window (all-MiniLM-L6-v2);
- ``dense_gap``: ``dense`` minus the best cosine of any candidate (0 for the best passage): how far the
  passage is from the best the corpus has to say;
- ``coverage``: share of the question's term weight found in the window,
  ``Σ_{t ∈ q ∩ w} idf(t) / Σ_{t ∈ q} idf(t)`` over stemmed, stopword-free terms known to the corpus;
- ``sentence_coverage``: the same share within the passage's own sentence, which ranks the sentence
  that carries the answer above its neighbours (they share the window's cosine);
- ``entities``: share of the names in the question (capitalised words after the first, known to the
  corpus) that the passage's article mentions anywhere in its body. An article that never names the
  person the question is about does not answer it.

``relevance = σ(bias + w · features)``. The weights are fitted by logistic regression on gold
answer/silence labels (``factqa calibrate``; ``eval.calibrate``) and stored in ``calibration.json``;
an outlet whose best passage scores below ``threshold`` is silent.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.models import Hit
from index.sparse import tokenize
from index.store import Index

FEATURES = ("dense", "dense_gap", "coverage", "sentence_coverage", "entities")


class Calibration(BaseModel):
    """Weights of the relevance model and the answering threshold."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bias: float
    weights: tuple[float, float, float, float, float]
    """One weight per name in ``FEATURES``."""
    threshold: float = 0.5
    """Outlets whose best passage scores below this are silent."""
    fitted_on: str = ""
    """Which labelled data the weights were fitted on."""


DEFAULT_CALIBRATION = Calibration(bias=-4.0, weights=(4.0, 20.0, 2.0, 1.0, 3.0), threshold=0.5, fitted_on="untrained defaults")
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
"""Fitted weights shipped with factqa (written by ``factqa calibrate``)."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def load_calibration(path: Path | None = None) -> Calibration:
    """Read the calibration file; the built-in defaults when there is none."""
    path = path or CALIBRATION_FILE
    if not path.exists():
        return DEFAULT_CALIBRATION
    return Calibration.model_validate_json(path.read_text(encoding="utf-8"))


def question_terms(question: str) -> list[str]:
    """Stemmed content terms of ``question`` (no question words or auxiliaries), each once, in order."""
    return list(dict.fromkeys(tokenize([question], content_only=True)[0]))


def question_names(question: str) -> list[str]:
    """Stemmed terms of the capitalised words of ``question`` after its first word ("Scholz", "Ana")."""
    words = _WORD.findall(question)
    names = [w for w in words[1:] if w[0].isupper() and w != "I"]
    return list(dict.fromkeys(tokenize([" ".join(names)])[0])) if names else []


def coverage(terms: list[str], window_terms: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted share of ``terms`` present in ``window_terms`` (0 when no term is known to the corpus)."""
    total = sum(idf[t] for t in terms)
    if total <= 0:
        return 0.0
    return sum(idf[t] for t in terms if t in window_terms) / total


def features(index: Index, question: str, hits: list[Hit]) -> np.ndarray:
    """``(len(hits), 5)`` array of the features in ``FEATURES`` order."""
    if not hits:
        return np.zeros((0, len(FEATURES)))
    terms = question_terms(question)
    idf = {t: index.sparse.idf(t) for t in terms}
    names = [n for n in question_names(question) if index.sparse.doc_freq.get(n)]
    mentions = {n: index.articles_with(n) for n in names}
    passages = [index.passage_by_id[h.passage_id] for h in hits]
    window_terms = tokenize([p.window for p in passages])
    sentence_terms = tokenize([p.text for p in passages])
    dense = np.array([h.dense or 0.0 for h in hits])
    out = np.zeros((len(hits), len(FEATURES)))
    out[:, 0] = dense
    out[:, 1] = dense - dense.max()
    for i, (passage, words, own) in enumerate(zip(passages, window_terms, sentence_terms, strict=True)):
        out[i, 2] = coverage(terms, set(words), idf)
        out[i, 3] = coverage(terms, set(own), idf)
        out[i, 4] = sum(passage.article_id in mentions[n] for n in names) / len(names) if names else 1.0
    return out


def score(row: np.ndarray, calibration: Calibration) -> float:
    """Calibrated relevance in (0, 1) of one feature row."""
    z = calibration.bias + float(np.dot(calibration.weights, row))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
