"""One text both asserting and denying a yes/no question's proposition.

"αVβ5 … thereby stimulates angiogenesis. However, it inhibits angiogenesis." asserts and denies "Can αVβ5
stimulate angiogenesis?". Each sentence's stance comes from ``qa.compare.stance``; a few verb antonyms it does
not list ("stimulate" / "inhibit") are read here as a denial too. A reversal is only reported when one of the
two sentences adds nothing the other does not say (no condition, place, group or time that would make both
true: "in tumours … in healthy tissue"), neither has a scope phrase ("in mice", "under stress") or a date or
number the other lacks, and neither is hedged ("may", "is thought to", "if").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.compare.polarity import predicates
from qa.compare.registry import SelfContradiction, Statement
from qa.compare.stance import stance
from qa.facts import lang
from qa.facts.annotate import annotate
from qa.facts.focus import focus
from qa.facts.text import content_stems, stem

MAX_DISTANCE = 2
"""Most sentences apart (adjacent sentences are 1)."""
MIN_COVER = 0.5
_EXTRA: dict[str, set[str]] = {}
for _a, _b in (pair.split() for pair in lang.words("reversal.verb_antonyms")):
    _EXTRA.setdefault(stem(_a), set()).add(stem(_b))
    _EXTRA.setdefault(stem(_b), set()).add(stem(_a))
_DISCOURSE = frozenset(stem(w) for w in lang.words("reversal.discourse"))
_HEDGED = re.compile(r"\b(?:" + lang.alternation("reversal.hedge_patterns") + r")\b|\?", re.I)

@dataclass(frozen=True, slots=True)
class _Read:
    asserts: bool
    span: tuple[int, int]
    pivot: str | None
    """Stem of the proposition word a denial turns on ("stimul" for "inhibits"), when known."""


def _antonym_denial(proposition: frozenset[str], sentence: str) -> _Read | None:
    """A denial by an un-negated antonym of a proposition word, when the sentence lacks the word itself."""
    preds = predicates(sentence)
    present = {p.stem for p in preds}
    for p in preds:
        opposite = _EXTRA.get(p.stem, set()) & proposition
        if not p.negated and opposite and not opposite & present:
            cover = len((content_stems(sentence) | opposite) & proposition) / len(proposition)
            if cover >= MIN_COVER:
                return _Read(False, (p.start, p.end), min(opposite))
    return None


def _read(question: str, sentence: str) -> _Read | None:
    """The stance a sentence takes on the question, when decided and not hedged."""
    if _HEDGED.search(sentence):
        return None
    f = focus(question)
    if (denial := _antonym_denial(f.stems, sentence)) is not None:
        return denial
    st = stance(f.text, sentence)
    if st is None or not st.decided:
        return None
    pivot = next((p.stem for p in predicates(sentence) if p.start <= st.end and p.end >= st.end), None)
    return _Read(st.affirmed, (st.start, st.end), pivot)


def _pivot_span(sentence: str, read: _Read, pivot: str | None) -> tuple[int, int]:
    """Where an asserting sentence says the word a denial turns on; its stance span otherwise."""
    return next(((p.start, p.end) for p in predicates(sentence) if p.stem == pivot and not p.negated), read.span)


def _values(sentence: str) -> set[str]:
    return {m.normalized for m in annotate(sentence).mentions}


def _adds_nothing(a: str, b: str, deciding: set[str]) -> bool:
    """True when ``a``'s content words all occur in ``b``, the deciding words, their antonyms and discourse
    words aside ("However, it inhibits angiogenesis" against "… thereby stimulates angiogenesis")."""
    opposites = {o for s in deciding for o in _EXTRA.get(s, ())}
    return not content_stems(a) - content_stems(b) - deciding - opposites - _DISCOURSE


_SCOPE = re.compile(r"\b(?:" + lang.alternation("reversal.scope_prepositions") + r")\s+"
                    r"(?:the\s+|a\s+|an\s+)?([\w-]+)", re.I)
_FRONTED = re.compile(r"^[^,]*,")


def _scopes(sentence: str, span: tuple[int, int]) -> set[str]:
    """Scope phrases ("in mice", "under stress") after the deciding word or in a fronted phrase ("In mice,
    …"), as preposition and head stem; a phrase describing the subject ("made in the liver and thereby
    stimulates …") is not one."""
    fronted = _FRONTED.match(sentence[:span[0]])
    parts = [sentence[span[1]:]] + ([fronted.group()] if fronted else [])
    return {f"{m.group(0).split()[0].lower()} {stem(m.group(1))}" for part in parts for m in _SCOPE.finditer(part)}


_NEXT_WORDS = re.compile(r"(?:[ \t]+[\w'’-]+){0,3}")


def _phrase(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` widened by up to three following words of its clause ("inhibits" → "inhibits angiogenesis")."""
    return span[0], span[1] + len(_NEXT_WORDS.match(text, span[1]).group())


def reversals(question: str, sentences: list[str]) -> list[SelfContradiction]:
    """Pairs of ``sentences`` (consecutive sentences of one text) where one asserts and the other denies the
    proposition of the yes/no ``question``; each statement is the deciding word and up to three words after it."""
    reads = [_read(question, s) for s in sentences]
    out = []
    for i, ri in enumerate(reads):
        if ri is None or not ri.asserts:
            continue
        for j in range(max(0, i - MAX_DISTANCE), min(len(sentences), i + MAX_DISTANCE + 1)):
            rj = reads[j]
            if j == i or rj is None or rj.asserts:
                continue
            a, b = sentences[i], sentences[j]
            span_a = _pivot_span(a, ri, rj.pivot)
            if _values(a) != _values(b) or _scopes(a, span_a) != _scopes(b, rj.span):
                continue  # "in 2019" / "in 2021", "in mice" / "": both may hold
            deciding = content_stems(a[span_a[0]:span_a[1]]) | content_stems(b[rj.span[0]:rj.span[1]])
            if _adds_nothing(a, b, deciding) or _adds_nothing(b, a, deciding):
                asserted = Statement(i, (_phrase(a, span_a),), "affirms")
                denied = Statement(j, (_phrase(b, rj.span),), "denies")
                detail = f"asserts it (“{asserted.text(a)}”) and denies it (“{denied.text(b)}”)"
                out.append(SelfContradiction("internal reversal", "claim", asserted, denied, detail))
    return out
