"""How the TUI (and its Markdown export) tells the stories an answer is about and who covered them.

Plain-text helpers shared by the answer header, the silent-outlets lines, the outlet cards' wire-copy
marks, the stories screen and the export; ``stories_of`` lists the corpus's stories from whatever the
service offers (``QAService.stories()``, else the index's stories, else none).
"""

from __future__ import annotations

import datetime as dt

from qa.models import Answer, OutletAnswer, StoryRef
from qa.sanitize import clean_text


def short_title(story: StoryRef, width: int = 40) -> str:
    """The headline cut at a word to ``width`` characters (for the status line)."""
    title = title_of(story)
    if len(title) <= width:
        return title
    cut = title[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "…"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 outlet``, ``139 outlets``, ``1,479 articles``."""
    return f"{n:,} {noun if n == 1 else (nouns or noun + 's')}"


def dates(first: dt.date | None, last: dt.date | None) -> str:
    """``2024-03-03``, ``2024-03-03 to 2024-03-05``, or ``undated``."""
    if first is None and last is None:
        return "undated"
    if first is None or last is None or first == last:
        return (first or last).isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


def coverage(story: StoryRef) -> str:
    """``covered by 4 outlets, 3 independent reports``."""
    return (f"covered by {plural(len(story.outlets), 'outlet')}, "
            f"{plural(story.n_independent, 'independent report')}")


def title_of(story: StoryRef) -> str:
    """The story's headline on one line (``(untitled)`` when it has none)."""
    return " ".join(clean_text(story.title).split()) or "(untitled)"


def story_line(story: StoryRef) -> str:
    """``“Harbour Bridge to reopen in May” · 2024-03-03 to 2024-03-05 · covered by 4 outlets, 3 independent reports``."""
    return f"“{title_of(story)}” · {dates(story.first_published, story.last_published)} · {coverage(story)}"


def stories_heading(answer: Answer) -> str | None:
    """``Story:`` or ``Spans 2 stories:`` (None when the answer names no story)."""
    if not answer.stories:
        return None
    return "Story:" if len(answer.stories) == 1 else f"Spans {len(answer.stories)} stories:"


def uncovered_line(answer: Answer) -> str | None:
    """``139 other outlets in the corpus did not cover this story`` (None when every outlet covered it)."""
    n = answer.n_uncovered_outlets
    if n <= 0 or not answer.stories:  # no story found: nothing to say who did not cover
        return None
    which = "this story" if len(answer.stories) <= 1 else "these stories"
    return f"{plural(n, 'other outlet')} in the corpus did not cover {which}."


def silent_label(answer: Answer) -> str:
    """The lead-in of the silent outlets' list."""
    if not answer.stories:
        return "Not reported by: "
    return "Covered the story but do not answer: " if len(answer.stories) == 1 else \
        "Covered these stories but do not answer: "


def card_stories(answer: Answer) -> dict[str, str]:
    """For each card (by outlet), ``story 2 of 3: “<short title>”`` when the answer spans several stories."""
    if len(answer.stories) < 2:
        return {}
    number = {story.id: n for n, story in enumerate(answer.stories, 1)}
    by_id = {story.id: story for story in answer.stories}
    return {card.outlet: f"story {number[card.story_id]} of {len(answer.stories)}: “{short_title(by_id[card.story_id])}”"
            for card in answer.outlets if card.story_id in by_id}


def wire_copies(outlets: list[OutletAnswer]) -> dict[str, list[str]]:
    """For each card (by outlet) that is a copy of one report also carried by other cards, those other outlets."""
    by_source: dict[str, list[str]] = {}
    for card in outlets:
        if card.source:
            by_source.setdefault(card.source, []).append(card.outlet)
    return {card.outlet: [o for o in by_source[card.source] if o != card.outlet]
            for card in outlets if card.source and len(by_source[card.source]) > 1}


def wire_note(others: list[str]) -> str:
    """``wire copy: same report as Alpha News`` (and ``…, Beta Times``)."""
    return "wire copy: same report as " + ", ".join(clean_text(o) for o in others)


def _newest_first(stories: list[StoryRef]) -> list[StoryRef]:
    return sorted(stories, reverse=True,
                  key=lambda s: (s.last_published is not None, s.last_published or dt.date.min, s.id))


def stories_of(service) -> list[StoryRef]:
    """Every story of the open corpus, newest first; empty when the index groups no stories."""
    listing = getattr(service, "stories", None)
    if callable(listing):
        return list(listing())
    index = getattr(service, "index", None)
    found = getattr(index, "stories", None) or {}
    refs = [StoryRef(id=s.id, title=s.title, first_published=s.first_published, last_published=s.last_published,
                     outlets=list(s.outlets), n_articles=len(s.article_ids), n_independent=s.n_independent)
            for s in found.values()]
    return _newest_first(refs)


def corpus_outlets(service) -> list[str]:
    """Every outlet of the open corpus, by name."""
    index = getattr(service, "index", None)
    articles = getattr(index, "articles", None) or {}
    return sorted({a.outlet for a in articles.values()}, key=str.casefold)
