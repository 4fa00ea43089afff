"""Scoring the index's stories against true events, the silent list's test of which event an article reports, and
sweeping the clustering's parameters over stored vectors (no re-encoding): the engine of ``factqa eval-stories``."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterable

from eval.clustering import ClusterScores, score_clusters
from index.settings import Settings
from index.store import Index
from index.stories import assign_stories, lead_vectors
from qa.stories import article_lead, reports_event

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


def event_test(index: Index, truth: dict[str, str], settings: Settings, events: Iterable[str] | None = None,
               most: int = 2) -> dict[str, float | int | None]:
    """How well ``qa.stories.reports_event`` (which silent articles are listed) tells the event of the answering
    articles from others their story merged with them: for each stored story, each true event in it (of ``events``;
    all when None) and each set of 1 to ``most`` of its articles taken as the answering ones, every other article of
    the story is a case, positive when it is of that event. ``precision = TP / (TP + FP)``, ``recall = TP / (TP +
    FN)`` over the cases (None with no predicted or no true positive); ``n`` cases. Articles not in ``truth`` are
    left out of the cases."""
    keep = None if events is None else set(events)
    leads = {a: article_lead(index, a) for a in truth if a in index.story_of}

    def group(ids: Iterable[str]) -> tuple[list, list]:
        ids = [a for a in ids if leads.get(a) is not None]
        return [leads[a] for a in ids], [d for a in ids if (d := index.article_meta[a].published) is not None]

    tp = fp = fn = n = 0
    for sid in dict.fromkeys(index.story_of.values()):
        members = [a for a in index.stories[sid].article_ids if a in leads]
        for event in dict.fromkeys(truth[a] for a in members):
            if keep is not None and event not in keep:
                continue
            own = [a for a in members if truth[a] == event]
            for k in range(1, most + 1):
                for answering in itertools.combinations(own, k):
                    for c in members:
                        if c in answering:
                            continue
                        rest = lambda c=c, answering=answering: group(o for o in members if o != c and o not in answering)
                        said = reports_event(leads[c], index.article_meta[c].published, group(answering), rest, settings)
                        on = truth[c] == event
                        tp, fp, fn, n = tp + (said and on), fp + (said and not on), fn + (on and not said), n + 1
    return {"precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None, "n": n}


def halves(truth: dict[str, str]) -> tuple[list[str], list[str]]:
    """The true events split in two, alternately in sorted order (``ev1``, ``ev3``, … and ``ev2``, ``ev4``, …): a
    parameter chosen on one half is reported on the other."""
    events = sorted(set(truth.values()))
    return events[0::2], events[1::2]
