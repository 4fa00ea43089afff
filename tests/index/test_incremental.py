"""Incremental ingest: one new segment per write, old files hard-linked and never re-hashed, BM25 rebuilt
from stored token ids equal to a fresh build and to bm25s, replacements hide old rows, compaction."""

from __future__ import annotations

import math

import numpy as np
import pytest

import index.segments as segments
import index.snapshots as snapshots
import index.update as update_module
from index.ingest import read_articles
from index.models import Article
from index.sparse import SparseIndex, tokenize
from index.store import Index, IndexStore
from index.update import update_index
from tests.conftest import SEEDS


def _articles() -> list[Article]:
    return read_articles([SEEDS]).articles


def _extra(i: int) -> Article:
    return Article(id=f"extra{i}", outlet=f"Outlet {i % 3}", text=f"Headline {i}\nThe council voted on rail fares {i}. "
                   f"Ministers disagreed about the harbour budget. Turnout was {40 + i} percent.")


def test_append_adds_one_segment_links_the_rest_and_hashes_only_new_files(tmp_path, hashing_encoder, monkeypatch):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    base = store._live()
    inode = (base / "vectors.npy").stat().st_ino
    hashed = []
    real = segments.sha256
    monkeypatch.setattr(segments, "sha256", lambda p: hashed.append(p.name) or real(p))
    monkeypatch.setattr(snapshots, "sha256", lambda p: hashed.append(p.name) or real(p))
    report = update_index(store, [_extra(1), _extra(2)], hashing_encoder)
    assert report.added == ["extra1", "extra2"] and report.encoded == 8  # four windows each (headline + three sentences)
    live = store._live()
    assert live != base
    # the base segment's files are the same inodes; only the new segment and the small layout files are hashed
    assert (live / "vectors.npy").stat().st_ino == inode
    checked = {"segments.json", "articles.jsonl", "counts.npy", "hashes.npy", "terms.json"}  # read by the catalog
    assert set(hashed) <= set(segments.FILES) | checked and hashed.count("vectors.npy") == 1  # the new segment's
    monkeypatch.undo()
    loaded = store.load()
    assert {"extra1", "extra2"} <= set(loaded.articles) and len(loaded.passages) == report.n_passages


def test_incremental_index_equals_a_full_rebuild(tmp_path, hashing_encoder):
    articles = _articles()
    inc, full = IndexStore(tmp_path / "inc"), IndexStore(tmp_path / "full")
    update_index(inc, articles[:2], hashing_encoder)
    update_index(inc, articles[2:4], hashing_encoder)
    update_index(inc, articles[4:], hashing_encoder)
    update_index(full, articles, hashing_encoder)
    a, b = inc.load(), full.load()
    assert [p.id for p in a.passages] == [p.id for p in b.passages]
    assert np.allclose(a.vectors, b.vectors)
    for question in ("What did Tokayev tell Scholz?", "grain exports", "zebra"):
        assert np.allclose(a.sparse.scores(question), b.sparse.scores(question))
        q = hashing_encoder.encode([question])[0]
        assert [h.passage_id for h in a.search(question, q, 10)] == [h.passage_id for h in b.search(question, q, 10)]
    assert a.sparse.doc_freq == b.sparse.doc_freq


def test_bm25_matches_bm25s_and_a_hand_calculation():
    import bm25s

    texts = ["cat sat on the mat", "dog ran", "cat and dog and cat", "a grain port"]
    ours = SparseIndex.build(texts)
    reference = bm25s.BM25()
    reference.index(bm25s.tokenize(texts, stopwords="en", stemmer=None, show_progress=False), show_progress=False)
    words = tokenize(["cat"])[0]
    assert np.allclose(ours.scores("cat"), reference.get_scores(words), atol=1e-6)
    # doc 2 ("cat dog cat" after stopwords): tf 2, |d| 3, avgdl (3 + 2 + 3 + 2) / 4 = 2.5
    idf = math.log(1 + (4 - 2 + 0.5) / (2 + 0.5))
    assert ours.scores("cat")[2] == pytest.approx(idf * 2 / (2 + 1.5 * (1 - 0.75 + 0.75 * 3 / 2.5)), rel=1e-6)
    assert ours.doc_freq["cat"] == 2 and ours.rows_with("grain").tolist() == [3]


def test_replacement_hides_old_rows_and_cache_reuses_vectors(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2), _extra(3)], hashing_encoder)
    changed = _extra(1).model_copy(update={"text": _extra(1).text + " A new closing line about tariffs."})
    report = update_index(store, [changed], hashing_encoder)
    assert report.replaced == ["extra1"] and report.encoded == 2  # last window changes, plus the new sentence
    loaded = store.load()
    ids = [p.id for p in loaded.passages if p.article_id == "extra1"]
    assert len(ids) == len(set(ids)) == 5 and len(loaded.rows) == len(loaded.vectors) == loaded.sparse.size
    windows = tokenize([loaded.passages[r].window for r in loaded.rows])
    expected = [i for i, words in enumerate(windows) if "tariff" in words]
    assert loaded.sparse.rows_with("tariff").tolist() == expected and loaded.sparse.doc_freq["tariff"] == len(expected)
    assert report.n_passages == len(loaded.passages)


def test_many_replacements_compact_into_one_segment(tmp_path, hashing_encoder, monkeypatch):
    monkeypatch.setattr(update_module, "MAX_SEGMENTS", 3)
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    for i in range(4):
        update_index(store, [_extra(i)], hashing_encoder)
    import json

    layout = json.loads((store._live() / "segments.json").read_text())
    assert len(layout["segments"]) <= 3
    assert {f"extra{i}" for i in range(4)} <= set(store.load().articles)


def test_vector_cache_and_build_still_work(hashing_encoder):
    articles = _articles()
    from index.chunk import chunk_article

    passages = [p for a in articles for p in chunk_article(a, 5000)]
    index, encoded = Index.build(articles, passages, hashing_encoder)
    again, none = Index.build(articles, passages, hashing_encoder, cache=index.vector_cache())
    assert encoded > 0 and none == 0 and np.allclose(index.vectors, again.vectors)


@pytest.mark.parametrize("content_only", [False, True])
def test_tokenize_matches_bm25s(content_only):
    import bm25s
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    from index.terms import normalise_words

    texts = ["What did Tokayev tell Scholz?", "", "A b c", "Über façade naïve 2022 don't", "The men were told; said it."]
    stopwords = list(STOPWORDS_EN_PLUS) if content_only else "en"
    expected = bm25s.tokenize(texts, stopwords=stopwords, stemmer=normalise_words, return_ids=False, show_progress=False)
    assert tokenize(texts, content_only) == expected


def test_local_index_and_catalog_implement_the_backend_protocols(tmp_path, hashing_encoder):
    from index.backend import SearchBackend, SegmentSink

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    index = store.load()
    assert isinstance(index, SearchBackend) and isinstance(store.catalog(), SegmentSink)
    passage = index.passages[index.rows[0]]
    assert np.array_equal(index.vector(passage.id), index.vectors[0])
    assert index.passage(passage.id) == passage and index.article(passage.article_id).id == passage.article_id
    assert index.articles_with("scholz") and index.idf("zebra") == 0.0
