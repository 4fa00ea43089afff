"""The sentences around what an outlet shows: its snippets and their neighbours, in article order.

Passages are sentences (``index.chunk``), so an outlet's evidence is, per article, the runs of consecutive
passages that hold a shown snippet or sit next to one. Checks that read several sentences of one text (a
claim and a later sentence that contradicts it) read these runs.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from index.models import Passage
from index.store import Index
from qa.models import OutletAnswer

WIDTH = 1
"""Neighbours taken on each side of a shown snippet (the snippet's own window)."""
_PASSAGES: weakref.WeakKeyDictionary[Index, dict[str, list[Passage]]] = weakref.WeakKeyDictionary()


def article_passages(index: Index, article_id: str) -> list[Passage]:
    """The passages of one article, in text order (memoised per index and article)."""
    by_article = _PASSAGES.setdefault(index, {})
    if article_id not in by_article:
        by_article[article_id] = sorted(index.passages_of(article_id), key=lambda p: p.start)
    return by_article[article_id]


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive sentences of one article, and which of them the outlet shows."""

    passages: tuple[Passage, ...]
    shown: tuple[bool, ...]


def evidence_runs(outlet: OutletAnswer, index: Index, width: int = WIDTH) -> list[Run]:
    """Runs of consecutive sentences around ``outlet``'s shown snippets, per article, in text order."""
    out = []
    for article_id in dict.fromkeys(s.article_id for s in outlet.snippets):
        ps = article_passages(index, article_id)
        position = {p.id: n for n, p in enumerate(ps)}
        shown = {position[s.passage_id] for s in outlet.snippets
                 if s.article_id == article_id and s.passage_id in position}
        taken = sorted({k for n in shown for k in range(n - width, n + width + 1) if 0 <= k < len(ps)})
        run: list[int] = []
        for k in taken + [None]:
            if run and (k is None or k != run[-1] + 1):
                out.append(Run(tuple(ps[n] for n in run), tuple(n in shown for n in run)))
                run = []
            if k is not None:
                run.append(k)
    return out
