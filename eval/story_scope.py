"""Whether an answer stays on the question's story: its cards and its silent list.

The gold names the articles of the question's story: its answering, silent and optional documents (optional
ones include articles of other stories that state the same fact). A card whose article is none of these is
off the story; so is a silent outlet none of whose listed articles is one of these. Keeping the silent list on
the story must not empty it: the gold's silent documents that the list names are counted too.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from eval.gold import GoldItem
from qa.models import Answer

STORY_KEYS = ("off_story_card_rate", "n_cards", "n_off_story_silent", "silent_list_recall")
"""Pooled headline keys of this module, after the flag keys in the summary."""


class StoryScope(BaseModel):
    """One question's cards and silent outlets, by whether they are on the gold's story."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cards: int = 0
    off_story_cards: list[str] = Field(default_factory=list)
    """Article ids of the cards off the story."""
    off_story_silent: list[str] = Field(default_factory=list)
    """Outlets listed as silent whose articles are all off the story."""
    gold_silent: int = 0
    """The gold's silent documents."""
    silent_listed: list[str] = Field(default_factory=list)
    """The gold's silent documents the answer lists as silent."""


def story_documents(item: GoldItem) -> set[str]:
    """The documents the gold places on the question's story (answering, silent, optional)."""
    return {*item.answers, *item.silent, *item.optional}


def story_scope(item: GoldItem, answer: Answer | None) -> StoryScope:
    """Count ``answer``'s cards and list the cards and silent outlets that are off ``item``'s story."""
    if answer is None:
        return StoryScope(gold_silent=len(item.silent))
    on = story_documents(item)
    listed = {a for s in answer.silent for a in s.article_ids}
    return StoryScope(cards=len(answer.outlets),
                      off_story_cards=[o.article_id for o in answer.outlets if o.article_id not in on],
                      off_story_silent=[s.outlet for s in answer.silent if not on & set(s.article_ids)],
                      gold_silent=len(item.silent), silent_listed=[d for d in item.silent if d in listed])


def off_story_card_rate(scopes: list[StoryScope]) -> float | None:
    """Σ off-story cards / Σ cards over the questions (pooled); None when no card was shown."""
    cards = sum(s.cards for s in scopes)
    return sum(len(s.off_story_cards) for s in scopes) / cards if cards else None


def silent_list_recall(scopes: list[StoryScope]) -> float | None:
    """Σ gold silent documents listed as silent / Σ gold silent documents over the questions (pooled); None when
    the gold names no silent document."""
    gold = sum(s.gold_silent for s in scopes)
    return sum(len(s.silent_listed) for s in scopes) / gold if gold else None


def story_summary(scopes: list[StoryScope]) -> dict[str, float | int | None]:
    """The pooled headline values, keyed as ``STORY_KEYS``."""
    return {"off_story_card_rate": off_story_card_rate(scopes), "n_cards": sum(s.cards for s in scopes),
            "n_off_story_silent": sum(len(s.off_story_silent) for s in scopes),
            "silent_list_recall": silent_list_recall(scopes)}
