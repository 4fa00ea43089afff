"""Question analysis: the type of answer a question expects, from its wording."""

from __future__ import annotations

import re

from qa.models import AnswerType

_RULES: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("date", re.compile(r"^\s*(when|(?:in |on |from |since |by |until )?(what|which) (date|day|month|year|decade|century|time)|since when|how long ago)\b", re.I)),
    ("number", re.compile(r"^\s*(how (many|much|old|long|far|big|large|often)|what (number|percentage|share|amount))\b", re.I)),
    ("person", re.compile(r"^\s*(who|whom|whose|which (person|leader|official|president|minister))\b", re.I)),
    ("place", re.compile(r"^\s*(where|in which (city|country|place|region)|which (city|country|place|region))\b", re.I)),
    ("organisation", re.compile(r"^\s*(which|what) (newspaper|outlet|company|organi[sz]ation|agency|party|group|firm|paper)\b", re.I)),
    ("quote", re.compile(r"^\s*what did .+ (say|tell|told|said|call|describe)|\b(how did .+ describe|what did .+ say)\b", re.I)),
    ("yesno", re.compile(r"^\s*(does|do|did|is|are|was|were|has|have|had|can|could|will|would|should)\b", re.I)),
]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_LEAD = re.compile(r"^\s*(?:in|during|after|before|at|on|as of|for|by|since|according to|considering|given)\b[^,?]{0,120},\s*", re.I)


def asking_part(question: str) -> str:
    """The part of ``question`` that asks: its last sentence (a preamble only sets the scene), without a leading
    adverbial ("During the battle, how many …" → "how many …")."""
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p.strip()]
    asking = [p for p in parts if p.rstrip().endswith("?")]
    text = (asking[-1] if asking else parts[-1] if parts else question).strip()
    return _LEAD.sub("", text, count=1)


_CLOSERS = "\"'”’)]»"
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]»]))\s+(?=[A-Z\"“‘(«])")
"""A sentence end, also after a closing quote or bracket (``… resume?” Nobody …``)."""


def _sentences(text: str) -> list[str]:
    return [p.strip() for p in _SENTENCE_BREAK.split(text.strip()) if p.strip()]


def fit_question(text: str, limit: int) -> tuple[str, str | None]:
    """``(question, note)``. ``text`` itself, note ``None``, when it has at most ``limit`` characters. Longer input
    (pasted context ending in a question) is cut to its asking sentence: the last sentence ending in "?", else
    its last sentence; if that is still longer than ``limit``, its last ``limit`` characters from a word start.
    The note tells the reader, e.g. "Your input was 9,700 characters (over 300), so only its last question was
    asked." """
    text = text.strip()
    if len(text) <= limit:
        return text, None
    parts = _sentences(text)
    asking = [p for p in parts if p.rstrip(_CLOSERS).endswith("?")]
    what = "question" if asking else "sentence"
    question = (asking or parts or [text])[-1]
    if len(question) > limit:
        tail = question[-limit:]
        start = tail.find(" ") + 1 if not question[-limit - 1].isspace() else 0
        question, what = tail[start:].strip() or tail, f"{limit} characters"
    verb = "were" if what[0].isdigit() else "was"
    return question, f"Your input was {len(text):,} characters (over {limit}), so only its last {what} {verb} asked."


def answer_type(question: str) -> AnswerType:
    """Classify ``question`` by the answer it expects (date, number, person, place, organisation, quote, yesno, other)."""
    for text in dict.fromkeys((question, asking_part(question))):
        for kind, pattern in _RULES:
            if pattern.search(text):
                return kind
    return "other"
