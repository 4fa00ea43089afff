"""BM25 over stored postings: each segment keeps, per term, the rows it occurs in and how often
(``postings_ptr.npy`` + ``postings.npy``, written once with the segment), memory-mapped at load.

Nothing is tokenised or sorted when an index opens; a query reads the postings of its terms only and
scores them with the index-wide statistics (live rows, document frequencies, mean length), so the scores
are those of ``index.sparse.SparseIndex`` over the same rows, bit for bit (the same float64 operations
in the same order, cast to float32 per term, summed per query term in query order).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import cached_property

import numpy as np

from index.sparse import B, K1, BM25Statistics, Vocabulary

LONG_POSTINGS = 20_000
"""Posting lists at least this long keep their rows and BM25 weights once computed (``WEIGHTS_CACHE_BYTES``)."""
WEIGHTS_CACHE_BYTES = 64 * 2**20
"""Most bytes of rows and weights kept for long posting lists, least recently used dropped first."""


def build_postings(tokens: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Term-major postings of one segment: ``ptr`` (int64, one more than the largest term id + 1) and
    ``postings`` (int32, shape ``(2, nnz)``: row, term frequency), rows ascending within a term."""
    tokens = np.asarray(tokens, dtype=np.int64)
    n_docs = len(lengths)
    if n_docs == 0 or len(tokens) == 0:
        return np.zeros(1, dtype=np.int64), np.zeros((2, 0), dtype=np.int32)
    docs = np.repeat(np.arange(n_docs, dtype=np.int64), np.asarray(lengths, dtype=np.int64))
    keys, tf = np.unique(tokens * n_docs + docs, return_counts=True)
    terms, rows = keys // n_docs, keys % n_docs
    n_terms = int(tokens.max()) + 1
    ptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=ptr[1:])
    return ptr, np.stack([rows, tf]).astype(np.int32)


class SegmentPostings:
    """One segment's postings and where its rows sit in the index (``row_of[slot]``: live row or -1)."""

    def __init__(self, ptr: np.ndarray, postings: np.ndarray, row_of: np.ndarray):
        self.ptr, self.postings, self.row_of = ptr, postings, row_of
        self.all_live = bool(len(row_of) == 0 or row_of.min() >= 0)
        self.offset = int(row_of[0]) if self.all_live and len(row_of) and int(row_of[-1]) - int(row_of[0]) == len(row_of) - 1 else None
        """Rows are ``offset + slot`` (a segment with every row live): no lookup per posting."""

    def term(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """``(live rows, term frequencies)`` of term id ``i`` in this segment."""
        if i + 1 >= len(self.ptr):
            return np.zeros(0, np.int64), np.zeros(0, np.int32)
        lo, hi = int(self.ptr[i]), int(self.ptr[i + 1])
        slots = self.postings[0, lo:hi]
        rows = slots + np.int64(self.offset) if self.offset is not None else self.row_of[slots]
        tf = np.asarray(self.postings[1, lo:hi])
        if not self.all_live:
            keep = rows >= 0
            rows, tf = rows[keep], tf[keep]
        return rows, tf

    def doc_freq(self, n_terms: int) -> np.ndarray:
        """Live rows per term id (length ``n_terms``)."""
        df = np.zeros(n_terms, dtype=np.int64)
        m = len(self.ptr) - 1
        if self.all_live:
            df[:m] = np.diff(self.ptr)
        elif m > 0:
            live = self.row_of[self.postings[0]] >= 0
            terms = np.repeat(np.arange(m, dtype=np.int64), np.diff(self.ptr))
            df[:m] = np.bincount(terms[live], minlength=m)
        return df


class DocFreq(Mapping[str, int]):
    """Term → number of live passages it occurs in (terms occurring nowhere are absent)."""

    def __init__(self, vocab: Vocabulary, df: np.ndarray):
        self.vocab, self.df = vocab, df

    def __getitem__(self, term: str) -> int:
        i = self.vocab.ids.get(term)
        if i is None or not self.df[i]:
            raise KeyError(term)
        return int(self.df[i])

    def __iter__(self) -> Iterator[str]:
        return (self.vocab.terms[i] for i in np.flatnonzero(self.df).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self.df))


class PostingsIndex(BM25Statistics):
    """BM25 over the live rows of several segments' postings (the read side of ``SparseIndex``)."""

    def __init__(self, vocab: Vocabulary, segments: list[SegmentPostings], lengths: np.ndarray,
                 tokens: list[tuple[np.ndarray, np.ndarray]] | None = None):
        self.vocab = vocab
        self.segments = segments
        self.lengths = np.asarray(lengths, dtype=np.int32)
        """Number of tokens of each live row."""
        self.size = len(self.lengths)
        self._tokens = tokens or []
        df = np.zeros(len(vocab.terms), dtype=np.int64)
        for seg in segments:
            df += seg.doc_freq(len(vocab.terms))
        self._df = df
        self._idf = np.log1p((self.size - df + 0.5) / (df + 0.5))
        dl = self.lengths.astype(np.float64)
        self._norm = K1 * (1 - B + B * dl / max(dl.mean(), 1e-9)) if self.size else dl
        self.doc_freq = DocFreq(vocab, df)
        """Number of passages each (stemmed) term occurs in."""
        self._long: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._long_bytes = 0

    @cached_property
    def tokens(self) -> np.ndarray:
        """Token ids of every live row, concatenated in row order (read for a rewrite, e.g. compaction)."""
        parts = [tokens if keep is None else tokens[keep] for tokens, keep in self._tokens]
        return np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, np.int32)

    def _term_id(self, term: str) -> int | None:
        i = self.vocab.ids.get(term)
        return None if i is None or not self._df[i] else i

    def _term(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows ascending (segments in order, slots ascending in each) and their term frequencies."""
        parts = [seg.term(i) for seg in self.segments]
        if len(parts) == 1:
            return parts[0]
        return (np.concatenate([r for r, _ in parts]) if parts else np.zeros(0, np.int64),
                np.concatenate([t for _, t in parts]) if parts else np.zeros(0, np.int32))

    def _weights(self, i: int, rows: np.ndarray, tf: np.ndarray) -> np.ndarray:
        return (self._idf[i] * tf / (tf + self._norm[rows])).astype(np.float32)

    def _scored(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows and weights of term ``i``; a long list's are kept (an index is immutable once opened, so they never
        change): a common term costs a gather over its rows' lengths and the arithmetic for every question that
        has it."""
        found = self._long.get(i)
        if found is not None:
            self._long.move_to_end(i)
            return found
        rows, tf = self._term(i)
        found = rows, self._weights(i, rows, tf)
        if len(rows) >= LONG_POSTINGS:
            for kept in found:
                kept.flags.writeable = False  # shared by every later question
            self._long[i] = found
            self._long_bytes += rows.nbytes + found[1].nbytes
            while self._long_bytes > WEIGHTS_CACHE_BYTES and self._long:
                _, (old_rows, old_weights) = self._long.popitem(last=False)
                self._long_bytes -= old_rows.nbytes + old_weights.nbytes
        return found
