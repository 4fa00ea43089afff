"""The shipped word-vector table and the near-synonyms it gives."""

from __future__ import annotations

import numpy as np
import pytest

from qa import word_vectors
from qa.word_vectors import TABLE, near_words


def test_the_table_ships_with_the_package_and_holds_lower_case_words():
    with np.load(TABLE) as data:
        words, vectors = data["words"], data["vectors"]
    assert len(words) == vectors.shape[0] == 20_000 and vectors.dtype == np.int8
    assert all(str(w) == str(w).lower() for w in words[:500])


def test_spelling_variants_and_plain_synonyms_are_near_words_of_one_field_are_not():
    assert "telephone" in near_words("phone")
    assert "recognise" in near_words("recognize")
    assert "purchase" in near_words("buy")
    assert "injured" not in near_words("killed")  # what is counted differs
    assert "sell" not in near_words("buy")
    assert "phone" not in near_words("phone")  # itself excluded


def test_case_is_ignored_and_an_unknown_word_has_no_near_words():
    assert near_words("Phone") == near_words("phone")
    assert near_words("qzxvbyw") == frozenset()


@pytest.mark.parametrize("content", [None, b"not a table", "short"])
def test_a_missing_or_damaged_table_is_a_clear_error_naming_the_file(tmp_path, monkeypatch, content):
    path = tmp_path / "en-words.npz"
    if content == "short":
        np.savez(path, words=np.array(["phone", "telephone"]), vectors=np.zeros((3, 4), dtype=np.int8))
    elif content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(word_vectors, "TABLE", path)
    word_vectors._table.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"en-words\.npz: the word-vector table"):
            word_vectors._table()
    finally:
        word_vectors._table.cache_clear()
