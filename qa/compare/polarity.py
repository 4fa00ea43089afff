"""Negation and polarity of claims: is a predicate asserted or denied, and do two sentences flip it?

A flip is only reported for the same predicate: the word a negation governs in one sentence must occur
un-negated in the other ("does not recognise" / "recognises"), or the two must use a listed antonym pair.
Negative verbs ("refuse", "deny", "decline") count as negation, so "refusing to recognise" and
"does not recognise" agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.compare.text import NEGATIONS, STOPWORDS, fold, stem, words

_NEGATIVE_VERBS = frozenset(stem(w) for w in "refuse refused refusing deny denied denies denying decline declined "
                                             "declining reject rejected rejecting fail failed excluding except "
                                             "absent lack lacks lacked".split())
_SKIP = frozenset("be been being is are was were do does did have has had to a an the only ever yet even also "
                  "really always necessarily longer".split())
_ANTONYMS = [("alive", "dead"), ("increase", "decrease"), ("rise", "fall"), ("win", "lose"), ("won", "lost"),
             ("accept", "reject"), ("confirm", "deny"), ("allow", "ban"), ("legal", "illegal"), ("true", "false"),
             ("possible", "impossible"), ("before", "after"), ("north", "south"), ("east", "west"),
             ("larger", "smaller"), ("higher", "lower"), ("more", "less"), ("first", "last"), ("open", "closed"),
             ("male", "female"), ("guilty", "innocent"), ("success", "failure"), ("agree", "disagree"),
             ("support", "oppose")]
ANTONYMS = {stem(a): stem(b) for a, b in _ANTONYMS} | {stem(b): stem(a) for a, b in _ANTONYMS}


@dataclass(frozen=True, slots=True)
class Predicate:
    """A content word and whether the sentence denies it."""

    stem: str
    negated: bool
    start: int
    end: int
    cue: tuple[int, int] | None
    """Offsets of the negation cue, when negated."""


def predicates(text: str) -> list[Predicate]:
    """Content words of ``text`` with their polarity; a negation governs the next content word."""
    out: list[Predicate] = []
    pending: tuple[int, int] | None = None
    for w, s, e in words(text):
        f = fold(w)
        if f in NEGATIONS or f.endswith("n't"):
            pending = (s, e)
            continue
        st = stem(f)
        if st in _NEGATIVE_VERBS:
            pending = (s, e)
            continue
        if f in _SKIP or (f in STOPWORDS and f not in ("more", "less", "before", "after")) or f.isdigit():
            continue
        out.append(Predicate(st, pending is not None, s, e, pending))
        pending = None
    return out


@dataclass(frozen=True, slots=True)
class Flip:
    """Where two sentences disagree in polarity: the predicate in each, and why."""

    a: Predicate
    b: Predicate
    reason: str


def polarity_flip(a: str, b: str) -> Flip | None:
    """The first predicate that one text asserts and the other denies (or an antonym pair), if any."""
    pa, pb = predicates(a), predicates(b)
    by_stem_b: dict[str, list[Predicate]] = {}
    for p in pb:
        by_stem_b.setdefault(p.stem, []).append(p)
    for p in pa:
        others = by_stem_b.get(p.stem, [])
        if others and all(o.negated != p.negated for o in others) and (p.negated or all(o.negated for o in others)):
            if not any(q.stem == p.stem and q.negated == others[0].negated for q in pa):
                return Flip(p, others[0], "negated" if p.negated else "asserted")
    for p in pa:
        opposite = ANTONYMS.get(p.stem)
        if opposite and not p.negated:
            for o in by_stem_b.get(opposite, []):
                if not o.negated and p.stem not in by_stem_b and not any(q.stem == opposite for q in pa):
                    return Flip(p, o, "antonym")
    return None
