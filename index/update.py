"""Adding articles to an on-disk index: idempotent, incremental, serialised by a lock file.

An article whose content hash is already indexed is skipped; one whose id is indexed with other content
replaces the old version; only passage windows not already embedded are encoded.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from index.chunk import chunk_article
from index.embed import Encoder
from index.models import Article, Passage
from index.settings import Settings, get_settings
from index.store import Index, IndexStore, IndexUnusable, Progress, no_progress
from index.textfile import InputError


class IndexLocked(RuntimeError):
    """Another process is writing to the same index."""


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
    """Passage windows encoded in this run (0 when nothing new)."""
    n_articles: int
    n_passages: int


def update_index(store: IndexStore, articles: list[Article], encoder: Encoder, settings: Settings | None = None,
                 progress: Progress = no_progress, rebuild: bool = False, lock_timeout: float = 0.0) -> UpdateReport:
    """Merge ``articles`` into the index at ``store`` and commit a new snapshot if anything changed."""
    from filelock import FileLock, Timeout

    settings = settings or get_settings()
    store.root.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(store.lock_path, timeout=lock_timeout):
            return _update_locked(store, articles, encoder, settings, progress, rebuild)
    except Timeout:
        raise IndexLocked(f"{store.root}: another factqa process is writing to this index") from None


def _update_locked(store: IndexStore, articles: list[Article], encoder: Encoder, settings: Settings,
                   progress: Progress, rebuild: bool) -> UpdateReport:
    old = None if rebuild or not store.exists() else store.load()
    if old is not None and old.manifest.model != encoder.name:
        raise IndexUnusable(f"{store.root}: index was built with {old.manifest.model}, not {encoder.name}; "
                            "rebuild it with --rebuild or use that model")
    current: dict[str, Article] = dict(old.articles) if old else {}
    passages: dict[str, list[Passage]] = {}
    if old:
        for p in old.passages:
            passages.setdefault(p.article_id, []).append(p)
    added, replaced, unchanged, errors = [], [], [], []
    for article in articles:
        previous = current.get(article.id)
        if previous is not None and previous.content_hash == article.content_hash:
            unchanged.append(article.id)
            continue
        try:
            chunks = chunk_article(article, settings.max_passages_per_article)
        except InputError as exc:
            errors.append(exc)
            continue
        (replaced if previous is not None else added).append(article.id)
        current[article.id] = article
        passages[article.id] = chunks
    if old is not None and not added and not replaced:
        return UpdateReport(added=[], replaced=[], unchanged=unchanged, errors=errors, encoded=0,
                            n_articles=len(current), n_passages=len(old.passages))
    ordered = list(current.values())
    all_passages = [p for a in ordered for p in passages[a.id]]
    index, encoded = Index.build(ordered, all_passages, encoder, settings.batch_size,
                                 cache=old.vector_cache() if old else None, progress=progress)
    store.commit(index)
    return UpdateReport(added=added, replaced=replaced, unchanged=unchanged, errors=errors, encoded=encoded,
                        n_articles=len(ordered), n_passages=len(all_passages))
