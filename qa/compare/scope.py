"""Which articles may be checked against each other: those reporting the same story.

A news corpus holds many stories on recurring subjects: a weekly jobless-claims report, a monthly jobs report,
one storm's death toll a day and then two weeks later. Two such reports share most of their words ("claims
fell to 293,000 for the week ended Oct. 9" / "claims fell to 498,000 for the week ended May 1") yet describe
different weeks, months or stages of a story: their numbers and dates do not contradict each other. The index
groups articles into stories at ingest (``index.stories``: similar leads within a few days); articles are
compared when they are of one story, or of stories published within the story window of each other (one
event told over its first days is often two stories: the attack, then the names of the dead). Articles
without a publication date (reference texts) have no moment and are comparable with any article.
"""

from __future__ import annotations

from index.settings import get_settings
from index.store import Index


def comparable(index: Index, article_a: str, article_b: str) -> bool:
    """True when two articles of ``index`` may be checked against each other: the same story, one undated, or
    published within ``Settings.story_window_days`` of each other."""
    a, b = index.articles[article_a].published, index.articles[article_b].published
    if a is None or b is None or index.story_of[article_a] == index.story_of[article_b]:
        return True
    return abs((a - b).days) <= get_settings().story_window_days
