"""A stated length of time against the years it spans, inside one mention.

"ruled for 138 years from 799 to 684 BC" cannot hold: 799 BC to 684 BC is 115 years. The length and the span
must sit in one phrase ("for N years from Y1 to Y2", "for N years (Y1–Y2)"), so the two are about the same
period; "for 3 years between 2001 and 2010" is a time within a longer window, not a mismatch. Counting may be inclusive, so one year either way holds;
hedges widen it ("about 20 years": 10%; "over 20 years": at least 20).
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts.numbers import HEDGES as _HEDGES
from qa.facts.numbers import word_number

_ERA = r"(?:\s*(?P<era{n}>BCE|BC|B\.C\.|CE|AD|A\.D\.)(?!\w))?"
_YEAR = r"(?P<y{n}>\d{{1,4}})" + _ERA
_SPAN = (r"(?:,?\s+from\s+" + _YEAR.format(n=1) + r"\s*(?:to|until|till|through|–|-)\s*"
         + _YEAR.format(n=2) + r"|\s*\(\s*" + _YEAR.format(n=3) + r"\s*[–-]\s*" + _YEAR.format(n=4) + r"\s*\))")
_LENGTH = re.compile(
    r"\bfor\s+(?:the\s+(?:next|following|last)\s+)?(?P<hedge>" + "|".join(sorted(_HEDGES, key=len, reverse=True))
    + r")?\s*(?P<n>\d{1,4}|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>years?)" + _SPAN, re.I)


def _signed(year: str, era: str | None) -> int:
    """Astronomical year numbering (1 BC = 0), so spans across the era boundary count right."""
    y = int(year)
    return 1 - y if era and era.upper().startswith("B") else y


def _span_years(m: re.Match[str]) -> int:
    first, second = ("y1", "y2") if m.group("y1") else ("y3", "y4")
    e1, e2 = m.group("era" + first[1:]), m.group("era" + second[1:])
    y1, y2 = m.group(first), m.group(second)
    if len(y2) < len(y1) and not e2 and not e1 and len(y1) == 4:
        y2 = y1[:4 - len(y2)] + y2  # "1990–95"
    if e2 and not e1:
        e1 = e2  # "from 799 to 684 BC": both BC
    a, b = _signed(y1, e1), _signed(y2, e2)
    return abs(b - a)


def _holds(stated: float, actual: int, bound: str) -> bool:
    if bound == "min":
        return actual + 1 >= stated
    if bound == "max":
        return actual - 1 <= stated
    slack = max(1.0, 0.1 * stated) if bound == "approx" else 1.0
    return abs(actual - stated) <= slack


def bad_durations(text: str) -> list[SelfContradiction]:
    """Lengths of time in ``text`` ("138 years") that the span of years written with them ("799 to 684 BC") does
    not match."""
    out = []
    for m in _LENGTH.finditer(text):
        stated = word_number(m.group("n"))
        actual = _span_years(m)
        if stated is None:
            continue
        bound = _HEDGES.get((m.group("hedge") or "").lower(), "eq")
        if _holds(stated, actual, bound):
            continue
        length_start = m.start("hedge") if m.group("hedge") else m.start("n")
        first, second = ("1", "2") if m.group("y1") else ("3", "4")
        span_end = m.end("era" + second) if m.group("era" + second) else m.end("y" + second)
        length = Statement(0, ((length_start, m.end("unit")),), f"{stated:g} years")
        span = Statement(0, ((m.start("y" + first), span_end),), f"{actual} years")
        detail = f"says “{length.text(text)}” for {span.text(text)}, which is {actual} years"
        out.append(SelfContradiction("internal duration", "number", length, span, detail))
    return out
