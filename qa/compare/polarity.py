"""Negation and polarity of claims: is a predicate asserted or denied (read by the stance of yes/no questions,
denials in contrasts and reversals inside one text)?

Negative verbs ("refuse", "deny", "decline") count as negation, so "refusing to recognise" and
"does not recognise" agree; "refuse", "decline", "reject" and "fail" deny only a verb ("refused to resign"), not
a noun object ("refused the request" does not deny that there was a request).
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.facts import lang
from qa.facts.text import NEGATIONS, STOPWORDS, fold, stem, words

_NEGATIVE_VERBS = frozenset(stem(w) for w in lang.words("polarity.negative_verbs"))
_BEFORE_A_VERB = frozenset(stem(w) for w in lang.words("polarity.verb_only_negatives"))
"""Negative verbs that deny only the verb they govern ("refused to resign"): with a noun object ("refused the
president's request", "rejected the offer") they do not deny the noun."""
_SKIP = lang.wordset("polarity.skipped")
_KEPT = lang.wordset("polarity.kept_stopwords")
_ANTONYMS = [tuple(pair.split()) for pair in lang.words("polarity.antonyms")]
ANTONYMS = {stem(a): stem(b) for a, b in _ANTONYMS} | {stem(b): stem(a) for a, b in _ANTONYMS}
SYNONYMS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    stem(w): (frozenset(stem(x) for x in group["forms"].split()), frozenset(group["prepositions"].split()))
    for group in lang.entry("polarity.synonyms") for w in group["forms"].split()}
"""Predicate synonym groups ("works on" / "runs on" / "is supported on"), each with the prepositions that must
follow both words when it has any."""

def same_sense(a: str, text_a: str, end_a: int, b: str, text_b: str, end_b: int) -> bool:
    """True when the words with stems ``a`` (ending at ``end_a`` in ``text_a``) and ``b`` are listed synonyms,
    followed by the same preposition where their group asks for one ("work on" / "is supported on")."""
    group = SYNONYMS.get(a)
    if group is None or b not in group[0]:
        return False
    if not group[1]:
        return True
    after_a, after_b = words(text_a[end_a:])[:1], words(text_b[end_b:])[:1]
    return bool(after_a and after_b) and fold(after_a[0][0]) in group[1] and fold(after_a[0][0]) == fold(after_b[0][0])


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
    tokens = words(text)
    for i, (w, s, e) in enumerate(tokens):
        f = fold(w)
        if f in NEGATIONS or f.endswith("n't"):
            pending = (s, e)
            continue
        st = stem(f)
        if st in _NEGATIVE_VERBS:
            if st not in _BEFORE_A_VERB or (i + 1 < len(tokens) and fold(tokens[i + 1][0]) == "to"):
                pending = (s, e)
            continue
        if f in _SKIP or (f in STOPWORDS and f not in _KEPT) or f.isdigit():
            continue
        out.append(Predicate(st, pending is not None, s, e, pending))
        pending = None
    return out
