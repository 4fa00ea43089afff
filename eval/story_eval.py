"""Scoring the index's stories against true events, and sweeping the clustering's parameters over stored
vectors (no re-encoding): the engine of ``factqa eval-stories``."""

from __future__ import annotations

import itertools
import re
import time

from eval.clustering import ClusterScores, score_clusters
from index.settings import Settings
from index.store import Index
from index.stories import assign_stories, lead_vectors

EVENT_PATTERN = r"^(.+)-[^-]+$"
"""Default truth: the id up to its last hyphen names the event (``ev12-left`` and ``ev12-right`` share one)."""


def true_events(article_ids: list[str], pattern: str = EVENT_PATTERN) -> dict[str, str]:
    """``{article id: event}`` from the first group of ``pattern`` matched on each id; ids that do not
    match are left out (they are not scored)."""
    compiled = re.compile(pattern)
    out = {}
    for article_id in article_ids:
        m = compiled.search(article_id)
        if m:
            out[article_id] = m.group(1) if compiled.groups else m.group(0)
    return out


def recluster(index: Index, settings: Settings) -> tuple[dict[str, str], float]:
    """Story of each article when the whole index is clustered anew with ``settings`` (what one ingest of
    these articles in this order would store), and the seconds the clustering took."""
    vectors = lead_vectors(index.passages, index.vectors)
    started = time.perf_counter()
    found = assign_stories(list(index.articles.values()), vectors, settings, index.manifest.dimension)
    return {a: f.story for a, f in found.items()}, time.perf_counter() - started


def sweep(index: Index, truth: dict[str, str], settings: Settings, grid: dict[str, list]) -> list[dict]:
    """One row per combination of the ``grid`` (``{settings field: values}``): the values and the scores
    of the index re-clustered with them."""
    rows = []
    for values in itertools.product(*grid.values()):
        changed = settings.model_copy(update=dict(zip(grid, values, strict=True)))
        predicted, seconds = recluster(index, changed)
        scores = score_clusters(truth, predicted)
        rows.append({**dict(zip(grid, values, strict=True)), "seconds": round(seconds, 3), **scores.model_dump()})
    return rows


def stored_scores(index: Index, truth: dict[str, str]) -> ClusterScores:
    """Scores of the stories the index stored at ingest."""
    return score_clusters(truth, index.story_of)
