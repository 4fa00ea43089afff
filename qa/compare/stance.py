"""Stance of a sentence on a proposition: does it assert it, deny it, or not say?

The proposition is a yes/no question ("Did X participate in the conclave?") or an option ("a penitentiary").
A sentence takes a stance only when it contains one of the proposition's predicate words (its content words
that are not names), a listed synonym of one ("runs on" for "work on", see ``polarity.SYNONYMS``) or an
antonym of one. It denies when a negation governs a matched word ("did not participate", "excluding plasma
cells", "refusing to recognise", "no longer supported"), when it uses an antonym ("absent" for "present"),
when it puts a scalar word on the other side of the scale ("a large number" for "a low number"), or when it
gives the subject another member of a closed class ("the flowers are slaty blue" for "are the flowers pale
pink?", see ``qa.compare.classes``) or another rank on the same measure ("the eleventh largest city by area"
for "the fifth largest …", see ``qa.compare.ranks``); otherwise it asserts. So "refusing to recognise" and "does not
recognise" take the same stance.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from qa.compare import classes
from qa.compare.polarity import ANTONYMS, Predicate, predicates, same_sense
from qa.compare.ranks import rank_stance
from qa.facts import lang
from qa.facts.text import clause_bounds, content_stems, stem, words

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
    reason: str


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
    predicate = p_stems - names or p_stems
    if not predicate:
        return None
    rival = classes.denial(proposition, sentence)
    if rival is not None:  # "The flowers are slaty blue" against "Are the flowers pale pink?"
        said = content_stems(sentence) | classes.stand_in(proposition, sentence)
        return Stance(False, len(said & p_stems) / len(p_stems) >= MIN_COVER, rival.start, rival.end, "class")
    ranked = rank_stance(proposition, sentence)
    if ranked is not None:  # "the eleventh largest city by area" against "the fifth largest city by area?"
        affirmed, r = ranked
        cover = len(content_stems(sentence) & p_stems) / len(p_stems)
        return Stance(affirmed, cover >= MIN_COVER, r.start, r.end, "rank")
    scales = {_scale(st) for st in predicate} - {0}
    preds = predicates(sentence)
    synonyms = {p for p, _ in _synonyms(proposition, sentence, predicate)}
    matched = [p for p in preds if (p.stem in predicate or p in synonyms) and not _proposed(sentence, p)]
    flipped = [p for p in preds if not p.negated and ANTONYMS.get(p.stem) in predicate]
    opposite = [p for p in preds if scales and _scale(p.stem) and _scale(p.stem) not in scales]
    same_scale = [p for p in preds if scales and _scale(p.stem) in scales]
    if not matched and not flipped and not opposite:
        return None
    cover = len(content_stems(sentence) & p_stems) / len(p_stems)
    decided = cover >= MIN_COVER or bool(matched and (flipped or opposite))
    negated = [p for p in matched if p.negated]
    if negated:
        p = negated[0]
        return Stance(False, decided, p.cue[0] if p.cue else p.start, p.end, "negated")
    if flipped:
        p = flipped[0]
        return Stance(False, decided, p.start, p.end, "antonym")
    if opposite and not same_scale:
        p = opposite[0]
        return Stance(False, decided and bool(matched), p.start, p.end, "scale")
    governing = _governing_negation(sentence, preds, matched)
    if governing is not None:
        # "failed to garner enough votes to override", "does not recognise the lands Russia annexed": a negated
        # word governs the asked words that follow it in its clause.
        return Stance(False, decided, governing.cue[0] if governing.cue else governing.start, governing.end,
                      "negated")
    p = (same_scale or matched)[0]
    return Stance(True, decided and bool(matched), p.start, p.end, "asserted")


def _proposed(sentence: str, p: Predicate) -> bool:
    """True when ``p`` is only asked for, planned or expected ("resisted calls to resign", "urged him to quit")."""
    lo = clause_bounds(sentence, p.start, p.end)[0]
    return bool(_PROPOSED.search(sentence, lo, p.start))


def _governing_negation(sentence: str, preds: list[Predicate], matched: list[Predicate]) -> Predicate | None:
    """The first negated word of the sentence followed by a matched word in the same clause, if any."""
    for n in preds:
        if n.negated and n not in matched:
            hi = clause_bounds(sentence, n.start, n.end)[1]
            if any(n.end <= m.start < hi for m in matched):
                return n
    return None
