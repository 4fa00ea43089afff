"""What a question asks: the asking sentence, its key terms, the values it states and the options it offers.

"Michael J. Murray (…) of Arizona, a former vice-president (…). Did Valgard Murray make contact with Else
Christensen in 1969?" asks the last sentence; its key terms are the content stems of that sentence, split
into names (capitalised words) and the rest (the predicate: "make", "contact"). "Did Tipperary or Galway
play the final?" offers two options; "apomorphine, aporphine, or neither" offers two (and "neither").
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import BaseModel, ConfigDict

from qa.facts import dates, lang
from qa.facts.annotate import annotate
from qa.facts.numbers import unit_dimension
from qa.facts.text import STOPWORDS, content_stems, fold, stem, words

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_ARTICLES = lang.wordset("focus.articles")
_OPTION_STOP = STOPWORDS | lang.wordset("focus.option_stops")
_NOT_OPTIONS = lang.wordset("focus.not_options")
_HEAD = re.compile(r"^\s*(?:what|how \w+)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:\w+\s+)?(\w+)\s+(?:of|for|in)\b", re.I)
_WH_STEMS = frozenset(stem(w) for w in lang.words("focus.wh_words"))
_PROBE_DATE = dt.date(2000, 1, 1)
"""Any date: only used to tell whether the question states a date (a year-less "1st February" needs one)."""


class Focus(BaseModel):
    """The asking sentence of a question and what it names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    stems: frozenset[str]
    """Content stems of the asking sentence, without the stems of the values it states."""
    names: frozenset[str]
    """Stems of its capitalised words (after the first word)."""
    predicate: frozenset[str]
    """``stems`` minus ``names``: what is said about the names ("die", "laid", "salinity")."""
    options: tuple[str, ...]
    """The alternatives of an "A or B" question, as written (empty when it offers none)."""
    states_date: bool
    """True when the asking sentence states a date ("Did X die on 2 March 1881?")."""
    states_number: bool
    """True when it states a number ("Is its speed 65 km/h?")."""
    head: str | None = None
    """Stem of the noun a "what is the X of …" question asks about ("salinit"), when it has that shape."""
    words: frozenset[str] = frozenset()
    """Stems of its content words and its verbs of saying ("tell", "say"): what a date's verb may be
    (``qa.facts.dates.governing_verbs``)."""


def asking_sentence(question: str) -> str:
    """The sentence of ``question`` that asks (the last one; a preamble before it only sets the scene)."""
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p.strip()]
    asking = [p for p in parts if p.rstrip().endswith("?")]
    return (asking[-1] if asking else parts[-1] if parts else question).strip()


def _trim_back(text: str) -> str:
    """The last noun phrase of ``text``: words back to an article, a function word or an auxiliary."""
    tokens = words(text)
    j = len(tokens)
    while j > 0 and fold(tokens[j - 1][0]) not in _ARTICLES and fold(tokens[j - 1][0]) not in _OPTION_STOP:
        j -= 1
    return text[tokens[j][1]:] if j < len(tokens) else ""


def _trim_forward(text: str, capitalised: bool, tail: str = "") -> str:
    """The first noun phrase of ``text``; a capitalised one ends at its first lower-case word unless that word
    is ``tail``, the word the other option ends with ("Cashel King Cormacs club or Kickhams club")."""
    tokens = words(text)
    i = 0
    while i < len(tokens) and fold(tokens[i][0]) in _ARTICLES:
        i += 1
    j = i
    while j < len(tokens):
        w = tokens[j][0]
        if fold(w) in _OPTION_STOP or fold(w) in _ARTICLES or (capitalised and not w[:1].isupper()
                                                              and fold(w) != fold(tail)):
            break
        j += 1
    return text[tokens[i][1]:tokens[j - 1][2]] if j > i else ""


_OR = re.compile(r"\bor\b", re.I)
_PUNCT = re.compile(r"[,;:?()\[\]]")


def options(text: str) -> tuple[str, ...]:
    """The alternatives of an "A or B" / "A, B, or neither" question; empty when there are none or they nest."""
    found_or = list(_OR.finditer(text))
    if len(found_or) != 1:
        return ()
    left_text = text[:found_or[0].start()].rstrip().rstrip(",").replace("“", "").replace("”", "").replace('"', "")
    right_text = _PUNCT.split(text[found_or[0].end():].replace("“", "").replace("”", "").replace('"', ""), 1)[0]
    cut = max(left_text.rfind(":"), left_text.rfind("("), left_text.rfind(";"))
    items = [i.strip() for i in left_text[cut + 1:].split(",")]
    left = [i for i in [*(items[:-1] if cut >= 0 else []), _trim_back(items[-1])] if i and len(i.split()) <= 5]
    if not left:
        return ()
    last = left[-1].split()[-1]
    right = _trim_forward(right_text, capitalised=left[-1][:1].isupper(), tail="" if last[:1].isupper() else last)
    found = [o for o in [*left, right] if o and fold(o) not in _NOT_OPTIONS]
    stems = [frozenset(stem(w) for w, _, _ in words(o)) for o in found]
    if len(found) < 2 or any(a <= b or b <= a for k, a in enumerate(stems) for b in stems[k + 1:]):
        return ()  # "in 1969 or before 1969": not two alternatives
    return tuple(found)


def distinctive(opts: tuple[str, ...]) -> tuple[str, ...]:
    """Each option without the words it shares with another ("farming village" / "pit village" → "farming" /
    "pit"; "Cashel King Cormacs club" / "Kickhams club" → "Cashel King Cormacs" / "Kickhams"): a shared word
    cannot tell which option a sentence chooses. An option with nothing of its own is kept whole."""
    tokens = [[(w, stem(w)) for w, _, _ in words(o)] for o in opts]
    out = []
    for i, ts in enumerate(tokens):
        others = {st for j, us in enumerate(tokens) if j != i for _, st in us}
        own = [w for w, st in ts if st not in others]
        out.append(" ".join(own) if own else opts[i])
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def focus(question: str) -> Focus:
    """Analyse ``question`` (memoised: the same question is analysed once)."""
    text = asking_sentence(question)
    facts = annotate(text, _PROBE_DATE)
    value_stems = set().union(*(content_stems(v.text) for v in facts.mentions))
    stems = frozenset(content_stems(text) - value_stems - _WH_STEMS)
    names = frozenset(stem(w) for w, s, _ in words(text)[1:] if w[:1].isupper()) & stems
    head = _HEAD.match(text)
    return Focus(text=text, stems=stems, names=names, predicate=stems - names, options=options(text),
                 states_date=bool(facts.dates), states_number=bool(facts.quantities),
                 head=stem(head.group(1)) if head else None, words=content_stems(text) | dates.report_stems(text))


_HOW = re.compile(r"\bhow\s+(?:(?P<many>many)(?:\s+more)?\s+(?P<noun>[\w-]+)|(?P<long>long)\b)", re.I)
_ANY_PERSON = frozenset(stem(w) for w in lang.words("focus.any_person"))
_SHARE = re.compile(r"\b(?:what|which)\s+(?:" + lang.alternation("focus.share_nouns") + r")\b", re.I)


def counted_stems(f: Focus) -> frozenset[str] | None:
    """Stems of what a "how many" question counts: the words after "how many" up to the first function word
    ("How many US service members were killed …" → us, servic, member); None for any other question, and for
    one that counts "people" (what they are is said elsewhere: "How many people were survivors?")."""
    if (m := _HOW.search(f.text)) is None or not m.group("many"):
        return None
    out = []
    for word, _, _ in words(f.text[m.start("noun"):])[:4]:
        if len(word) == 1 or "." in word:
            continue  # "U.S." says where they are from, not what they are
        if fold(word) in STOPWORDS or fold(word) in _OPTION_STOP:
            break
        out.append(stem(word))
    return frozenset(out) if out and not set(out) <= _ANY_PERSON else None


def asked_dimension(f: Focus):
    """What kind of quantity the wh-phrase asks for, as a test on a ``Quantity``, or None when it does not say:
    "how many prisoners" a count (or the unit it names: "how many shillings", "how many miles"), "how long"
    a length of time or a distance; "what share of" (percentage, proportion) a percentage."""
    if _SHARE.search(f.text):
        return lambda q: q.dimension == "percent"
    if (m := _HOW.search(f.text)) is None:
        return None
    if m.group("long"):
        return lambda q: q.dimension in ("duration", "length")
    unit = unit_dimension(m.group("noun"))
    if unit is not None:
        return lambda q: q.dimension == unit
    return lambda q: q.dimension.startswith("count")
