"""An overall average outside the averages of the groups that make it up, inside one text.

"The adult brain weighs on average about 1.5 kg." next to "In men the average weight is about 1370 g and in
women about 1200 g." cannot both hold: an average over men and women lies between theirs. The groups must be
complementary (men and women, males and females, boys and girls), both sentences must speak of an average
of the same dimension, the overall value within a factor 1.5 of the nearest group's (so a body's and a
brain's weight are not compared), in adjacent sentences. Values are taken to the rounding their digits allow,
plus 2%.
"""

from __future__ import annotations

import re

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.annotate import annotate
from qa.facts.numbers import Quantity

SLACK = 0.02
MAX_RATIO = 1.5
_AVERAGE = re.compile(r"\b(?:" + lang.alternation("averages.average_words") + r")\b", re.I)
_GROUPS = [tuple(pair.split()) for pair in lang.words("averages.groups")]


def _quantities(sentence: str) -> list[Quantity]:
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
            if not 0 <= j < len(sentences) or not _AVERAGE.search(sentences[j]):
                continue
            groups = _group_values(sentences[j])
            if not groups:
                continue
            for q in [q for q in _quantities(sentence) if q.dimension == groups[0].dimension][:1]:
                lo, hi = _range(q)
                g_lo = min(_range(g)[0] for g in groups)
                g_hi = max(_range(g)[1] for g in groups)
                top, bottom = max(g.hi for g in groups), min(g.lo for g in groups)
                above = lo > g_hi and q.lo <= MAX_RATIO * top
                below = hi < g_lo and q.lo * MAX_RATIO >= bottom
                if above or below:
                    out.append(_outside(i, q, j, groups))
    return out
