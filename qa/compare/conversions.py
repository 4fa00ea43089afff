"""A measure restated in another unit inside one mention, and whether the restatement holds.

"one inch bore (26.5mm)": an inch is 25.4 mm, and "26.5" is written to the tenth of a millimetre, so the
two cannot both hold. "20 acres (81,000 m2)" holds (80,937 m² rounds to 81,000: the zeros of a whole number
are not taken as significant) and so does "1.4 hectares (3.5 acres)". A restatement is a measure in
parentheses right after another ("30 m (98 ft)") or joined by "or" ("10 pounds or 400 shillings"); the
parenthesised value is taken as the conversion, so it must match the first value to its own written
precision, plus 2% (10% when either is hedged: "about 5 miles (8 km)").
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.annotate import annotate
from qa.facts.numbers import Quantity

SLACK = 0.02
"""Relative slack beyond the written precision of the restated value."""
HEDGED_SLACK = 0.1
# Pre-decimal sterling: £1 = 20 shillings = 240 pence (100 new pence after 1971, so pence allow both).
_SUBUNITS: dict[tuple[str, str], tuple[float, ...]] = {
    ("gbp", "shilling"): (20,), ("shilling", "pence"): (12,), ("gbp", "pence"): (240, 100)}
_SUBUNITS |= {(b, a): tuple(1 / r for r in rs) for (a, b), rs in list(_SUBUNITS.items())}
_PAREN = re.compile(r"(?:\s+[a-z]+)?\s*\(\s*(?:(?:" + lang.alternation("conversions.paren_hedge_patterns") + r")\s+)?")
_OR = re.compile(r",?\s+or\s+(?:(?:" + lang.alternation("conversions.or_hedges") + r")\s+)?")
_PAREN_END = re.compile(r"\s*[);,]")
_OR_END = re.compile(r"\s*(?:[,.;:)]|$)")
_COMPOUND = re.compile(r"\s*(?:and\s+)?$")
_AMBIGUOUS_BEFORE = re.compile(r"\b(?:" + lang.alternation("conversions.ambiguous_before_patterns") + r")\s*$", re.I)
_AMBIGUOUS_UNITS = lang.wordset("conversions.ambiguous_units")
_NATIONAL = re.compile(r"\b[A-Z][a-z]+(?:an|n|i)\s+$")
"""A capitalised national adjective before the unit ("Kenyan shillings"): not the pre-decimal pound's shilling."""


def _ratios(a: Quantity, b: Quantity) -> tuple[float, ...]:
    if a.dimension == b.dimension:
        return (1.0,)
    return _SUBUNITS.get((a.dimension, b.dimension), ())


def _holds(a: Quantity, b: Quantity, ratio: float) -> bool:
    slack = HEDGED_SLACK if "approx" in (a.bound, b.bound) else SLACK
    for x, y in ((a.lo, b.lo), (a.hi, b.hi)):
        if abs(x * ratio - y) > b.step + slack * abs(y):
            return False
    return True


def _expected(a: Quantity, b: Quantity, ratio: float) -> str:
    """The first measure in the second's unit ("25.4 mm")."""
    value = f"{a.lo * ratio / b.factor:.3g}"
    return f"{b.unit}{value}" if b.unit in ("$", "€", "£", "us$") else f"{value} {b.unit}"


def _restates(text: str, a: Quantity, b: Quantity) -> bool:
    """True when ``b`` is written as ``a`` restated: "A (B)" or "A or B" followed by punctuation."""
    between = text[a.end:b.start]
    if _PAREN.fullmatch(between):
        return bool(_PAREN_END.match(text, b.end))
    if _OR.fullmatch(between):
        return bool(_OR_END.match(text, b.end))
    return False


def bad_conversions(text: str) -> list[SelfContradiction]:
    """Measures in ``text`` restated in another unit where the two values cannot both hold."""
    qs = [q for q in annotate(text).measures if q.bound in ("eq", "approx")]
    out = []
    for i in range(1, len(qs)):
        a, b = qs[i - 1], qs[i]
        ratios = _ratios(a, b)
        if not ratios or a.unit == b.unit or not a.unit or not b.unit or not _restates(text, a, b):
            continue
        if a.dimension == "duration" or (a.lo == a.hi) != (b.lo == b.hi):
            continue  # "about one year (9-21 months)": a window, not the same time restated
        if {a.unit, b.unit} & _AMBIGUOUS_UNITS or any(_AMBIGUOUS_BEFORE.search(text[:q.start]) for q in (a, b)):
            continue
        if "shilling" in (a.dimension, b.dimension) and any(
                q.dimension == "shilling" and _NATIONAL.search(text[:q.end - len(q.unit)]) for q in (a, b)):
            continue
        if i >= 2 and qs[i - 2].dimension == a.dimension and _COMPOUND.fullmatch(text[qs[i - 2].end:a.start]):
            continue  # "5 ft 10 in (1.78 m)": the parenthesis restates both
        if any(_holds(a, b, r) for r in ratios):
            continue
        out.append(SelfContradiction(
            "internal conversion", "number", Statement(0, ((a.start, a.end),), a.normalized),
            Statement(0, ((b.start, b.end),), b.normalized),
            f"gives “{a.text}” as “{b.text}”, but {a.text} is {_expected(a, b, ratios[0])}"))
    return out
