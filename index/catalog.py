"""What an incremental write reads of the live snapshot (``Catalog``: the ``SegmentSink`` of ``update_index``),
without parsing passages or building indexes, and the HNSW graph of the snapshot after one more segment."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np

from index.columns import COLUMNS, LABEL, evidence_mask
from index.models import Article, IndexManifest
from index.segments import (ANN_FILE, SEGMENTS_FILE, SegmentData, key, live_slots, read_array, read_articles, read_stories,
                            read_terms)
from index.snapshots import IndexUnusable, verify_files, write_snapshot
from index.stories import LEAD_PASSAGES, Assignment, unit

if TYPE_CHECKING:
    from index.store import IndexStore


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
        verify_files(store.root, self.folder, self.manifest, only=(SEGMENTS_FILE,))
        raw = json.loads(layout.read_text(encoding="utf-8"))
        self.segments: list[str] = raw["segments"]
        self.has_ann: bool = raw.get("ann", False)
        names = [key(s, f) for s in self.segments for f in ("articles.jsonl", "counts.npy", "hashes.npy", "terms.json",
                                                            "stories.json")]
        verify_files(store.root, self.folder, self.manifest, only=names)
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
            verify_files(self.store.root, self.folder, self.manifest, only=(key(name, "vectors.npy"),))
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
            n, ev = self.counts[name][:, 0], self.counts[name][:, 1]
            first = np.concatenate([[0], np.cumsum(n)[:-1]]) if len(n) else n
            starts = np.concatenate([[0], np.cumsum(ev)[:-1]]) if len(ev) else ev
            position = {a: j for j, a in enumerate(self.articles_of[name])}
            # not re-hashed here (that would read every vector of the segment); load() verifies them
            vectors = read_array(self.folder / name, "vectors.npy", mmap=True)
            labels = read_array(self.folder / name, "passages.npy", mmap=True).reshape(-1, len(COLUMNS))[:, LABEL]
            for a in ids:
                j = position[a]
                own = np.asarray(labels[int(first[j]):int(first[j]) + int(n[j])])
                body = np.flatnonzero(own[evidence_mask(own)] == 0)[:LEAD_PASSAGES]  # evidence rows that are body
                if len(body):
                    out[a] = unit(np.asarray(vectors[int(starts[j]) + body], np.float32).sum(axis=0))
        return out

    def append(self, data: SegmentData, replaced: set[str]) -> IndexManifest:
        """Commit ``data`` as one new segment on top of this snapshot, hard-linking the others, superseding the
        copies of ``replaced`` articles (``SegmentSink``)."""
        kept = {a for a in self.articles if a not in replaced}
        n_passages = self.n_passages - sum(
            int(self.counts[self.owner[a]][self.articles_of[self.owner[a]].index(a), 0]) for a in replaced
        ) + len(data.passages)
        return write_snapshot(self.store.root, self.manifest, self.segments, {"folder": self.folder, "files": self.manifest.files},
                              data, self.ann_after(data, replaced), len(kept) + len(data.articles), n_passages)

    def ann_after(self, data: SegmentData, replaced: set[str]):
        """The HNSW graph of the snapshot with ``data`` appended: the stored one with the new vectors added (rows of
        replaced articles stay in it, dropped by the slot map), one built when the live rows first reach
        ``ANN_MIN_ROWS``, else None."""
        from index.ann import ANN_MIN_ROWS, add_vectors, build_ann, read_ann

        if self.has_ann:
            verify_files(self.store.root, self.folder, self.manifest, only=(ANN_FILE,))
            ann = read_ann(self.folder / ANN_FILE)
            add_vectors(ann, data.vectors, self.n_slots)
            return ann
        if self.n_live - len(self.slots_of(replaced)) + len(data.vectors) < ANN_MIN_ROWS:
            return None
        live, ids = [], []
        base = 0
        dead = self.slots_of(replaced)
        for name, mask in zip(self.segments, self.masks, strict=True):
            keep = mask.copy()
            keep[dead[(dead >= base) & (dead < base + len(mask))] - base] = False
            live.append(read_array(self.folder / name, "vectors.npy", mmap=True)[keep])
            ids.append(np.flatnonzero(keep) + base)
            base += len(mask)
        live.append(data.vectors)
        ids.append(np.arange(self.n_slots, self.n_slots + len(data.vectors)))
        return build_ann(np.concatenate(live), ids=np.concatenate(ids))

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


