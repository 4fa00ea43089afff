"""Contradictions inside one outlet's own text: the ``internal`` detector's findings.

An outlet's evidence (its shown snippets and their neighbour sentences) is read for statements that cannot both
hold: a count against its list (``lists``), a measure against its restatement or an average against its groups'
(``measures``), a length of time against its span of years, a period against its age and a burial against the
death (``times``), an exclusivity claim against a mention elsewhere (``exclusive``), and the yes/no question's
proposition asserted and denied (``reversal``).

One-sentence checks read shown snippets only, and only where the contradicting words sit in a clause that
shares a word with the question. When several outlets carry the same contradiction (the same two statements)
it is reported once, naming two of them, and the explanation says that each text says both.

Passages are sentences (``index.chunk``), so an outlet's evidence is, per article, the runs of consecutive
passages that hold a shown snippet or sit next to one (``evidence_runs``); checks that read several sentences of
one text (a claim and a later sentence that contradicts it) read these runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from index.models import Passage
from index.store import Index
from qa.compare.exclusive import outside_mentions
from qa.compare.lists import count_mismatches
from qa.compare.measures import bad_conversions, outside_groups
from qa.compare.registry import (CONTRADICTS_ITSELF, EACH_CONTRADICTS_ITSELF, Case, Finding, SelfContradiction,
                                 Statement, article_passages)
from qa.compare.reversal import reversals
from qa.compare.slots import slot_kind
from qa.compare.times import bad_durations, out_of_order, period_mismatches
from qa.facts.focus import focus
from qa.facts.text import content_stems, fold, near
from qa.models import AnswerType, OutletAnswer, Side

CONFIDENCE = 0.55
MAX_INTERNAL = 4
"""Most internal disagreements reported for one question."""
SENTENCE_CHECKS = (count_mismatches, bad_conversions, bad_durations, period_mismatches)
"""The checks of one shown sentence."""

WIDTH = 1
"""Neighbours taken on each side of a shown snippet (the snippet's own window)."""
Found = tuple[Sequence[Passage], SelfContradiction]
"""A contradiction and the passages its statements' sentence numbers refer to."""


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive sentences of one article, and which of them the outlet shows."""

    passages: tuple[Passage, ...]
    shown: tuple[bool, ...]


def evidence_runs(outlet: OutletAnswer, index: Index, width: int = WIDTH) -> list[Run]:
    """Runs of consecutive sentences around ``outlet``'s shown snippets, per article, in text order."""
    out = []
    for article_id in dict.fromkeys(s.article_id for s in outlet.snippets):
        ps = article_passages(index, article_id)
        position = {p.id: n for n, p in enumerate(ps)}
        shown = {position[s.passage_id] for s in outlet.snippets
                 if s.article_id == article_id and s.passage_id in position}
        taken = sorted({k for n in shown for k in range(n - width, n + width + 1) if 0 <= k < len(ps)})
        for _, consecutive in itertools.groupby(enumerate(taken), lambda x: x[1] - x[0]):
            run = [k for _, k in consecutive]
            out.append(Run(tuple(ps[n] for n in run), tuple(n in shown for n in run)))
    return out


def _text(passages: Sequence[Passage], s: Statement) -> str:
    return s.text(passages[s.sentence].text)


def _key(found: Found) -> tuple[str, str, str, str]:
    """What two outlets must share to carry the same contradiction."""
    passages, c = found
    return c.kind, " ".join(fold(_text(passages, c.a)).split()), " ".join(fold(_text(passages, c.b)).split()), c.detail


def _outside(run: Run, asked: str, q_stems: frozenset[str]) -> list[SelfContradiction]:
    """Exclusivity claims against mentions elsewhere, one mention per claim: the country the question names, else
    the first."""
    best: dict[int, SelfContradiction] = {}
    for c in outside_mentions([p.text for p in run.passages], q_stems):
        claim, country = c.a.sentence, c.b.normalized
        if not (run.shown[claim] or run.shown[c.b.sentence]):
            continue
        if claim not in best or (country in asked and best[claim].b.normalized not in asked):
            best[claim] = c
    return list(best.values())


def _on_topic(run: Run, c: SelfContradiction, q_stems: frozenset[str]) -> bool:
    """True when either sentence of ``c`` is shown and either shares a word with the question."""
    i, j = c.a.sentence, c.b.sentence
    texts = run.passages[i].text + " " + run.passages[j].text
    return (run.shown[i] or run.shown[j]) and bool(content_stems(texts) & q_stems)


def self_contradictions(question: str, kind: AnswerType, outlet: OutletAnswer, index: Index) -> list[Found]:
    """Contradictions inside ``outlet``'s evidence on ``question``, first found first."""
    asked = focus(question).text
    q_stems = content_stems(asked)
    stance = slot_kind(question, kind) == "stance"
    out: list[Found] = []
    for run in evidence_runs(outlet, index):
        for p, shown in zip(run.passages, run.shown, strict=True):
            if shown:
                out += [((p,), c) for check in SENTENCE_CHECKS for c in check(p.text)
                        if near(q_stems, p.text, *c.a.spans[0])]
        sentences = [p.text for p in run.passages]
        found = _outside(run, asked, q_stems)
        found += [c for c in out_of_order(sentences) + outside_groups(sentences) if _on_topic(run, c, q_stems)]
        if stance:
            found += [c for c in reversals(question, sentences) if run.shown[c.a.sentence] or run.shown[c.b.sentence]]
        out += [(run.passages, c) for c in found]
    first: dict[tuple[str, str, str, str], Found] = {}
    for f in out:
        first.setdefault(_key(f), f)
    return list(first.values())


def _side(outlet: str, passages: Sequence[Passage], s: Statement) -> Side:
    p = passages[s.sentence]
    return Side(outlet=outlet, article_id=p.article_id, value=_text(passages, s), normalized=s.normalized,
                passage_id=p.id, snippet=p.text, snippet_start=p.start,
                spans=[(p.start + a, p.start + b) for a, b in s.spans])


def internal_findings(case: Case) -> list[Finding]:
    """Contradictions inside the answering outlets' own texts; one finding names two outlets that carry the same
    contradiction (A's first statement, B's second), or one outlet twice when it alone carries it."""
    carriers: dict[tuple, list[tuple[str, Found]]] = {}
    for o in (o.without_cut() for o in case.outlets):
        for f in self_contradictions(case.question, case.kind, o, case.index):
            carriers.setdefault(_key(f), []).append((o.outlet, f))
    out = []
    for found in carriers.values():
        for (a, (pa, ca)), (b, (pb, cb)) in zip(found, found[1:]) if len(found) > 1 else [(found[0], found[0])]:
            out.append(Finding(detector=ca.detector, scope="internal", kind=ca.kind, confidence=CONFIDENCE,
                               sides=(_side(a, pa, ca.a), _side(b, pb, cb.b)), values={"detail": ca.detail},
                               template=CONTRADICTS_ITSELF if a == b else EACH_CONTRADICTS_ITSELF))
    return out[:MAX_INTERNAL]
