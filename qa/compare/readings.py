"""Which of an outlet's sentences answer the question: its *readings*, best first.

A reading's sentence names enough of the question's key terms (a rival class member or a listed synonym counts
as the word it stands for), its article names at least half of the question's names, and its context window
(or, for a pronoun subject, the article) names most of the key terms. Readings are ranked by the share of the
key terms in the sentence and in its context, and by the snippet's relevance."""

from __future__ import annotations

from dataclasses import dataclass

from index.store import Index
from qa.compare import classes
from qa.compare.stance import synonym_stems
from qa.facts.focus import Focus
from qa.facts.text import content_stems
from qa.models import OutletAnswer, Snippet

MIN_SENTENCE_COVER = 0.25
"""Share of the question's key terms a reading's sentence must contain."""
MIN_CONTEXT_COVER = 0.6
"""Share of the question's key terms the sentence's context window (or, for names, the article) must contain."""
READINGS = 3


@dataclass(frozen=True, slots=True)
class Reading:
    """One sentence an outlet gives as its answer, and how well it matches the question."""

    snippet: Snippet
    rank: float
    confident: bool = True
    """False for a *lenient* reading: the sentence names enough of the question's key terms, but not its
    predicate, or its context not enough of the rest ("Hurricane Ida arrived in Louisiana Sunday" for "On what day
    did Ida come ashore?"), a date said with a verb the question does not ask (``qa.compare.slots``), or a sentence
    an excerpt breaks off (``Snippet.cut``). Its values may place an outlet in an answer group, never raise a flag."""


def readings(f: Focus, outlet: OutletAnswer, index: Index, n: int = READINGS, lenient: bool = False) -> list[Reading]:
    """The outlet's sentences that answer the question's key terms, best first (at most ``n``); with ``lenient``,
    followed by the other sentences that name enough of the key terms (``Reading.confident`` False), in the
    order of their relevance."""
    if not f.stems:
        return []
    out, loose = [], []
    for s in outlet.snippets:
        sentence = content_stems(s.text) | classes.stand_in(f.text, s.text) | synonym_stems(f.text, s.text)
        cover = len(sentence & f.stems) / len(f.stems)
        if cover < MIN_SENTENCE_COVER:
            continue
        weak = Reading(s, 0.0, confident=False)
        if f.predicate and not sentence & f.predicate and not f.states_date and not f.states_number:
            loose.append(weak)
            continue
        if f.names and 2 * len(f.names & content_stems(index.articles[s.article_id].text)) < len(f.names):
            continue  # an article that names none of the question's names is about someone else (the G7, not the US)
        window_text = index.articles[s.article_id].text[s.window_start:s.window_end]
        window = content_stems(window_text) | classes.stand_in(f.text, window_text) | sentence
        context = len(window & f.stems) / len(f.stems)
        if context < MIN_CONTEXT_COVER:
            # A pronoun subject ("He died in Taiwan in 1972"): the names may be further back in the article.
            article = content_stems(index.articles[s.article_id].text)
            named = len(f.names & window) >= len(f.names) / 2 or f.names <= article
            if f.names and named and (sentence & f.predicate or not f.predicate):
                context = MIN_CONTEXT_COVER
            else:
                loose.append(weak)
                continue
        out.append(Reading(s, cover + 0.5 * context + 0.25 * s.score, confident=not s.cut))
    out.sort(key=lambda r: -r.rank)
    return out[:n] + (sorted(loose, key=lambda r: -r.snippet.score) if lenient else [])
