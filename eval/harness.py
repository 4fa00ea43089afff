"""The harness: ask every gold question through ``QAService``, score it per question, then aggregate.

``run_eval(items, factory)`` returns one ``QuestionResult`` per gold item, in order; ``summarise`` turns
them into the summary object ``factqa eval --json`` prints. A question that cannot be answered (the
service raised, or the gold names documents the index does not hold) is kept with its error and
scored as a missing prediction (``eval.metrics``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from eval.flag_metrics import DetectorCounts, FlagCounts, PairOutcome, detector_counts, pair_outcomes
from eval.flag_results import FLAG_KEYS, FlagResult, flag_results, flag_summary, link_rewordings, per_detector_summary
from eval.gold import GoldItem, with_paraphrases
from eval.metrics import (
    answering_documents,
    conflict_found,
    conflict_recall,
    document_hit,
    evidence_recall_at_k,
    false_flag_rate,
    false_flags,
    mean_defined,
    outlet_coverage,
    percentile,
    prediction_from_answer,
    quote_recall,
    silence_accuracy,
    silent_documents,
)
from eval.overlap import evidence_spans
from eval.story_scope import STORY_KEYS, StoryScope, story_scope, story_summary
from index.store import Index
from qa.service import QAService

SCORE_KEYS = ("evidence_recall@1", "evidence_recall@3", "outlet_coverage", "silence_accuracy", "conflict_recall",
              "false_flag_rate", "quote_recall")
"""Per-question scores, averaged over questions (macro) into the summary."""
LOWER_IS_BETTER = frozenset({"false_flag_rate", "latency_ms"})
SUMMARY_KEYS = (*SCORE_KEYS, "latency_ms_p50", "latency_ms_p95", "n_questions", *FLAG_KEYS, *STORY_KEYS)
"""The summary's headline keys: the macro averages, latency, then the pooled flag metrics
(``eval.flag_results``); with ``SECTION_KEYS`` these are all ``--json`` prints."""
SECTION_KEYS = ("per_kind", "per_detector", "per_note", "per_question")
GOLD_KINDS = ("date", "number", "entity", "claim", "quote", "any")
ASK_K = 3
"""Snippets asked for per outlet: evidence recall@3 and outlet coverage read them."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class DocumentResult(BaseModel):
    """How one gold document fared."""

    model_config = _FROZEN

    doc: str
    role: Literal["answer", "silent", "optional"]
    shown: int
    """Snippets shown for it (0: reported silent)."""
    hit_at_1: bool | None = None
    """Answering documents: the first snippet overlaps an evidence string."""
    hit_at_3: bool | None = None
    """Answering documents: one of the first three snippets does."""


class ConflictResult(BaseModel):
    """A gold conflict and whether it was reported."""

    model_config = _FROZEN

    kind: str
    outlets: tuple[str, str]
    found: bool
    note: str = ""
    """The gold conflict's note ("Explicit", "Implicit (reasoning required)", "Sept. 16 vs September 17")."""


class NotConflictResult(BaseModel):
    """A gold not-conflict pair and the factual kinds it was wrongly flagged with."""

    model_config = _FROZEN

    outlets: tuple[str, str]
    flagged: list[str]


class QuestionResult(BaseModel):
    """One gold question: its scores (None: not available) and what they were computed from."""

    model_config = _FROZEN

    gold: str
    """Name of the gold file."""
    id: str
    question: str
    scores: dict[str, float | None]
    """One value per name in ``SCORE_KEYS``."""
    per_kind: dict[str, float | None] = Field(default_factory=dict)
    """Conflict recall for each gold kind present in this question."""
    latency_ms: float | None
    """Wall time of ``QAService.ask``; None when it failed."""
    documents: list[DocumentResult] = Field(default_factory=list)
    conflicts: list[ConflictResult] = Field(default_factory=list)
    not_conflicts: list[NotConflictResult] = Field(default_factory=list)
    disagreements: int = 0
    """Disagreements factqa reported."""
    index_manifest: str = ""
    """``manifest_hash`` of the index that answered."""
    error: str | None = None
    """Why the question could not be answered (it is then scored as a missing prediction)."""
    problems: list[str] = Field(default_factory=list)
    """Gold defects that do not stop scoring (evidence not found verbatim in its document)."""
    answering_outlets: list[str] = Field(default_factory=list)
    """Outlets shown as answering, sorted."""
    flags: list[FlagResult] = Field(default_factory=list)
    """Every reported disagreement with its verdict (``eval.flag_metrics.flag_verdict``)."""
    pairs: list[PairOutcome] = Field(default_factory=list)
    """The gold's labelled pairs of answering documents and where the answer put them."""
    detectors: dict[str, DetectorCounts] = Field(default_factory=dict)
    """Per detector: its flags' verdicts and the gold conflicts of its kind it found (only detectors with
    a flag or a gold conflict)."""
    original: str | None = None
    """For a rewording (id ``<original>~pN``): ``gold:id`` of its original in the same run."""
    paraphrase_consistent: bool | None = None
    """For a rewording with an original: same answering outlets and flags as the original."""
    story: StoryScope = Field(default_factory=StoryScope)
    """Its cards and silent outlets off the gold's story (``eval.story_scope``)."""


def manifest_hash(index: Index) -> str:
    """A stable hash of an index's identity: its manifest without the creation time, plus the content
    hash of every article (an in-memory index has no data-file checksums in its manifest)."""
    manifest = index.manifest.model_dump_json(exclude={"created"})
    digest = hashlib.sha256(manifest.encode("utf-8"))
    for content in sorted(a.content_hash for a in index.articles.values()):
        digest.update(content.encode("ascii"))
    return digest.hexdigest()[:16]


def combined_hash(hashes: Iterable[str]) -> str:
    """One hash for the set of indexes a run used (order-free)."""
    unique = sorted(set(hashes))
    if len(unique) == 1:
        return unique[0]
    return hashlib.sha256("\n".join(unique).encode("ascii")).hexdigest()[:16]


def _scores(item: GoldItem, prediction, texts) -> tuple[dict[str, float | None], dict[str, float | None]]:
    scores = {
        "evidence_recall@1": evidence_recall_at_k(item, prediction, texts, 1),
        "evidence_recall@3": evidence_recall_at_k(item, prediction, texts, 3),
        "outlet_coverage": outlet_coverage(item, prediction, texts),
        "silence_accuracy": silence_accuracy(item, prediction),
        "conflict_recall": conflict_recall(item, prediction),
        "false_flag_rate": false_flag_rate(item, prediction),
        "quote_recall": quote_recall(item, prediction),
    }
    kinds = {c.kind for c in item.conflicts}
    per_kind = {kind: conflict_recall(item, prediction, kinds=(kind,)) for kind in GOLD_KINDS if kind in kinds}
    return scores, per_kind


def score_question(item: GoldItem, gold: str, service: QAService | None, k: int = ASK_K) -> QuestionResult:
    """Ask ``item`` through ``service`` (None: it could not be built) and score the answer."""
    index = service.index if service is not None else None
    texts = {doc: a.text for doc, a in index.articles.items()} if index is not None else {}
    error = None
    named = [*item.answers, *item.silent, *item.optional, *(d for c in item.conflicts for d in c.outlets),
             *(d for n in item.not_conflicts for d in n.outlets)]
    missing = sorted({d for d in named if d not in texts})
    answer = latency = None
    if service is None:
        error = "no service to answer with"
    elif missing:
        error = f"documents not in the index: {', '.join(missing)} (wrong --index or --corpus?)"
    else:
        started = time.perf_counter()
        try:
            answer = service.ask(item.question, k=k)
        except Exception as exc:  # scored as a missing prediction and reported, never swallowed
            error = f"{type(exc).__name__}: {exc}"
        else:
            latency = (time.perf_counter() - started) * 1000
    prediction = prediction_from_answer(answer) if answer is not None else None
    scores, per_kind = _scores(item, prediction, texts)
    answering = set(answering_documents(item))
    documents = []
    for doc in dict.fromkeys([*item.answers, *item.silent, *item.optional]):
        shown = len(prediction.snippets.get(doc, [])) if prediction else 0
        if doc in item.optional:
            documents.append(DocumentResult(doc=doc, role="optional", shown=shown))
        elif doc in answering:
            documents.append(DocumentResult(doc=doc, role="answer", shown=shown,
                                            hit_at_1=document_hit(item, prediction, texts, doc, 1),
                                            hit_at_3=document_hit(item, prediction, texts, doc, 3)))
        elif doc in silent_documents(item):
            documents.append(DocumentResult(doc=doc, role="silent", shown=shown))
    conflicts = [
        ConflictResult(kind=c.kind, outlets=c.outlets, found=conflict_found(c, prediction), note=c.note)
        for c in item.conflicts
    ]
    flagged = false_flags(item, prediction) if prediction else [[] for _ in item.not_conflicts]
    not_conflicts = [NotConflictResult(outlets=n.outlets, flagged=f) for n, f in zip(item.not_conflicts, flagged, strict=True)]
    problems = [f"{doc}: evidence not found verbatim: {e[:60]!r}"
                for doc, gold_answer in item.answers.items() if doc in texts
                for e in gold_answer.evidence if not evidence_spans(texts[doc], e)]
    detectors = {name: c for name, c in detector_counts(item, prediction).items()
                 if c.conflicts or c.flags != FlagCounts()}
    return QuestionResult(gold=gold, id=item.id, question=item.question, scores=scores, per_kind=per_kind,
                          latency_ms=latency, documents=documents, conflicts=conflicts, not_conflicts=not_conflicts,
                          disagreements=len(answer.disagreements) if answer else 0,
                          index_manifest=manifest_hash(index) if index is not None else "", error=error,
                          problems=problems, answering_outlets=sorted(prediction.outlets) if prediction else [],
                          flags=flag_results(item, prediction), pairs=pair_outcomes(item, prediction),
                          detectors=detectors, story=story_scope(item, answer))


def run_eval(items: list[tuple[str, GoldItem]], service_for: Callable[[GoldItem], QAService],
             progress: Callable[[int, int], None] | None = None, k: int = ASK_K) -> list[QuestionResult]:
    """Answer and score every ``(gold file name, item)`` and each rewording in its ``paraphrases``
    (``eval.gold.with_paraphrases``); a service that cannot be built for an item is that item's error, not
    the run's. Rewordings are then linked to their originals (``eval.flag_results.link_rewordings``)."""
    items = with_paraphrases(items)
    results = []
    for done, (gold, item) in enumerate(items, start=1):
        try:
            service = service_for(item)
        except Exception as exc:  # recorded on the question and reported by the caller
            result = score_question(item, gold, None, k)
            result = result.model_copy(update={"error": f"cannot build its index: {type(exc).__name__}: {exc}"})
        else:
            result = score_question(item, gold, service, k)
        results.append(result)
        if progress is not None:
            progress(done, len(items))
    return link_rewordings(results)


def per_kind_summary(results: list[QuestionResult]) -> dict[str, dict[str, float | int | None]]:
    """For each gold kind: conflict recall (macro over the questions with a conflict of that kind; None when
    there is none), the number of such questions and of gold conflicts, and how many were found."""
    out: dict[str, dict[str, float | int | None]] = {}
    for kind in GOLD_KINDS:
        values = [r.per_kind.get(kind) for r in results if kind in r.per_kind]
        conflicts = [c for r in results for c in r.conflicts if c.kind == kind]
        out[kind] = {"conflict_recall": mean_defined(values), "n_questions": len(values),
                     "n_conflicts": len(conflicts), "found": sum(c.found for c in conflicts)}
    return out


def per_note_summary(results: list[QuestionResult]) -> dict[str, dict[str, float | int]]:
    """Conflict recall for each gold note that labels at least two conflicts (a contradiction type such as
    WikiContradict's "Explicit" / "Implicit (reasoning required)"; one-off notes are descriptions, not labels):
    found / conflicts, pooled over the conflicts with that note, most frequent note first."""
    by_note: dict[str, list[bool]] = {}
    for r in results:
        for c in r.conflicts:
            if c.note and c.kind != "quote":
                by_note.setdefault(c.note, []).append(c.found)
    labels = sorted((n for n, found in by_note.items() if len(found) >= 2), key=lambda n: (-len(by_note[n]), n))
    return {n: {"conflict_recall": sum(by_note[n]) / len(by_note[n]), "n_conflicts": len(by_note[n]),
                "found": sum(by_note[n])} for n in labels}


def summarise(results: list[QuestionResult]) -> dict:
    """The summary object: the headline metrics (``SUMMARY_KEYS``), then ``SECTION_KEYS`` in that order."""
    summary: dict = {key: mean_defined(r.scores.get(key) for r in results) for key in SCORE_KEYS}
    latencies = [r.latency_ms for r in results if r.latency_ms is not None]
    summary["latency_ms_p50"] = percentile(latencies, 50)
    summary["latency_ms_p95"] = percentile(latencies, 95)
    summary["n_questions"] = len(results)
    summary |= flag_summary(results)
    summary |= story_summary([r.story for r in results])
    summary["per_kind"] = per_kind_summary(results)
    summary["per_detector"] = per_detector_summary(results)
    summary["per_note"] = per_note_summary(results)
    summary["per_question"] = [r.model_dump(mode="json") for r in results]
    return summary
