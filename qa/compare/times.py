"""Times one text gives that cannot both hold: a length of time against the years it spans, a named prehistoric period
against the age or the other period a text gives it, and a burial dated before the death.

"ruled for 138 years from 799 to 684 BC" cannot hold: 799 BC to 684 BC is 115 years. The length and the span must sit in
one phrase ("for N years from Y1 to Y2", "for N years (Y1–Y2)"), so the two are about the same period; "for 3 years
between 2001 and 2010" is a time within a longer window, not a mismatch. Counting may be inclusive, so one year either
way holds; hedges widen it ("about 20 years": 10%; "over 20 years": at least 20).

"during the Permian period, about 230 million years ago": the Permian ended 251.9 million years ago, so the two cannot
both hold. "the Neolithic (Paleolithic) period" restates one age as another that is not next to it. Geologic periods and
epochs carry their ages (ICS chart, million years ago); a stated age must fall within the period, widened by 5% for
older charts and by the rounding its digits allow. The Stone, Copper, Bronze and Iron ages are a sequence: a restatement
may name the same age or a neighbour ("Late Neolithic (Chalcolithic)"), not one further off.

"He died 26 December 1248." and "He was buried before 3 August 1248" cannot both hold. An event is a verb (died, buried,
interred) with a date right after it ("died on 3 May 1950", "buried before 3 August 1248"). The two must speak of one
person: the same sentence, or the next one opening with a pronoun (he, she) or sharing the first one's named subject.
Births are left out: "His father died in 1900. He was born in 1905." is two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.annotate import annotate
from qa.facts.numbers import HEDGES as _HEDGES
from qa.facts.numbers import word_number
from qa.facts.text import content_stems

CHART_SLACK = 0.05
_GEOLOGIC = {name: tuple(span) for name, span in lang.table("periods.geologic").items()}
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
    return abs(_signed(y2, e2) - _signed(y1, e1))


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
        stated, actual = word_number(m.group("n")), _span_years(m)
        if stated is None or _holds(stated, actual, _HEDGES.get((m.group("hedge") or "").lower(), "eq")):
            continue
        length_start = m.start("hedge") if m.group("hedge") else m.start("n")
        first, second = ("1", "2") if m.group("y1") else ("3", "4")
        span_end = m.end("era" + second) if m.group("era" + second) else m.end("y" + second)
        length = Statement(0, ((length_start, m.end("unit")),), f"{stated:g} years")
        span = Statement(0, ((m.start("y" + first), span_end),), f"{actual} years")
        detail = f"says “{length.text(text)}” for {span.text(text)}, which is {actual} years"
        out.append(SelfContradiction("internal duration", "number", length, span, detail))
    return out


_EVENTS = lang.table("chronology.events")
_EVENT = re.compile(r"\b(?P<verb>" + "|".join(_EVENTS) + r")\s+(?:(?P<rel>"
                    + lang.alternation("chronology.event_prepositions") + r")\s+)?(?:the\s+)?$", re.I)
_VAGUE = lang.wordset("chronology.vague_prepositions")
_PRONOUN_START = re.compile(r"^\s*(?:" + lang.alternation("chronology.pronouns") + r")\b")
_VERB = re.compile(r"\b(?:" + lang.alternation("chronology.subject_verbs") + r")\b")


@dataclass(frozen=True, slots=True)
class Event:
    """A dated life event in one sentence."""

    sentence: int
    order: int
    """1 death, 2 burial."""
    lo: int
    hi: int
    """Earliest and latest day it can be (``dates`` keys); "before X" ends the day before X."""
    span: tuple[int, int]
    """From the verb to the end of the date."""


def _events(k: int, sentence: str) -> list[Event]:
    out = []
    for d in annotate(sentence).dates:
        if d.relative or (m := _EVENT.search(sentence[:d.start])) is None:
            continue
        rel = (m.group("rel") or "").lower()
        lo, hi = d.lo, d.hi
        if rel == "before":
            lo, hi = -10 ** 9, d.lo - 1
        elif rel == "after":
            lo, hi = d.hi + 1, 10 ** 9
        elif rel in _VAGUE:
            continue
        out.append(Event(k, _EVENTS[m.group("verb").lower()], lo, hi, (m.start("verb"), d.end)))
    return out


def _subject(sentence: str) -> frozenset[str]:
    m = _VERB.search(sentence)
    return content_stems(sentence[:m.start()]) if m else frozenset()


def _one_person(sentences: list[str], i: int, j: int) -> bool:
    """True when sentences ``i`` ≤ ``j`` speak of one person (see the module docstring)."""
    return i == j or j == i + 1 and (bool(_PRONOUN_START.match(sentences[j]))
                                     or bool(_subject(sentences[i]) & _subject(sentences[j])))


def out_of_order(sentences: list[str]) -> list[SelfContradiction]:
    """A death and a burial of one person in ``sentences`` (consecutive, one text) where the burial ends
    before the death can begin."""
    events = [e for k, s in enumerate(sentences) for e in _events(k, s)]
    out = []
    for a in events:
        for b in events:
            if a.order < b.order and b.hi < a.lo and _one_person(sentences, min(a.sentence, b.sentence),
                                                                 max(a.sentence, b.sentence)):
                death, burial = Statement(a.sentence, (a.span,), "death"), Statement(b.sentence, (b.span,), "burial")
                detail = (f"dates the burial (“{burial.text(sentences[b.sentence])}”) before the death "
                          f"(“{death.text(sentences[a.sentence])}”)")
                out.append(SelfContradiction("internal chronology", "date", death, burial, detail))
    return out
