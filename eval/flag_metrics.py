"""Pure metric functions on the flags an answer raises: precision, pairwise agreement, per-detector counts,
paraphrase consistency.

Notation as in ``eval.metrics``: ``A`` the answering documents, ``Z`` the silent ones, ``O`` the optional
ones, ``F`` the reported flags, ``docs(f)`` the article ids of a flag's two sides (one id when both sides
come from one article, as internal flags often do). A **major flag** is a flag of severity ``major`` and a
factual kind (date, number, entity, claim); quote variants are minor.

Unlike the per-question scores of ``eval.metrics`` (averaged over questions, macro), flag precision,
pairwise agreement and per-detector recall are **pooled** over the questions (micro): their counts are
summed first, then divided, so a question with ten flags weighs ten times one with a single flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from eval.gold import GoldItem
from eval.metrics import FACTUAL_KINDS, Flag, Prediction, answering_documents, kind_matches, silent_documents

Verdict = Literal["true", "false", "unlabelled"]
Relation = Literal["same", "different", "missing"]
PairLabel = Literal["conflict", "not_conflict"]
Signature = tuple[frozenset[str], frozenset[tuple[str, frozenset[str]]]]
"""What a rewording must reproduce: the answering outlets and the flags as (kind, unordered outlet pair)."""

DETECTOR_KINDS = ("date", "number", "entity", "claim", "quote")
_REWORDING = re.compile(r"^(?P<original>.+)~p\d+$")
_FROZEN = ConfigDict(frozen=True, extra="forbid")


def is_major(flag: Flag) -> bool:
    """A major flag: severity ``major`` and a factual kind (date, number, entity, claim)."""
    return flag.severity == "major" and flag.kind in FACTUAL_KINDS


def flag_verdict(item: GoldItem, flag: Flag) -> Verdict:
    """Whether the gold confirms a flag; the first rule that applies decides:

    1. ``false`` when a document of ``docs(f)`` is silent (in ``Z``) or off the story (not in
       ``answers ∪ O``);
    2. ``true`` when a gold conflict joins ``docs(f)`` with a matching kind (``kind_matches``);
    3. ``false`` when ``docs(f)`` is a ``not_conflicts`` pair and ``f`` has a factual kind (quote variants
       are allowed on agreeing pairs);
    4. ``true`` when a gold conflict of another kind joins ``docs(f)`` (the pair does disagree);
    5. ``unlabelled`` otherwise (a pair the gold does not label, or one document).
    """
    docs = flag.documents
    silent = set(silent_documents(item))
    known = set(item.answers) | set(item.optional)
    if any(d in silent or d not in known for d in docs):
        return "false"
    conflicts = [c for c in item.conflicts if frozenset(c.outlets) == docs]
    if any(kind_matches(c.kind, flag.kind) for c in conflicts):
        return "true"
    if flag.kind in FACTUAL_KINDS and any(frozenset(n.outlets) == docs for n in item.not_conflicts):
        return "false"
    return "true" if conflicts else "unlabelled"


class FlagCounts(BaseModel):
    """Verdicts of a set of flags."""

    model_config = _FROZEN

    true: int = 0
    false: int = 0
    unlabelled: int = 0

    def __add__(self, other: FlagCounts) -> FlagCounts:
        return FlagCounts(true=self.true + other.true, false=self.false + other.false,
                          unlabelled=self.unlabelled + other.unlabelled)


def count_verdicts(item: GoldItem, flags: Iterable[Flag]) -> FlagCounts:
    """How many of ``flags`` are true, false and unlabelled (``flag_verdict``)."""
    verdicts = [flag_verdict(item, f) for f in flags]
    return FlagCounts(true=verdicts.count("true"), false=verdicts.count("false"),
                      unlabelled=verdicts.count("unlabelled"))


def major_flag_counts(item: GoldItem, prediction: Prediction | None) -> FlagCounts:
    """Verdicts of the major flags of one answer; all zero for a missing prediction (it raised none)."""
    if prediction is None:
        return FlagCounts()
    return count_verdicts(item, (f for f in prediction.flags if is_major(f)))


def flag_precision(counts: Iterable[FlagCounts]) -> float | None:
    """Flag precision, pooled: ``Σ true / (Σ true + Σ false)`` over the questions' major-flag counts;
    unlabelled flags are left out. None when no flag is true or false."""
    total = sum(counts, FlagCounts())
    judged = total.true + total.false
    return total.true / judged if judged else None


def pair_relation(prediction: Prediction | None, a: str, b: str, minor_counts: bool = False) -> Relation:
    """Where the answer puts documents ``a`` and ``b``: the one place that reads answer groups.

    ``missing`` when the prediction is missing or either document is not shown as answering (no snippet).
    With explicit groups (``prediction.groups``): ``same`` when one group holds both, else ``different``.
    Without them: ``different`` when a major flag joins ``{a, b}``, else ``same``. With ``minor_counts``
    (a quote conflict) a flag of kind ``quote`` joining them also makes them ``different``.
    """
    if prediction is None or not prediction.snippets.get(a) or not prediction.snippets.get(b):
        return "missing"
    pair = frozenset((a, b))
    if minor_counts and any(f.documents == pair and f.kind == "quote" for f in prediction.flags):
        return "different"
    if prediction.groups is not None:
        return "same" if any(pair <= g for g in prediction.groups) else "different"
    return "different" if any(f.documents == pair and is_major(f) for f in prediction.flags) else "same"


class PairOutcome(BaseModel):
    """One labelled gold pair of answering documents and where the answer put it."""

    model_config = _FROZEN

    outlets: tuple[str, str]
    """Document ids, in gold order."""
    label: PairLabel
    quote: bool = False
    """A conflict pair with a gold conflict of kind ``quote``: a minor (quote) flag then shows it apart."""
    relation: Relation
    correct: bool


def labelled_pairs(item: GoldItem) -> list[tuple[tuple[str, str], PairLabel, bool]]:
    """The gold's labelled pairs of two distinct answering documents (both in ``A``), each once, in gold order:
    ``(pair, label, quote)``. A pair listed in ``conflicts`` is a ``conflict`` (even when ``not_conflicts``
    also lists it: they then agree on something else); ``quote`` when one of its conflicts has kind quote."""
    answering = set(answering_documents(item))
    out: dict[frozenset[str], tuple[tuple[str, str], PairLabel, bool]] = {}
    for c in item.conflicts:
        key = frozenset(c.outlets)
        if len(key) == 2 and key <= answering:
            quote = c.kind == "quote" or (key in out and out[key][2])
            out[key] = (out[key][0] if key in out else c.outlets, "conflict", quote)
    for n in item.not_conflicts:
        key = frozenset(n.outlets)
        if len(key) == 2 and key <= answering and key not in out:
            out[key] = (n.outlets, "not_conflict", False)
    return list(out.values())


def pair_outcomes(item: GoldItem, prediction: Prediction | None) -> list[PairOutcome]:
    """Each labelled pair (``labelled_pairs``) scored: a conflict is correct when ``pair_relation`` is
    ``different``, a not-conflict when it is ``same``; ``missing`` is always wrong."""
    out = []
    for (a, b), label, quote in labelled_pairs(item):
        relation = pair_relation(prediction, a, b, minor_counts=quote)
        correct = relation == ("different" if label == "conflict" else "same")
        out.append(PairOutcome(outlets=(a, b), label=label, quote=quote, relation=relation, correct=correct))
    return out


def pairwise_agreement_accuracy(outcomes: Iterable[PairOutcome]) -> float | None:
    """Pairwise agreement accuracy, pooled: ``|{p : correct(p)}| / |P|`` over the labelled pairs ``P`` of
    every question (``pair_outcomes``); None when there is none."""
    scored = list(outcomes)
    return sum(p.correct for p in scored) / len(scored) if scored else None


def detector_name(flag: Flag) -> str:
    """The detector a flag is credited to: the engine's name for it when it gives one, else its kind, with
    `` (internal)`` for a contradiction inside one text."""
    return flag.detector or _kind_row(flag)


class DetectorCounts(BaseModel):
    """What one detector did on one question (or pooled)."""

    model_config = _FROZEN

    flags: FlagCounts = FlagCounts()
    found: int = 0
    """Gold conflicts of a matching kind that a flag of this detector joins."""
    conflicts: int = 0
    """Gold conflicts of a matching kind (its own kind or ``any``)."""

    def __add__(self, other: DetectorCounts) -> DetectorCounts:
        return DetectorCounts(flags=self.flags + other.flags, found=self.found + other.found,
                              conflicts=self.conflicts + other.conflicts)


def _kind_row(flag: Flag) -> str:
    """The kind × internal row a flag is pooled into."""
    return flag.kind + (" (internal)" if flag.internal else "")


def _kind_of(detector: str, flags: list[Flag]) -> str:
    named = [f.kind for f in flags if detector_name(f) == detector]
    return named[0] if named else detector.removesuffix(" (internal)")


def detector_counts(item: GoldItem, prediction: Prediction | None) -> dict[str, DetectorCounts]:
    """Per detector (``detector_name``): the verdicts of its flags (``flag_verdict``, all severities), and
    of the gold conflicts ``C_k`` whose kind matches its kind ``k`` (``k`` or ``any``) how many it found
    (a flag of it joins the conflict's pair). The ten kind × internal rows are always present and pool every
    flag of that kind, whichever detector the engine names, so a kind nothing raised still shows the
    conflicts it missed; the named detectors follow; recall = ``found / conflicts``."""
    flags = prediction.flags if prediction is not None else []
    kinds = [k + suffix for k in DETECTOR_KINDS for suffix in ("", " (internal)")]
    named = [n for n in dict.fromkeys(detector_name(f) for f in flags) if n not in kinds]
    out = {}
    for name in [*kinds, *named]:
        own = [f for f in flags if (_kind_row(f) if name in kinds else detector_name(f)) == name]
        kind = _kind_of(name, flags)
        matching = [c for c in item.conflicts if kind_matches(c.kind, kind)]
        found = sum(any(f.documents == frozenset(c.outlets) for f in own) for c in matching)
        out[name] = DetectorCounts(flags=count_verdicts(item, own), found=found, conflicts=len(matching))
    return out


def signature(outlets: Iterable[str], flags: Iterable[tuple[str, Iterable[str]]]) -> Signature:
    """A rewording's answer as consistency compares it: its answering outlets and its flags as
    ``(kind, unordered outlet pair)``."""
    return frozenset(outlets), frozenset((kind, frozenset(pair)) for kind, pair in flags)


def original_id(question_id: str) -> str | None:
    """The original question's id of a rewording ``<original>~pN``; None for any other id."""
    match = _REWORDING.match(question_id)
    return match["original"] if match else None


def paraphrase_consistency(pairs: Iterable[tuple[Signature | None, Signature | None]]) -> float | None:
    """Paraphrase consistency over ``(original, rewording)`` signatures: ``|{(o, r) : o = r}| / n``, where a
    missing answer (None) on either side is inconsistent; None when there are no rewordings."""
    scored = list(pairs)
    if not scored:
        return None
    return sum(o is not None and r is not None and o == r for o, r in scored) / len(scored)
