"""Whether two articles report the news of the same moment, so that what they say can be checked against each other.

A news corpus holds many stories on recurring subjects: a weekly jobless-claims report, a monthly jobs report,
one storm's death toll a day and then two weeks later. Two such reports share most of their words ("claims
fell to 293,000 for the week ended Oct. 9" / "claims fell to 498,000 for the week ended May 1") yet describe
different weeks, months or stages of a story: their numbers and dates do not contradict each other. Articles
published more than ``STORY_DAYS`` apart are therefore never compared; the coverage of one event spans a few
days. Articles without a publication date (reference texts) are always comparable.
"""

from __future__ import annotations

import datetime as dt

from index.store import Index

STORY_DAYS = 3
"""Most days between two articles' publication for them to report the same news (one event's coverage)."""


def same_moment(published_a: dt.date | None, published_b: dt.date | None) -> bool:
    """True when two articles published on these days may report the same news (or a date is unknown)."""
    if published_a is None or published_b is None:
        return True
    return abs((published_a - published_b).days) <= STORY_DAYS


def same_moment_articles(index: Index, article_a: str, article_b: str) -> bool:
    """``same_moment`` for two articles of ``index``."""
    return same_moment(index.articles[article_a].published, index.articles[article_b].published)
