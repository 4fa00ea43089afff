"""Article text → Rich ``Text`` with styles applied by article offsets, never parsed as markup.

Each stretch between style boundaries is cleaned separately (``clean_text``), so offsets computed on the
raw article text still land on the right characters after ANSI and control characters are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.text import Text

from qa.sanitize import clean_text

Span = tuple[int, int, str]
"""(start, end, style) in offsets of the raw text."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset(
    "a an and are as at be but by did do does for from had has have he her his how i in is it its me of on or "
    "our she so that the their them they this to was we were what when where which who whom why will with you "
    "your said say says tell told about after before than then there".split()
)

HIGHLIGHT = "bold reverse"
"""Style of a snippet in the article view."""
DIFFERS = "bold underline red"
"""Style of a differing span."""
TERM = "bold"
"""Style of a question term inside a snippet."""


def styled(raw: str, spans: Iterable[Span], base: int = 0) -> Text:
    """``raw`` (which starts at article offset ``base``) as ``Text`` with ``spans`` applied."""
    spans = [(max(s - base, 0), min(e - base, len(raw)), st) for s, e, st in spans if e > s]
    spans = [(s, e, st) for s, e, st in spans if s < e]
    cuts = sorted({0, len(raw), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    text = Text()
    for a, b in zip(cuts, cuts[1:]):
        piece = clean_text(raw[a:b])
        if not piece:
            continue
        style = " ".join(st for s, e, st in spans if s <= a and b <= e)
        text.append(piece, style=style or None)
    return text


def plain(raw: str) -> Text:
    """``raw`` cleaned, as unstyled ``Text`` (markup characters stay literal)."""
    return Text(clean_text(raw))


def question_terms(question: str) -> set[str]:
    """Normalised content words of ``question`` (stems), for highlighting them in snippets."""
    from index.terms import normalise_words

    words = [w.lower() for w in _WORD.findall(question) if w.lower() not in _STOP and len(w) > 1]
    return set(normalise_words(words)) if words else set()


def term_spans(text: str, terms: set[str], base: int = 0) -> list[Span]:
    """Spans (offset by ``base``) of the words of ``text`` whose stem is in ``terms``."""
    if not terms:
        return []
    from index.terms import normalise_words

    matches = list(_WORD.finditer(text))
    stems = normalise_words([m.group().lower() for m in matches])
    return [(base + m.start(), base + m.end(), TERM) for m, stem in zip(matches, stems)
            if stem in terms and m.group().lower() not in _STOP]
