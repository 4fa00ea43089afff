"""Ordinal ranks on a measure: "the fifth largest city in Germany by area".

A rank is an ordinal ("fifth", "5th") before a superlative ("largest", "most populous"), with the noun it
ranks ("city") and the measure it ranks by, written after it ("by area", "in terms of area") or at the head
of its clause ("In terms of area, Bremen is the eleventh largest city"). Two ranks are only compared when
their superlative, noun and measure agree: "the 11th largest city" (no measure) says nothing against "the
fifth largest city by area", and "second largest in terms of population" nothing against "by area".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from qa.facts import lang
from qa.facts.text import content_stems, fold, stem

_ORDINAL_WORDS = lang.words("ranks.ordinals")
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
_SAME_SUPERLATIVE = lang.table("ranks.same_superlative")
_RANK = re.compile(r"\b(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS) + r")[\s-]+"
                   r"(?P<sup>(?:most|least)\s+[a-z]+|[a-z]+est)\b(?:\s+(?P<noun>[a-z]+))?", re.I)
_MEASURE_AFTER = re.compile(r"^[^;,.]{0,40}?\b(?:by|in terms of)\s+(?:its\s+|the\s+)?(?P<m>[a-z]+)", re.I)
_MEASURE_BEFORE = re.compile(r"\b(?:by|in terms of)\s+(?:its\s+|the\s+)?(?P<m>[a-z]+)", re.I)
_NOT_NOUNS = lang.wordset("ranks.not_nouns")


@dataclass(frozen=True, slots=True)
class Rank:
    """One ordinal rank with what it ranks and by what, and its offsets."""

    rank: int
    superlative: str
    noun: str | None
    measure: str | None
    start: int
    end: int


def _ordinal(text: str) -> int:
    t = fold(text)
    return int(t[:-2]) if t[:1].isdigit() else _ORDINALS[t]


@functools.lru_cache(maxsize=4096)
def ranks(text: str) -> tuple[Rank, ...]:
    """The ordinal ranks in ``text`` ("eleventh largest city", "5th largest city by area")."""
    found = list(_RANK.finditer(text))
    out = []
    for k, m in enumerate(found):
        sup = " ".join(fold(m.group("sup")).split())
        noun = m.group("noun")
        noun = stem(noun) if noun and fold(noun) not in _NOT_NOUNS else None
        after_end = found[k + 1].start() if k + 1 < len(found) else len(text)
        before_start = found[k - 1].end() if k else 0
        before_start = max(before_start, text.rfind(";", 0, m.start()) + 1)
        after = _MEASURE_AFTER.match(text[m.end():after_end])
        before = list(_MEASURE_BEFORE.finditer(text[before_start:m.start()]))
        measure = after.group("m") if after else before[-1].group("m") if before else None
        out.append(Rank(_ordinal(m.group("ord")), _SAME_SUPERLATIVE.get(sup, sup), noun,
                        stem(measure) if measure else None, m.start(), m.end()))
    return tuple(out)


def _comparable(a: Rank, b: Rank) -> bool:
    return a.superlative == b.superlative and a.measure == b.measure and (
        a.noun is None or b.noun is None or a.noun == b.noun)


def rank_stance(proposition: str, sentence: str) -> tuple[bool, Rank] | None:
    """Whether ``sentence`` gives the proposition's rank (True), only other ranks on the same measure (False),
    or no comparable rank (None); with the sentence's rank that decides. Only ranks written after the
    proposition's subject count ("Is Bremen the fifth …": "Bremen" before the rank in the sentence)."""
    asked = ranks(proposition)
    if len(asked) != 1:
        return None
    q = asked[0]
    subject = content_stems(proposition[:q.start])
    same = [r for r in ranks(sentence) if _comparable(q, r) and subject <= content_stems(sentence[:r.start])]
    if not same:
        return None
    equal = [r for r in same if r.rank == q.rank]
    return (True, equal[0]) if equal else (False, same[0])
