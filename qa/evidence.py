"""Retrieved passages → what each outlet says: its best snippets, or silence.

Every candidate passage is scored with the calibrated relevance model (``qa.relevance``); passages are
grouped by outlet; an outlet answers when its best passage reaches the threshold, and shows up to ``k``
snippets of that passage's article that reach half of it. Outlets with no passage that relevant are silent.
The headline counts towards an outlet's relevance but is not one of its snippets: the card shows it as its
title, so a snippet slot goes to the body sentence that carries the answer (unless only the headline does).
Only the outlets that covered the question's stories (``qa.stories``) are answering or silent.
"""

from __future__ import annotations

from collections import defaultdict

from index.models import Hit
from index.store import Index
from qa.facts.text import fold
from qa.models import OutletAnswer, SilentOutlet, Snippet
from qa.relevance import Calibration, features, score
from qa.stories import wire_source


def score_hits(index: Index, question: str, hits: list[Hit], calibration: Calibration) -> list[Snippet]:
    """Turn hits into snippets carrying calibrated relevance, best first."""
    if not hits:
        return []
    rows = features(index, question, hits)
    snippets = []
    for hit, row in zip(hits, rows, strict=True):
        passage = index.passage_by_id[hit.passage_id]
        snippets.append(
            Snippet(passage_id=passage.id, article_id=passage.article_id, text=passage.text, start=passage.start,
                    end=passage.end, window_start=passage.window_start, window_end=passage.window_end,
                    score=score(row, calibration), dense=hit.dense or 0.0, bm25=hit.bm25 or 0.0,
                    cut=passage.boilerplate == "cut")
        )
    snippets.sort(key=lambda s: (-s.score, s.passage_id))
    return snippets


def _same_words(a: str, b: str) -> bool:
    """Whether two texts are the same words, whatever their case, spacing and quote marks ("can’t" / "can't")."""
    return fold(a).split() == fold(b).split()


def _card_snippets(ranked: list[Snippet], article_id: str, title: str, k: int, floor: float) -> list[Snippet]:
    """Up to ``k`` distinct snippets of article ``article_id`` scoring at least ``floor``, best first; the
    sentence that repeats the article's title is left to the card's header unless nothing else qualifies."""
    own = [s for s in ranked if s.article_id == article_id and s.score >= floor]
    body = [s for s in own if not _same_words(s.text, title)] or own
    first_of_text = {}
    for snippet in body:
        first_of_text.setdefault(snippet.text, snippet)
    return list(first_of_text.values())[:k]


def group_by_outlet(index: Index, snippets: list[Snippet], k: int, calibration: Calibration,
                    stories: list[str] | None = None) -> tuple[list[OutletAnswer], list[SilentOutlet]]:
    """Split the outlets that covered ``stories`` (every story when None) into answering and silent.

    An answering outlet gets one card: its most relevant article of those stories, with up to ``k`` of that
    article's snippets; a silent outlet lists its articles of those stories.
    """
    if stories is None:
        covered = list(index.article_meta.values())
    else:  # the stories' own articles, not a scan of the whole corpus on every question
        covered = [index.article_meta[a] for sid in dict.fromkeys(stories) for a in index.stories[sid].article_ids]
    by_article: dict[str, list[Snippet]] = defaultdict(list)
    for snippet in snippets:
        by_article[snippet.article_id].append(snippet)
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article in covered:
        articles_of[article.outlet].append(article.id)
    answering, silent = [], []
    for outlet in sorted(articles_of):
        ranked = sorted((s for a in articles_of[outlet] for s in by_article.get(a, [])),
                        key=lambda s: (-s.score, s.passage_id))
        best = ranked[0].score if ranked else 0.0
        if best < calibration.threshold:
            silent.append(SilentOutlet(outlet=outlet, article_ids=sorted(articles_of[outlet]), best_relevance=best))
            continue
        article = index.articles[ranked[0].article_id]
        shown = _card_snippets(ranked, article.id, article.title, k, calibration.threshold / 2)
        story = index.stories[index.story_of[article.id]]
        answering.append(
            OutletAnswer(outlet=outlet, article_id=article.id, title=article.title, url=article.url,
                         published=article.published, snippets=shown, relevance=best, story_id=story.id,
                         source=wire_source(story, article.id))
        )
    answering.sort(key=lambda o: (-o.relevance, o.outlet))
    silent.sort(key=lambda s: (-s.best_relevance, s.outlet))
    return answering, silent
