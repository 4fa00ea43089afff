"""Immutable index segments: the articles of one write with their passages, vectors and BM25 token ids.

A snapshot lists its segments in ``segments.json``; later segments supersede earlier copies of an
article (same id). Rows of a segment ("slots") are its evidence passages in file order; the live rows of
the index are the live slots of all segments, in order.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.columns import ARTICLE, LABEL, article_meta, evidence_mask, line_offsets, passage_columns
from index.models import Article, Passage
from index.postings import build_postings
from index.stories import Assignment

SEGMENTS_FILE = "segments.json"
ANN_FILE = "dense.faiss"
BASE = "."
"""The base segment lives in the snapshot folder itself; later ones in ``seg-<snapshot>/`` folders."""
FILES = ("articles.jsonl", "article_meta.json", "passages.npy", "counts.npy", "vectors.npy", "hashes.npy", "tokens.npy",
         "lengths.npy", "postings_ptr.npy", "postings.npy", "terms.json", "stories.json", "content.npy")
OPTIONAL = frozenset({"content.npy"})
"""Files a segment written by an earlier factqa of the same schema may lack (readers fall back without them)."""


def key(segment: str, name: str) -> str:
    """The manifest key of file ``name`` of ``segment``."""
    return name if segment == BASE else f"{segment}/{name}"


@dataclass
class SegmentData:
    """What one segment holds, in memory (passages grouped by article, in ``articles`` order)."""

    articles: list[Article]
    passages: list[Passage]
    vectors: np.ndarray
    hashes: np.ndarray
    """Window hashes (hex sha256, ``S64``) of the evidence rows: the embedding-cache keys."""
    tokens: np.ndarray
    lengths: np.ndarray
    terms: list[str]
    """Vocabulary terms first used by this segment, in id order."""
    stories: dict[str, Assignment] = field(default_factory=dict)
    """Story of each article of the segment (``index.stories``), by article id; written to ``stories.json``."""
    columns: np.ndarray | None = None
    """The passages as ``index.columns`` rows (article position in ``articles``), given instead of ``passages``
    by a writer that never makes the models (a bulk load); ``passages`` is then empty."""

    def passage_columns(self) -> np.ndarray:
        """``columns``, or the columns of ``passages``."""
        if self.columns is not None:
            return np.asarray(self.columns, dtype=np.int32)
        return passage_columns(self.passages, {a.id: i for i, a in enumerate(self.articles)})


def sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _counts(n_articles: int, columns: np.ndarray) -> np.ndarray:
    """Passages and evidence passages of each article."""
    counts = np.zeros((n_articles, 2), dtype=np.int32)
    if len(columns):
        counts[:, 0] = np.bincount(columns[:, ARTICLE], minlength=n_articles)
        counts[:, 1] = np.bincount(columns[:, ARTICLE], weights=evidence_mask(columns[:, LABEL]), minlength=n_articles)
    return counts


def write_segment(folder: Path, data: SegmentData) -> dict[str, str]:
    """Write ``data`` into ``folder`` (created), fsync every file; return ``{file name: sha256}``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [a.model_dump_json() + "\n" for a in data.articles]
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
    meta = {**article_meta(data.articles), "offsets": line_offsets(lines).tolist()}
    (folder / "article_meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    ptr, postings = build_postings(data.tokens, data.lengths)
    columns = data.passage_columns()
    arrays = {"passages.npy": columns,
              "counts.npy": _counts(len(data.articles), columns), "vectors.npy": np.asarray(data.vectors, np.float32),
              "hashes.npy": np.asarray(data.hashes, dtype="S64"), "tokens.npy": np.asarray(data.tokens, np.int32),
              "lengths.npy": np.asarray(data.lengths, np.int32), "postings_ptr.npy": ptr, "postings.npy": postings,
              "content.npy": np.asarray([a.content_hash for a in data.articles], dtype="S64")}
    for name, array in arrays.items():
        np.save(folder / name, array, allow_pickle=False)
    (folder / "terms.json").write_text(json.dumps(data.terms, ensure_ascii=False), encoding="utf-8")
    assigned = [(a.id, data.stories[a.id]) for a in data.articles if a.id in data.stories]
    columns = {"article": [a for a, _ in assigned], "story": [f.story for _, f in assigned],
               "source": [f.source for _, f in assigned]}
    (folder / "stories.json").write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")
    digests = {}
    for path in (folder / name for name in FILES):
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
        digests[path.name] = sha256(path)
    return digests


def read_content(folder: Path) -> np.ndarray | None:
    """``Article.content_hash`` of each article of a segment (hex, ``S64``, in article order), memory-mapped;
    None for a segment written before they were stored."""
    path = folder / "content.npy"
    return np.load(path, allow_pickle=False, mmap_mode="r") if path.is_file() else None


def read_articles(folder: Path) -> list[Article]:
    """The articles of a segment, in file order."""
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        return [Article.model_validate_json(line) for line in handle]


def read_meta(folder: Path) -> dict[str, list]:
    """``article_meta.json``: id, outlet, title, published and the byte offset of each ``articles.jsonl`` line."""
    return json.loads((folder / "article_meta.json").read_text(encoding="utf-8"))


def read_array(folder: Path, name: str, mmap: bool = False) -> np.ndarray:
    """One ``.npy`` file of a segment (never pickled objects)."""
    return np.load(folder / name, allow_pickle=False, mmap_mode="r" if mmap else None)


def read_terms(folder: Path) -> list[str]:
    """Vocabulary terms added by the segment."""
    return json.loads((folder / "terms.json").read_text(encoding="utf-8"))


def read_stories(folder: Path) -> dict[str, Assignment]:
    """The story assignments of a segment's articles, by article id (``stories.json`` holds three
    parallel lists, ``article``, ``story`` and ``source``: one parse for the whole segment)."""
    raw = json.loads((folder / "stories.json").read_text(encoding="utf-8"))
    return {a: Assignment(story, source) for a, story, source in zip(raw["article"], raw["story"], raw["source"], strict=True)}


def live_slots(segments: list[str], articles_of: dict[str, list[str]], counts_of: dict[str, np.ndarray]
               ) -> tuple[list[np.ndarray], dict[str, str]]:
    """Per segment, which articles and which slots are live (latest copy of each article id wins);
    also ``{article id: segment}`` of the live copies."""
    owner: dict[str, str] = {}
    for name in segments:
        for article_id in articles_of[name]:
            owner[article_id] = name
    masks = []
    for name in segments:
        alive = np.fromiter((owner[a] == name for a in articles_of[name]), dtype=bool, count=len(articles_of[name]))
        masks.append(np.repeat(alive, counts_of[name][:, 1]) if len(alive) else np.zeros(0, dtype=bool))
    return masks, owner
