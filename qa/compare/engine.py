"""Entry point of the comparison engine: align what answering outlets say and report where they disagree.

Silent outlets never reach this point (they are listed as silent by ``qa.evidence``), so silence is never
a disagreement. Everything here works on text already in memory and on the index's stored vectors: no
model is loaded and nothing is re-encoded.
"""

from __future__ import annotations

import bisect

from index.store import Index
from qa.compare.align import comparable, pairs
from qa.compare.answers import consensus_line
from qa.compare.detect import detect
from qa.compare.internal import internal_findings
from qa.compare.quotes import Quote, QuoteVariant, quotes_of, variants, word_diff
from qa.compare.registry import QUOTE, Case, Detector, Finding, article_passages, disagreement, sentence_start
from qa.compare.slots import clashes
from qa.facts.focus import focus
from qa.facts.text import content_stems
from qa.models import AnswerType, Disagreement, OutletAnswer, Side

MAX_DISAGREEMENTS = 12


def _quote_side(index: Index, outlet: OutletAnswer, article_id: str, quote: Quote) -> Side:
    """The side of ``outlet`` that gives ``quote``, shown in the passage where the quote starts."""
    ps = article_passages(index, article_id)
    p = ps[max(0, bisect.bisect_right([s.start for s in ps], quote.start) - 1)]
    return Side(outlet=outlet.outlet, article_id=article_id, value=quote.text, normalized=" ".join(quote.text.split()),
                passage_id=p.id, snippet=p.text, snippet_start=p.start, spans=list(quote.spans))


def _aligned(case: Case) -> list[Finding]:
    """Aligned sentences of two outlets that differ on a date, a number or a name the question asks for
    (``qa.compare.detect``); of one pair's findings with the same values, the most confident."""
    best: dict[tuple, Finding] = {}
    asked = focus(case.question)
    for pair in pairs([o.without_cut() for o in case.outlets], case.index):
        for f in detect(pair, case.index, case.kind, (asked.states_date, asked.states_number)):
            key = (f.kind, pair.a.outlet, pair.b.outlet, frozenset(s.normalized for s in f.sides))
            if key not in best or best[key].confidence < f.confidence:
                best[key] = f
    return list(best.values())


def _quote_finding(v: QuoteVariant, a: OutletAnswer, art_a: str, b: OutletAnswer, art_b: str, index: Index) -> Finding:
    diff = word_diff(v.a.text, v.b.text)
    first = max((op for op in diff if op.op != "equal"), default=None,
                key=lambda op: (op.op == "replace", len(content_stems(op.a)) + len(content_stems(op.b))))
    return Finding(detector="quote variant", scope="pair", kind="quote", severity="minor", confidence=v.similarity,
                   sides=(_quote_side(index, a, art_a, v.a), _quote_side(index, b, art_b, v.b)),
                   template=QUOTE, diff=diff,
                   values={"speaker": f"{v.a.speaker or v.b.speaker}'s" if (v.a.speaker or v.b.speaker) else "the same",
                           "detail": f": “{first.a}” vs “{first.b}”" if first else ""})


def _quotes(case: Case) -> list[Finding]:
    """The same quote worded differently by two outlets (``qa.compare.quotes``); not for a date, number or name."""
    if case.kind in ("date", "number", "person", "place", "organisation"):
        return []
    out, seen, index, outlets = [], set(), case.index, case.outlets
    asked = focus(case.question)
    topic = asked.predicate or asked.stems
    for i, a in enumerate(outlets):
        for b in outlets[i + 1:]:
            for art_a in sorted({s.article_id for s in a.snippets}):
                for art_b in sorted({s.article_id for s in b.snippets}):
                    if not comparable(index, art_a, art_b):
                        continue  # weeks apart: another speech, not a rewording of the same quote
                    qa, qb = quotes_of(a, index.articles[art_a], topic), quotes_of(b, index.articles[art_b], topic)
                    sent_a = [(sentence_start(index, s), s.text) for s in a.snippets if s.article_id == art_a]
                    sent_b = [(sentence_start(index, s), s.text) for s in b.snippets if s.article_id == art_b]
                    found = variants(qa, qb, index.articles[art_b], sent_b)
                    found += [QuoteVariant(v.b, v.a, v.similarity)  # b's quotes against a's, turned round
                              for v in variants(qb, qa, index.articles[art_a], sent_a)]
                    for v in found:
                        key = (a.outlet, b.outlet, v.a.spans, v.b.spans)
                        if key not in seen:
                            seen.add(key)
                            out.append(_quote_finding(v, a, art_a, b, art_b, index))
    return out


DETECTORS: tuple[Detector, ...] = (
    Detector("aligned", "pair", _aligned),
    Detector("slot", "answer", lambda case: clashes(case.question, case.kind, case.outlets, case.index)),
    Detector("quote variant", "pair", _quotes),
    Detector("internal", "internal", internal_findings),
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
    out = sorted(map(disagreement, found), key=lambda d: (d.severity != "major", -d.confidence))[:MAX_DISAGREEMENTS]
    return out, consensus_line(outlets, out)
