"""Explicit contrasts that deny a term: "a detention center, not a penitentiary", "rather than a prison".

A contrast names what something is and, next to it, what it is not: "was X, not Y", "is not Y but X", "was X
rather than Y", "is X instead of Y", always after a copula, so that X and Y are two answers to "what is it?".
Y is then denied and X asserted. A plain negation ("it is not a secret that …") is no contrast, and neither
is a contrast of who does something ("Russia, not Ukraine, must …"), where both names are the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.compare.polarity import predicates
from qa.facts import lang
from qa.facts.text import content_stems

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
    """A denied term and the term asserted in its place, with offsets in the sentence."""

    denied: str
    denied_stems: frozenset[str]
    asserted: str
    asserted_stems: frozenset[str]
    start: int
    end: int
    """Offsets of the denial ("not a penitentiary")."""


def contrasts(sentence: str) -> list[Contrast]:
    """The contrasts in ``sentence`` ("a detention center, not a penitentiary" denies "penitentiary")."""
    out = []
    for pattern in _CONTRASTS:
        for m in pattern.finditer(sentence):
            y, x = m.group("y"), m.group("x")
            ys, xs = content_stems(y), content_stems(x)
            if not ys or not xs or ys & xs:
                continue
            out.append(Contrast(y, ys, x, xs, m.start("cue"), m.end("y")))
    return out


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
