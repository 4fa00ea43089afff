"""Shared text helpers for the comparison engine: tokens with offsets, content words, crude stems, name keys."""

from __future__ import annotations

import functools
import re
import unicodedata

from index.sparse import INITIALISM
from qa.facts import lang

WORD = re.compile(INITIALISM.pattern + r"|[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)  # "U.S." is one word, "us"

STOPWORDS = lang.wordset("text.stopwords")
NEGATIONS = lang.wordset("text.negations")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text``, strip accents and unify quote/dash characters."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()


IRREGULAR = {form: st for st, forms in lang.table("text.irregular_forms").items() for form in forms.split()}
_SUFFIXES = lang.words("text.stem_suffixes")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix-stripping stem, good enough to match "visit"/"visiting", "plan"/"plans"."""
    w = fold(word).strip("'").removesuffix("'s").replace(".", "")
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:7]


@functools.lru_cache(maxsize=8192)
def words(text: str) -> tuple[tuple[str, int, int], ...]:
    """Word tokens of ``text`` with their start/end offsets (memoised)."""
    return tuple((m.group(), m.start(), m.end()) for m in WORD.finditer(text))


@functools.lru_cache(maxsize=16384)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (stopwords, digits and one-letter words dropped), and of the
    parts of a hyphenated word ("COVID-19" names "covid", "Russia-Ukraine" both countries, as the index's
    tokenizer splits them); memoised, so the result is immutable."""
    out = set()
    for w, _, _ in words(text):
        f = fold(w)
        for part in {f, *f.split("-")}:
            if part in STOPWORDS or part in NEGATIONS or len(part) < 2 or part.isdigit():
                continue
            out.add(stem(part))
    return frozenset(out)


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |a ∩ b| / min(|a|, |b|); 0 when either is empty."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


_BREAK = (r"[;:()\[\]“”\"—–]|\s-\s|\b(?:" + lang.alternation("text.clause_break_words") + r")\b"
          r"|\band(?=\s+(?:(?:so\s+far|also|then|later)\s+)?(?:" + lang.alternation("text.and_auxiliaries") + r")\b)")
"""A clause break other than a comma."""
_CLAUSE_BREAK = re.compile(r",|" + _BREAK, re.I)
_BOUND = re.compile(r"(?<!\d),|,(?!\d)|" + _BREAK, re.I)
"""A clause break, as ``_CLAUSE_BREAK``, except the comma of a written number ("870,000")."""


def same_word(word: str, stems: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``stems`` whatever its ending ("approved" / "approve", "told" / "tell")."""
    w = stem(word)
    return any(s.startswith(w) or w.startswith(s) for s in stems if min(len(s), len(w)) >= 4 or s == w)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause around ``text[start:end]``: from the last clause break before it to the next after it
    (the comma of a written number is no break)."""
    lo = max((m.end() for m in _BOUND.finditer(text, 0, start)), default=0)
    return lo, next((m.start() for m in _BOUND.finditer(text, end)), len(text))


def clause(text: str, start: int, end: int, min_words: int = 3) -> set[str]:
    """Content stems of the clause around ``text[start:end]``, widened to neighbouring clauses when too short."""
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    lo = max(c for c in cuts if c <= start)
    hi = min(c for c in cuts if c >= end)
    stems = content_stems(text[lo:start]) | content_stems(text[end:hi])
    while len(stems) < min_words and (lo > 0 or hi < len(text)):
        lo = max((c for c in cuts if c < lo), default=0)
        hi = min((c for c in cuts if c > hi), default=len(text))
        stems = content_stems(text[lo:start]) | content_stems(text[end:hi])
    return stems


def near(stems: frozenset[str], text: str, start: int, end: int) -> bool:
    """True when the clause around ``text[start:end]``, or the span itself, names one of ``stems``."""
    return bool((clause(text, start, end) | content_stems(text[start:end])) & stems)
