"""A burial dated before the death, inside one text.

"He died 26 December 1248." and "He was buried before 3 August 1248" cannot both hold. An event is a verb
(died, buried, interred) with a date right after it ("died on 3 May 1950", "buried before 3 August 1248").
The two must speak of one person: the same sentence, or the next one opening with a pronoun (he, she) or
sharing the first one's named subject. Births are left out: "His father died in 1900. He was born in 1905."
is two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.compare.registry import SelfContradiction, Statement
from qa.facts import lang
from qa.facts.annotate import annotate
from qa.facts.text import content_stems

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
        if d.relative:
            continue
        m = _EVENT.search(sentence[:d.start])
        if m is None:
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
    if i == j:
        return True
    if j != i + 1:
        return False
    return bool(_PRONOUN_START.match(sentences[j])) or bool(_subject(sentences[i]) & _subject(sentences[j]))


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
