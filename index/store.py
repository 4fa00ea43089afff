"""The passage index: in memory (``Index``) and on disk (``IndexStore``).

On disk an index is a folder::

    CURRENT                 name of the live snapshot (replaced atomically)
    snapshots/<name>/       manifest.json, articles.jsonl, passages.jsonl, vectors.npy, bm25/
    .lock                   held by the one process that writes

A write builds a new snapshot beside the live one and then swaps ``CURRENT``, so a reader always sees a
complete snapshot and an interrupted write leaves the previous one in place. No pickle anywhere:
JSON, JSONL and ``.npy`` loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

from index.dense import DenseIndex
from index.embed import Encoder
from index.hybrid import Retriever, hybrid_search
from index.models import SCHEMA_VERSION, Article, Hit, IndexManifest, Passage, text_hash
from index.sparse import SparseIndex

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while passages are encoded."""


class IndexUnusable(RuntimeError):
    """An index folder that cannot be used as it is; the message says why and what to do."""


def no_progress(done: int, total: int) -> None:
    return None


def encode_sorted(encoder: Encoder, texts: list[str], batch_size: int, progress: Progress = no_progress) -> np.ndarray:
    """Encode ``texts`` longest first (less padding per batch), returning vectors in the input order."""
    out = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    step = max(batch_size * 4, 1)
    for start in range(0, len(order), step):
        chunk = order[start : start + step]
        out[chunk] = encoder.encode([texts[i] for i in chunk], batch_size=batch_size)
        progress(min(start + step, len(order)), len(order))
    return out


class Index:
    """Articles, their passages, and the dense and BM25 indexes over the evidence passages."""

    def __init__(self, manifest: IndexManifest, articles: list[Article], passages: list[Passage], vectors: np.ndarray,
                 sparse: SparseIndex | None = None):
        self.manifest = manifest
        self.articles = {a.id: a for a in articles}
        self.passages = passages
        self.passage_by_id = {p.id: p for p in passages}
        self.rows = [i for i, p in enumerate(passages) if p.is_evidence]
        if len(self.rows) != len(vectors):
            raise IndexUnusable(f"index damaged: {len(vectors)} vectors for {len(self.rows)} evidence passages; rebuild it with `factqa ingest`")
        self.dense = DenseIndex(vectors if len(vectors) else np.zeros((0, manifest.dimension), dtype=np.float32))
        self.sparse = sparse or SparseIndex.build([passages[i].window for i in self.rows])

    @property
    def vectors(self) -> np.ndarray:
        """Unit vectors of the evidence passages, in ``rows`` order."""
        return self.dense.vectors

    @classmethod
    def build(cls, articles: list[Article], passages: list[Passage], encoder: Encoder, batch_size: int = 64,
              cache: dict[str, np.ndarray] | None = None, progress: Progress = no_progress) -> tuple[Index, int]:
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
        return cls(manifest, articles, passages, vectors), len(missing)

    def vector_cache(self) -> dict[str, np.ndarray]:
        """Map each evidence window's hash to its vector, to reuse on the next build."""
        return {text_hash(self.passages[r].window): self.vectors[i] for i, r in enumerate(self.rows)}

    def search(self, question: str, query_vector: np.ndarray | None, n: int = 100, retriever: Retriever = "hybrid",
               rrf_k: int = 60) -> list[Hit]:
        """Return up to ``n`` evidence passages for ``question``, best first."""
        found = hybrid_search(self.dense, self.sparse, query_vector, question, n, retriever, rrf_k)
        hits = []
        for c in found:
            passage = self.passages[self.rows[c.row]]
            hits.append(Hit(passage_id=passage.id, article_id=passage.article_id, score=c.score, dense=c.dense, bm25=c.bm25))
        return hits


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_jsonl(path: Path, records) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.model_dump_json() + "\n")


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


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

    def load(self, expect_model: str | None = None) -> Index:
        """Load the live snapshot; verify file checksums and, if given, the encoder identity."""
        if not self.exists():
            raise IndexUnusable(f"{self.root}: no index here; create one with `factqa ingest PATH --index {self.root}`")
        manifest = self.manifest()
        if expect_model is not None and manifest.model != expect_model:
            raise IndexUnusable(f"{self.root}: index was built with {manifest.model}, not {expect_model}; use that model or rebuild the index")
        folder = self._live()
        for name, digest in manifest.files.items():
            path = folder / name
            if not path.is_file() or _sha256(path) != digest:
                raise IndexUnusable(f"{path}: index damaged (missing or checksum mismatch); rebuild it with `factqa ingest --index {self.root} --rebuild`")
        try:
            articles = [Article.model_validate_json(line) for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
            passages = [Passage.model_validate_json(line) for line in (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
            vectors = np.load(folder / "vectors.npy", allow_pickle=False)
            n_rows = sum(p.is_evidence for p in passages)
            sparse = SparseIndex.load(folder / "bm25", n_rows)
        except (OSError, ValueError) as exc:
            raise IndexUnusable(f"{folder}: index damaged ({exc}); rebuild it with `factqa ingest --index {self.root} --rebuild`") from None
        return Index(manifest, articles, passages, vectors, sparse)

    def commit(self, index: Index) -> IndexManifest:
        """Write ``index`` as a new snapshot and make it live atomically; return its manifest."""
        snapshots = self.root / "snapshots"
        snapshots.mkdir(parents=True, exist_ok=True)
        name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        tmp = snapshots / f".tmp-{name}"
        tmp.mkdir()
        _write_jsonl(tmp / "articles.jsonl", index.articles.values())
        _write_jsonl(tmp / "passages.jsonl", index.passages)
        np.save(tmp / "vectors.npy", index.vectors, allow_pickle=False)
        index.sparse.save(tmp / "bm25")
        files = {str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = index.manifest.model_copy(update={"files": files, "n_articles": len(index.articles),
                                                     "n_passages": len(index.passages)})
        (tmp / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        _fsync_tree(tmp)
        tmp.rename(snapshots / name)
        pointer = self.root / f".CURRENT.{uuid.uuid4().hex[:8]}"
        pointer.write_text(name + "\n", encoding="utf-8")
        with pointer.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.root / "CURRENT")
        self._prune(keep=name)
        index.manifest = manifest
        return manifest

    def _prune(self, keep: str) -> None:
        """Drop leftovers of interrupted writes and all snapshots but the live one and the one before it
        (a reader may still be loading that one)."""
        folder = self.root / "snapshots"
        done = sorted(p.name for p in folder.iterdir() if not p.name.startswith(".tmp-"))
        keep_names = {keep, *[n for n in done if n < keep][-1:]}
        for path in folder.iterdir():
            if path.name not in keep_names:
                shutil.rmtree(path, ignore_errors=True)
