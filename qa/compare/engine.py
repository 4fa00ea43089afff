"""Entry point of the comparison engine: align what answering outlets say and report where they disagree.

Silent outlets never reach this point (they are listed as silent by ``qa.evidence``), so silence is never
a disagreement. Everything here works on text already in memory and on the index's stored vectors: no
model is loaded and nothing is re-encoded. The detectors are registered in ``DETECTORS`` (``qa.compare.registry``
says what a detector is); ``compare`` runs them in that order.
"""

from __future__ import annotations

import bisect

from index.store import Index
from qa.compare.align import pairs
from qa.compare.consensus import consensus_line
from qa.compare.detect import detect
from qa.compare.internal import internal_findings
from qa.compare.neighbourhood import article_passages
from qa.compare.quote_match import QuoteVariant, quotes_of, variants
from qa.compare.quotes import word_diff
from qa.compare.registry import QUOTE, STANCES, Case, Detector, Finding, disagreement, value_template
from qa.compare.scope import comparable
from qa.compare.slots import clashes, slot_kind
from qa.facts.focus import focus
from qa.facts.text import content_stems
from qa.models import AnswerType, Disagreement, OutletAnswer, Side, Snippet

MAX_DISAGREEMENTS = 12


def _sentence_start(index: Index, snippet: Snippet) -> int:
    found = index.articles[snippet.article_id].text.find(snippet.text, snippet.start)
    return found if found >= 0 else snippet.start


def _side(index: Index, outlet: OutletAnswer, snippet: Snippet, value: str, normalized: str,
          spans: tuple[tuple[int, int], ...]) -> Side:
    start = _sentence_start(index, snippet)
    return Side(outlet=outlet.outlet, article_id=snippet.article_id, value=value, normalized=normalized,
                passage_id=snippet.passage_id, snippet=snippet.text, snippet_start=start,
                spans=[(start + s, start + e) for s, e in spans])


def _quote_side(index: Index, outlet: OutletAnswer, article_id: str, quote, normalized: str) -> Side:
    ps = article_passages(index, article_id)
    i = max(0, bisect.bisect_right([p.start for p in ps], quote.start) - 1)
    p = ps[i]
    return Side(outlet=outlet.outlet, article_id=article_id, value=quote.text, normalized=normalized,
                passage_id=p.id, snippet=p.text, snippet_start=p.start, spans=list(quote.spans))


def _aligned(case: Case) -> list[Finding]:
    """Aligned sentences of two outlets that differ on a date, a number or a name the question asks for
    (``qa.compare.detect``); of one pair's findings with the same values, the most confident."""
    index, best = case.index, {}
    asked = focus(case.question)
    for pair in pairs(case.outlets, index):
        pub_a = index.articles[pair.sa.article_id].published
        pub_b = index.articles[pair.sb.article_id].published
        for f in detect(pair, pub_a, pub_b, case.kind, (asked.states_date, asked.states_number)):
            key = (f.kind, pair.a.outlet, pair.b.outlet, frozenset((f.norm_a, f.norm_b)))
            if key in best and best[key].confidence >= f.confidence:
                continue
            best[key] = Finding(
                detector=f"aligned {f.kind}", scope="pair", kind=f.kind, confidence=f.confidence,
                sides=(_side(index, pair.a, pair.sa, f.value_a, f.norm_a, f.spans_a),
                       _side(index, pair.b, pair.sb, f.value_b, f.norm_b, f.spans_b)),
                template=value_template(f.kind, f.value_a, f.norm_a, f.value_b, f.norm_b),
                values={"value_a": f.value_a, "norm_a": f.norm_a, "value_b": f.value_b, "norm_b": f.norm_b})
    return list(best.values())


def _slotted(case: Case) -> list[Finding]:
    """Two outlets' values for the question's answer slot that cannot both hold (``qa.compare.slots``)."""
    out, index = [], case.index
    slot = slot_kind(case.question, case.kind)
    for c in clashes(case.question, case.kind, case.outlets, index):
        x, y = c.x, c.y
        template = STANCES if c.kind == "claim" else value_template(c.kind, x.text, x.normalized, y.text, y.normalized)
        out.append(Finding(
            detector=f"slot {_slot_rule(slot, c.kind)}", scope="answer", kind=c.kind, confidence=0.6,
            sides=(_side(index, c.a, x.reading.snippet, x.text, x.normalized, (x.span,)),
                   _side(index, c.b, y.reading.snippet, y.text, y.normalized, (y.span,))),
            template=template, values={"value_a": x.text, "norm_a": x.normalized, "value_b": y.text,
                                       "norm_b": y.normalized}))
    return out


def _slot_rule(slot: str | None, kind: str) -> str:
    """The slot rule behind a clash: the slot asked, "stance" for the yes/no stance of a date or number
    question, or "contrast" for a denial in a contrast on a question with no slot."""
    return "contrast" if slot is None else "stance" if kind == "claim" and slot in ("date", "number") else slot


def _quote_finding(v: QuoteVariant, a: OutletAnswer, art_a: str, b: OutletAnswer, art_b: str, index: Index) -> Finding:
    diff = word_diff(v.a.text, v.b.text)
    changed = [op for op in diff if op.op != "equal"]
    first = max(changed, key=lambda op: (op.op == "replace", len(content_stems(op.a)) + len(content_stems(op.b))),
                default=None)
    return Finding(detector="quote variant", scope="pair", kind="quote", severity="minor", confidence=v.similarity,
                   sides=(_quote_side(index, a, art_a, v.a, " ".join(v.a.text.split())),
                          _quote_side(index, b, art_b, v.b, " ".join(v.b.text.split()))),
                   template=QUOTE, diff=diff,
                   values={"speaker": f"{v.a.speaker or v.b.speaker}'s" if (v.a.speaker or v.b.speaker) else "the same",
                           "detail": f": “{first.a}” vs “{first.b}”" if first else ""})


def _quotes(case: Case) -> list[Finding]:
    """The same quote worded differently by two outlets (``qa.compare.quote_match``)."""
    out, seen, index, outlets = [], set(), case.index, case.outlets
    topic = focus(case.question).predicate or focus(case.question).stems
    for i, a in enumerate(outlets):
        for b in outlets[i + 1:]:
            for art_a in sorted({s.article_id for s in a.snippets}):
                for art_b in sorted({s.article_id for s in b.snippets}):
                    if not comparable(index, art_a, art_b):
                        continue  # weeks apart: another speech, not a rewording of the same quote
                    qa, qb = quotes_of(a, index.articles[art_a], topic), quotes_of(b, index.articles[art_b], topic)
                    sent_a = [(_sentence_start(index, s), s.text) for s in a.snippets if s.article_id == art_a]
                    sent_b = [(_sentence_start(index, s), s.text) for s in b.snippets if s.article_id == art_b]
                    found = [(v, False) for v in variants(qa, qb, index.articles[art_b], sent_b)]
                    found += [(v, True) for v in variants(qb, qa, index.articles[art_a], sent_a)]
                    for v, flipped in found:
                        x, y = (v.b, v.a) if flipped else (v.a, v.b)
                        key = (a.outlet, b.outlet, x.spans, y.spans)
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(_quote_finding(QuoteVariant(x, y, v.similarity), a, art_a, b, art_b, index))
    return out


def _internal(case: Case) -> list[Finding]:
    """Contradictions inside the answering outlets' own texts (``qa.compare.internal``)."""
    return internal_findings(case.question, case.kind, case.outlets, case.index)


DETECTORS: tuple[Detector, ...] = (
    Detector("aligned", "pair", frozenset({"date", "number", "entity"}), _aligned),
    Detector("slot", "answer", frozenset({"date", "number", "entity", "claim"}), _slotted),
    Detector("quote variant", "pair", frozenset({"quote"}), _quotes),
    Detector("internal", "internal", frozenset({"date", "number", "claim"}), _internal),
)
"""Every detector, in the order ``compare`` runs them."""


def compare(question: str, kind: AnswerType, outlets: list[OutletAnswer],
            index: Index) -> tuple[list[Disagreement], str | None]:
    """Return the disagreements between the answering ``outlets`` and a consensus line.

    An answer-slot clash is dropped where aligned sentences already flag the same kind for the same two outlets.
    Contradictions inside one outlet's text come after the cross-outlet ones (``Disagreement.internal``); they
    are reported even when only one outlet answers."""
    case = Case(question, kind, outlets, index)
    found: list[Finding] = []
    for detector in DETECTORS:
        flagged = {(f.kind, frozenset(s.outlet for s in f.sides)) for f in found if f.scope == "pair"}
        found += [f for f in detector.find(case)
                  if f.scope != "answer" or (f.kind, frozenset(s.outlet for s in f.sides)) not in flagged]
    out = sorted(map(disagreement, found), key=lambda d: (d.severity != "major", -d.confidence))
    out = out[:MAX_DISAGREEMENTS]
    return out, consensus_line(outlets, out)
