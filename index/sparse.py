"""BM25 over passage windows (English stopwords, irregular forms normalised, Snowball stemming).

Texts are tokenised once, at ingest, with bm25s's tokenizer; each passage keeps its token ids (into a
vocabulary that only ever grows), so the index is rebuilt from ids with numpy — no re-tokenising — when
passages are added. Scores are bm25s's default ("lucene") BM25::

    idf(t)      = log(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
    score(t, d) = idf(t) · tf / (tf + k1 · (1 - b + b · |d| / avgdl)),   k1 = 1.5, b = 0.75

precomputed per (term, passage) in a term-major sparse matrix, so a query sums a few columns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.terms import normalise_words

K1, B = 1.5, 0.75


_SPLIT = re.compile(r"(?u)\b\w\w+\b").findall
INITIALISM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
"""A dotted initialism ("U.S.", "D.C."): one word, written as its letters ("US", "DC"), not letters the split drops
(``qa.facts.text.WORD`` reads it as one word too)."""
_STEMS: dict[str, str] = {}
_MAX_STEMS = 1_000_000


@lru_cache(maxsize=1)
def _bm25s_stopwords():
    """bm25s's stopword lists, read from ``bm25s/stopwords.py`` without running the package's ``__init__``
    (which imports scipy: 0.2 s of a cold ``factqa ask``). The module has no imports of its own."""
    import importlib.util

    spec = importlib.util.find_spec("bm25s")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("bm25s is missing: pip install bm25s==0.3.16")
    path = Path(spec.submodule_search_locations[0]) / "stopwords.py"
    module_spec = importlib.util.spec_from_file_location("_factqa_bm25s_stopwords", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=2)
def stopwords(content_only: bool) -> frozenset[str]:
    """bm25s's English stopwords; with ``content_only`` its longer list (question words, auxiliaries, pronouns)."""
    lists = _bm25s_stopwords()
    return frozenset(lists.STOPWORDS_EN_PLUS if content_only else lists.STOPWORDS_EN)


def _letters(initialism: re.Match[str]) -> str:
    return initialism.group().replace(".", "")


def tokenize(texts: list[str], content_only: bool = False) -> list[list[str]]:
    """Lower-case, drop English stopwords, normalise irregular forms and stem, as the BM25 index does; a dotted
    initialism is one word ("U.S." is "us", as "US" is).

    With ``content_only`` the longer stopword list (question words, auxiliaries, pronouns) is dropped too.
    The same output as ``bm25s.tokenize(texts, stopwords=…, stemmer=normalise_words, return_ids=False)``
    (its pattern, lower-casing and stopword lists), with stems cached across calls: a query's candidate
    windows are tokenised in well under a millisecond instead of rebuilding the stopword set per text.
    """
    stop = stopwords(content_only)
    docs = [[w for w in _SPLIT(INITIALISM.sub(_letters, text).lower()) if w not in stop] for text in texts]
    unknown = list({w for doc in docs for w in doc if w not in _STEMS})
    if unknown:
        if len(_STEMS) + len(unknown) > _MAX_STEMS:
            _STEMS.clear()
        _STEMS.update(zip(unknown, normalise_words(unknown), strict=True))
    return [[_STEMS[w] for w in doc] for doc in docs]


class Vocabulary:
    """Terms and their ids; ids are never reused or renumbered, so stored token ids stay valid."""

    def __init__(self, terms: list[str] | None = None):
        self.terms: list[str] = []
        self.ids: dict[str, int] = {}
        self.extend(terms or [])

    def extend(self, terms: list[str]) -> None:
        """Append ``terms`` (which must be new) in order."""
        for term in terms:
            self.ids[term] = len(self.terms)
            self.terms.append(term)

    def encode(self, docs: list[list[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Map tokenised docs to ``(flat ids, per-doc lengths, terms added)``, growing the vocabulary."""
        added: list[str] = []
        flat: list[int] = []
        for doc in docs:
            for term in doc:
                i = self.ids.get(term)
                if i is None:
                    i = len(self.terms)
                    self.ids[term] = i
                    self.terms.append(term)
                    added.append(term)
                flat.append(i)
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int32, count=len(docs))
        return np.asarray(flat, dtype=np.int32), lengths, added


def idf(df: int, n: int) -> float:
    """BM25 idf of a term in ``df`` of ``n`` passages, ``log(1 + (n - df + 0.5) / (df + 0.5))``; 0 when ``df`` is 0."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else 0.0


def matches(sorted_rows: np.ndarray, posting_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which of ``sorted_rows`` (ascending) occur in ``posting_rows`` (ascending, distinct): a mask over
    ``sorted_rows`` and, for those, their place in ``posting_rows``."""
    if len(posting_rows) == 0:
        return np.zeros(len(sorted_rows), dtype=bool), np.zeros(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(posting_rows, sorted_rows), len(posting_rows) - 1)
    hit = posting_rows[at] == sorted_rows
    return hit, at[hit]


class BM25Statistics:
    """What both BM25 indexes answer from their postings and document frequencies. A subclass says which terms it
    holds (``_term_id``), a term's posting rows with what it stores for them (``_term``), and the BM25 weight of
    those rows (``_weights``); ``idf``, ``rows_with``, ``scores`` and ``scores_of`` are the same for both."""

    doc_freq: Mapping[str, int]
    size: int

    def _term_id(self, term: str) -> int | None:
        raise NotImplementedError

    def _term(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Posting rows of term ``i`` (ascending) and, per row, what ``_weights`` reads."""
        raise NotImplementedError

    def _weights(self, i: int, rows: np.ndarray, stored: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term (``index.sparse.idf``); 0 if unseen."""
        return idf(self.doc_freq.get(term, 0), self.size)

    def rows_with(self, term: str) -> np.ndarray:
        """Rows (passages) whose text contains the stemmed ``term``, ascending."""
        i = self._term_id(term)
        return np.zeros(0, dtype=np.int64) if i is None else self._term(i)[0].astype(np.int64)

    def _scored(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Posting rows of term ``i`` and their BM25 weights (``PostingsIndex`` keeps the long lists')."""
        rows, stored = self._term(i)
        return rows, self._weights(i, rows, stored)

    def scores(self, question: str) -> np.ndarray:
        """Return the BM25 score of every row for ``question`` (zeros when no term is known)."""
        out = np.zeros(self.size, dtype=np.float32)
        for term in tokenize([question])[0] if self.size else []:
            if (i := self._term_id(term)) is not None:
                rows, weights = self._scored(i)
                out[rows] += weights
        return out

    def scores_of(self, question: str, rows: np.ndarray) -> np.ndarray:
        """``scores(question)[rows]``, bit for bit, reading only the question's postings at ``rows`` (a Milvus
        candidate list)."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros(len(rows), dtype=np.float32)
        order = np.argsort(rows, kind="stable")
        ranked = rows[order]
        for term in tokenize([question])[0] if self.size and len(rows) else []:
            if (i := self._term_id(term)) is not None:
                posting_rows, stored = self._term(i)
                hit, at = matches(ranked, posting_rows)
                out[order[hit]] += self._weights(i, ranked[hit], stored[at])
        return out


class SparseIndex(BM25Statistics):
    """BM25 over passages in snapshot row order, built from token ids."""

    def __init__(self, vocab: Vocabulary, tokens: np.ndarray, lengths: np.ndarray):
        self.vocab = vocab
        self.tokens = np.asarray(tokens, dtype=np.int32)
        """Token ids of every passage, concatenated in row order."""
        self.lengths = np.asarray(lengths, dtype=np.int32)
        """Number of tokens of each passage."""
        self.size = len(self.lengths)
        self._indptr, self._rows, self._scores, df = _score_matrix(self.tokens, self.lengths, len(vocab.terms))
        self.doc_freq = {vocab.terms[i]: int(df[i]) for i in np.flatnonzero(df)}
        """Number of passages each (stemmed) term occurs in."""

    @classmethod
    def build(cls, texts: list[str]) -> SparseIndex:
        """Index ``texts`` (one per passage, in passage order) with a fresh vocabulary."""
        vocab = Vocabulary()
        tokens, lengths, _ = vocab.encode(tokenize(texts) if texts else [])
        return cls(vocab, tokens, lengths)

    def _term_id(self, term: str) -> int | None:
        i = self.vocab.ids.get(term)
        return None if i is None or i + 1 >= len(self._indptr) else i

    def _term(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self._indptr[i], self._indptr[i + 1]
        return self._rows[lo:hi], self._scores[lo:hi]

    def _weights(self, i: int, rows: np.ndarray, stored: np.ndarray) -> np.ndarray:
        return stored  # the scores themselves, computed at build


def _score_matrix(tokens: np.ndarray, lengths: np.ndarray, n_terms: int):
    """Term-major BM25 matrix ``(indptr, rows, scores)`` and document frequencies, all with numpy."""
    n_docs = len(lengths)
    if n_docs == 0 or len(tokens) == 0:
        return np.zeros(n_terms + 1, dtype=np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32), np.zeros(n_terms, np.int64)
    docs = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    keys, tf = np.unique(tokens.astype(np.int64) * n_docs + docs, return_counts=True)
    terms, rows = keys // n_docs, (keys % n_docs).astype(np.int32)
    df = np.bincount(terms, minlength=n_terms)
    idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
    dl = lengths.astype(np.float64)
    norm = K1 * (1 - B + B * dl / max(dl.mean(), 1e-9))
    scores = (idf[terms] * tf / (tf + norm[rows])).astype(np.float32)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return indptr, rows, scores, df
