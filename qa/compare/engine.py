"""Entry point of the comparison engine: align what answering outlets say and report where they disagree.

Silent outlets never reach this point (they are listed as silent by ``qa.evidence``), so silence is never
a disagreement. Everything here works on text already in memory and on the index's stored vectors: no
model is loaded and nothing is re-encoded.
"""

from __future__ import annotations

import bisect

from index.store import Index
from qa.compare.align import pairs
from qa.compare.consensus import consensus_line
from qa.compare.detect import Finding, detect
from qa.compare.internal import internal_disagreements
from qa.compare.neighbourhood import article_passages
from qa.compare.quote_match import QuoteVariant, quotes_of, variants
from qa.compare.quotes import word_diff
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


def _explain(f: Finding, a: str, b: str) -> str:
    if f.kind == "claim":
        return f"{a} says “{f.value_a}”; {b} says “{f.value_b}” about the same claim"
    line = f"{a} says {f.value_a}; {b} says {f.value_b}"
    return line + (f" ({f.norm_a} vs {f.norm_b})" if f.norm_a != f.value_a or f.norm_b != f.value_b else "")


def _factual(kind: AnswerType, outlets: list[OutletAnswer], index: Index) -> list[Disagreement]:
    best: dict[tuple, Disagreement] = {}
    for pair in pairs(outlets, index):
        pub_a = index.articles[pair.sa.article_id].published
        pub_b = index.articles[pair.sb.article_id].published
        for f in detect(pair, pub_a, pub_b, kind):
            key = (f.kind, pair.a.outlet, pair.b.outlet, frozenset((f.norm_a, f.norm_b)))
            if key in best and best[key].confidence >= f.confidence:
                continue
            best[key] = Disagreement(
                kind=f.kind, severity="major", outlets=(pair.a.outlet, pair.b.outlet),
                sides=(_side(index, pair.a, pair.sa, f.value_a, f.norm_a, f.spans_a),
                       _side(index, pair.b, pair.sb, f.value_b, f.norm_b, f.spans_b)),
                explanation=_explain(f, pair.a.outlet, pair.b.outlet), confidence=f.confidence,
                detector=f"aligned {f.kind}")
    return list(best.values())


def _slotted(question: str, kind: AnswerType, outlets: list[OutletAnswer], index: Index) -> list[Disagreement]:
    """Disagreements on the question's answer slot (see ``qa.compare.slots``)."""
    out = []
    slot = slot_kind(question, kind)
    for dkind, a, x, b, y in clashes(question, kind, outlets, index):
        f = Finding(dkind, x.text, x.normalized, (x.span,), y.text, y.normalized, (y.span,), confidence=0.6)
        explanation = _explain(f, a.outlet, b.outlet)
        if dkind == "claim":
            explanation = f"{a.outlet} {x.normalized} it (“{x.text}”); {b.outlet} {y.normalized} it (“{y.text}”)"
        out.append(Disagreement(kind=dkind, severity="major", outlets=(a.outlet, b.outlet),
                                sides=(_side(index, a, x.reading.snippet, f.value_a, f.norm_a, f.spans_a),
                                       _side(index, b, y.reading.snippet, f.value_b, f.norm_b, f.spans_b)),
                                explanation=explanation, confidence=f.confidence,
                                detector=f"slot {_slot_rule(slot, dkind)}"))
    return out


def _slot_rule(slot: str | None, kind: str) -> str:
    """The slot rule behind a clash: the slot asked, "stance" for the yes/no stance of a date or number
    question, or "contrast" for a denial in a contrast on a question with no slot."""
    return "contrast" if slot is None else "stance" if kind == "claim" and slot in ("date", "number") else slot


def _quote_disagreement(v: QuoteVariant, a: OutletAnswer, art_a: str, b: OutletAnswer, art_b: str,
                        index: Index) -> Disagreement:
    diff = word_diff(v.a.text, v.b.text)
    changed = [op for op in diff if op.op != "equal"]
    first = max(changed, key=lambda op: (op.op == "replace", len(content_stems(op.a)) + len(content_stems(op.b))), default=None)
    detail = f": “{first.a}” vs “{first.b}”" if first else ""
    who = f"{v.a.speaker or v.b.speaker}'s" if (v.a.speaker or v.b.speaker) else "the same"
    return Disagreement(kind="quote", severity="minor", outlets=(a.outlet, b.outlet), detector="quote variant",
                        sides=(_quote_side(index, a, art_a, v.a, " ".join(v.a.text.split())),
                               _quote_side(index, b, art_b, v.b, " ".join(v.b.text.split()))),
                        explanation=f"{a.outlet} and {b.outlet} word {who} quote differently{detail}",
                        diff=diff, confidence=v.similarity)


def _quotes(question: str, outlets: list[OutletAnswer], index: Index) -> list[Disagreement]:
    out, seen = [], set()
    topic = focus(question).predicate or focus(question).stems
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
                        out.append(_quote_disagreement(QuoteVariant(x, y, v.similarity), a, art_a, b, art_b, index))
    return out


def compare(question: str, kind: AnswerType, outlets: list[OutletAnswer],
            index: Index) -> tuple[list[Disagreement], str | None]:
    """Return the disagreements between the answering ``outlets`` and a consensus line.

    Contradictions inside one outlet's text come after the cross-outlet ones (``Disagreement.internal``); they
    are reported even when only one outlet answers."""
    found = _factual(kind, outlets, index)
    seen = {(d.kind, frozenset(d.outlets)) for d in found}
    found += [d for d in _slotted(question, kind, outlets, index) if (d.kind, frozenset(d.outlets)) not in seen]
    found += _quotes(question, outlets, index)
    found += internal_disagreements(question, kind, outlets, index)
    found.sort(key=lambda d: (d.severity != "major", -d.confidence))
    found = found[:MAX_DISAGREEMENTS]
    return found, consensus_line(outlets, found)
