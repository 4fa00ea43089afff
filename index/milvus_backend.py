"""Search on Milvus (``FACTQA_BACKEND=milvus``): one collection of evidence passages, hybrid search in the engine.

Each evidence passage is one entity: its id, article, the article's content hash, outlet, story and
publication day (scalar fields, for filters and replacement), the window text (Milvus's ``BM25`` function
with the ``english`` analyzer fills a sparse vector from it) and the dense vector (``FLAT``, inner product,
exact like the local index). ``search`` sends both requests as one ``hybrid_search`` fused by ``RRFRanker(k)``
— the same reciprocal rank fusion as ``index.hybrid``; the cosine and BM25 features each hit carries for the
QA layer are then computed as the local index computes them, so answers differ only where Milvus ranks
candidates differently. ``sync`` makes the collection hold exactly the index's articles: an article whose
content hash changed (a re-ingest that replaced it) or that left the index is deleted, new ones inserted.

``FACTQA_MILVUS_URI`` is a file path (milvus-lite: the real engine, embedded; tests and one machine) or a
server address (``http://host:19530``: Milvus standalone or distributed). Optional: ``pip install 'factqa[milvus]'``.
"""

from __future__ import annotations

import numpy as np

from index.hybrid import Candidate, Retriever
from index.models import Hit

MAX_WINDOW = 65_535
"""Longest window (bytes) a VARCHAR holds; longer windows are cut for BM25 (the dense vector is of the whole)."""
BATCH = 2_000
"""Entities per insert call."""
CONNECT_TIMEOUT = 60.0
"""Seconds to wait for the server when connecting (pymilvus 2.6 uses it for the connection only, not per call).
milvus-lite starts its engine process on first use, and here that
took longer than pymilvus's 10 s default when the binary was out of the page cache (the bench's 100k size
failed so twice, then connected at once)."""
CONSISTENCY = "Strong"
"""Every read sees every write acknowledged before it: a service syncs and then answers at once, and a sync
reads what is stored to decide what to insert (Milvus's default, ``Bounded``, may miss the last seconds of
writes: a sync would insert them twice, a search miss them)."""


def connect(uri: str):
    """A ``MilvusClient`` for ``uri``, with an install hint when the extra is missing."""
    import warnings

    with warnings.catch_warnings():  # milvus-lite 2.5.1 imports pkg_resources, deprecated in setuptools
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        try:
            from pymilvus import MilvusClient
        except ImportError:
            raise ImportError("the Milvus backend needs the milvus extra: pip install 'factqa[milvus]'") from None
        return MilvusClient(uri, timeout=CONNECT_TIMEOUT)


class MilvusSearch:
    """One Milvus collection of an index's evidence passages."""

    def __init__(self, uri: str, collection: str, dimension: int):
        self.client = connect(uri)
        self.collection = collection
        self.dimension = dimension
        if not self.client.has_collection(collection):
            self._create()
        self.client.load_collection(collection)

    def _create(self) -> None:
        from pymilvus import DataType, Function, FunctionType

        schema = self.client.create_schema(auto_id=False)
        schema.add_field("passage_id", DataType.VARCHAR, is_primary=True, max_length=1024)
        schema.add_field("article_id", DataType.VARCHAR, max_length=1024)
        schema.add_field("content", DataType.VARCHAR, max_length=64)
        schema.add_field("outlet", DataType.VARCHAR, max_length=512)
        schema.add_field("story", DataType.VARCHAR, max_length=128)
        schema.add_field("published", DataType.INT64)
        """Proleptic ordinal of the publication date; -1 when undated."""
        schema.add_field("window", DataType.VARCHAR, max_length=MAX_WINDOW, enable_analyzer=True,
                         analyzer_params={"type": "english"})
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=self.dimension)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="window_bm25", function_type=FunctionType.BM25,
                                     input_field_names=["window"], output_field_names=["sparse"]))
        params = self.client.prepare_index_params()
        params.add_index("dense", index_type="FLAT", metric_type="IP")
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        self.client.create_collection(self.collection, schema=schema, index_params=params, consistency_level=CONSISTENCY)

    def stored(self) -> dict[str, str]:
        """Article id → content hash of every article in the collection."""
        out: dict[str, str] = {}
        iterator = self.client.query_iterator(self.collection, batch_size=BATCH, filter='passage_id != ""',
                                              output_fields=["article_id", "content"], consistency_level=CONSISTENCY)
        while True:
            batch = iterator.next()
            if not batch:
                iterator.close()
                return out
            out.update({r["article_id"]: r["content"] for r in batch})

    def sync(self, index) -> dict[str, int]:
        """Make the collection hold ``index``'s evidence passages (by article content); counts of what changed.
        Content hashes come from the article metadata and windows from the passage columns: the articles
        that changed are parsed, once each, and no ``Passage`` is made."""
        want = index.content_hashes()
        have = self.stored()
        gone = [a for a, h in have.items() if want.get(a) != h]
        for start in range(0, len(gone), 500):
            ids = ", ".join(_quote(a) for a in gone[start : start + 500])
            self.client.delete(self.collection, filter=f"article_id in [{ids}]")
        fresh = {a for a, h in want.items() if have.get(a) != h}
        rows = index.evidence_of(fresh)
        for start in range(0, len(rows), BATCH):
            self.client.insert(self.collection, _entities(index, rows[start : start + BATCH], want))
        if gone or len(rows):
            self.client.flush(self.collection)
        return {"deleted_articles": len(gone), "inserted_articles": len(fresh), "inserted_passages": len(rows)}

    def search(self, question: str, query_vector: np.ndarray | None, n: int, retriever: Retriever, rrf_k: int,
               expr: str = "") -> list[tuple[str, float]]:
        """``(passage id, fused score)`` of up to ``n`` passages, best first; ``expr`` a Milvus filter
        (``outlet == "X"``, ``story == "s-…"``, ``published >= 738000``)."""
        from pymilvus import AnnSearchRequest, RRFRanker

        requests = []
        if retriever in ("hybrid", "dense") and query_vector is not None:
            requests.append(AnnSearchRequest(data=[np.asarray(query_vector, np.float32).tolist()], anns_field="dense",
                                             param={"metric_type": "IP"}, limit=n, expr=expr or None))
        if retriever in ("hybrid", "bm25") and question.strip():
            requests.append(AnnSearchRequest(data=[question], anns_field="sparse", param={"metric_type": "BM25"},
                                             limit=n, expr=expr or None))
        if not requests:
            return []
        found = self.client.hybrid_search(self.collection, requests, RRFRanker(rrf_k), limit=n,
                                          output_fields=["passage_id"], consistency_level=CONSISTENCY)
        return [(h["id"], float(h["distance"])) for h in found[0]]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entities(index, rows: np.ndarray, content: dict[str, str]) -> list[dict]:
    """The collection's entities of searchable ``rows``."""
    vectors = np.asarray(index.vectors[rows], dtype=np.float32)
    out = []
    for (passage_id, article_id, window), vector in zip(index.windows(rows), vectors, strict=True):
        meta = index.article_meta[article_id]
        out.append({"passage_id": passage_id, "article_id": article_id, "content": content[article_id],
                    "outlet": meta.outlet, "story": index.story_of.get(article_id, ""),
                    "published": meta.published.toordinal() if meta.published else -1,
                    "window": window.encode("utf-8")[:MAX_WINDOW].decode("utf-8", "ignore"), "dense": vector.tolist()})
    return out


def milvus_candidates(index, engine: MilvusSearch, question: str, query_vector: np.ndarray | None, n: int,
                      retriever: Retriever, rrf_k: int) -> list[Hit]:
    """Milvus's fused ranking, each hit with the cosine and BM25 score the local index gives it."""
    found = engine.search(question, query_vector, n, retriever, rrf_k)
    rows, fused = [], []
    for passage_id, score in found:
        r = index.row_of(passage_id)
        if r is not None:
            rows.append(r)
            fused.append(score)
    if not rows:
        return []
    positions = np.asarray(rows, dtype=np.int64)
    cosines = index.dense.similarity(query_vector, positions) if query_vector is not None else np.zeros(len(rows))
    bm25 = index.sparse.scores_of(question, positions) if retriever != "dense" else np.zeros(len(rows))
    ranked = [Candidate(r, s, float(c), float(b)) for r, s, c, b in zip(rows, fused, cosines, bm25, strict=True)]
    ranked.sort(key=lambda c: (-c.score, -c.dense, c.row))
    hits = []
    for c in ranked[:n]:
        passage = index.passages[int(index.rows[c.row])]
        hits.append(Hit(passage_id=passage.id, article_id=passage.article_id, score=c.score, dense=c.dense,
                        bm25=c.bm25))
    return hits
