"""BM25 over passage windows with bm25s (English stopwords, irregular forms normalised, Snowball stemming)."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from index.terms import normalise_words


def tokenize(texts: list[str], content_only: bool = False) -> list[list[str]]:
    """Lower-case, drop English stopwords, normalise irregular forms and stem, as the BM25 index does.

    With ``content_only`` the longer stopword list (question words, auxiliaries, pronouns) is dropped too.
    """
    import bm25s
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    stopwords = list(STOPWORDS_EN_PLUS) if content_only else "en"
    return bm25s.tokenize(texts, stopwords=stopwords, stemmer=normalise_words, return_ids=False, show_progress=False)


class SparseIndex:
    """A bm25s index whose document order is the passage order of the snapshot."""

    def __init__(self, retriever, size: int, doc_freq: dict[str, int]):
        self._retriever = retriever
        self.size = size
        self.doc_freq = doc_freq
        """Number of passages each (stemmed) term occurs in."""

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term, ``log(1 + (N - df + 0.5) / (df + 0.5))``; 0 if unseen."""
        df = self.doc_freq.get(term, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5)) if df else 0.0

    @classmethod
    def build(cls, texts: list[str]) -> SparseIndex:
        """Index ``texts`` (one per passage, in passage order)."""
        import bm25s

        retriever = bm25s.BM25()
        doc_freq: Counter[str] = Counter()
        if texts:
            tokens = bm25s.tokenize(texts, stopwords="en", stemmer=normalise_words, show_progress=False)
            retriever.index(tokens, show_progress=False)
            words = {i: w for w, i in tokens.vocab.items()}
            for doc in tokens.ids:
                doc_freq.update({words[i] for i in doc})
        return cls(retriever, len(texts), dict(doc_freq))

    def rows_with(self, term: str) -> np.ndarray:
        """Rows (passages) whose text contains the stemmed ``term``."""
        index = self._retriever.vocab_dict.get(term)
        if index is None or self.size == 0:
            return np.zeros(0, dtype=np.int64)
        indptr, indices = self._retriever.scores["indptr"], self._retriever.scores["indices"]
        return np.asarray(indices[indptr[index] : indptr[index + 1]], dtype=np.int64)

    def scores(self, question: str) -> np.ndarray:
        """Return the BM25 score of every passage for ``question`` (zeros when no term is known)."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        vocab = self._retriever.vocab_dict
        terms = [t for t in tokenize([question])[0] if t in vocab]
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(terms), dtype=np.float32)

    def save(self, folder: Path) -> None:
        """Write the index as bm25s's JSON and .npy files (no pickle)."""
        self._retriever.save(str(folder), allow_pickle=False, show_progress=False)
        (folder / "doc_freq.json").write_text(json.dumps(self.doc_freq, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, size: int) -> SparseIndex:
        """Read an index written by ``save``."""
        import bm25s

        if size == 0:
            return cls.build([])
        retriever = bm25s.BM25.load(str(folder), allow_pickle=False, show_progress=False, mmap=False)
        doc_freq = json.loads((folder / "doc_freq.json").read_text(encoding="utf-8"))
        return cls(retriever, size, doc_freq)
