"""The passage index: in memory (``Index``) and on disk (``IndexStore``).

On disk an index is a folder::

    CURRENT                 name of the live snapshot (replaced atomically)
    snapshots/<name>/       manifest.json, segments.json, [dense.faiss], seg-<id>/… (one folder per segment)
    .lock                   held by the one process that writes

A segment holds the articles of one write: ``articles.jsonl``, ``passages.jsonl``, ``counts.npy``
(passages and evidence rows per article), ``vectors.npy``, ``hashes.npy`` (window hashes, the embedding
cache keys), ``tokens.npy`` + ``lengths.npy`` (BM25 token ids per evidence row), ``terms.json`` (the
vocabulary terms this segment added) and ``stories.json`` (each article's story, ``index.stories``).
Segments are immutable: an incremental write adds one and
hard-links the others into the new snapshot, reusing their known checksums, so its cost follows the new
passages. An article id in a later segment supersedes earlier copies (a replaced article); when dead rows
outnumber half the live ones the index is compacted into one segment.

A write builds a new snapshot beside the live one and then swaps ``CURRENT``, so a reader always sees a
complete snapshot and an interrupted write leaves the previous one in place. No pickle anywhere:
JSON, JSONL, ``.npy`` loaded with ``allow_pickle=False`` and faiss's own index format.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property
from pathlib import Path

import numpy as np

from index.columns import ArticleMeta, PassageTable
from index.dense import DenseIndex
from index.embed import Encoder
from index.hybrid import Retriever, hybrid_search
from index.models import SCHEMA_VERSION, Article, Hit, IndexManifest, Passage, Story, text_hash
from index.segments import (ANN_FILE, BASE, FILES, OPTIONAL, SEGMENTS_FILE, key, SegmentData, live_slots, read_array, read_articles,
                            read_stories, read_terms, sha256, write_segment)
from index.settings import Settings, get_settings
from index.postings import PostingsIndex
from index.sparse import SparseIndex, Vocabulary
from index.stories import LEAD_PASSAGES, Assignment, assign_stories, build_stories, lead_vectors, unit

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while passages are encoded."""


HASH_AT_OPEN_MAX = 16 << 20
"""Files up to this size (16 MiB) that opening reads whole are hashed each time an index opens; larger ones are
checked by size there, and hashed by ``IndexStore.verify`` and by every write that reads them."""
SIZE_ONLY_AT_OPEN = frozenset({"articles.jsonl", "vectors.npy", "tokens.npy", "postings.npy", ANN_FILE, "hashes.npy",
                               "content.npy"})
"""Files opening checks by size only, whatever their size: the memory-mapped ones (a query reads the pages it
touches, never the whole file), ``hashes.npy``, which opening does not read (the ingest that does hashes it), and
``content.npy`` (read by a Milvus sync only)."""


ARTICLES_WITH_CACHE = 256
"""Terms whose article sets ``Index.articles_with`` keeps (a mask of one byte per article each when loaded)."""


class IndexUnusable(RuntimeError):
    """An index folder that cannot be used as it is; the message says why and what to do."""


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
        if stories is None:
            stories = assign_stories(articles, lead_vectors(passages, self.vectors), settings or get_settings(),
                                     manifest.dimension)
        self.assignments = stories
        """Story and source of each article (what the index stores)."""
        self.story_of: dict[str, str] = {a: found.story for a, found in stories.items()}
        """Article id → story id."""

    @cached_property
    def stories(self) -> dict[str, Story]:
        """Story id → the story, its articles in publication order (built on first use)."""
        return build_stories(self.article_meta, self.assignments)

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




class Catalog:
    """What an incremental write needs of the live snapshot, without parsing passages or building indexes:
    the segments, the live articles, which slots are live, and the checksums already known."""

    def __init__(self, store: IndexStore):
        self.store = store
        self.manifest = store.manifest()
        self.folder = store._live()
        layout = self.folder / SEGMENTS_FILE
        if not layout.is_file():
            raise IndexUnusable(f"{self.folder}: index written by an older factqa; rebuild it with `factqa ingest --index {store.root} --rebuild`")
        store._verify(self.folder, self.manifest, only=(SEGMENTS_FILE,))
        raw = json.loads(layout.read_text(encoding="utf-8"))
        self.segments: list[str] = raw["segments"]
        self.has_ann: bool = raw.get("ann", False)
        names = [key(s, f) for s in self.segments for f in ("articles.jsonl", "counts.npy", "hashes.npy", "terms.json",
                                                            "stories.json")]
        store._verify(self.folder, self.manifest, only=names)
        articles_of, self.counts = {}, {}
        self.articles: dict[str, Article] = {}
        self.terms: list[str] = []
        stories_of: dict[str, dict[str, Assignment]] = {}
        for name in self.segments:
            arts = read_articles(self.folder / name)
            stories_of[name] = read_stories(self.folder / name)
            articles_of[name] = [a.id for a in arts]
            self.articles.update({a.id: a for a in arts})
            self.counts[name] = read_array(self.folder / name, "counts.npy").reshape(-1, 2)
            self.terms += read_terms(self.folder / name)
        self.articles_of = articles_of
        self.masks, self.owner = live_slots(self.segments, articles_of, self.counts)
        self.stories: dict[str, Assignment] = {a: found for s in self.segments for a, found in stories_of[s].items()
                                               if self.owner.get(a) == s}
        """Story of each live article."""
        self.n_slots = sum(len(m) for m in self.masks)
        self.n_live = int(sum(int(m.sum()) for m in self.masks))
        self.n_passages = 0
        for name in self.segments:
            alive = np.fromiter((self.owner[a] == name for a in articles_of[name]), dtype=bool, count=len(articles_of[name]))
            self.n_passages += int(self.counts[name][alive, 0].sum()) if len(alive) else 0
        self._hashes: dict[bytes, tuple[str, int]] | None = None

    def cached(self, keys: list[str]) -> dict[str, np.ndarray]:
        """Vectors already stored for the window hashes ``keys`` (live or not), read from their segments."""
        if self._hashes is None:
            self._hashes = {}
            for name in self.segments:
                for i, h in enumerate(read_array(self.folder / name, "hashes.npy").tolist()):
                    self._hashes[h] = (name, i)
        found: dict[str, tuple[str, int]] = {}
        for k in keys:
            hit = self._hashes.get(k.encode("ascii"))
            if hit is not None:
                found[k] = hit
        out = {}
        for name in {seg for seg, _ in found.values()}:
            self.store._verify(self.folder, self.manifest, only=(key(name, "vectors.npy"),))
            vectors = read_array(self.folder / name, "vectors.npy", mmap=True)
            out.update({k: np.array(vectors[i]) for k, (seg, i) in found.items() if seg == name})
        return out

    def lead_vectors(self, article_ids: list[str]) -> dict[str, np.ndarray]:
        """Lead vectors (``index.stories.lead_vectors``) of live articles, read from their segments' rows."""
        by_segment: dict[str, list[str]] = {}
        for a in article_ids:
            by_segment.setdefault(self.owner[a], []).append(a)
        out = {}
        for name, ids in by_segment.items():
            ev = self.counts[name][:, 1]
            starts = np.concatenate([[0], np.cumsum(ev)[:-1]]) if len(ev) else ev
            position = {a: j for j, a in enumerate(self.articles_of[name])}
            # not re-hashed here (that would read every vector of the segment); load() verifies them
            vectors = read_array(self.folder / name, "vectors.npy", mmap=True)
            for a in ids:
                j = position[a]
                rows = vectors[int(starts[j]):int(starts[j]) + min(int(ev[j]), LEAD_PASSAGES)]
                if len(rows):
                    out[a] = unit(np.asarray(rows, np.float32).sum(axis=0))
        return out

    def append(self, data: SegmentData, replaced: set[str]) -> IndexManifest:
        """Commit ``data`` as one new segment on top of this snapshot (``SegmentSink``)."""
        return self.store.commit_segment(self, data, replaced)

    def slots_of(self, article_ids: set[str]) -> np.ndarray:
        """Global slots of the live copies of ``article_ids`` (they die when those articles are replaced)."""
        out, base = [], 0
        for name, mask in zip(self.segments, self.masks, strict=True):
            ev = self.counts[name][:, 1]
            starts = np.concatenate([[0], np.cumsum(ev)[:-1]]) if len(ev) else ev
            for j, article_id in enumerate(self.articles_of[name]):
                if article_id in article_ids and self.owner[article_id] == name:
                    out.extend(range(base + int(starts[j]), base + int(starts[j]) + int(ev[j])))
            base += len(mask)
        return np.asarray(out, dtype=np.int64)


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

    def _verify(self, folder: Path, manifest: IndexManifest, only=None, full: bool = True) -> None:
        """Check the snapshot's files against the manifest: sha256 of each, or (``full=False``, what opening
        does) sha256 of the files it reads whole up to ``HASH_AT_OPEN_MAX`` bytes and the exact size of the others
        (``SIZE_ONLY_AT_OPEN``)."""
        for name in only if only is not None else manifest.files:
            digest = manifest.files.get(name)
            path = folder / name
            size = manifest.sizes.get(name)
            ok = digest is not None and path.is_file()
            if ok and not full and size is not None and (size > HASH_AT_OPEN_MAX or Path(name).name in SIZE_ONLY_AT_OPEN):
                ok = path.stat().st_size == size
            elif ok:
                ok = sha256(path) == digest
            if not ok:
                raise IndexUnusable(f"{path}: index damaged (missing or checksum mismatch); rebuild it with `factqa ingest --index {self.root} --rebuild`")

    def verify(self) -> None:
        """Hash every file of the live snapshot against its manifest (opening checks large files by size only)."""
        self._verify(self._live(), self.manifest())

    def catalog(self) -> Catalog:
        """The live snapshot's segments and articles, for an incremental write."""
        return Catalog(self)

    def load(self, expect_model: str | None = None) -> Index:
        """Load the live snapshot; verify file checksums and, if given, the encoder identity."""
        if not self.exists():
            raise IndexUnusable(f"{self.root}: no index here; create one with `factqa ingest PATH --index {self.root}`")
        manifest = self.manifest()
        if expect_model is not None and manifest.model != expect_model:
            raise IndexUnusable(f"{self.root}: index was built with {manifest.model}, not {expect_model}; use that model or rebuild the index")
        folder = self._live()
        if not (folder / SEGMENTS_FILE).is_file():
            raise IndexUnusable(f"{folder}: index written by an older factqa; rebuild it with `factqa ingest --index {self.root} --rebuild`")
        self._verify(folder, manifest, full=False)
        try:
            return self._read(folder, manifest)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexUnusable(f"{folder}: index damaged ({exc}); rebuild it with `factqa ingest --index {self.root} --rebuild`") from None

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
        manifest = self._write(index.manifest, [], {}, data, ann, len(index.articles), len(index.passages), BASE)
        index.manifest = manifest
        return manifest

    def write_base(self, manifest: IndexManifest, data: SegmentData, ann=None) -> IndexManifest:
        """Write ``data`` as a new snapshot of one segment (with the HNSW index ``ann``, if any) and make it live:
        a bulk load that never builds an ``Index``."""
        n_passages = len(data.passage_columns())
        return self._write(manifest, [], {}, data, ann, len(data.articles), n_passages, BASE)

    def commit_segment(self, catalog: Catalog, data: SegmentData, replaced: set[str]) -> IndexManifest:
        """Add one segment to the live snapshot (``catalog``'s) as a new snapshot, hard-linking the others."""
        from index.ann import ANN_MIN_ROWS, add_vectors, build_ann, read_ann

        n_live = catalog.n_live - len(catalog.slots_of(replaced)) + len(data.vectors)
        ann = None
        if catalog.has_ann:
            self._verify(catalog.folder, catalog.manifest, only=(ANN_FILE,))
            ann = read_ann(catalog.folder / ANN_FILE)  # rows of replaced articles: dropped by the slot map
            add_vectors(ann, data.vectors, catalog.n_slots)
        elif n_live >= ANN_MIN_ROWS:
            live, ids = [], []
            base = 0
            for name, mask in zip(catalog.segments, catalog.masks, strict=True):
                dead = catalog.slots_of(replaced)
                keep = mask.copy()
                keep[dead[(dead >= base) & (dead < base + len(mask))] - base] = False
                live.append(read_array(catalog.folder / name, "vectors.npy", mmap=True)[keep])
                ids.append(np.flatnonzero(keep) + base)
                base += len(mask)
            live.append(data.vectors)
            ids.append(np.arange(catalog.n_slots, catalog.n_slots + len(data.vectors)))
            ann = build_ann(np.concatenate(live), ids=np.concatenate(ids))
        kept = {a for a in catalog.articles if a not in replaced}
        n_articles = len(kept) + len(data.articles)
        n_passages = catalog.n_passages - sum(
            int(catalog.counts[catalog.owner[a]][catalog.articles_of[catalog.owner[a]].index(a), 0]) for a in replaced
        ) + len(data.passages)
        return self._write(catalog.manifest, catalog.segments, {"folder": catalog.folder, "files": catalog.manifest.files},
                           data, ann, n_articles, n_passages)

    def _write(self, base: IndexManifest, old_segments: list[str], old: dict, data: SegmentData, ann,
               n_articles: int, n_passages: int, segment: str | None = None) -> IndexManifest:
        snapshots = self.root / "snapshots"
        snapshots.mkdir(parents=True, exist_ok=True)
        name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:8]
        tmp = snapshots / f".tmp-{name}"
        tmp.mkdir()
        files: dict[str, str] = {}
        for seg in old_segments:  # immutable: link them, keep their known digests
            (tmp / seg).mkdir(exist_ok=True)
            for file in FILES:
                if file in OPTIONAL and key(seg, file) not in old["files"]:
                    continue  # written by an earlier factqa: readers fall back without it
                os.link(old["folder"] / seg / file, tmp / seg / file)
                files[key(seg, file)] = old["files"][key(seg, file)]
        segment = segment or f"seg-{name}"
        files.update({key(segment, k): v for k, v in write_segment(tmp / segment, data).items()})
        layout = {"segments": [*old_segments, segment], "ann": ann is not None}
        (tmp / SEGMENTS_FILE).write_text(json.dumps(layout), encoding="utf-8")
        written = [tmp / SEGMENTS_FILE]
        if ann is not None:
            from index.ann import write_ann

            write_ann(ann, tmp / ANN_FILE)
            written.append(tmp / ANN_FILE)
        for path in written:
            files[path.name] = sha256(path)
        sizes = {name: (tmp / name).stat().st_size for name in files}
        manifest = base.model_copy(update={"files": dict(sorted(files.items())), "sizes": dict(sorted(sizes.items())),
                                           "n_articles": n_articles, "n_passages": n_passages,
                                           "schema_version": SCHEMA_VERSION})
        (tmp / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        written.append(tmp / "manifest.json")
        for path in [*written, tmp / segment, tmp]:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        tmp.rename(snapshots / name)
        pointer = self.root / f".CURRENT.{uuid.uuid4().hex[:8]}"
        pointer.write_text(name + "\n", encoding="utf-8")
        with pointer.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.root / "CURRENT")
        self._prune(keep=name)
        return manifest

    def _prune(self, keep: str) -> None:
        """Drop leftovers of interrupted writes and all snapshots but the live one and the one before it
        (a reader may still be loading that one). Segment files live on through their hard links."""
        folder = self.root / "snapshots"
        done = sorted(p.name for p in folder.iterdir() if not p.name.startswith(".tmp-"))
        keep_names = {keep, *[n for n in done if n < keep][-1:]}
        for path in folder.iterdir():
            if path.name not in keep_names:
                shutil.rmtree(path, ignore_errors=True)
