"""Snapshot folders on disk: checking their files against the manifest, writing one atomically, and pruning.

A write builds ``snapshots/.tmp-<name>/`` (hard links to the unchanged segments' files, the new segment,
``segments.json``, ``[dense.faiss]``, ``manifest.json``), fsyncs it, renames it to ``snapshots/<name>`` and
then replaces ``CURRENT`` by a rename, so a reader always sees a complete snapshot and an interrupted write
leaves the previous one in place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from pathlib import Path

from index.models import SCHEMA_VERSION, IndexManifest
from index.segments import ANN_FILE, FILES, OPTIONAL, SEGMENTS_FILE, SegmentData, key, sha256, write_segment

HASH_AT_OPEN_MAX = 16 << 20
"""Files up to this size (16 MiB) that opening reads whole are hashed each time an index opens; larger ones are
checked by size there, and hashed by ``IndexStore.verify`` and by every write that reads them."""
SIZE_ONLY_AT_OPEN = frozenset({"articles.jsonl", "vectors.npy", "tokens.npy", "postings.npy", ANN_FILE, "hashes.npy",
                               "content.npy"})
"""Files opening checks by size only, whatever their size: the memory-mapped ones (a query reads the pages it
touches, never the whole file), ``hashes.npy``, which opening does not read (the ingest that does hashes it), and
``content.npy`` (read by a Milvus sync only)."""



class IndexUnusable(RuntimeError):
    """An index folder that cannot be used as it is; the message says why and what to do."""


class IndexLocked(RuntimeError):
    """Another process is writing to the same index (raised by ``index.update``; defined here so that catching it
    does not import the ingest path)."""


def verify_files(root: Path, folder: Path, manifest: IndexManifest, only=None, full: bool = True) -> None:
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
            raise IndexUnusable(f"{path}: index damaged (missing or checksum mismatch); rebuild it with `factqa ingest --index {root} --rebuild`")



def write_snapshot(root: Path, base: IndexManifest, old_segments: list[str], old: dict, data: SegmentData, ann,
                   n_articles: int, n_passages: int, segment: str | None = None) -> IndexManifest:
    """Write a snapshot of ``old_segments`` (hard-linked from ``old["folder"]``, their digests from ``old["files"]``)
    and ``data`` as one new segment (named ``segment``, or after the snapshot), with the HNSW graph ``ann``;
    make it live by swapping ``CURRENT``; return its manifest."""
    snapshots = root / "snapshots"
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
    pointer = root / f".CURRENT.{uuid.uuid4().hex[:8]}"
    pointer.write_text(name + "\n", encoding="utf-8")
    with pointer.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer, root / "CURRENT")
    prune(root, keep=name)
    return manifest


def prune(root: Path, keep: str) -> None:
    """Drop leftovers of interrupted writes and all snapshots but the live one and the one before it
    (a reader may still be loading that one). Segment files live on through their hard links."""
    folder = root / "snapshots"
    done = sorted(p.name for p in folder.iterdir() if not p.name.startswith(".tmp-"))
    keep_names = {keep, *[n for n in done if n < keep][-1:]}
    for path in folder.iterdir():
        if path.name not in keep_names:
            shutil.rmtree(path, ignore_errors=True)
