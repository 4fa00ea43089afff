"""Named prehistoric periods against the age or the other period a text gives them, inside one mention.

"during the Permian period, about 230 million years ago": the Permian ended 251.9 million years ago, so the
two cannot both hold. "the Neolithic (Paleolithic) period" restates one age as another that is not next to
it. Geologic periods and epochs carry their ages (ICS chart, million years ago); a stated age must fall
within the period, widened by 5% for older charts and by the rounding its digits allow. The Stone, Copper,
Bronze and Iron ages are a sequence: a restatement may name the same age or a neighbour ("Late Neolithic
(Chalcolithic)"), not one further off.
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.numbers import word_number

CHART_SLACK = 0.05
_GEOLOGIC = {name: tuple(span) for name, span in lang.table("periods.geologic").items()}
"""Geologic period or epoch → (start, end) in million years ago."""
_AGES = lang.table("periods.ages")
_PHASE = r"(?:(?:" + lang.alternation("periods.phases") + r")\s+)?"
_GEO = "|".join(sorted(_GEOLOGIC, key=len, reverse=True))
_AGE = "|".join(sorted(_AGES, key=len, reverse=True))
_HEDGE = r"(?:(?i:" + lang.alternation("periods.hedge_patterns") + r")\s+)?"
_MA = rf"(?P<age>(?P<hedge>{_HEDGE})(?P<n>\d[\d,]*(?:\.\d+)?)\s+(?P<scale>million|billion)\s+years\s+ago)"
_GEO_THEN_AGE = re.compile(rf"\b(?P<period>{_GEO})(?:\s+(?:period|epoch|era))?\s*[,(–—-]?\s*{_MA}")
_AGE_THEN_GEO = re.compile(rf"{_MA}\s*[,(–—-]?\s*(?:(?:during|in)\s+)?(?:the\s+)?{_PHASE}(?P<period>{_GEO})\b")
_RESTATED = re.compile(rf"\b(?P<a>{_AGE}|{_GEO})(?:\s+(?:period|epoch|era))?\s*\(\s*{_PHASE}(?P<b>{_AGE}|{_GEO})"
                       rf"(?:\s+(?:period|epoch|era))?\s*\)")


def _ma(m: re.Match[str]) -> tuple[float, float]:
    value = word_number(m.group("n"))  # digits: never None
    digits = m.group("n").replace(",", "")
    step = 0.5 * 10 ** -len(digits.split(".")[1]) if "." in digits else 0.5 * 10 ** (len(digits) - len(digits.rstrip("0")))
    scale = 1000.0 if m.group("scale") == "billion" else 1.0
    return (value - step) * scale, (value + step) * scale


def _fits(period: str, age: tuple[float, float]) -> bool:
    start, end = _GEOLOGIC[period]
    return age[0] <= start * (1 + CHART_SLACK) and age[1] >= end * (1 - CHART_SLACK)


def _disjoint(a: str, b: str) -> bool:
    if a in _AGES and b in _AGES:
        return abs(_AGES[a] - _AGES[b]) >= 2
    if a in _GEOLOGIC and b in _GEOLOGIC:
        (sa, ea), (sb, eb) = _GEOLOGIC[a], _GEOLOGIC[b]
        return ea > sb or eb > sa  # one ends before the other starts, with a gap
    return False


def period_mismatches(text: str) -> list[SelfContradiction]:
    """Named periods in ``text`` given an age outside them, or restated as a period they cannot be; the period's
    statement gives its span ("298.9–251.9 million years ago"), or its name when restated."""
    out = []
    for pattern in (_GEO_THEN_AGE, _AGE_THEN_GEO):
        for m in pattern.finditer(text):
            period = m.group("period")
            if _fits(period, _ma(m)):
                continue
            start, end = _GEOLOGIC[period]
            expected = f"{start:g}–{end:g} million years ago"
            out.append(SelfContradiction(
                "internal period", "date", Statement(0, (m.span("period"),), expected),
                Statement(0, (m.span("age"),), m.group("age")),
                f"places the {period} at “{m.group('age')}”, but the {period} is {expected}"))
    for m in _RESTATED.finditer(text):
        a, b = m.group("a"), m.group("b")
        if _disjoint(a, b):
            out.append(SelfContradiction("internal period", "date", Statement(0, (m.span("a"),), a),
                                         Statement(0, (m.span("b"),), b),
                                         f"restates “{a}” as “{b}”, a different age"))
    return out
