"""Pure metric functions: gold answers vs what factqa showed, and ranked retrieval vs qrels.

Every function scores **one question**; ``mean_defined`` then averages the per-question scores (macro).
A question whose denominator is empty for a metric (no answering document, no gold conflict of a kind…)
scores ``None`` — not available — and is left out of that metric's average; nothing is ever faked as 0
or 1. A **missing prediction** (``prediction is None``: the question could not be answered) scores the
worst value of every metric whose denominator is not empty (0, or 1 for the false-flag rate): it is never
dropped.

Notation for one question ``q``: ``A`` the answering documents (gold ``answers`` minus ``optional``),
``Z`` the silent documents (gold ``silent`` minus ``optional``), ``S(d)`` the snippets shown for document
``d`` (best first), ``E(d)`` its gold evidence strings, ``hit(s, d)`` the README's overlap rule
(``eval.overlap.overlaps_evidence``), ``F`` the disagreements factqa reported, each with a kind and the
unordered pair of documents of its two sides.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field

from eval.gold import GoldConflict, GoldItem
from eval.overlap import overlaps_evidence
from qa.models import Answer

FACTUAL_KINDS = frozenset({"date", "number", "entity", "claim"})
"""Disagreement kinds that ``not_conflicts`` pairs must not be flagged with."""

CONFLICT_KINDS = ("date", "number", "entity", "claim", "any")
"""Gold kinds counted by the overall ``conflict_recall`` (``quote`` is scored separately, by ``quote_recall``)."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Flag(BaseModel):
    """One disagreement as the metrics see it: its kind and the documents of its two sides."""

    model_config = _FROZEN

    kind: str
    """``qa.models.DisagreementKind``."""
    documents: frozenset[str]
    """Article ids of the two sides (one id when both sides come from the same article)."""
    severity: str = "major"
    """``qa.models.Severity``: quote variants are ``minor``."""
    internal: bool = False
    """A contradiction inside the text (``Disagreement.internal``)."""
    outlets: frozenset[str] = frozenset()
    """Outlets of the two sides (one when both are the same outlet)."""
    detector: str | None = None
    """Name of the detector that raised it (``Disagreement.detector``); None for flags built without one."""


class Prediction(BaseModel):
    """What factqa showed for one question, reduced to what the metrics read."""

    model_config = _FROZEN

    snippets: dict[str, list[tuple[int, int]]] = Field(default_factory=dict)
    """Document id → ``(start, end)`` offsets of the snippets shown for it, best first."""
    flags: list[Flag] = Field(default_factory=list)
    """The reported disagreements."""
    outlets: frozenset[str] = frozenset()
    """The outlets shown as answering."""
    groups: list[frozenset[str]] | None = None
    """Article ids of each answer group (``Answer.answers``); None: groups are read from the flags
    (``eval.flag_metrics.pair_relation``)."""


def prediction_from_answer(answer: Answer) -> Prediction:
    """Reduce an ``Answer``: a document's snippets are the shown snippets carrying its article id, in
    the order shown (an outlet's snippets are best first); a document with none is reported silent."""
    snippets: dict[str, list[tuple[int, int]]] = {}
    for outlet in answer.outlets:
        for snippet in outlet.snippets:
            snippets.setdefault(snippet.article_id, []).append((snippet.start, snippet.end))
    flags = [Flag(kind=d.kind, documents=frozenset(side.article_id for side in d.sides), severity=d.severity,
                  internal=d.internal, outlets=frozenset(d.outlets),
                  detector=d.detector or None)
             for d in answer.disagreements]
    return Prediction(snippets=snippets, flags=flags, outlets=frozenset(o.outlet for o in answer.outlets),
                      groups=[frozenset(g.article_ids) for g in answer.answers])


def answering_documents(item: GoldItem) -> list[str]:
    """``A``: documents with gold answers that are not optional, in gold order."""
    return [d for d in item.answers if d not in item.optional]


def silent_documents(item: GoldItem) -> list[str]:
    """``Z``: documents that must be reported silent, optional ones excluded, in gold order."""
    return [d for d in dict.fromkeys(item.silent) if d not in item.optional]


def document_hit(item: GoldItem, prediction: Prediction | None, texts: Mapping[str, str], doc: str,
                 k: int | None = None) -> bool:
    """True when one of the first ``k`` snippets shown for ``doc`` (all of them when ``k`` is None)
    overlaps one of its gold evidence strings."""
    if prediction is None or doc not in texts:
        return False
    shown = prediction.snippets.get(doc, [])
    shown = shown if k is None else shown[:k]
    evidence = item.answers[doc].evidence
    return any(overlaps_evidence(texts[doc], start, end, evidence) for start, end in shown)


def evidence_recall_at_k(item: GoldItem, prediction: Prediction | None, texts: Mapping[str, str],
                         k: int) -> float | None:
    """Evidence recall@k: ``|{d ∈ A : ∃ s ∈ S(d)[:k], hit(s, d)}| / |A|``; None when ``A`` is empty.

    A document with no snippet (missing outlet) counts as a miss.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    docs = answering_documents(item)
    if not docs:
        return None
    return sum(document_hit(item, prediction, texts, d, k) for d in docs) / len(docs)


def outlet_coverage(item: GoldItem, prediction: Prediction | None, texts: Mapping[str, str]) -> float | None:
    """Outlet coverage: ``|{d ∈ A : ∃ s ∈ S(d), hit(s, d)}| / |A|`` — answering documents shown as
    answering with a correct snippet among all shown; None when ``A`` is empty."""
    docs = answering_documents(item)
    if not docs:
        return None
    return sum(document_hit(item, prediction, texts, d) for d in docs) / len(docs)


def silence_accuracy(item: GoldItem, prediction: Prediction | None) -> float | None:
    """Silence accuracy: ``|{d ∈ Z : S(d) = ∅}| / |Z|``; None when ``Z`` is empty; 0 for a missing prediction."""
    docs = silent_documents(item)
    if not docs:
        return None
    if prediction is None:
        return 0.0
    return sum(not prediction.snippets.get(d) for d in docs) / len(docs)


def kind_matches(gold_kind: str, reported_kind: str) -> bool:
    """A reported disagreement recovers a gold conflict when the kinds are equal or the gold kind is ``any``."""
    return gold_kind == "any" or gold_kind == reported_kind


def conflict_found(conflict: GoldConflict, prediction: Prediction | None) -> bool:
    """True when a reported disagreement joins the conflict's two documents (unordered) with a matching kind."""
    if prediction is None:
        return False
    docs = frozenset(conflict.outlets)
    return any(f.documents == docs and kind_matches(conflict.kind, f.kind) for f in prediction.flags)


def conflict_recall(item: GoldItem, prediction: Prediction | None,
                    kinds: Iterable[str] = CONFLICT_KINDS) -> float | None:
    """Conflict recall over the gold conflicts ``C`` whose kind is in ``kinds``:
    ``|{c ∈ C : ∃ f ∈ F, docs(f) = docs(c), kind_matches(kind(c), kind(f))}| / |C|``; None when ``C`` is empty.

    Pairs are unordered. By default every kind but ``quote`` counts (quote variants are minor
    disagreements, scored by ``quote_recall``); pass ``kinds=("date",)`` for one kind.
    """
    wanted = set(kinds)
    conflicts = [c for c in item.conflicts if c.kind in wanted]
    if not conflicts:
        return None
    return sum(conflict_found(c, prediction) for c in conflicts) / len(conflicts)


def quote_recall(item: GoldItem, prediction: Prediction | None) -> float | None:
    """Quote-variant recall: ``conflict_recall`` over the gold conflicts of kind ``quote`` only."""
    return conflict_recall(item, prediction, kinds=("quote",))


def false_flags(item: GoldItem, prediction: Prediction) -> list[list[str]]:
    """For each gold ``not_conflicts`` pair, the factual kinds it was wrongly flagged with.

    A flag on the pair is wrong when its kind is factual (date, number, entity, claim) and not a kind the
    gold lists as a real conflict of the same pair (a pair can agree on a quote and differ on a date).
    """
    out = []
    for pair in item.not_conflicts:
        docs = frozenset(pair.outlets)
        allowed = [c.kind for c in item.conflicts if frozenset(c.outlets) == docs]
        out.append(sorted({
            f.kind for f in prediction.flags
            if f.documents == docs and f.kind in FACTUAL_KINDS and not any(kind_matches(a, f.kind) for a in allowed)
        }))
    return out


def false_flag_rate(item: GoldItem, prediction: Prediction | None) -> float | None:
    """False-flag rate on ``N`` = gold ``not_conflicts``: ``|{n ∈ N : false_flags(n) ≠ ∅}| / |N|`` (lower is
    better); None when ``N`` is empty; 1 for a missing prediction (its worst value)."""
    if not item.not_conflicts:
        return None
    if prediction is None:
        return 1.0
    return sum(bool(kinds) for kinds in false_flags(item, prediction)) / len(item.not_conflicts)


def mean_defined(values: Iterable[float | None]) -> float | None:
    """Macro average: ``Σ v / n`` over the values that are not None; None when there are none."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) by linear interpolation between closest ranks (numpy's default):
    with ``x`` sorted and ``h = (n − 1)·q/100``, ``x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])``; None when empty."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    if not values:
        return None
    xs = sorted(values)
    h = (len(xs) - 1) * q / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


# Ranked retrieval (BEIR): a run is the ranked list of document ids for one query; qrels map document id
# to graded relevance (> 0 relevant).


def _unique(ranking: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ranking))


def ndcg_at_k(ranking: Sequence[str], qrels: Mapping[str, int], k: int = 10) -> float | None:
    """nDCG@k with linear gains (trec_eval's ``ndcg_cut``, as BEIR reports it):
    ``DCG = Σ_{i=1..k} rel(r_i) / log2(i + 1)``, ``IDCG`` the same over the relevance grades sorted
    descending, ``nDCG = DCG / IDCG``. Repeated ids count once (first position); None when no document
    is relevant; an empty ranking scores 0."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    ideal = sorted((r for r in qrels.values() if r > 0), reverse=True)[:k]
    if not ideal:
        return None
    dcg = sum(max(qrels.get(doc, 0), 0) / math.log2(i + 2) for i, doc in enumerate(_unique(ranking)[:k]))
    idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg


def recall_at_k(ranking: Sequence[str], qrels: Mapping[str, int], k: int = 100) -> float | None:
    """Recall@k: ``|{relevant} ∩ ranking[:k]| / |{relevant}|`` (relevant: grade > 0); None when none is relevant."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    relevant = {doc for doc, r in qrels.items() if r > 0}
    if not relevant:
        return None
    return len(relevant.intersection(_unique(ranking)[:k])) / len(relevant)
