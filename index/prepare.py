"""The new segment of an ingest: its windows encoded while the work that needs no vectors runs beside the encoder.

The encoder holds the GIL only between batches (onnxruntime and torch release it while they run), so the BM25
tokens of the new windows and the shingles of the new articles (what the story clustering compares wire copies
by) are made in a thread meanwhile; what needs the vectors (the stories, the files) follows. The segment is the
one a serial run makes, bit for bit: the encoder gets the same windows in the same batches, and the thread makes
what the serial code made, from the same inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from index.embed import Encoder
from index.models import Article, Passage, text_hash
from index.segments import SegmentData
from index.sparse import Vocabulary, tokenize
from index.stories import shingles
from index.store import Progress, encode_sorted

Cache = Callable[[list[str]], dict[str, np.ndarray]]
"""Vectors already stored for some of the given window hashes (``Catalog.cached``)."""


def no_cache(keys: list[str]) -> dict[str, np.ndarray]:
    """A ``Cache`` of a new index: nothing is stored yet."""
    return {}


def _without_vectors(articles: list[Article], windows: list[str], terms: list[str]):
    """The new windows' BM25 token ids (over the stored vocabulary ``terms``) and the new articles' shingles."""
    vocab = Vocabulary(terms)
    tokens, lengths, new_terms = vocab.encode(tokenize(windows) if windows else [])
    return tokens, lengths, new_terms, {a.id: shingles(a.text) for a in articles}


def build_segment(articles: list[Article], passages: list[Passage], encoder: Encoder, batch_size: int,
                  progress: Progress, terms: list[str], cached: Cache = no_cache
                  ) -> tuple[SegmentData, int, dict[str, frozenset[int]]]:
    """The segment of ``articles`` (``passages`` grouped by article in that order): the evidence windows not in
    ``cached`` encoded longest first (``encode_sorted``) while their tokens and the articles' shingles are made
    in a thread; return it (stories not yet assigned), how many windows were encoded, and the shingles by id."""
    windows = [p.window for p in passages if p.is_evidence]
    keys = [text_hash(w) for w in windows]
    known = cached(keys)
    missing = sorted({k: w for k, w in zip(keys, windows, strict=True) if k not in known}.items())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factqa-ingest") as pool:
        beside = pool.submit(_without_vectors, articles, windows, terms)
        fresh = encode_sorted(encoder, [w for _, w in missing], batch_size, progress)
        tokens, lengths, new_terms, shingled = beside.result()
    known.update({k: fresh[i] for i, (k, _) in enumerate(missing)})
    vectors = (np.stack([known[k] for k in keys]) if keys else np.zeros((0, encoder.dimension))).astype(np.float32)
    data = SegmentData(articles=articles, passages=passages, vectors=vectors, hashes=np.asarray(keys, dtype="S64"),
                       tokens=tokens, lengths=lengths, terms=new_terms)
    return data, len(missing), shingled
