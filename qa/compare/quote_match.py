"""Quote variants: the same speaker's words given differently by two outlets (typically translations)."""

from __future__ import annotations

from dataclasses import dataclass

from index.models import Article
from qa.compare.quotes import Quote, find_quotes, is_same_wording, same_speaker, similarity
from qa.facts.text import content_stems, fold, words
from qa.models import OutletAnswer

MIN_SIMILARITY = 0.5
MIN_CONTENT = 3


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """Two versions of one quote, with their article spans."""

    a: Quote
    b: Quote
    similarity: float


def quotes_of(outlet: OutletAnswer, article: Article, topic: frozenset[str] | None = None) -> list[Quote]:
    """Quotes relevant to the question in the outlet's snippets from ``article``: those that overlap a shown
    sentence, and those in a snippet's context window that name one of the question's key terms (``topic``;
    all of the window's quotes when None)."""
    found: dict[tuple, Quote] = {}
    for s in outlet.snippets:
        if s.article_id != article.id:
            continue
        for q in find_quotes(article.text, max(0, min(s.window_start, s.start) - 2000), max(s.window_end, s.end)):
            shown = any(a < s.end and s.start < b for a, b in q.spans)
            in_window = any(a < s.window_end and s.window_start < b for a, b in q.spans)
            if shown or (in_window and (topic is None or content_stems(q.text) & topic)):
                found[q.spans] = q
    return sorted(found.values(), key=lambda q: q.start)


def _paraphrase_span(q: Quote, text: str, offset: int) -> Quote | None:
    """The stretch of ``text`` that starts and ends with the quote's first and last words, as an unquoted version."""
    qw = [fold(w) for w, _, _ in words(q.text)]
    tokens = [(fold(w), s, e) for w, s, e in words(text)]
    for i, (w, s, _) in enumerate(tokens):
        if w != qw[0]:
            continue
        for j in range(i + 1, min(len(tokens), i + 2 * len(qw))):
            if tokens[j][0] == qw[-1] and 0.6 * len(qw) <= (j - i + 1) <= 1.6 * len(qw):
                span = text[s:tokens[j][2]]
                return Quote(span, ((offset + s, offset + tokens[j][2]),), None)
    return None


def variants(qa: list[Quote], qb: list[Quote], article_b: Article, sentences_b: list[tuple[int, str]]) -> list[QuoteVariant]:
    """Quote pairs of one speaker that share most of their words but are worded differently."""
    all_b = [sp for q in find_quotes(article_b.text) for sp in q.spans]
    out = []
    for x in qa:
        if len(content_stems(x.text)) < MIN_CONTENT:
            continue
        best = None
        for y in qb:
            if not same_speaker(x.speaker, y.speaker) or len(content_stems(y.text)) < MIN_CONTENT:
                continue
            score = similarity(x.text, y.text)
            if score >= MIN_SIMILARITY and (best is None or score > best[0]):
                best = (score, y)
        if best is not None:
            if not is_same_wording(x.text, best[1].text):
                out.append(QuoteVariant(x, best[1], round(best[0], 3)))
            continue
        for start, sentence in sentences_b:  # quoted on one side, reported speech on the other
            y = _paraphrase_span(x, sentence, start)
            if y is None or is_same_wording(x.text, y.text) \
                    or any(y.start <= e and s <= y.spans[0][1] for s, e in all_b):
                continue  # only unquoted reported speech counts as the other version
            score = similarity(x.text, y.text)
            if score >= MIN_SIMILARITY:
                out.append(QuoteVariant(x, y, round(score, 3)))
                break
    return out
