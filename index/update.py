"""Adding articles to an on-disk index: idempotent, incremental, serialised by a lock file.

An article whose content hash is already indexed is skipped; one whose id is indexed with other content
replaces the old version; only passage windows not already embedded are encoded. The new articles become
one new segment (``index.segments``): nothing already stored is re-read, re-tokenised, re-encoded or
re-hashed, so the cost follows the new passages; the BM25 matrix is rebuilt from stored token ids at load.

The articles are split into passages all at once, a large batch in worker processes beside this one
(``index.chunk_workers``); the new windows are then encoded while their BM25 tokens and the articles' shingles
are made in a thread (``index.prepare``); the stories and the files follow. A new index is written as its one
segment directly (as ``IndexStore.commit`` would write the in-memory build: the same files, tested).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from index.catalog import Catalog
from index.chunk_workers import Chunked, chunk_all, chunk_one
from index.embed import Encoder
from index.models import Article, IndexManifest, Passage
from index.prepare import build_segment, no_cache
from index.segments import SegmentData
from index.settings import Settings, get_settings
from index.snapshots import IndexLocked
from index.stories import Assignment, StoryClusterer, assign_stories, lead_vectors, seed_clusterer
from index.store import IndexStore, IndexUnusable, Progress, dense_index, no_progress
from index.textfile import InputError


class UpdateReport(BaseModel):
    """What one ingest did to the index."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    added: list[str]
    """Ids of new articles."""
    replaced: list[str]
    """Ids of articles whose content changed."""
    unchanged: list[str]
    """Ids already indexed with the same content (skipped)."""
    errors: list[InputError]
    """Articles refused while chunking."""
    encoded: int
    """Passage windows encoded in this run (0 when nothing new); fewer than ``new_evidence`` when some
    windows were already embedded (the same window text in another article or an earlier version)."""
    new_evidence: int
    """Evidence passages of the added and replaced articles (their windows are embedded; boilerplate is not)."""
    n_articles: int
    n_passages: int
    n_evidence: int
    """Passages of the index that are evidence; the other ``n_passages - n_evidence`` are boilerplate."""


def update_index(store: IndexStore, articles: list[Article], encoder: Encoder, settings: Settings | None = None,
                 progress: Progress = no_progress, rebuild: bool = False, lock_timeout: float = 0.0) -> UpdateReport:
    """Merge ``articles`` into the index at ``store`` and commit a new snapshot if anything changed."""
    from filelock import FileLock, Timeout

    settings = settings or get_settings()
    if not articles and not store.exists():  # nothing to add: leave no empty index folder behind
        return UpdateReport(added=[], replaced=[], unchanged=[], errors=[], encoded=0, new_evidence=0,
                            n_articles=0, n_passages=0, n_evidence=0)
    store.root.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(store.lock_path, timeout=lock_timeout):
            return _update_locked(store, articles, encoder, settings, progress, rebuild)
    except Timeout:
        raise IndexLocked(f"{store.root}: another factqa process is writing to this index") from None


def _update_locked(store: IndexStore, articles: list[Article], encoder: Encoder, settings: Settings,
                   progress: Progress, rebuild: bool) -> UpdateReport:
    catalog = None if rebuild or not store.exists() else store.catalog()
    if catalog is not None and catalog.manifest.model != encoder.name:
        raise IndexUnusable(f"{store.root}: index was built with {catalog.manifest.model}, not {encoder.name}; "
                            "rebuild it with --rebuild or use that model")
    current: dict[str, Article] = dict(catalog.articles) if catalog else {}
    chunked = _chunk_changed(articles, current, settings.max_passages_per_article)
    fresh: dict[str, Article] = {}
    chunks: dict[str, list[Passage]] = {}
    added, replaced, unchanged, errors = [], [], [], []
    for i, article in enumerate(articles):
        previous = fresh.get(article.id) or current.get(article.id)
        if previous is not None and previous.content_hash == article.content_hash:
            unchanged.append(article.id)
            continue
        found = chunked[i] if i in chunked else chunk_one(article, settings.max_passages_per_article)
        if isinstance(found, InputError):
            errors.append(found)
            continue
        chunks[article.id] = found
        if article.id not in fresh:
            (replaced if article.id in current else added).append(article.id)
        fresh[article.id] = article
    if catalog is not None and not fresh:
        return UpdateReport(added=[], replaced=[], unchanged=unchanged, errors=errors, encoded=0, new_evidence=0,
                            n_articles=len(current), n_passages=catalog.n_passages, n_evidence=catalog.n_live)
    new_articles = list(fresh.values())
    new_passages = [p for a in new_articles for p in chunks[a.id]]
    new_evidence = sum(p.is_evidence for p in new_passages)
    terms, cached = (catalog.terms, catalog.cached) if catalog is not None else ([], no_cache)
    data, encoded, shingled = build_segment(new_articles, new_passages, encoder, settings.batch_size, progress, terms,
                                            cached)
    data.stories = _stories(catalog, data, settings, shingled)
    if catalog is None:
        manifest = IndexManifest(model=encoder.name, dimension=encoder.dimension, n_articles=len(new_articles),
                                 n_passages=len(new_passages), created=dt.datetime.now(dt.UTC))
        store.write_base(manifest, data, dense_index(data.vectors).ann)  # the HNSW graph from ANN_MIN_ROWS rows
        return UpdateReport(added=added, replaced=replaced, unchanged=unchanged, errors=errors, encoded=encoded,
                            new_evidence=new_evidence, n_articles=len(new_articles), n_passages=len(new_passages),
                            n_evidence=new_evidence)
    dead = set(replaced)
    if _needs_compaction(catalog, dead, len(data.vectors)):
        catalog.append(data, dead)
        index = store.load()
        store.commit(index)
    else:
        n_evidence = catalog.n_live - len(catalog.slots_of(dead)) + len(data.vectors)
        manifest = catalog.append(data, dead)
        return UpdateReport(added=added, replaced=replaced, unchanged=unchanged, errors=errors, encoded=encoded,
                            new_evidence=new_evidence, n_articles=manifest.n_articles, n_passages=manifest.n_passages,
                            n_evidence=n_evidence)
    return UpdateReport(added=added, replaced=replaced, unchanged=unchanged, errors=errors, encoded=encoded,
                        new_evidence=new_evidence, n_articles=len(index.articles), n_passages=len(index.passages),
                        n_evidence=sum(p.is_evidence for p in index.passages))


def _chunk_changed(articles: list[Article], current: dict[str, Article], max_passages: int) -> dict[int, Chunked]:
    """The passages (or error) of each article not indexed with its content, by position in ``articles``, made all
    at once (``index.chunk_workers.chunk_all``); the loop that reads them splits any other article it needs."""
    todo = [i for i, a in enumerate(articles) if (known := current.get(a.id)) is None or known.content_hash != a.content_hash]
    return dict(zip(todo, chunk_all([articles[i] for i in todo], max_passages), strict=True))


MAX_SEGMENTS = 64
"""Segments kept before the index is compacted into one."""


def _needs_compaction(catalog: Catalog, dead: set[str], n_new: int) -> bool:
    """Compact when dead rows would outnumber half the live ones, or segments pile up."""
    n_dead = catalog.n_slots - catalog.n_live + len(catalog.slots_of(dead))
    return len(catalog.segments) + 1 > MAX_SEGMENTS or n_dead > (catalog.n_live + n_new) // 2


def _stories(catalog: Catalog | None, data: SegmentData, settings: Settings,
             shingled: dict[str, frozenset[int]]) -> dict[str, Assignment]:
    """Stories of the new articles: each joins a stored story of its date window (none in a new index) or founds
    one; ``shingled``: the new articles' shingles, made while the encoder ran."""
    clusterer = StoryClusterer(settings, data.vectors.shape[1])
    if catalog is not None:
        fresh = {a.id for a in data.articles}
        existing = {a: found for a, found in catalog.stories.items() if a not in fresh}
        clusterer = seed_clusterer(clusterer, existing, catalog.articles, data.articles, catalog.lead_vectors)
    clusterer.know_shingles(shingled)
    return assign_stories(data.articles, lead_vectors(data.passages, data.vectors), settings, data.vectors.shape[1], clusterer)
