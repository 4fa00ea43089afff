"""Which articles may be checked against each other: those reporting the same story.

A news corpus holds many stories on recurring subjects: a weekly jobless-claims report, a monthly jobs report,
one storm's death toll a day and then two weeks later. Two such reports share most of their words ("claims
fell to 293,000 for the week ended Oct. 9" / "claims fell to 498,000 for the week ended May 1") yet describe
different weeks, months or stages of a story: their numbers and dates do not contradict each other. The index
groups articles into stories at ingest (``index.stories``: similar leads within a few days); only articles of
one story are compared. Articles without a publication date (reference texts) have no moment and are
comparable with any article.
"""

from __future__ import annotations

from index.store import Index


def comparable(index: Index, article_a: str, article_b: str) -> bool:
    """True when two articles of ``index`` may be checked against each other: the same story, or one undated."""
    if index.articles[article_a].published is None or index.articles[article_b].published is None:
        return True
    return index.story_of[article_a] == index.story_of[article_b]
