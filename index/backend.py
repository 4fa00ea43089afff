"""The seams a distributed backend plugs into (see ``docs/scaling.md``).

``SearchBackend`` is everything the QA layer reads from an index while answering; ``Index`` (in memory,
one machine) implements it. ``SegmentSink`` is the write side of an incremental ingest: the articles
already indexed, the vectors already computed for window hashes, and appending one segment (new and
replacing articles, their passages, vectors and BM25 token ids); ``index.store.Catalog`` implements it
over the local snapshot folder. ``use_backend`` puts search on the engine the settings name
(``FACTQA_BACKEND``): ``local``, or ``milvus`` (``index.milvus_backend``: hybrid search in a Milvus collection
kept in step with the index; the lookups stay on the local columns); ``update_index`` and ``QAService``
do not change.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Protocol, runtime_checkable

import numpy as np

from index.hybrid import Retriever
from index.models import Article, Hit, IndexManifest, Passage
from index.segments import SegmentData


@runtime_checkable
class SearchBackend(Protocol):
    """Read side: hybrid search plus the lookups the evidence and comparison stages make per answer."""

    manifest: IndexManifest

    def search(self, question: str, query_vector: np.ndarray | None, n: int = 100, retriever: Retriever = "hybrid",
               rrf_k: int = 60) -> list[Hit]:
        """Up to ``n`` evidence passages for ``question``, best first (RRF of dense and BM25)."""
        ...

    def article(self, article_id: str) -> Article:
        """One article by id (``KeyError`` when unknown)."""
        ...

    def passage(self, passage_id: str) -> Passage:
        """One passage by id (``KeyError`` when unknown)."""
        ...

    def vector(self, passage_id: str) -> np.ndarray | None:
        """The stored unit vector of a passage's window; None for boilerplate."""
        ...

    def idf(self, term: str) -> float:
        """BM25 idf of a stemmed term over the whole index (0 when unseen)."""
        ...

    def articles_with(self, term: str) -> AbstractSet[str]:
        """Ids of articles whose evidence passages contain the stemmed ``term`` (a read-only set)."""
        ...


@runtime_checkable
class SegmentSink(Protocol):
    """Write side: what an incremental ingest reads and the one write it makes."""

    articles: dict[str, Article]
    """Articles already indexed (id → article; their ``content_hash`` decides unchanged/replaced)."""

    def cached(self, keys: list[str]) -> dict[str, np.ndarray]:
        """Vectors already computed for these window hashes (the embedding cache)."""
        ...

    def append(self, data: SegmentData, replaced: set[str]) -> IndexManifest:
        """Make ``data`` visible atomically, superseding the earlier copies of ``replaced`` articles."""
        ...


def use_backend(index, settings=None):
    """``index``, searching on the engine ``settings.backend`` names: unchanged for ``local``; for ``milvus``
    the collection is brought in step with the index first (``index.milvus_backend.MilvusSearch.sync``)."""
    from index.settings import get_settings

    settings = settings or get_settings()
    if settings.backend == "local" or getattr(index, "engine", None) is not None:
        return index
    from index.milvus_backend import MilvusSearch

    uri = settings.milvus_uri or str(settings.home / "milvus.db")
    if "://" not in uri:
        from pathlib import Path

        Path(uri).parent.mkdir(parents=True, exist_ok=True)
    engine = MilvusSearch(uri, settings.milvus_collection, index.manifest.dimension)
    engine.sync(index)
    index.engine = engine
    return index
