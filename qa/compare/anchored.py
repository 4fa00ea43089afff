"""Question-anchored comparison: when the question asks for (or states) a date or a number, each outlet's
answer value is the one its evidence attaches to the question's event, and two outlets' answer values
are contrasted even when their sentences are worded too differently to align.

A value is an outlet's answer only when the clause around it names the question's event (shares a content
word with the question) and the snippet's window covers most of the question's content words.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.store import Index
from qa.compare import dates, numbers
from qa.compare.text import clause, content_stems
from qa.models import AnswerType, OutletAnswer, Snippet

MIN_WINDOW_COVER = 0.6


@dataclass(frozen=True, slots=True)
class Candidate:
    """An outlet's answer value and how well its evidence matches the question."""

    outlet: OutletAnswer
    snippet: Snippet
    value: object
    """A ``DateMention`` or a ``Quantity`` (offsets relative to the snippet sentence)."""
    support: float


def question_kind(question: str, kind: AnswerType) -> str | None:
    """"date" or "number" when the question asks for or states one; None otherwise."""
    if kind == "date" or dates.find_dates(question):
        return "date"
    if kind == "number" or [q for q in numbers.find_quantities(question) if q.dimension != "count"]:
        return "number"
    return None


def _values(kind: str, text: str, published):
    found = dates.find_dates(text, published)
    if kind == "date":
        return found
    return numbers.find_quantities(text, [(d.start, d.end) for d in found])


def candidates(question: str, kind: str, outlet: OutletAnswer, index: Index) -> list[Candidate]:
    """The outlet's values attached to the question's event, best supported first."""
    q_stems = content_stems(question) - {s for d in dates.find_dates(question) for s in content_stems(d.text)}
    if not q_stems:
        return []
    out = []
    for s in outlet.snippets:
        article = index.articles[s.article_id]
        window = content_stems(article.text[s.window_start:s.window_end])
        cover = len(window & q_stems) / len(q_stems)
        if cover < MIN_WINDOW_COVER:
            continue
        for v in _values(kind, s.text, article.published):
            near = clause(s.text, v.start, v.end) & q_stems
            if near:
                out.append(Candidate(outlet, s, v, cover + len(near) / len(q_stems) + s.score))
    return sorted(out, key=lambda c: -c.support)


def contrast(a: list[Candidate], b: list[Candidate], kind: str) -> tuple[Candidate, Candidate] | None:
    """The two outlets' best answer values when they cannot both hold and nothing on either side reconciles them."""
    if not a or not b:
        return None
    compatible = dates.compatible if kind == "date" else numbers.compatible
    comparable = (lambda x, y: True) if kind == "date" else numbers.comparable
    x = a[0]
    close = [c for c in b if c.support >= b[0].support - 0.3 and comparable(x.value, c.value)]
    if not close:
        return None
    y = min(close, key=lambda c: abs(c.value.lo - x.value.lo))  # the other side's nearest reading
    if any(compatible(x.value, c.value) for c in b if comparable(x.value, c.value)):
        return None
    if any(compatible(y.value, c.value) for c in a if comparable(y.value, c.value)):
        return None
    return x, y
