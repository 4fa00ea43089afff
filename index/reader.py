"""Opening a snapshot as columns and memory maps (``IndexStore.load``): nothing per passage is parsed.

Per segment it reads the small files whole (``article_meta.json``, ``counts.npy``, ``passages.npy``,
``terms.json``, ``stories.json``, ``lengths.npy``) and maps the large ones (``vectors.npy``, ``tokens.npy``,
``postings.npy``, ``articles.jsonl``): pages are read when a query touches them. The live rows are the
rows of each article's latest copy (``index.segments.live_slots``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from index.columns import ARTICLE, COLUMNS, ArticleTable, JsonlLines, PassageTable, meta_records
from index.dense import DenseIndex, SegmentRows
from index.models import Article, IndexManifest
from index.postings import PostingsIndex, SegmentPostings
from index.segments import (ANN_FILE, SEGMENTS_FILE, live_slots, read_array, read_content, read_meta, read_stories,
                            read_terms)
from index.sparse import Vocabulary


def read_snapshot(folder: Path, manifest: IndexManifest):
    """The ``Index`` of the snapshot in ``folder`` (checksums already verified by the caller); the HNSW graph
    is read in a thread while the columns are."""
    raw = json.loads((folder / SEGMENTS_FILE).read_text(encoding="utf-8"))
    if raw.get("ann"):  # faiss reads the graph (paging in its neighbour list: 0.1 s at 1M) without the GIL
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factqa-ann") as pool:
            graph = pool.submit(_read_graph, folder / ANN_FILE)
            return _read(folder, manifest, raw, graph.result)
    return _read(folder, manifest, raw, lambda: None)


def _read_graph(path: Path):
    from index.ann import read_ann

    return read_ann(path, mmap=True)


def _read(folder: Path, manifest: IndexManifest, raw: dict, graph: Callable[[], object]):
    """``read_snapshot``'s work; ``graph()`` gives the HNSW graph (read meanwhile in a thread), when there is one."""
    from index.store import Index

    segments: list[str] = raw["segments"]
    metas, counts, terms, stories_of = {}, {}, [], {}
    for name in segments:
        metas[name] = read_meta(folder / name)
        stories_of[name] = read_stories(folder / name)
        counts[name] = read_array(folder / name, "counts.npy").reshape(-1, 2)
        terms += read_terms(folder / name)
    masks, owner = live_slots(segments, {s: metas[s]["id"] for s in segments}, counts)
    articles, columns = _articles(folder, segments, metas, counts, owner)
    table = PassageTable(columns, articles)
    live = np.concatenate(masks) if masks else np.zeros(0, dtype=bool)
    row_of = np.where(live, np.cumsum(live) - 1, -1)
    postings, lengths, tokens, vectors = [], [], [], []
    base = 0
    for name, mask in zip(segments, masks, strict=True):
        seg_lengths = read_array(folder / name, "lengths.npy")
        seg_tokens = read_array(folder / name, "tokens.npy", mmap=True)
        if len(seg_lengths) != len(mask) or int(seg_lengths.sum()) != len(seg_tokens):
            raise ValueError(f"{name}: token counts do not match its passages")
        everything = bool(mask.all())
        postings.append(SegmentPostings(read_array(folder / name, "postings_ptr.npy"),
                                        read_array(folder / name, "postings.npy", mmap=True), row_of[base : base + len(mask)]))
        lengths.append(seg_lengths if everything else seg_lengths[mask])
        tokens.append((seg_tokens, None if everything else np.repeat(mask, seg_lengths)))
        vectors.append(read_array(folder / name, "vectors.npy", mmap=True))
        if vectors[-1].ndim != 2 or len(vectors[-1]) != len(mask):
            raise ValueError(f"{name}: {len(vectors[-1])} vectors for {len(mask)} evidence passages")
        base += len(mask)
    dim = manifest.dimension
    if len(vectors) == 1 and masks[0].all():
        vectors_all = vectors[0]  # memory-mapped, never copied
    elif raw.get("ann") and vectors:
        vectors_all = SegmentRows(vectors, masks)  # still mapped: search gathers the rows it re-ranks
    else:
        vectors_all = np.concatenate([v[m] for v, m in zip(vectors, masks, strict=True)]) if vectors else np.zeros((0, dim), np.float32)
    vectors_all = vectors_all.reshape(-1, dim) if len(vectors_all) == 0 else vectors_all
    sparse = PostingsIndex(Vocabulary(terms), postings, np.concatenate(lengths) if lengths else np.zeros(0, np.int32),
                           tokens)
    ann, slots = graph(), None
    if ann is not None and not live.all():
        slots = row_of
    dense = DenseIndex(vectors_all, ann=ann, slots=slots)
    if len(segments) == 1:
        stories = stories_of[segments[0]]  # one segment: every article is live
    else:
        stories = {a: found for s in segments for a, found in stories_of[s].items() if owner.get(a) == s}
    index = Index.from_table(manifest, table, sparse, dense, stories)
    index.mapped = [folder / name / file for name in segments for file in ("vectors.npy", "postings.npy", "articles.jsonl")]
    if raw.get("ann"):
        index.mapped.append(folder / ANN_FILE)
    return index


def _articles(folder: Path, segments: list[str], metas: dict, counts: dict, owner: dict[str, str]
              ) -> tuple[ArticleTable, np.ndarray]:
    """The live articles (lazily parsed) and the passage columns of their latest copies, articles renumbered.
    Per segment, arrays say where each live article's line is; a segment whose articles are all live keeps its
    rows as they are (no per-article or per-passage work but the renumbering offset)."""
    records: list = []
    files, segment_of, local, columns = [], [], [], []
    for s, name in enumerate(segments):
        ids = metas[name]["id"]
        alive = np.fromiter((owner[a] == name for a in ids), dtype=bool, count=len(ids)) if len(segments) > 1 else None
        files.append(JsonlLines(folder / name / "articles.jsonl", np.asarray(metas[name]["offsets"], dtype=np.int64)))
        found = meta_records(metas[name])
        seg = read_array(folder / name, "passages.npy")
        if seg.ndim != 2 or seg.shape[1] != len(COLUMNS) or len(seg) != int(counts[name][:, 0].sum()):
            raise ValueError(f"{name}: passages.npy does not match its articles")
        if len(seg) and (np.any(np.diff(seg[:, ARTICLE]) < 0) or seg[-1, ARTICLE] >= len(ids)):
            raise ValueError(f"{name}: passages.npy is not grouped by article")
        first = len(records)
        if alive is None or alive.all():
            records += found
            live_j = np.arange(len(ids), dtype=np.int64)
            if first:
                seg[:, ARTICLE] += first  # read whole (not mapped): renumbered in place
            columns.append(seg)
        else:
            live_j = np.flatnonzero(alive)
            records += [found[j] for j in live_j.tolist()]
            rows = np.full(len(ids), -1, dtype=np.int64)
            rows[live_j] = np.arange(first, first + len(live_j))
            live = seg[alive[seg[:, ARTICLE]]] if len(seg) else seg
            live[:, ARTICLE] = rows[live[:, ARTICLE]]
            columns.append(live)
        segment_of.append(np.full(len(live_j), s, dtype=np.int32))
        local.append(live_j)
    segment_of_row = np.concatenate(segment_of) if segment_of else np.zeros(0, np.int32)
    local_of_row = np.concatenate(local) if local else np.zeros(0, np.int64)

    def load(row: int) -> Article:
        return Article.model_validate_json(files[segment_of_row[row]][int(local_of_row[row])])

    content: dict[int, np.ndarray | None] = {}

    def stored_hash(row: int) -> str | None:  # read only by a Milvus sync: each segment's file mapped on first use
        s = int(segment_of_row[row])
        if s not in content:
            content[s] = read_content(folder / segments[s])
        found = content[s]
        return None if found is None else found[int(local_of_row[row])].decode("ascii")

    table = np.concatenate(columns) if columns else np.zeros((0, len(COLUMNS)), dtype=np.int32)
    return ArticleTable(records, load, stored_hash), table
