"""The passage index: in memory (``Index``) and on disk (``IndexStore``).

On disk an index is a folder::

    CURRENT                 name of the live snapshot (replaced atomically)
    snapshots/<name>/       manifest.json, segments.json, [dense.faiss], seg-<id>/… (one folder per segment)
    .lock                   held by the one process that writes

A segment holds the articles of one write: ``articles.jsonl``, ``passages.npy``, ``counts.npy``
(passages and evidence rows per article), ``vectors.npy``, ``hashes.npy`` (window hashes, the embedding
cache keys), ``tokens.npy`` + ``lengths.npy`` (BM25 token ids per evidence row), ``terms.json`` (the
vocabulary terms this segment added) and ``stories.json`` (each article's story, ``index.stories``).
Segments are immutable: an incremental write adds one and
hard-links the others into the new snapshot, reusing their known checksums, so its cost follows the new
passages. An article id in a later segment supersedes earlier copies (a replaced article); when dead rows
outnumber half the live ones the index is compacted into one segment.

A write builds a new snapshot beside the live one and then swaps ``CURRENT``, so a reader always sees a
complete snapshot and an interrupted write leaves the previous one in place (``index.snapshots``); what an
incremental write reads of the live snapshot is ``index.catalog.Catalog``, and opening one is
``index.reader``. No pickle anywhere: JSON, JSONL, ``.npy`` loaded with ``allow_pickle=False`` and faiss's
own index format.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property
from pathlib import Path

import numpy as np

from index.catalog import Catalog
from index.columns import ArticleMeta, PassageTable
from index.dense import DenseIndex
from index.embed import Encoder
from index.hybrid import Retriever, hybrid_search
from index.models import SCHEMA_VERSION, Article, Hit, IndexManifest, Passage, Story, text_hash
from index.postings import PostingsIndex
from index.segments import BASE, SEGMENTS_FILE, SegmentData
from index.settings import Settings, get_settings
from index.snapshots import IndexUnusable, verify_files, write_snapshot
from index.sparse import SparseIndex
from index.stories import LEAD_PASSAGES, Assignment, StoryMap, assign_stories, lead_vectors, unit

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while passages are encoded."""


ARTICLES_WITH_CACHE = 256
"""Terms whose article sets ``Index.articles_with`` keeps (a mask of one byte per article each when loaded)."""


def no_progress(done: int, total: int) -> None:
    return None


def encode_sorted(encoder: Encoder, texts: list[str], batch_size: int, progress: Progress = no_progress) -> np.ndarray:
    """Encode ``texts`` longest first (less padding per batch), returning vectors in the input order. An
    encoder with ``encode_all`` (``index.ray_ingest.RayEncoder``) gets the whole sorted list in one call."""
    out = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    if hasattr(encoder, "encode_all") and order:
        out[order] = encoder.encode_all([texts[i] for i in order], batch_size, progress)
        return out
    step = max(batch_size * 4, 1)
    for start in range(0, len(order), step):
        chunk = order[start : start + step]
        out[chunk] = encoder.encode([texts[i] for i in chunk], batch_size=batch_size)
        progress(min(start + step, len(order)), len(order))
    return out


class Index:
    """Articles, their passages, and the dense and BM25 indexes over the evidence passages.

    Built in memory (``Index(...)``, ``Index.build``) it holds the ``Article`` and ``Passage`` models it was
    given; loaded from disk (``IndexStore.load``) it holds columns (``index.columns``) and memory-mapped
    arrays, and makes a model only for what is read: ``articles``, ``passages`` and ``passage_by_id``
    behave the same either way.
    """

    def __init__(self, manifest: IndexManifest, articles: list[Article], passages: Sequence[Passage], vectors: np.ndarray,
                 sparse: SparseIndex | PostingsIndex | None = None, dense: DenseIndex | None = None,
                 stories: dict[str, Assignment] | None = None, settings: Settings | None = None):
        passages = list(passages)
        self.articles: Mapping[str, Article] = {a.id: a for a in articles}
        self.article_meta: Mapping[str, Article | ArticleMeta] = self.articles
        """Id → id, outlet, title and date of every article (``ArticleMeta`` when loaded: no text)."""
        self.passages: Sequence[Passage] = passages
        self.passage_by_id: Mapping[str, Passage] = {p.id: p for p in passages}
        self.rows = np.asarray([i for i, p in enumerate(passages) if p.is_evidence], dtype=np.int64)
        """Positions in ``passages`` of the evidence passages (the searchable rows, in vector order)."""
        self._table: PassageTable | None = None
        self._by_article: dict[str, list[Passage]] | None = None
        self._setup(manifest, vectors, sparse or SparseIndex.build([passages[i].window for i in self.rows]), dense,
                    stories, settings, articles, passages)

    @classmethod
    def from_table(cls, manifest: IndexManifest, table: PassageTable, sparse: SparseIndex | PostingsIndex,
                   dense: DenseIndex, stories: dict[str, Assignment]) -> Index:
        """An index over columns (what ``IndexStore.load`` opens): no model is made until one is read."""
        self = cls.__new__(cls)
        self.articles = table.articles
        self.article_meta = table.articles.meta
        self.passages = table
        self.passage_by_id = table.by_id
        self.rows = table.evidence()
        self._table = table
        self._by_article = None
        self._setup(manifest, dense.vectors, sparse, dense, stories, None, None, None)
        return self

    def _setup(self, manifest, vectors, sparse, dense, stories, settings, articles, passages) -> None:
        self.manifest = manifest
        if len(self.rows) != len(vectors):
            raise IndexUnusable(f"index damaged: {len(vectors)} vectors for {len(self.rows)} evidence passages; rebuild it with `factqa ingest`")
        self.dense = dense or DenseIndex(vectors if len(vectors) else np.zeros((0, manifest.dimension), dtype=np.float32))
        self.sparse = sparse
        self.engine = None
        """A search engine that ranks candidates instead of the local indexes (``index.backend.use_backend``)."""
        self._row_of: dict[str, int] | None = None
        self._articles_with: dict[str, AbstractSet[str]] = {}
        self.mapped: list[Path] = []
        """The memory-mapped files answers read pages of (``index.reader``; none when built in memory)."""
        if stories is None:
            stories = assign_stories(articles, lead_vectors(passages, self.vectors), settings or get_settings(),
                                     manifest.dimension)
        self.assignments = stories
        """Story and source of each article (what the index stores)."""
        self.story_of: dict[str, str] = {a: found.story for a, found in stories.items()}
        """Article id → story id."""

    @cached_property
    def stories(self) -> Mapping[str, Story]:
        """Story id → the story, its articles in publication order (each built when first read: ``StoryMap``)."""
        return StoryMap(self.article_meta, self.assignments)

    def passages_of(self, article_id: str) -> list[Passage]:
        """Every passage of one article, boilerplate included, in order (empty for an unknown id)."""
        if self._table is not None:
            return self._table.of_article(article_id)
        if self._by_article is None:
            self._by_article = {}
            for p in self.passages:
                self._by_article.setdefault(p.article_id, []).append(p)
        return list(self._by_article.get(article_id, []))

    def _article_ids(self, positions: np.ndarray) -> list[str]:
        if self._table is not None:
            return self._table.article_ids(positions)
        return [self.passages[int(i)].article_id for i in positions]

    def evidence_of(self, article_ids: set[str]) -> np.ndarray:
        """Searchable rows (positions in ``rows``) of the evidence passages of ``article_ids``, ascending."""
        if self._table is None:
            return np.asarray([i for i, r in enumerate(self.rows.tolist()) if self.passages[r].article_id in article_ids],
                              dtype=np.int64)
        positions = self._table.rows_of_articles(article_ids)
        at = np.searchsorted(self.rows, positions)
        keep = at < len(self.rows)
        keep[keep] = self.rows[at[keep]] == positions[keep]
        return at[keep].astype(np.int64)

    def windows(self, rows: np.ndarray) -> list[tuple[str, str, str]]:
        """``(passage id, article id, window)`` of searchable ``rows`` (grouped by article), without making a
        ``Passage`` per row when loaded."""
        positions = self.rows[np.asarray(rows, dtype=np.int64)]
        if self._table is not None:
            return self._table.windows(positions)
        return [(p.id, p.article_id, p.window) for p in (self.passages[int(i)] for i in positions)]

    def content_hashes(self) -> dict[str, str]:
        """Article id → ``Article.content_hash`` of every article (stored at write: no article is parsed)."""
        if self._table is not None:
            table = self._table.articles
            return {a: table.content_hash(a) for a in table}
        return {a: article.content_hash for a, article in self.articles.items()}

    @property
    def vectors(self) -> np.ndarray:
        """Unit vectors of the evidence passages, in ``rows`` order."""
        return self.dense.vectors

    @classmethod
    def build(cls, articles: list[Article], passages: list[Passage], encoder: Encoder, batch_size: int = 64,
              cache: dict[str, np.ndarray] | None = None, progress: Progress = no_progress,
              settings: Settings | None = None) -> tuple[Index, int]:
        """Build an in-memory index, encoding only windows missing from ``cache``; return it and the count encoded."""
        cache = cache or {}
        windows = [p.window for p in passages if p.is_evidence]
        keys = [text_hash(w) for w in windows]
        missing = sorted({k: w for k, w in zip(keys, windows, strict=True) if k not in cache}.items())
        fresh = encode_sorted(encoder, [w for _, w in missing], batch_size, progress)
        known = dict(cache)
        known.update({k: fresh[i] for i, (k, _) in enumerate(missing)})
        vectors = np.stack([known[k] for k in keys]) if keys else np.zeros((0, encoder.dimension), dtype=np.float32)
        manifest = IndexManifest(model=encoder.name, dimension=encoder.dimension, n_articles=len(articles),
                                 n_passages=len(passages), created=dt.datetime.now(dt.UTC))
        return cls(manifest, articles, passages, vectors, dense=dense_index(vectors), settings=settings), len(missing)

    def vector_cache(self) -> dict[str, np.ndarray]:
        """Map each evidence window's hash to its vector, to reuse on the next build."""
        return {text_hash(self.passages[int(r)].window): self.vectors[i] for i, r in enumerate(self.rows)}

    def article(self, article_id: str) -> Article:
        """One article by id."""
        return self.articles[article_id]

    def passage(self, passage_id: str) -> Passage:
        """One passage by id."""
        return self.passage_by_id[passage_id]

    def row_of(self, passage_id: str) -> int | None:
        """The searchable row (position in ``rows`` and ``vectors``) of an evidence passage; None otherwise."""
        if self._table is not None:
            at = self._table.position(passage_id)
            i = int(np.searchsorted(self.rows, at)) if at is not None else len(self.rows)
            return i if i < len(self.rows) and self.rows[i] == at else None
        if self._row_of is None:
            self._row_of = {self.passages[int(r)].id: i for i, r in enumerate(self.rows)}
        return self._row_of.get(passage_id)

    def vector(self, passage_id: str) -> np.ndarray | None:
        """The unit vector of a passage's window; None for boilerplate."""
        row = self.row_of(passage_id)
        return None if row is None else self.vectors[row]

    def lead_vector(self, article_id: str) -> np.ndarray | None:
        """The article's lead vector as the story clustering makes it (``index.stories.lead_vectors``): the unit mean
        of the vectors of its first ``LEAD_PASSAGES`` body passages; None without body. Loaded, no article is parsed."""
        if self._table is None:
            rows = [self.row_of(p.id) for p in self.passages_of(article_id) if p.is_body][:LEAD_PASSAGES]
        else:
            rows = np.searchsorted(self.rows, self._table.body_positions(article_id)[:LEAD_PASSAGES])
        return unit(np.sum(self.vectors[np.asarray(rows, dtype=np.int64)], axis=0)) if len(rows) else None

    def idf(self, term: str) -> float:
        """BM25 idf of a stemmed term."""
        return self.sparse.idf(term)

    def articles_with(self, term: str) -> AbstractSet[str]:
        """Ids of articles whose evidence passages contain the stemmed ``term`` (read-only; the last
        ``ARTICLES_WITH_CACHE`` terms asked are kept: an answer asks for each of the question's names per
        candidate article)."""
        found = self._articles_with.get(term)
        if found is None:
            positions = self.rows[self.sparse.rows_with(term)]
            if self._table is not None:
                found = self._table.articles_of(positions)
            else:
                found = frozenset(self._article_ids(positions))
            if len(self._articles_with) >= ARTICLES_WITH_CACHE:
                self._articles_with.clear()
            self._articles_with[term] = found
        return found

    def search(self, question: str, query_vector: np.ndarray | None, n: int = 100, retriever: Retriever = "hybrid",
               rrf_k: int = 60) -> list[Hit]:
        """Return up to ``n`` evidence passages for ``question``, best first."""
        if self.engine is not None:
            from index.milvus_backend import milvus_candidates

            return milvus_candidates(self, self.engine, question, query_vector, n, retriever, rrf_k)
        found = hybrid_search(self.dense, self.sparse, query_vector, question, n, retriever, rrf_k)
        hits = []
        for c in found:
            passage = self.passages[int(self.rows[c.row])]
            hits.append(Hit(passage_id=passage.id, article_id=passage.article_id, score=c.score, dense=c.dense, bm25=c.bm25))
        return hits


def dense_index(vectors: np.ndarray) -> DenseIndex:
    """Exact search below ``ANN_MIN_ROWS`` rows, HNSW-SQ8 with exact re-ranking from there on."""
    from index.ann import ANN_MIN_ROWS, build_ann

    if len(vectors) < ANN_MIN_ROWS:
        return DenseIndex(vectors)
    return DenseIndex(vectors, ann=build_ann(np.ascontiguousarray(vectors, dtype=np.float32)))




class IndexStore:
    """An index folder on disk: load the live snapshot, or commit a new one atomically."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def lock_path(self) -> Path:
        """The writers' lock file."""
        return self.root / ".lock"

    def exists(self) -> bool:
        """True when the folder holds a committed snapshot."""
        return (self.root / "CURRENT").is_file()

    def _live(self) -> Path:
        name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        return self.root / "snapshots" / name

    def readable(self) -> bool:
        """True when the live snapshot has this factqa's schema version (False: rebuild it)."""
        try:
            return json.loads((self._live() / "manifest.json").read_text(encoding="utf-8")).get("schema_version") == SCHEMA_VERSION
        except (OSError, ValueError):
            return False

    def manifest(self) -> IndexManifest:
        """Read the live snapshot's manifest, refusing other schema versions."""
        path = self._live() / "manifest.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise IndexUnusable(f"{path}: index damaged ({exc}); rebuild it with `factqa ingest --index {self.root} --rebuild`") from None
        if raw.get("schema_version") != SCHEMA_VERSION:
            raise IndexUnusable(f"{path}: index schema {raw.get('schema_version')} is not {SCHEMA_VERSION}; rebuild it with `factqa ingest --index {self.root} --rebuild`")
        return IndexManifest.model_validate(raw)

    def verify(self) -> None:
        """Hash every file of the live snapshot against its manifest (opening checks large files by size only)."""
        verify_files(self.root, self._live(), self.manifest())

    def catalog(self) -> Catalog:
        """The live snapshot's segments and articles, for an incremental write."""
        return Catalog(self)

    def load(self, expect_model: str | None = None) -> Index:
        """Load the live snapshot; verify file checksums and, if given, the encoder identity."""
        if not self.exists():
            raise IndexUnusable(f"{self.root}: no index here; create one with `factqa ingest PATH --index {self.root}`")
        manifest = self.manifest()
        if expect_model is not None:
            self.check_model(manifest, expect_model)
        folder = self._live()
        if not (folder / SEGMENTS_FILE).is_file():
            raise IndexUnusable(f"{folder}: index written by an older factqa; rebuild it with `factqa ingest --index {self.root} --rebuild`")
        verify_files(self.root, folder, manifest, full=False)
        try:
            return self._read(folder, manifest)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexUnusable(f"{folder}: index damaged ({exc}); rebuild it with `factqa ingest --index {self.root} --rebuild`") from None

    def check_model(self, manifest: IndexManifest, model: str) -> None:
        """Refuse an index built with another encoder than ``model``."""
        if manifest.model != model:
            raise IndexUnusable(f"{self.root}: index was built with {manifest.model}, not {model}; use that model or rebuild the index")

    def _read(self, folder: Path, manifest: IndexManifest) -> Index:
        from index.reader import read_snapshot

        return read_snapshot(folder, manifest)

    def commit(self, index: Index) -> IndexManifest:
        """Write ``index`` as a new snapshot of one segment and make it live atomically; return its manifest."""
        order = {a: i for i, a in enumerate(index.articles)}
        positions = sorted(range(len(index.passages)), key=lambda i: order[index.passages[i].article_id])
        row_of = {r: i for i, r in enumerate(index.rows.tolist())}
        rows = np.asarray([row_of[i] for i in positions if i in row_of], dtype=np.int64)
        sparse = index.sparse
        starts = np.concatenate([[0], np.cumsum(sparse.lengths, dtype=np.int64)])
        same = bool(np.array_equal(rows, np.arange(len(rows))))
        tokens = sparse.tokens if same else np.concatenate([sparse.tokens[starts[r]:starts[r + 1]] for r in rows] or [np.zeros(0, np.int32)])
        passages = [index.passages[i] for i in positions]
        data = SegmentData(articles=list(index.articles.values()), passages=passages, vectors=index.vectors[rows],
                           hashes=np.asarray([text_hash(p.window) for p in passages if p.is_evidence], dtype="S64"),
                           tokens=tokens, lengths=sparse.lengths[rows], terms=list(sparse.vocab.terms),
                           stories=index.assignments)
        ann = index.dense.ann if same and index.dense.slots is None else None
        if ann is None and index.dense.ann is not None:
            from index.ann import build_ann

            ann = build_ann(data.vectors)
        manifest = write_snapshot(self.root, index.manifest, [], {}, data, ann, len(index.articles), len(index.passages), BASE)
        index.manifest = manifest
        return manifest

    def write_base(self, manifest: IndexManifest, data: SegmentData, ann=None) -> IndexManifest:
        """Write ``data`` as a new snapshot of one segment (with the HNSW index ``ann``, if any) and make it live:
        a bulk load that never builds an ``Index``."""
        n_passages = len(data.passage_columns())
        return write_snapshot(self.root, manifest, [], {}, data, ann, len(data.articles), n_passages, BASE)
