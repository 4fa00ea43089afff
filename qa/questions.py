"""Question analysis: the type of answer a question expects, from its wording."""

from __future__ import annotations

import re

from qa.models import AnswerType

_RULES: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("date", re.compile(r"^\s*(when|what (date|day|month|year|time)|on which (date|day)|since when|how long ago)\b", re.I)),
    ("number", re.compile(r"^\s*(how (many|much|old|long|far|big|large|often)|what (number|percentage|share|amount))\b", re.I)),
    ("person", re.compile(r"^\s*(who|whom|whose|which (person|leader|official|president|minister))\b", re.I)),
    ("place", re.compile(r"^\s*(where|in which (city|country|place|region)|which (city|country|place|region))\b", re.I)),
    ("organisation", re.compile(r"^\s*(which|what) (newspaper|outlet|company|organi[sz]ation|agency|party|group|firm|paper)\b", re.I)),
    ("quote", re.compile(r"^\s*what did .+ (say|tell|told|said|call|describe)|\b(how did .+ describe|what did .+ say)\b", re.I)),
    ("yesno", re.compile(r"^\s*(does|do|did|is|are|was|were|has|have|had|can|could|will|would|should)\b", re.I)),
]


def answer_type(question: str) -> AnswerType:
    """Classify ``question`` by the answer it expects (date, number, person, place, organisation, quote, yesno, other)."""
    for kind, pattern in _RULES:
        if pattern.search(question):
            return kind
    return "other"
