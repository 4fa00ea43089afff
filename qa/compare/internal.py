"""Contradictions inside one outlet's own text: the ``internal`` detector's findings.

An outlet's evidence (its shown snippets and their neighbour sentences, ``qa.compare.neighbourhood``) is read
for statements that cannot both hold:

- a count against the list that enumerates it ("four small towns: Mitta Mitta, Eskdale, Dartmouth"; ``lists``);
- a measure against its restatement in another unit ("one inch bore (26.5mm)"; ``conversions``);
- a length of time against the years it spans ("138 years from 799 to 684 BC"; ``durations``);
- a named prehistoric period against its age or a restatement ("the Permian, about 230 million years ago";
  ``periods``);
- an overall average outside its groups' averages ("on average about 1.5 kg" / "in men … 1370 g and in
  women … 1200 g"; ``averages``);
- a burial dated before the death ("died 26 December 1248" / "buried before 3 August 1248"; ``chronology``);
- an exclusivity claim against a mention elsewhere ("endemic to Mexico" / "reported from southern Venezuela";
  ``exclusive``);
- the yes/no question's proposition asserted and denied ("stimulates …" / "However, it inhibits …"; ``reversal``).

One-sentence checks read shown snippets only, and only where the contradicting words sit in a clause that
shares a word with the question. When several outlets carry the same contradiction (the same two statements)
it is reported once, naming two of them, and the explanation says that each text says both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import Passage
from index.store import Index
from qa.compare.averages import outside_groups
from qa.compare.chronology import out_of_order
from qa.compare.conversions import bad_conversions
from qa.compare.durations import bad_durations
from qa.compare.exclusive import OutsideMention, outside_mentions
from qa.compare.lists import count_mismatches
from qa.compare.neighbourhood import Run, evidence_runs
from qa.compare.periods import period_mismatches
from qa.compare.reversal import reversals
from qa.compare.slots import slot_kind
from qa.facts import lang
from qa.facts.focus import focus
from qa.facts.text import content_stems, fold, near
from qa.compare.registry import CONTRADICTS_ITSELF, EACH_CONTRADICTS_ITSELF, Finding
from qa.models import AnswerType, DisagreementKind, OutletAnswer, Side

CONFIDENCE = 0.55
MAX_INTERNAL = 4
"""Most internal disagreements reported for one question."""
_COUNT_WORDS = lang.words("internal.count_words")


@dataclass(frozen=True, slots=True)
class Statement:
    """One of the two statements of a contradiction: the words as written and where they are."""

    passage: Passage
    spans: tuple[tuple[int, int], ...]
    """Offsets in the passage text ("found", "Nicaragua": the words between are left out)."""
    normalized: str

    @property
    def text(self) -> str:
        return " … ".join(self.passage.text[s:e] for s, e in self.spans)


@dataclass(frozen=True, slots=True)
class SelfContradiction:
    """Two statements of one text that cannot both hold, and a phrase saying why ("says … but lists three")."""

    kind: DisagreementKind
    a: Statement
    b: Statement
    detail: str
    detector: str = "internal"
    """Which rule found it (``Disagreement.detector``)."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What two outlets must share to carry the same contradiction."""
        return self.kind, " ".join(fold(self.a.text).split()), " ".join(fold(self.b.text).split()), self.detail


def _count(n: int) -> str:
    return _COUNT_WORDS[n] if n < len(_COUNT_WORDS) else str(n)


def _one_sentence(p: Passage, q_stems: frozenset[str]) -> list[SelfContradiction]:
    text, out = p.text, []
    for m in count_mismatches(text):
        if near(q_stems, text, *m.count):
            listed = _count(len(m.items))
            out.append(SelfContradiction(
                "number", Statement(p, (m.count,), str(m.stated)), Statement(p, (m.listed,), f"{len(m.items)} listed"),
                f"says “{text[m.count[0]:m.count[1]]}” but lists {listed} ({', '.join(m.items)})",
                detector="internal count-list"))
    for c in bad_conversions(text):
        if near(q_stems, text, c.first.start, c.first.end):
            out.append(SelfContradiction(
                "number", Statement(p, ((c.first.start, c.first.end),), c.first.normalized),
                Statement(p, ((c.second.start, c.second.end),), c.second.normalized),
                f"gives “{c.first.text}” as “{c.second.text}”, but {c.first.text} is {c.expected}",
                detector="internal conversion"))
    for d in bad_durations(text):
        if near(q_stems, text, *d.length):
            length, span = text[d.length[0]:d.length[1]], text[d.span[0]:d.span[1]]
            out.append(SelfContradiction(
                "number", Statement(p, (d.length,), f"{d.stated:g} years"), Statement(p, (d.span,), f"{d.actual} years"),
                f"says “{length}” for {span}, which is {d.actual} years", detector="internal duration"))
    for m in period_mismatches(text):
        if near(q_stems, text, *m.period):
            a, b = text[m.period[0]:m.period[1]], text[m.other[0]:m.other[1]]
            detail = (f"restates “{a}” as “{b}”, a different age" if m.expected == a
                      else f"places the {a} at “{b}”, but the {a} is {m.expected}")
            norm = a if m.expected == a else m.expected
            out.append(SelfContradiction("date", Statement(p, (m.period,), norm), Statement(p, (m.other,), b), detail,
                                         detector="internal period"))
    return out


_NEXT_WORDS = re.compile(r"(?:[ \t]+[\w'’-]+){0,3}")


def _phrase(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` widened by up to three following words of its clause ("inhibits" → "inhibits angiogenesis")."""
    return span[0], span[1] + len(_NEXT_WORDS.match(text, span[1]).group())


def _outside(run: Run, asked: str, q_stems: frozenset[str]) -> list[SelfContradiction]:
    best: dict[int, OutsideMention] = {}
    for m in outside_mentions([p.text for p in run.passages], q_stems):
        if not (run.shown[m.claim] or run.shown[m.mention]):
            continue
        if m.claim not in best or (m.country in asked and best[m.claim].country not in asked):
            best[m.claim] = m  # one mention per claim: the country the question names, else the first
    out = []
    for m in best.values():
        a = Statement(run.passages[m.claim], (m.claim_span,), "only in " + ", ".join(m.scope))
        b = Statement(run.passages[m.mention], m.mention_spans, m.country)
        out.append(SelfContradiction("claim", a, b, f"says “{a.text}” but also “{b.text}”",
                                     detector="internal outside-scope"))
    return out


def _on_topic(run: Run, i: int, j: int, q_stems: frozenset[str]) -> bool:
    """True when sentence ``i`` or ``j`` of the run is shown and either shares a word with the question."""
    texts = run.passages[i].text + " " + run.passages[j].text
    return (run.shown[i] or run.shown[j]) and bool(content_stems(texts) & q_stems)


def _chronology(run: Run, q_stems: frozenset[str]) -> list[SelfContradiction]:
    out = []
    for o in out_of_order([p.text for p in run.passages]):
        if _on_topic(run, o.first.sentence, o.second.sentence, q_stems):
            a = Statement(run.passages[o.first.sentence], (o.first.span,), "death")
            b = Statement(run.passages[o.second.sentence], (o.second.span,), "burial")
            out.append(SelfContradiction("date", a, b, f"dates the burial (“{b.text}”) before the death (“{a.text}”)",
                                         detector="internal chronology"))
    return out


def _averages(run: Run, q_stems: frozenset[str]) -> list[SelfContradiction]:
    out = []
    for g in outside_groups([p.text for p in run.passages]):
        if not _on_topic(run, g.overall, g.groups, q_stems):
            continue
        a = Statement(run.passages[g.overall], ((g.value.start, g.value.end),), g.value.normalized)
        b = Statement(run.passages[g.groups], tuple((q.start, q.end) for q in g.group_values),
                      " / ".join(q.normalized for q in g.group_values))
        side = "lower" if g.value.lo > g.group_values[0].lo else "higher"
        groups = " and ".join(f"“{q.text}”" for q in g.group_values)
        out.append(SelfContradiction("number", a, b, f"gives an overall average of “{a.text}” but group averages "
                                                     f"of {groups}, both {side}", detector="internal averages"))
    return out


def _reversals(run: Run, question: str) -> list[SelfContradiction]:
    out = []
    for r in reversals(question, [p.text for p in run.passages]):
        if run.shown[r.asserts] or run.shown[r.denies]:
            pa, pb = run.passages[r.asserts], run.passages[r.denies]
            a = Statement(pa, (_phrase(pa.text, r.asserts_span),), "affirms")
            b = Statement(pb, (_phrase(pb.text, r.denies_span),), "denies")
            out.append(SelfContradiction("claim", a, b, f"asserts it (“{a.text}”) and denies it (“{b.text}”)",
                                         detector="internal reversal"))
    return out


def self_contradictions(question: str, kind: AnswerType, outlet: OutletAnswer,
                        index: Index) -> list[SelfContradiction]:
    """Contradictions inside ``outlet``'s evidence on ``question``, first found first."""
    asked = focus(question).text
    q_stems = content_stems(asked)
    stance = slot_kind(question, kind) == "stance"
    out: list[SelfContradiction] = []
    for run in evidence_runs(outlet, index):
        for p, shown in zip(run.passages, run.shown, strict=True):
            if shown:
                out += _one_sentence(p, q_stems)
        out += _outside(run, asked, q_stems) + _chronology(run, q_stems) + _averages(run, q_stems)
        if stance:
            out += _reversals(run, question)
    first: dict[tuple[str, str, str, str], SelfContradiction] = {}
    for c in out:
        first.setdefault(c.key, c)
    return list(first.values())


def _side(outlet: str, s: Statement) -> Side:
    p = s.passage
    return Side(outlet=outlet, article_id=p.article_id, value=s.text, normalized=s.normalized, passage_id=p.id,
                snippet=p.text, snippet_start=p.start, spans=[(p.start + a, p.start + b) for a, b in s.spans])


def _finding(c: SelfContradiction, first: str, second: SelfContradiction, other: str) -> Finding:
    return Finding(detector=c.detector, scope="internal", kind=c.kind, confidence=CONFIDENCE,
                   sides=(_side(first, c.a), _side(other, second.b)), values={"detail": c.detail},
                   template=CONTRADICTS_ITSELF if other == first else EACH_CONTRADICTS_ITSELF)


def internal_findings(question: str, kind: AnswerType, outlets: list[OutletAnswer], index: Index) -> list[Finding]:
    """Contradictions inside the answering outlets' texts; one finding names two outlets that carry the same
    contradiction (A's first statement, B's second), or one outlet twice when it alone carries it."""
    carriers: dict[tuple, list[tuple[str, SelfContradiction]]] = {}
    for o in outlets:
        for c in self_contradictions(question, kind, o, index):
            carriers.setdefault(c.key, []).append((o.outlet, c))
    out = []
    for found in carriers.values():
        for (a, ca), (b, cb) in zip(found, found[1:]) if len(found) > 1 else [(found[0], found[0])]:
            out.append(_finding(ca, a, cb, b))
    return out[:MAX_INTERNAL]
