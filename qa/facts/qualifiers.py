"""What a figure measures besides its unit and value, read from the words around it: the span it adds up over
("$5 trillion in new spending over the next decade": 10 years; "$31,000 a year": 1), whether it is a part of a
figure written after it ("$300 billion of the $5 trillion total"), the named thing it is the size of ("the $1.8
trillion American Families Plan"); and, across a text, which figures are one item of a list and which repeat a
figure another sentence qualified. ``numbers.comparable`` sets figures that differ in any of these apart.
"""

from __future__ import annotations

import re

from qa.facts import lang
from qa.facts.entities import find_entities
from qa.facts.numbers import Quantity, word_number
from qa.facts.text import clause_bounds

_SPANS = lang.table("numbers.spans")
_SPAN_WORDS = "|".join(sorted(_SPANS, key=len, reverse=True))
_SPAN = re.compile(r"\s*(?:[^\s,;:()]+\s+){0,5}?(?:(?:over|across|during|within)\s+(?:the\s+|a\s+)?(?:(?:next|past|last|"
                   r"coming|following|first)\s+)?(?:(?P<n>[\w.,]+?)[\s-]+)?(?P<over>" + _SPAN_WORDS +
                   r")|(?:a|an|per|each|every)\s+(?P<rate>year|month|week)|(?P<yearly>annually))\b", re.I)
_PER = re.compile(r"\s+(per\s+[\d,.]+\s+[^\W\d_]+)", re.I)
_PART = re.compile(r"\s+of\s+(?:the|a|an|its|their|his|her|this)\s+(?:[\w-]+\s+){0,2}?(?:US\$|\$|€|£)?\d", re.I)


def _sized_name(text: str, q: Quantity) -> str | None:
    """The name of two or more words written right after ``q`` ("$1.8 trillion American Families Plan"), or the count
    it is a rate per ("55.8 births per 1,000 women": no count of births), if any."""
    if (per := _PER.match(text, q.end)) is not None:
        return per.group(1).lower()
    after = text[q.end:]
    start = q.end + len(after) - len(after.lstrip())
    if start - q.end > 1 or q.dimension.startswith("count"):
        return None
    return next((e.key for e in find_entities(text) if e.start == start and len(e.text.split()) > 1), None)


def qualified(text: str, q: Quantity) -> Quantity:
    """``q`` with the span its clause gives it ("over the next decade"), whether it is a part of a figure written
    after it ("$300 billion of the $5 trillion total") and the named thing it is the size of."""
    hi = clause_bounds(text, q.start, q.end)[1]
    span = None
    if (m := _SPAN.match(text, q.end, hi)) is not None:
        unit = (m.group("over") or m.group("rate") or m.group("yearly")).lower()
        count = word_number(m.group("n")) if m.group("n") else 1.0
        span = round((count or 1.0) * _SPANS[unit], 4)
    update = {"span_years": span, "part": bool(_PART.match(text, q.end)), "sizes": _sized_name(text, q)}
    return q.model_copy(update=update) if any(update.values()) else q


LISTED = 3
"""Distinct figures of one kind in a text from which it is a list of parts ("the $2.3 trillion jobs plan, the $1.8
trillion families plan and $1.5 trillion in discretionary spending")."""


def unlisted(quantities: list[Quantity], text_quantities: list[Quantity]) -> list[Quantity]:
    """``quantities`` that are not one item of a list of figures of their kind in their text (``text_quantities``,
    conversions such as "130 km/h (81 mph)" counted once): which item is meant is unsure."""
    distinct: dict[str, list[float]] = {}
    for t in text_quantities:
        seen = distinct.setdefault(t.dimension, [])
        if not any(abs(t.lo - d) <= 0.01 * max(abs(t.lo), abs(d)) for d in seen):
            seen.append(t.lo)
    return [q for q in quantities if len(distinct.get(q.dimension, ())) < LISTED]


def shared_spans(quantities: list[Quantity], context: list[Quantity]) -> list[Quantity]:
    """``quantities`` with the span another mention of the same figure in ``context`` gives ("the $5 trillion total"
    after "$5 trillion in new spending over the next decade"): a figure written twice is one measure."""
    spans = {(c.dimension, c.lo, c.hi): c.span_years for c in context if c.span_years}
    return [q if q.span_years or (q.dimension, q.lo, q.hi) not in spans
            else q.model_copy(update={"span_years": spans[(q.dimension, q.lo, q.hi)]}) for q in quantities]
