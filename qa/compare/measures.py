"""Measures one text gives twice that cannot both hold: a measure restated in another unit, and an overall average
outside the averages of the groups that make it up.

"one inch bore (26.5mm)": an inch is 25.4 mm, and "26.5" is written to the tenth of a millimetre, so the two cannot both
hold. "20 acres (81,000 m2)" holds (80,937 m² rounds to 81,000: the zeros of a whole number are not taken as
significant) and so does "1.4 hectares (3.5 acres)". A restatement is a measure in parentheses right after another
("30 m (98 ft)") or joined by "or" ("10 pounds or 400 shillings"); the parenthesised value is taken as the conversion,
so it must match the first value to its own written precision, plus 2% (10% when either is hedged: "about 5 miles
(8 km)").

"The adult brain weighs on average about 1.5 kg." next to "In men the average weight is about 1370 g and in women about
1200 g." cannot both hold: an average over men and women lies between theirs. The groups must be complementary (men and
women, males and females, boys and girls), both sentences must speak of an average of the same dimension, the overall
value within a factor 1.5 of the nearest group's (so a body's and a brain's weight are not compared), in adjacent
sentences. Values are taken to the rounding their digits allow, plus 2%.
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.annotate import annotate
from qa.facts.numbers import Quantity

SLACK = 0.02
"""Relative slack beyond the rounding a value's written digits allow (a restated value, an average)."""
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
    return (1.0,) if a.dimension == b.dimension else _SUBUNITS.get((a.dimension, b.dimension), ())


def _holds(a: Quantity, b: Quantity, ratio: float) -> bool:
    slack = HEDGED_SLACK if "approx" in (a.bound, b.bound) else SLACK
    return not any(abs(x * ratio - y) > b.step + slack * abs(y) for x, y in ((a.lo, b.lo), (a.hi, b.hi)))


def _expected(a: Quantity, b: Quantity, ratio: float) -> str:
    """The first measure in the second's unit ("25.4 mm")."""
    value = f"{a.lo * ratio / b.factor:.3g}"
    return f"{b.unit}{value}" if b.unit in ("$", "€", "£", "us$") else f"{value} {b.unit}"


def _restates(text: str, a: Quantity, b: Quantity) -> bool:
    """True when ``b`` is written as ``a`` restated: "A (B)" or "A or B" followed by punctuation."""
    between = text[a.end:b.start]
    if _PAREN.fullmatch(between):
        return bool(_PAREN_END.match(text, b.end))
    return bool(_OR.fullmatch(between) and _OR_END.match(text, b.end))


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


MAX_RATIO = 1.5
_AVERAGE = re.compile(r"\b(?:" + lang.alternation("averages.average_words") + r")\b", re.I)
_GROUPS = [tuple(pair.split()) for pair in lang.words("averages.groups")]


def _quantities(sentence: str) -> list[Quantity]:
    """The measures (not counts) ``sentence`` gives as a value or about one, which an average may be."""
    return [q for q in annotate(sentence).quantities if q.bound in ("eq", "approx") and q.dimension != "count"]


def _group_values(sentence: str) -> list[Quantity]:
    """The values a sentence gives for two complementary groups, each after its group word."""
    lower = sentence.lower()
    for a, b in _GROUPS:
        ma, mb = re.search(rf"\b{a}\b", lower), re.search(rf"\b{b}\b", lower)
        if not (ma and mb):
            continue
        qs = _quantities(sentence)
        first = [q for q in qs if q.start > ma.end() and (mb.start() < ma.start() or q.start < mb.start())]
        second = [q for q in qs if q.start > mb.end() and (ma.start() < mb.start() or q.start < ma.start())]
        if len(first) == 1 and len(second) == 1 and first[0].dimension == second[0].dimension:
            return [first[0], second[0]]
    return []


def _range(q: Quantity) -> tuple[float, float]:
    return (q.lo - q.step) * (1 - SLACK), (q.hi + q.step) * (1 + SLACK)


def _outside(i: int, q: Quantity, j: int, groups: list[Quantity]) -> SelfContradiction:
    """The overall average ``q`` of sentence ``i`` against the ``groups``' averages of sentence ``j``."""
    side = "lower" if q.lo > groups[0].lo else "higher"
    values = " and ".join(f"“{g.text}”" for g in groups)
    return SelfContradiction(
        "internal averages", "number", Statement(i, ((q.start, q.end),), q.normalized),
        Statement(j, tuple((g.start, g.end) for g in groups), " / ".join(g.normalized for g in groups)),
        f"gives an overall average of “{q.text}” but group averages of {values}, both {side}")


def outside_groups(sentences: list[str]) -> list[SelfContradiction]:
    """Overall averages in ``sentences`` (consecutive, one text) above or below both groups' averages."""
    out = []
    for i, sentence in enumerate(sentences):
        if not _AVERAGE.search(sentence) or _group_values(sentence):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(sentences) or not _AVERAGE.search(sentences[j]) \
                    or not (groups := _group_values(sentences[j])):
                continue
            for q in [q for q in _quantities(sentence) if q.dimension == groups[0].dimension][:1]:
                lo, hi = _range(q)
                g_lo, g_hi = min(_range(g)[0] for g in groups), max(_range(g)[1] for g in groups)
                top, bottom = max(g.hi for g in groups), min(g.lo for g in groups)
                above = lo > g_hi and q.lo <= MAX_RATIO * top
                below = hi < g_lo and q.lo * MAX_RATIO >= bottom
                if above or below:
                    out.append(_outside(i, q, j, groups))
    return out
