"""Negation and polarity of claims: is a predicate asserted or denied (read by the stance of yes/no questions,
denials in contrasts and reversals inside one text)?

Negative verbs ("refuse", "deny", "decline") count as negation, so "refusing to recognise" and
"does not recognise" agree; "refuse", "decline", "reject" and "fail" deny only a verb ("refused to resign"), not
a noun object ("refused the request" does not deny that there was a request).

An explicit contrast denies a term: "a detention center, not a penitentiary", "rather than a prison". It names
what something is and, next to it, what it is not: "was X, not Y", "is not Y but X", "was X rather than Y", "is X
instead of Y", always after a copula, so that X and Y are two answers to "what is it?". Y is then denied and X
asserted. A plain negation ("it is not a secret that …") is no contrast, and neither is a contrast of who does
something ("Russia, not Ukraine, must …"), where both names are the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.facts import lang
from qa.facts.text import NEGATIONS, STOPWORDS, content_stems, fold, stem, words

_NEGATIVE_VERBS = frozenset(stem(w) for w in lang.words("polarity.negative_verbs"))
_BEFORE_A_VERB = frozenset(stem(w) for w in lang.words("polarity.verb_only_negatives"))
_SKIP = lang.wordset("polarity.skipped")
_KEPT = lang.wordset("polarity.kept_stopwords")
_ANTONYMS = [tuple(pair.split()) for pair in lang.words("polarity.antonyms")]
ANTONYMS = {stem(a): stem(b) for a, b in _ANTONYMS} | {stem(b): stem(a) for a, b in _ANTONYMS}
SYNONYMS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    stem(w): (frozenset(stem(x) for x in group["forms"].split()), frozenset(group["prepositions"].split()))
    for group in lang.entry("polarity.synonyms") for w in group["forms"].split()}


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


_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:" + lang.alternation("denials.clause_breaks") + r")\b", re.I)
_NP = (r"(?:(?:a|an|the)\s+)?(?P<{0}>(?!(?:" + lang.alternation("denials.np_never_first")
       + r")\b)[\w'’-]+(?:\s+(?!(?:" + lang.alternation("denials.np_enders") + r")\b)[\w'’-]+){{0,2}})")
_COPULA = r"\b(?:" + lang.alternation("denials.copulas") + r")\s+"
_CONTRASTS = [
    re.compile(_COPULA + _NP.format("x") + r",\s+(?:and\s+)?(?P<cue>not)\s+" + _NP.format("y") + r"(?=\s*(?:[,;.:)]|$|"
               r"\s(?:and|or|as|meaning|because|since|which|that)\b))", re.I),
    re.compile(_COPULA + r"(?P<cue>not)\s+" + _NP.format("y") + r",?\s+but\s+(?:rather\s+)?" + _NP.format("x"), re.I),
    re.compile(_COPULA + _NP.format("x") + r",?\s+(?P<cue>rather than|instead of)\s+" + _NP.format("y"), re.I),
]


@dataclass(frozen=True, slots=True)
class Contrast:
    """The stems of a denied term and of the term asserted in its place, with offsets in the sentence."""

    denied_stems: frozenset[str]
    asserted_stems: frozenset[str]
    start: int
    end: int
    """Offsets of the denial ("not a penitentiary")."""


def contrasts(sentence: str) -> list[Contrast]:
    """The contrasts in ``sentence`` ("a detention center, not a penitentiary" denies "penitentiary")."""
    return [Contrast(ys, xs, m.start("cue"), m.end("y")) for pattern in _CONTRASTS for m in pattern.finditer(sentence)
            if (ys := content_stems(m.group("y"))) and (xs := content_stems(m.group("x"))) and not ys & xs]


def asserts_term(sentence: str, stems: frozenset[str]) -> tuple[int, int] | None:
    """Where ``sentence`` names every one of ``stems``, with no negation before them in their clause ("did not
    take place in a penitentiary"); None when it does not."""
    preds = predicates(sentence)
    found = [p for p in preds if p.stem in stems]
    if not found or {p.stem for p in found} != set(stems):
        return None
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, found[0].start)), default=0)
    if any(p.negated and p.start >= lo and p.start <= found[-1].start for p in preds):
        return None
    first = found[0].start
    return first, max(p.end for p in found if p.start - first < 40)  # the first mention
