"""The harness's side of the flag metrics: what each question records about its flags, answer groups and
rewordings, and how the run pools them (formulas in ``eval.flag_metrics``).

Rewordings: a question whose id is ``<original>~pN`` (a ``paraphrases`` entry of a gold item, or an item of
a file such as ``seeds-paraphrases.jsonl``) is compared with the question ``<original>`` of the same run —
from the same gold file when it has one, else from another gold file of the run (``factqa eval
seeds-gold.jsonl seeds-paraphrases.jsonl``). A rewording whose original is not in the run is scored like any
question but left out of ``paraphrase_consistency``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from eval.flag_metrics import (
    DETECTOR_KINDS,
    DetectorCounts,
    FlagCounts,
    PairOutcome,
    Signature,
    Verdict,
    detector_name,
    flag_precision,
    flag_verdict,
    is_major,
    original_id,
    pairwise_agreement_accuracy,
    paraphrase_consistency,
    signature,
)
from eval.gold import GoldItem
from eval.metrics import Flag, Prediction

if TYPE_CHECKING:
    from eval.harness import QuestionResult

FLAG_KEYS = ("flag_precision", "n_true_flags", "n_false_flags", "n_unlabelled_flags", "pairwise_agreement_accuracy",
             "n_labelled_pairs", "paraphrase_consistency", "n_rewordings")
"""Pooled headline keys (micro over the questions), after the macro ones in the summary."""
POOLED_SCORES = ("flag_precision", "pairwise_agreement_accuracy", "paraphrase_consistency")
"""The pooled metrics, also computed per question for run comparisons (``question_value``)."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class FlagResult(BaseModel):
    """One reported disagreement and what the gold says of it."""

    model_config = _FROZEN

    kind: str
    severity: str
    internal: bool
    detector: str
    """``eval.flag_metrics.detector_name``."""
    documents: list[str]
    """Article ids of its sides, sorted (one when both come from one article)."""
    outlets: list[str]
    """Outlets of its sides, sorted."""
    verdict: Verdict


def flag_results(item: GoldItem, prediction: Prediction | None) -> list[FlagResult]:
    """Every flag of the prediction, in the answer's order, with its ``flag_verdict``."""
    if prediction is None:
        return []
    return [FlagResult(kind=f.kind, severity=f.severity, internal=f.internal, detector=detector_name(f),
                       documents=sorted(f.documents), outlets=sorted(f.outlets), verdict=flag_verdict(item, f))
            for f in prediction.flags]


def _major_counts(flags: list[FlagResult]) -> FlagCounts:
    verdicts = [f.verdict for f in flags if is_major_result(f)]
    return FlagCounts(true=verdicts.count("true"), false=verdicts.count("false"), unlabelled=verdicts.count("unlabelled"))


def is_major_result(flag: FlagResult) -> bool:
    """``eval.flag_metrics.is_major`` for a recorded flag."""
    return is_major(Flag(kind=flag.kind, documents=frozenset(flag.documents), severity=flag.severity))


def result_signature(result: QuestionResult) -> Signature | None:
    """What a rewording must reproduce of this question's answer; None when it could not be answered."""
    if result.error is not None:
        return None
    return signature(result.answering_outlets, ((f.kind, f.outlets) for f in result.flags))


def link_rewordings(results: list[QuestionResult]) -> list[QuestionResult]:
    """Set ``original`` (``gold:id``) and ``paraphrase_consistent`` on every rewording whose original is in
    the run (same gold file first, else the first other file that has it)."""
    by_id: dict[str, list[QuestionResult]] = {}
    for r in results:
        by_id.setdefault(r.id, []).append(r)
    out = []
    for r in results:
        wanted = original_id(r.id)
        candidates = [o for o in by_id.get(wanted, []) if o is not r] if wanted else []
        candidates.sort(key=lambda o: o.gold != r.gold)
        if candidates:
            o = candidates[0]
            consistent = paraphrase_consistency([(result_signature(o), result_signature(r))]) == 1.0
            r = r.model_copy(update={"original": f"{o.gold}:{o.id}", "paraphrase_consistent": consistent})
        out.append(r)
    return out


def flag_summary(results: list[QuestionResult]) -> dict[str, float | int | None]:
    """The pooled headline values, keyed as ``FLAG_KEYS``."""
    counts = [_major_counts(r.flags) for r in results]
    total = sum(counts, FlagCounts())
    pairs = [p for r in results for p in r.pairs]
    rewordings = [r.paraphrase_consistent for r in results if r.paraphrase_consistent is not None]
    return {
        "flag_precision": flag_precision(counts),
        "n_true_flags": total.true, "n_false_flags": total.false, "n_unlabelled_flags": total.unlabelled,
        "pairwise_agreement_accuracy": pairwise_agreement_accuracy(pairs),
        "n_labelled_pairs": len(pairs),
        "paraphrase_consistency": sum(rewordings) / len(rewordings) if rewordings else None,
        "n_rewordings": len(rewordings),
    }


def per_detector_summary(results: list[QuestionResult]) -> dict[str, dict[str, float | int | None]]:
    """Per detector, pooled over the questions: flags raised and their verdicts (all severities), gold
    conflicts of its kind (its kind or ``any``), how many it found, and recall = found / conflicts; the
    kinds in ``DETECTOR_KINDS`` order, then their internal variants, then detectors the engine names."""
    pooled: dict[str, DetectorCounts] = {}
    for r in results:
        for name, counts in r.detectors.items():
            pooled[name] = pooled.get(name, DetectorCounts()) + counts
    standard = [k + suffix for suffix in ("", " (internal)") for k in DETECTOR_KINDS]
    order = [n for n in standard if n in pooled] + sorted(n for n in pooled if n not in standard)
    return {name: {"flags": c.flags.true + c.flags.false + c.flags.unlabelled, "true_flags": c.flags.true,
                   "false_flags": c.flags.false, "unlabelled_flags": c.flags.unlabelled, "found": c.found,
                   "conflicts": c.conflicts, "recall": c.found / c.conflicts if c.conflicts else None}
            for name, c in ((n, pooled[n]) for n in order)}


def question_value(record: dict, metric: str) -> float | None:
    """One question's value of a pooled metric, from its ``per_question`` record (None when it has nothing
    to score): its own flag precision, share of its labelled pairs correct, or 1/0 for a consistent rewording."""
    if metric == "flag_precision":
        flags = [FlagResult.model_validate(f) for f in record.get("flags") or []]
        return flag_precision([_major_counts(flags)])
    if metric == "pairwise_agreement_accuracy":
        return pairwise_agreement_accuracy(PairOutcome.model_validate(p) for p in record.get("pairs") or [])
    if metric == "paraphrase_consistency":
        value = record.get("paraphrase_consistent")
        return None if value is None else float(value)
    raise ValueError(f"not a pooled metric: {metric!r}")
