"""Closed classes of mutually exclusive values: a colour, a kind of settlement.

"Is the colour of the flowers pale pink?" asks whether a subject (the flowers) has one member of a class (pink).
A sentence that says the same subject *is* another member of that class ("The flowers are slaty blue", "Castle
Donington is a market town" against "… a village?") answers no. Only a member said of the subject through a
copula counts ("the flowers are …", "X is a … town"): a member used in passing ("the children of the town", "blue
butterflies visit the flowers") says nothing about the subject. The classes are small and their members plainly
exclude each other.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from qa.facts import lang
from qa.facts.text import NEGATIONS, content_stems, fold, stem, words

_CLASS_OF = {m: cls for cls, members in lang.table("classes.members").items() for m in members.split()}
"""Member of a closed class → its class ("town" → "settlement")."""
_FORMS = lang.table("classes.forms")
_COPULAS = lang.wordset("classes.copulas")
_QUESTION_COPULAS = lang.wordset("classes.question_copulas")
_MODIFIERS = lang.wordset("classes.modifiers")
_CLASS_NOUNS = frozenset(stem(w) for w in lang.words("classes.class_nouns"))
_GAP = 3
"""Most words between a copula and the member it predicates ("is a small market town")."""
_CLAUSE_BREAKS = lang.wordset("classes.clause_breaks")
_BLOCK = _CLAUSE_BREAKS | NEGATIONS | lang.wordset("classes.blocking")

@dataclass(frozen=True, slots=True)
class Asked:
    """A yes/no question's class value: the subject's stems, the member asked about and its phrase."""

    cls: str
    member: str
    phrase: frozenset[str]
    """Stems of the member and the modifiers written before it ("pale pink")."""
    subject: frozenset[str]
    """Content stems before the member, less the class's own nouns ("colour"): {"flower", "ayapana", …}."""
    head: str
    """The first of them, the thing the member is said of ("flower" in "the colour of the flowers of …")."""


@dataclass(frozen=True, slots=True)
class Said:
    """A class member that a sentence predicates of the subject, with its offsets."""

    cls: str
    member: str
    start: int
    end: int


def member(word: str) -> tuple[str, str] | None:
    """(class, member) for a class word ("Towns" → ("settlement", "town")); None for any other word."""
    f = fold(word)
    f = _FORMS.get(f, f)
    return (_CLASS_OF[f], f) if f in _CLASS_OF else None


def _members(token: str) -> list[tuple[str, str]]:
    """Class members in one token, its hyphenated parts included ("blue-green" → blue, green)."""
    return [m for part in fold(token).split("-") if (m := member(part))]


@functools.lru_cache(maxsize=2048)
def asked(question: str) -> Asked | None:
    """The class value a yes/no question asks about, when the member ends the question in predicate
    position ("Is the colour of the flowers pale pink?", "Is X considered a village?"); None otherwise
    ("Was the share of black cowboys large?" names a colour but does not ask about one)."""
    tokens = words(question)
    if len(tokens) < 3 or not question.rstrip().endswith("?"):
        return None
    found = member(tokens[-1][0])
    if found is None or any(m[0] == found[0] for w, _, _ in tokens[:-1] for m in _members(w)):
        return None  # "Is it a town or a village?" offers options; it asks about no one member
    i = len(tokens) - 1
    while i > 0 and fold(tokens[i - 1][0]) in _MODIFIERS:
        i -= 1
    before = [fold(w) for w, _, _ in tokens[max(0, i - _GAP):i]]
    if fold(tokens[0][0]) not in _QUESTION_COPULAS and not any(w in _COPULAS for w in before):
        return None
    phrase = frozenset(stem(w) for w, _, _ in tokens[i:])
    skip = phrase | _CLASS_NOUNS | {stem(c) for c in _COPULAS}
    ordered = [st for w, _, _ in tokens[:i] if (st := stem(w)) in content_stems(w) and st not in skip]
    return Asked(found[0], found[1], phrase, frozenset(ordered), ordered[0]) if ordered else None


def names_member(text: str, cls: str, m: str) -> bool:
    """True when ``text`` names member ``m`` of class ``cls`` anywhere ("white to pale pink" names pink)."""
    return any((cls, m) in _members(w) for w, _, _ in words(text))


def said(sentence: str, subject: frozenset[str], head: str) -> list[Said]:
    """Class members that ``sentence`` predicates of the subject: a copula with the subject's ``head`` and at
    least half its stems before it in its clause, and the member at most a few modifiers after it, none a
    negation ("The leaves of ayapana are green" says nothing of its flowers)."""
    tokens = words(sentence)
    folded = [fold(w) for w, _, _ in tokens]
    out = []
    for k, (w, s, e) in enumerate(tokens):
        for cls, m in _members(w):
            first = max(0, k - _GAP - 1)
            gap = folded[first:k]
            cop = max((j for j, x in enumerate(gap) if x in _COPULAS), default=None)
            if cop is None or any(x in _BLOCK for x in gap[cop + 1:]):
                continue
            j = first + cop
            lo = max((i + 1 for i in range(j) if folded[i] in _CLAUSE_BREAKS
                      or sentence[tokens[i][2]:tokens[i + 1][1]].strip(" ") in (",", ";", ":")), default=0)
            before = {stem(x) for x in folded[lo:j]}
            if head in before and 2 * len(before & subject) >= len(subject):
                out.append(Said(cls, m, s, e))
    return out


def denial(question: str, sentence: str) -> Said | None:
    """The rival member ``sentence`` predicates of the question's subject, when it names no asked member
    anywhere ("The flowers are slaty blue" against "Are the flowers pale pink?"); None otherwise."""
    a = asked(question)
    if a is None or names_member(sentence, a.cls, a.member):
        return None
    return next((x for x in said(sentence, a.subject, a.head) if x.cls == a.cls), None)


def stand_in(question: str, text: str) -> frozenset[str]:
    """The question's member phrase stems when ``text`` answers them with a rival member (so a sentence
    that says "slaty blue" covers "pale pink" as much as one that says "pale pink"); empty otherwise."""
    a = asked(question)
    sentences = [s for s in text.replace("?", ".").replace("!", ".").split(". ") if s.strip()]
    return a.phrase if a is not None and any(denial(question, s) is not None for s in sentences) else frozenset()
