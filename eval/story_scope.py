"""Whether an answer stays on the question's story: its cards and its silent list.

The gold names the articles of the question's story: its answering, silent and optional documents (optional
ones include articles of other stories that state the same fact). A card whose article is none of these is
off the story; so is a silent outlet none of whose listed articles is one of these.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from eval.gold import GoldItem
from qa.models import Answer

STORY_KEYS = ("off_story_card_rate", "n_cards", "n_off_story_silent")
"""Pooled headline keys of this module, after the flag keys in the summary."""


class StoryScope(BaseModel):
    """One question's cards and silent outlets, by whether they are on the gold's story."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cards: int = 0
    off_story_cards: list[str] = Field(default_factory=list)
    """Article ids of the cards off the story."""
    off_story_silent: list[str] = Field(default_factory=list)
    """Outlets listed as silent whose articles are all off the story."""


def story_documents(item: GoldItem) -> set[str]:
    """The documents the gold places on the question's story (answering, silent, optional)."""
    return {*item.answers, *item.silent, *item.optional}


def story_scope(item: GoldItem, answer: Answer | None) -> StoryScope:
    """Count ``answer``'s cards and list the cards and silent outlets that are off ``item``'s story."""
    if answer is None:
        return StoryScope()
    on = story_documents(item)
    return StoryScope(cards=len(answer.outlets),
                      off_story_cards=[o.article_id for o in answer.outlets if o.article_id not in on],
                      off_story_silent=[s.outlet for s in answer.silent if not on & set(s.article_ids)])


def off_story_card_rate(scopes: list[StoryScope]) -> float | None:
    """Σ off-story cards / Σ cards over the questions (pooled); None when no card was shown."""
    cards = sum(s.cards for s in scopes)
    return sum(len(s.off_story_cards) for s in scopes) / cards if cards else None


def story_summary(scopes: list[StoryScope]) -> dict[str, float | int | None]:
    """The pooled headline values, keyed as ``STORY_KEYS``."""
    return {"off_story_card_rate": off_story_card_rate(scopes), "n_cards": sum(s.cards for s in scopes),
            "n_off_story_silent": sum(len(s.off_story_silent) for s in scopes)}
