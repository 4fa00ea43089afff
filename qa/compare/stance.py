"""Stance of a sentence on a proposition: does it assert it, deny it, or not say?

The proposition is a yes/no question ("Did X participate in the conclave?") or an option ("a penitentiary").
A sentence takes a stance only when it contains one of the proposition's predicate words (its content words that
are not names), a listed synonym of one ("runs on" for "work on", see ``polarity.SYNONYMS``) or an antonym of one.
It denies when a negation governs a matched word ("did not participate", "excluding plasma cells", "refusing to
recognise", "no longer supported"), when it uses an antonym ("absent" for "present"), when it puts a scalar word
on the other side of the scale ("a large number" for "a low number"), or when it gives the subject another member
of a closed class ("the flowers are slaty blue" for "are the flowers pale pink?", see ``qa.compare.classes``) or
another rank on the same measure ("the eleventh largest city by area" for "the fifth largest …", see ``ranks``);
otherwise it asserts.

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

from qa.compare import classes
from qa.compare.polarity import ANTONYMS, Predicate, predicates, same_sense
from qa.facts import lang
from qa.facts.text import clause_bounds, content_stems, fold, stem, words

MIN_COVER = 0.5
"""Share of the proposition's content words a sentence must contain to take a stance on it."""

_LOW = frozenset(stem(w) for w in lang.words("stance.low"))
_HIGH = frozenset(stem(w) for w in lang.words("stance.high"))
_PROPOSED = re.compile(r"\b(?:" + lang.alternation("stance.proposal_patterns") + r")\s+(?:\w+\s+){0,2}?to\s+$", re.I)
"""A word whose "to" complement is only asked for or planned, just before a predicate ("calls to resign")."""


@dataclass(frozen=True, slots=True)
class Stance:
    """What a sentence says about a proposition, and where (offsets in the sentence)."""

    affirmed: bool
    decided: bool
    """True when the sentence covers enough of the proposition to count as answering it."""
    start: int
    end: int


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
        before_start = max(found[k - 1].end() if k else 0, text.rfind(";", 0, m.start()) + 1)
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
    if len(asked := ranks(proposition)) != 1:
        return None
    q = asked[0]
    subject = content_stems(proposition[:q.start])
    same = [r for r in ranks(sentence) if _comparable(q, r) and subject <= content_stems(sentence[:r.start])]
    if not same:
        return None
    equal = [r for r in same if r.rank == q.rank]
    return (True, equal[0]) if equal else (False, same[0])


def _scale(st: str) -> int:
    return -1 if st in _LOW else 1 if st in _HIGH else 0


def _synonyms(proposition: str, sentence: str, stems: frozenset[str]) -> list[tuple[Predicate, str]]:
    """(sentence predicate, proposition stem) for each word of ``sentence`` that is a listed synonym of a word
    of ``proposition`` with a stem in ``stems`` ("runs on" / "work on")."""
    preds = predicates(sentence)
    return [(p, st) for w, _, end in words(proposition) if (st := stem(w)) in stems
            for p in preds if same_sense(p.stem, sentence, p.end, st, proposition, end)]


@functools.lru_cache(maxsize=4096)
def synonym_stems(proposition: str, sentence: str) -> frozenset[str]:
    """The proposition's content stems that ``sentence`` says with a listed synonym ("work" for "runs on")."""
    return frozenset(st for _, st in _synonyms(proposition, sentence, content_stems(proposition)))


@functools.lru_cache(maxsize=4096)
def stance(proposition: str, sentence: str) -> Stance | None:
    """The sentence's stance on ``proposition``; None when it shares none of its predicate words."""
    p_stems = content_stems(proposition)
    names = {stem(w) for w, _, _ in words(proposition)[1:] if w[:1].isupper()}
    if not (predicate := p_stems - names or p_stems):
        return None
    covered = len(content_stems(sentence) & p_stems) / len(p_stems) >= MIN_COVER
    rival = classes.denial(proposition, sentence)
    if rival is not None:  # "The flowers are slaty blue" against "Are the flowers pale pink?"
        said = content_stems(sentence) | classes.stand_in(proposition, sentence)
        return Stance(False, len(said & p_stems) / len(p_stems) >= MIN_COVER, rival.start, rival.end)
    ranked = rank_stance(proposition, sentence)
    if ranked is not None:  # "the eleventh largest city by area" against "the fifth largest city by area?"
        return Stance(ranked[0], covered, ranked[1].start, ranked[1].end)
    scales = {_scale(st) for st in predicate} - {0}
    preds = predicates(sentence)
    synonyms = {p for p, _ in _synonyms(proposition, sentence, predicate)}
    matched = [p for p in preds if (p.stem in predicate or p in synonyms) and not _proposed(sentence, p)]
    flipped = [p for p in preds if not p.negated and ANTONYMS.get(p.stem) in predicate]
    opposite = [p for p in preds if scales and _scale(p.stem) and _scale(p.stem) not in scales]
    same_scale = [p for p in preds if scales and _scale(p.stem) in scales]
    if not matched and not flipped and not opposite:
        return None
    decided = covered or bool(matched and (flipped or opposite))
    negated = [p for p in matched if p.negated]
    if negated:
        return Stance(False, decided, negated[0].cue[0] if negated[0].cue else negated[0].start, negated[0].end)
    if flipped:
        return Stance(False, decided, flipped[0].start, flipped[0].end)
    if opposite and not same_scale:
        return Stance(False, decided and bool(matched), opposite[0].start, opposite[0].end)
    governing = _governing_negation(sentence, preds, matched)
    if governing is not None:
        # "failed to garner enough votes to override", "does not recognise the lands Russia annexed": a negated
        # word governs the asked words that follow it in its clause.
        return Stance(False, decided, governing.cue[0] if governing.cue else governing.start, governing.end)
    p = (same_scale or matched)[0]
    return Stance(True, decided and bool(matched), p.start, p.end)


def _proposed(sentence: str, p: Predicate) -> bool:
    """True when ``p`` is only asked for, planned or expected ("resisted calls to resign", "urged him to quit")."""
    return bool(_PROPOSED.search(sentence, clause_bounds(sentence, p.start, p.end)[0], p.start))


def _governing_negation(sentence: str, preds: list[Predicate], matched: list[Predicate]) -> Predicate | None:
    """The first negated word of the sentence followed by a matched word in the same clause, if any."""
    for n in preds:
        if n.negated and n not in matched:
            hi = clause_bounds(sentence, n.start, n.end)[1]
            if any(n.end <= m.start < hi for m in matched):
                return n
    return None
