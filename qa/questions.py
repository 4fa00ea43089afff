"""Question analysis: the type of answer a question expects, from its wording."""

from __future__ import annotations

import re

from qa.facts import lang
from qa.facts.focus import asking_sentence
from qa.models import AnswerType

_RULES: list[tuple[AnswerType, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I)) for kind, pattern in lang.table("questions.answer_types").items()]
"""The answer type a question expects: the first rule whose pattern matches it."""

_LEAD = re.compile(lang.entry("questions.lead"), re.I)
"""A leading adverbial before the asking words ("During the battle, how many …")."""


def asking_part(question: str) -> str:
    """The part of ``question`` that asks: its last sentence (a preamble only sets the scene), without a leading
    adverbial ("During the battle, how many …" → "how many …")."""
    return _LEAD.sub("", asking_sentence(question), count=1)


_WH_PHRASE = re.compile(
    lang.entry("questions.wh_phrase").replace("<aux>", lang.alternation("questions.wh_auxiliaries")), re.I)


def asked_kind(question: str) -> str:
    """The words of the question's wh-phrase that name the kind of thing it asks for: its noun, with "kind", "type"
    or "sort" before "of" ("What kind of legal instrument did …" → "kind instrument", "Which peace plan did …" →
    "plan", "What post at …" → "post"); "" when the question has none ("What did …", "Which judge struck …") or
    asks for a figure. An answer names one of them and need not use these words; the words before the noun (the
    modifiers "legal", "peace") still say what it is about."""
    m = _WH_PHRASE.search(asking_part(question))
    if m is None or answer_type(question) == "number":  # a figure is given with its unit: "63 percent", "10 senators"
        return ""
    words = m.group("phrase").split()
    return " ".join((words[0], words[-1]) if words[1:2] == ["of"] else words[-1:])


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
