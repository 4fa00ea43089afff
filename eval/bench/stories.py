"""Story clustering at scale, in its own process: ``python -m eval.bench.stories N NEW WORKDIR``.

An index of ``N`` synthetic articles over a year (events of three articles on one day, vectors near an event
centre) has its stories stored; ``NEW`` more articles of the last days are then assigned as an ingest does:
the stored stories of their date window seeded (``index.stories.seed_clusterer``, lead vectors read from a
memory-mapped ``.npy`` as from a segment) and the new articles clustered. Prints one JSON object: seconds
of each step, stories seeded, peak RSS, and B-cubed F1 of the new articles against their synthetic events.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from eval.bench.measure import peak_rss_mb, timed
from eval.clustering import bcubed
from index.models import Article
from index.segments import read_stories
from index.settings import Settings
from index.stories import Assignment, StoryClusterer, assign_stories, seed_clusterer, unit

DAYS = 365
PER_EVENT = 3
START = dt.date(2024, 1, 1)


def synthetic(n: int, dim: int, seed: int = 0, offset: int = 0, days: range = range(DAYS)
              ) -> tuple[list[Article], np.ndarray, list[str]]:
    """``n`` articles in events of ``PER_EVENT`` on one day each (days drawn from ``days``), their unit
    vectors (event centre plus noise), and each one's event."""
    rng = np.random.default_rng(seed)
    n_events = -(-n // PER_EVENT)
    centres = rng.standard_normal((n_events, dim)).astype(np.float32)
    day_of = rng.choice(np.asarray(days), n_events)
    articles, vectors, events = [], np.zeros((n, dim), np.float32), []
    for i in range(n):
        e = i // PER_EVENT
        vectors[i] = unit(centres[e] + 0.6 * rng.standard_normal(dim).astype(np.float32))
        day = START + dt.timedelta(days=int(day_of[e]))
        articles.append(Article.model_construct(id=f"a{offset + i}", outlet=f"Outlet {i % PER_EVENT}", title=f"event {e}",
                                                text=f"Report {offset + i} on event {offset + e} by outlet {i % PER_EVENT}.",
                                                published=day, published_inferred=False, url=None, author=None, source=""))
        events.append(f"{offset}-{e}")
    order = sorted(range(n), key=lambda i: articles[i].published)
    return [articles[i] for i in order], vectors[order], [events[i] for i in order]


def run(n: int, n_new: int, work: Path, dim: int = 384) -> dict:
    """Measure adding ``n_new`` articles to an index of ``n``."""
    settings = Settings()
    old, old_vectors, old_events = synthetic(n, dim)
    existing = {a.id: Assignment(story=f"s-{e}", source=a.id) for a, e in zip(old, old_events, strict=True)}
    np.save(work / "leads.npy", old_vectors, allow_pickle=False)
    (work / "stories.json").write_text(json.dumps({"article": list(existing), "story": [f.story for f in existing.values()],
                                                   "source": [f.source for f in existing.values()]}), encoding="utf-8")
    _, read_s = timed(read_stories, work)
    rows = np.load(work / "leads.npy", mmap_mode="r", allow_pickle=False)
    row_of = {a.id: i for i, a in enumerate(old)}
    articles = {a.id: a for a in old}

    def vectors_of(ids: list[str]) -> dict[str, np.ndarray]:
        return {a: np.array(rows[row_of[a]]) for a in ids}

    new, new_vectors, new_events = synthetic(n_new, dim, seed=1, offset=n, days=range(DAYS - 4, DAYS))
    base_rss = peak_rss_mb()
    clusterer, seed_s = timed(lambda: seed_clusterer(StoryClusterer(settings, dim), existing, articles, new, vectors_of))
    seeded = len(clusterer.stories)
    found, assign_s = timed(assign_stories, new, {a.id: v for a, v in zip(new, new_vectors, strict=True)}, settings, dim,
                            clusterer)
    truth = {a.id: e for a, e in zip(new, new_events, strict=True)}
    _, _, f1 = bcubed(truth, {a: f.story for a, f in found.items()})
    return {"index_articles": n, "new_articles": n_new, "stories_seeded": seeded,
            "read_stories_s": round(read_s, 3), "seed_s": round(seed_s, 3), "assign_s": round(assign_s, 3),
            "clustering_s": round(seed_s + assign_s, 3), "new_bcubed_f1": round(f1, 3),
            "peak_rss_mb": round(peak_rss_mb(), 1), "rss_growth_while_clustering_mb": round(peak_rss_mb() - base_rss, 1)}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(dir=sys.argv[3] if len(sys.argv) > 3 else None) as folder:
        print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]), Path(folder))))
