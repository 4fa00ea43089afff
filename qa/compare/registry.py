"""The comparison's detectors, registered with one interface, and the one adapter from what they find to the
``Disagreement``s an answer carries.

A detector has a name and a scope:

- ``pair``: two answering outlets' aligned sentences differ on a date, a number or a name, or word the same quote
  differently;
- ``answer``: two outlets' values for the question's answer slot cannot both hold;
- ``internal``: one outlet's own text says two things that cannot both hold.

Each reads one ``Case`` and returns ``Finding``s, whatever rule found them; the detectors themselves are listed in
``qa.compare.engine.DETECTORS``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from index.models import Passage
from index.store import Index
from qa.models import AnswerType, DiffOp, Disagreement, DisagreementKind, OutletAnswer, Severity, Side, Snippet

Scope = Literal["answer", "pair", "internal"]

SAYS = "{a} says {value_a}; {b} says {value_b}"
"""The explanation of a clash of two values ("Kyiv Independent says Sept. 16; bne says September 17")."""
SAYS_NORMALISED = SAYS + " ({norm_a} vs {norm_b})"
"""…with the values as compared, when either is written otherwise ("… (2024-09-16 vs 2024-09-17)")."""
SAYS_CLAIM = "{a} says “{value_a}”; {b} says “{value_b}” about the same claim"
STANCES = "{a} {norm_a} it (“{value_a}”); {b} {norm_b} it (“{value_b}”)"
"""A yes/no stance or a denial: "A affirms it (“…”); B denies it (“…”)"."""
QUOTE = "{a} and {b} word {speaker} quote differently{detail}"
CONTRADICTS_ITSELF = "{a} contradicts itself: it {detail}"
EACH_CONTRADICTS_ITSELF = "{a} and {b} each contradict themselves: each {detail}"


@dataclass(frozen=True, slots=True)
class Case:
    """What every detector reads: the question, its answer type and the answering outlets compared together."""

    question: str
    kind: AnswerType
    outlets: list[OutletAnswer]
    index: Index


class Finding(BaseModel):
    """What a detector found: two sides that cannot both hold, which rule found them and how to say so."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    detector: str
    """The rule that found it ("aligned date", "slot option", "quote variant", "internal count-list", …)."""
    scope: Scope
    kind: DisagreementKind
    severity: Severity = "major"
    sides: tuple[Side, Side]
    template: str
    """The explanation, with ``{a}`` and ``{b}`` for the two outlets and ``{name}`` for each of ``values``."""
    values: dict[str, str] = Field(default_factory=dict)
    confidence: float
    diff: list[DiffOp] = Field(default_factory=list)
    """Word diff, for quotes."""

    def explanation(self) -> str:
        """The template filled in: "Kyiv Independent says Sept. 16; bne says September 17"."""
        return self.template.format(a=self.sides[0].outlet, b=self.sides[1].outlet, **self.values)


@dataclass(frozen=True, slots=True)
class Detector:
    """One registered detector."""

    name: str
    scope: Scope
    find: Callable[[Case], list[Finding]]


@dataclass(frozen=True, slots=True)
class Statement:
    """One of the two statements of a contradiction inside one text, as an internal check finds it."""

    sentence: int
    """Which of the sentences checked it is in (0 for a check of one sentence)."""
    spans: tuple[tuple[int, int], ...]
    """Offsets in that sentence ("found", "Nicaragua": the words between are left out)."""
    normalized: str

    def text(self, sentence: str) -> str:
        """The words as written in ``sentence`` (the one it is in)."""
        return " … ".join(sentence[s:e] for s, e in self.spans)


@dataclass(frozen=True, slots=True)
class SelfContradiction:
    """Two statements of one text that cannot both hold: what every internal check (``qa.compare.internal``) finds."""

    detector: str
    """The rule that found it ("internal count-list"; ``Disagreement.detector``)."""
    kind: DisagreementKind
    a: Statement
    b: Statement
    detail: str
    """A phrase saying why ("says “five fishing villages” but lists four (…)"), for ``CONTRADICTS_ITSELF``."""


def disagreement(finding: Finding) -> Disagreement:
    """The ``Disagreement`` an answer shows for ``finding``: the one adapter from every detector's findings."""
    a, b = finding.sides
    return Disagreement(kind=finding.kind, severity=finding.severity, outlets=(a.outlet, b.outlet), sides=(a, b),
                        explanation=finding.explanation(), diff=finding.diff, confidence=finding.confidence,
                        detector=finding.detector, internal=finding.scope == "internal")


_PASSAGES: weakref.WeakKeyDictionary[Index, dict[str, list[Passage]]] = weakref.WeakKeyDictionary()


def article_passages(index: Index, article_id: str) -> list[Passage]:
    """The passages of one article, in text order (memoised per index and article)."""
    by_article = _PASSAGES.setdefault(index, {})
    if article_id not in by_article:
        by_article[article_id] = sorted(index.passages_of(article_id), key=lambda p: p.start)
    return by_article[article_id]


def sentence_start(index: Index, snippet: Snippet) -> int:
    """Where the snippet's sentence starts in its article."""
    found = index.articles[snippet.article_id].text.find(snippet.text, snippet.start)
    return found if found >= 0 else snippet.start


def snippet_side(index: Index, outlet: OutletAnswer, snippet: Snippet, value: str, normalized: str,
                 spans: tuple[tuple[int, int], ...]) -> Side:
    """The side of ``outlet`` that says ``value`` in ``snippet``, at ``spans`` (offsets in the snippet's text)."""
    start = sentence_start(index, snippet)
    return Side(outlet=outlet.outlet, article_id=snippet.article_id, value=value, normalized=normalized,
                passage_id=snippet.passage_id, snippet=snippet.text, snippet_start=start,
                spans=[(start + s, start + e) for s, e in spans])


def value_finding(detector: str, scope: Scope, kind: DisagreementKind, confidence: float, sides: tuple[Side, Side],
                  template: str | None = None) -> Finding:
    """A finding of two values that clash, explained by ``template`` or, by default, as a claim quoted or "A says X;
    B says Y", with the compared values after it when either is written otherwise."""
    a, b = sides
    if template is None:
        template = SAYS_CLAIM if kind == "claim" else (
            SAYS_NORMALISED if a.normalized != a.value or b.normalized != b.value else SAYS)
    return Finding(detector=detector, scope=scope, kind=kind, confidence=confidence, sides=sides, template=template,
                   values={"value_a": a.value, "norm_a": a.normalized, "value_b": b.value, "norm_b": b.normalized})
