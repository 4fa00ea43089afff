"""Alignment: which articles of two outlets may be checked against each other, and which of their snippets report
the same claim or event.

Articles are checked against each other when they report the same story. Two reports on a recurring subject (a
weekly jobless-claims report, one storm's death toll a day and then two weeks later) share most of their words yet
describe different weeks or stages of a story: their numbers and dates do not contradict each other. So articles
are compared when the index groups them into one story at ingest (``index.stories``), or into stories published
within the story window of each other (one event told over its first days is often two stories: the attack, then
the names of the dead); ``comparable`` says when.

Two snippets are aligned when their evidence windows are close in embedding space (the vectors already in
the index, so nothing is re-encoded) and their sentences share enough content words; only aligned snippets
are compared, so like is compared with like.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.settings import get_settings
from index.store import Index
from qa.facts.text import content_stems, jaccard, overlap
from qa.models import OutletAnswer, Snippet


def comparable(index: Index, article_a: str, article_b: str) -> bool:
    """True when two articles of ``index`` may be checked against each other: the same story, one undated, or
    published within ``Settings.story_window_days`` of each other."""
    a, b = index.articles[article_a].published, index.articles[article_b].published
    return (a is None or b is None or index.story_of[article_a] == index.story_of[article_b]
            or abs((a - b).days) <= get_settings().story_window_days)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two snippets from two outlets and how closely they match."""

    a: OutletAnswer
    sa: Snippet
    b: OutletAnswer
    sb: Snippet
    cosine: float
    """Cosine similarity of the two evidence windows."""
    lexical: float
    """Overlap coefficient of the two sentences' content stems."""
    shared: int
    """Number of content stems the two sentences share."""
    jaccard: float


def pairs(outlets: list[OutletAnswer], index: Index) -> list[Pair]:
    """Every cross-outlet snippet pair from articles of the same moment (``comparable``), best aligned first."""
    stems = {s.passage_id: content_stems(s.text) for o in outlets for s in o.snippets}
    out = []
    for i, a in enumerate(outlets):
        for b in outlets[i + 1:]:
            for sa in a.snippets:
                for sb in b.snippets:
                    if sa.article_id == sb.article_id or not comparable(index, sa.article_id, sb.article_id):
                        continue
                    va, vb = index.vector(sa.passage_id), index.vector(sb.passage_id)
                    cosine = float(va @ vb) if va is not None and vb is not None else 0.0
                    ta, tb = stems[sa.passage_id], stems[sb.passage_id]
                    out.append(Pair(a, sa, b, sb, cosine, overlap(ta, tb), len(ta & tb), jaccard(ta, tb)))
    return sorted(out, key=lambda p: -(p.cosine + p.lexical))


def same_claim(pair: Pair) -> bool:
    """True when the two snippets very likely report the same claim or event."""
    return pair.cosine >= 0.55 and pair.lexical >= 0.4 and pair.shared >= 3
