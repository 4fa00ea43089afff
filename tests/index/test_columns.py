"""The columnar store: a loaded index holds columns and memory maps, and answers exactly as the in-memory
index built from the same articles does (passages, BM25 to the bit, search, lookups, stories)."""

from __future__ import annotations

import numpy as np
import pytest

from index.chunk import chunk_article
from index.columns import LABELS, ArticleTable, PassageTable
from index.ingest import read_articles
from index.models import Article
from index.postings import PostingsIndex
from index.sparse import SparseIndex, tokenize
from index.store import Index, IndexStore, IndexUnusable
from index.stories import unit
from index.update import update_index
from tests.conftest import SEEDS

QUESTIONS = ("What did Tokayev tell Scholz?", "grain exports through Russia", "harbour budget", "zebra", "")


def _articles() -> list[Article]:
    return read_articles([SEEDS]).articles


def _extra(i: int, tail: str = "") -> Article:
    return Article(id=f"extra{i}", outlet=f"Outlet {i % 3}", text=f"Headline {i}\nThe council voted on rail fares {i}. "
                   f"Ministers disagreed about the harbour budget. Turnout was {40 + i} percent.{tail}")


def _built(articles: list[Article], encoder) -> Index:
    passages = [p for a in articles for p in chunk_article(a)]
    return Index.build(articles, passages, encoder)[0]


def test_loaded_index_holds_columns_and_makes_the_same_passages(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    loaded, built = store.load(), _built(_articles(), hashing_encoder)
    assert isinstance(loaded.passages, PassageTable) and isinstance(loaded.articles, ArticleTable)
    assert isinstance(loaded.sparse, PostingsIndex) and isinstance(loaded.vectors.base, np.memmap)  # mapped, not copied
    assert loaded.passages.columns.dtype == np.int32 and loaded.passages._cache == {}  # nothing built yet
    assert list(loaded.passages) == list(built.passages)  # text and window cut from the article text
    assert {LABELS[c] for c in loaded.passages.columns[:, -1]} == {p.boilerplate for p in built.passages}
    assert loaded.rows.tolist() == built.rows.tolist()
    for p in built.passages[:40]:
        assert loaded.passage_by_id[p.id] == p and p.id in loaded.passage_by_id
        assert loaded.passages_of(p.article_id) == built.passages_of(p.article_id)
    assert "rt#100000" not in loaded.passage_by_id and "nope#0" not in loaded.passage_by_id and "rt" not in loaded.passage_by_id
    with pytest.raises(KeyError):
        loaded.passage("rt#100000")
    assert loaded.passages_of("nope") == []
    assert dict(loaded.articles) == built.articles
    assert {a: (m.outlet, m.title, m.published) for a, m in loaded.article_meta.items()} == \
        {a: (m.outlet, m.title, m.published) for a, m in built.article_meta.items()}


def test_loaded_index_scores_and_searches_exactly_as_built(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    loaded, built = store.load(), _built(_articles(), hashing_encoder)
    assert isinstance(built.sparse, SparseIndex)
    for question in QUESTIONS:
        assert np.array_equal(loaded.sparse.scores(question), built.sparse.scores(question))  # bit for bit
        q = hashing_encoder.encode([question])[0]
        assert loaded.search(question, q, 20) == built.search(question, q, 20)
    assert dict(loaded.sparse.doc_freq) == built.sparse.doc_freq
    for term in ("scholz", "tokayev", "oil", "zebra"):
        assert loaded.idf(term) == built.idf(term)
        assert loaded.articles_with(term) == built.articles_with(term)
        assert loaded.sparse.rows_with(term).tolist() == built.sparse.rows_with(term).tolist()
    some = built.passages[int(built.rows[3])]
    assert np.array_equal(loaded.vector(some.id), built.vector(some.id))
    boiler = next(p for p in built.passages if not p.is_evidence)
    assert loaded.vector(boiler.id) is None and loaded.vector("nope#1") is None
    assert loaded.story_of == built.story_of and loaded.stories == built.stories


def test_dead_rows_of_replaced_articles_score_as_a_fresh_build(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2)], hashing_encoder)
    changed = _extra(1, " A closing line about the harbour tariffs.")
    update_index(store, [changed, _extra(3)], hashing_encoder)
    loaded = store.load()
    assert len(loaded.sparse.segments) == 2 and not loaded.sparse.segments[0].all_live
    fresh = SparseIndex.build([loaded.passages[int(r)].window for r in loaded.rows])
    for question in QUESTIONS:
        assert np.array_equal(loaded.sparse.scores(question), fresh.scores(question))
    assert dict(loaded.sparse.doc_freq) == fresh.doc_freq
    words = [loaded.sparse.vocab.terms[i] for i in loaded.sparse.tokens]  # token ids differ, their terms do not
    assert words == [fresh.vocab.terms[i] for i in fresh.tokens]
    assert loaded.passage("extra1#4").text == "A closing line about the harbour tariffs."
    ids = [p.id for p in loaded.passages]
    assert ids.count("extra1#0") == 1 and ids[-4:] == [f"extra3#{n}" for n in range(4)]  # old copy gone, new at the end


def test_articles_with_a_term_is_a_set_over_an_article_mask_kept_per_term(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2)], hashing_encoder)
    loaded, built = store.load(), _built([*_articles(), _extra(1), _extra(2)], hashing_encoder)
    for term in ("harbour", "scholz", "zebra"):
        found, expected = loaded.articles_with(term), built.articles_with(term)
        assert found == expected == {p.article_id for p in built.passages if p.is_evidence and term in
                                     tokenize([p.window])[0]}
        assert list(found) == [a for a in loaded.articles if a in expected] and len(found) == len(expected)
        assert loaded.articles_with(term) is found  # kept: asked again per candidate article
    assert "extra1" in loaded.articles_with("harbour") and "nope" not in loaded.articles_with("harbour")
    assert 3 not in loaded.articles_with("harbour") and not loaded.articles_with("zebra")


def test_bm25_of_a_few_rows_equals_the_full_scores_at_those_rows(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2)], hashing_encoder)
    update_index(store, [_extra(1, " A closing line about the harbour budget."), _extra(3)], hashing_encoder)
    loaded, built = store.load(), _built(_articles(), hashing_encoder)
    assert not loaded.sparse.segments[0].all_live  # dead rows in the first segment, live ones in the second
    rng = np.random.default_rng(0)
    for index in (loaded, built):
        n = len(index.rows)
        for rows in (rng.integers(0, n, 40), np.arange(n)[::-1], np.array([n - 1, 0, 0, 5]), np.zeros(0, np.int64)):
            for question in (*QUESTIONS, "harbour harbour budget"):  # a repeated term adds twice
                assert np.array_equal(index.sparse.scores_of(question, rows), index.sparse.scores(question)[rows])


def test_content_hashes_are_stored_and_an_older_segment_without_them_still_reads(tmp_path, hashing_encoder):
    import json

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    loaded = store.load()
    expected = {a.id: a.content_hash for a in _articles()}
    assert loaded.content_hashes() == expected and loaded.articles._cache == {}  # no article parsed
    assert loaded.content_hashes() == _built(_articles(), hashing_encoder).content_hashes()
    live = store._live()  # as a factqa of the same schema that did not store them wrote it
    (live / "content.npy").unlink()
    manifest = json.loads((live / "manifest.json").read_text())
    for field in ("files", "sizes"):
        del manifest[field]["content.npy"]
    (live / "manifest.json").write_text(json.dumps(manifest))
    assert store.load().content_hashes() == expected  # computed from the parsed articles
    update_index(store, [_extra(1)], hashing_encoder)  # the older segment is linked as it is
    again = store.load()
    assert again.content_hashes() == {**expected, "extra1": _extra(1).content_hash}
    store.verify()


def test_rows_and_windows_of_articles_come_from_the_columns(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2)], hashing_encoder)
    update_index(store, [_extra(1, " A closing line."), _extra(3)], hashing_encoder)
    loaded = store.load()
    built = _built([*[a for a in _articles()], _extra(2), _extra(1, " A closing line."), _extra(3)], hashing_encoder)
    rows = loaded.evidence_of({"extra1", "rt"})
    loaded.windows(rows)
    assert loaded.passages._cache == {} and loaded.articles._cache == {}  # no Passage made, nothing kept
    for index in (loaded, built):
        wanted = {"extra1", "rt", "nope"}
        rows = index.evidence_of(wanted)
        expected = [i for i, r in enumerate(index.rows.tolist()) if index.passages[r].article_id in wanted]
        assert rows.tolist() == expected and rows.dtype == np.int64
        assert index.windows(rows) == [(index.passages[int(index.rows[i])].id, index.passages[int(index.rows[i])].article_id,
                                        index.passages[int(index.rows[i])].window) for i in expected]
        assert index.evidence_of(set()).tolist() == [] and index.windows(np.zeros(0, np.int64)) == []


def test_a_large_file_is_checked_by_size_when_opening_and_hashed_by_verify(tmp_path, hashing_encoder, monkeypatch):
    import index.snapshots as snapshots

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    monkeypatch.setattr(snapshots, "HASH_AT_OPEN_MAX", 1024)  # every array counts as large here
    vectors = store._live() / "vectors.npy"
    raw = bytearray(vectors.read_bytes())
    raw[-1] ^= 0xFF  # same size, one byte changed
    vectors.write_bytes(bytes(raw))
    store.load()  # opening checks its size only
    with pytest.raises(IndexUnusable, match="index damaged"):
        store.verify()
    vectors.write_bytes(bytes(raw[:-4]))
    with pytest.raises(IndexUnusable, match="index damaged"):
        store.load()


def test_mapped_files_and_the_embedding_keys_are_checked_by_size_when_opening(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    for name in ("articles.jsonl", "hashes.npy"):  # small here, yet mapped or not read at all by opening
        path = store._live() / name
        good = path.read_bytes()
        raw = bytearray(good)
        raw[-2] ^= 0x01  # same size, one byte changed
        path.write_bytes(bytes(raw))
        store.load()
        with pytest.raises(IndexUnusable, match="index damaged"):
            store.verify()
        path.write_bytes(good[:-1])
        with pytest.raises(IndexUnusable, match="index damaged"):
            store.load()
        path.write_bytes(good)
    meta = store._live() / "article_meta.json"  # read whole at open: hashed
    meta.write_text(meta.read_text().replace("Caliber.Az", "Caliber.Ax"))
    with pytest.raises(IndexUnusable, match="index damaged"):
        store.load()


def test_passages_not_grouped_by_article_are_refused(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    path = store._live() / "passages.npy"
    columns = np.load(path)
    columns[[0, -1]] = columns[[-1, 0]]
    np.save(path, columns)
    with pytest.raises(ValueError, match="not grouped by article"):
        store._read(store._live(), store.manifest())  # past the checksums, which would refuse it first
    with pytest.raises(IndexUnusable, match="index damaged"):
        store.load()


def test_answers_from_the_loaded_index_equal_the_in_memory_ones(tmp_path, hashing_encoder):
    from qa.service import QAService

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    loaded = QAService(store.load(), hashing_encoder, name="x")
    built = QAService(_built(_articles(), hashing_encoder), hashing_encoder, name="x")
    answered = 0
    for question in QUESTIONS[:3]:
        a, b = loaded.ask(question), built.ask(question)
        assert a.model_dump(exclude={"latency_ms"}) == b.model_dump(exclude={"latency_ms"})
        answered += bool(a.outlets)
    assert answered
    assert loaded.passages_of("rt") == built.passages_of("rt") and loaded.stories() == built.stories()


def test_the_demo_index_an_older_factqa_wrote_is_rebuilt_on_open(hashing_encoder):
    import json

    from index.settings import get_settings
    from qa.service import QAService

    first = QAService.open(encoder=hashing_encoder)
    store = IndexStore(get_settings().default_index)
    manifest = store._live() / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "schema_version": 3}))
    assert not store.readable()
    again = QAService.open(encoder=hashing_encoder)
    assert store.readable() and set(again.index.articles) == set(first.index.articles)


def test_vectors_of_several_segments_stay_mapped_when_the_index_is_approximate(tmp_path, hashing_encoder, monkeypatch):
    import index.ann as ann_module
    from index.dense import SegmentRows

    monkeypatch.setattr(ann_module, "ANN_MIN_ROWS", 10)
    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2)], hashing_encoder)
    update_index(store, [_extra(1, " A closing line about the harbour tariffs."), _extra(3)], hashing_encoder)
    loaded = store.load()
    assert isinstance(loaded.vectors, SegmentRows) and loaded.dense.kind == "hnsw-sq8"
    assert all(isinstance(p, np.memmap) for p in loaded.vectors.parts)
    whole = np.asarray(loaded.vectors)
    assert whole.shape == (len(loaded.rows), 64) and len(loaded.vectors) == len(loaded.rows)
    picks = np.array([7, 0, len(whole) - 1, 3, 7])
    assert np.array_equal(loaded.vectors[picks], whole[picks]) and np.array_equal(loaded.vectors[5], whole[5])
    for i, r in enumerate(loaded.rows.tolist()):  # each row's vector is its own window's
        assert np.array_equal(whole[i], hashing_encoder.encode([loaded.passages[r].window])[0])
    q = hashing_encoder.encode(["harbour tariffs"])[0]
    scores, rows = loaded.dense.search(q, 5)
    assert np.allclose(scores, whole[rows] @ q) and list(rows) == list(np.argsort(-(whole @ q), kind="stable")[:5])


def test_top_rows_by_bm25_equal_a_partition_of_every_row():
    from index.hybrid import _top

    rng = np.random.default_rng(3)
    for _ in range(200):
        scores = np.where(rng.random(300) < 0.3, rng.integers(0, 6, 300), 0).astype(np.float32)
        n = int(rng.integers(1, 120))
        part = np.argpartition(-scores, min(n, 300) - 1)[: min(n, 300)]
        expected = [int(i) for i in part[np.lexsort((part, -scores[part]))] if scores[i] > 0]
        assert _top(scores, n) == expected  # ties straddling the n-th place fall back to that very partition
    for i in range(80):  # large enough for the strided floor: rows at or above it only, ties straddling or not
        size = int(rng.integers(2_000, 40_000))
        values = rng.integers(0, 40, size) / 4 if i % 2 else rng.random(size)
        scores = np.where(rng.random(size) < rng.random(), values, 0).astype(np.float32)
        n = int(rng.integers(1, 150))
        part = np.argpartition(-scores, n - 1)[:n]
        assert _top(scores, n) == [int(i) for i in part[np.lexsort((part, -scores[part]))] if scores[i] > 0]
    assert _top(np.zeros(5, np.float32), 3) == [] and _top(np.array([0, 2, 1, 2], np.float32), 2) == [1, 3]


def test_kept_weights_of_long_posting_lists_give_the_same_scores_and_stay_within_their_bound(tmp_path, hashing_encoder,
                                                                                            monkeypatch):
    import index.postings as postings

    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra(1), _extra(2)], hashing_encoder)
    update_index(store, [_extra(1, " A closing line about the harbour tariffs."), _extra(3)], hashing_encoder)
    plain = store.load()
    expected = {question: plain.sparse.scores(question) for question in QUESTIONS}
    assert plain.sparse._long_bytes == 0  # the seeds have no list of 20,000 rows
    monkeypatch.setattr(postings, "LONG_POSTINGS", 2)  # every list of two rows or more is "long" here
    monkeypatch.setattr(postings, "WEIGHTS_CACHE_BYTES", 600)  # a few lists: the oldest are dropped
    kept = store.load()
    for _ in range(2):  # computed, then (partly) reused
        for question in QUESTIONS:
            assert np.array_equal(kept.sparse.scores(question), expected[question])
            assert kept.sparse._long_bytes <= 600
            assert kept.sparse._long_bytes == sum(r.nbytes + w.nbytes for r, w in kept.sparse._long.values())
    assert kept.sparse._long
    rows, weights = next(iter(kept.sparse._long.values()))
    assert not rows.flags.writeable and not weights.flags.writeable


def test_lead_vectors_come_from_the_columns_and_equal_the_clusterings(tmp_path, hashing_encoder):
    from index.stories import lead_vectors

    from index.catalog import Catalog

    store = IndexStore(tmp_path / "idx")
    menu = Article(id="menu", outlet="X", text="Home | News | Sport | Weather")
    excerpt = Article(id="excerpt", outlet="Y", text="Ferry returns\nThe ferry resumed service on Monday after a long…\n"
                      "Crews repaired the ramp. The operator thanked riders. Fares stay the same. Tickets go on sale today.")
    update_index(store, [*_articles(), menu, excerpt, _extra(1), _extra(2)], hashing_encoder)
    update_index(store, [_extra(1, " A closing line."), _extra(3)], hashing_encoder)  # a second segment, a dead copy
    loaded = store.load()
    built = _built([*_articles(), menu, excerpt, _extra(2), _extra(1, " A closing line."), _extra(3)], hashing_encoder)
    expected = lead_vectors(list(built.passages), built.vectors)
    from_segments = Catalog(store).lead_vectors(list(expected))
    for article_id in expected:
        assert np.array_equal(loaded.lead_vector(article_id), expected[article_id])
        assert np.array_equal(built.lead_vector(article_id), expected[article_id])
        assert np.array_equal(from_segments[article_id], expected[article_id])
    # The excerpt's cut sentence is searchable, but its lead is its first three body sentences.
    cut = next(p for p in built.passages_of("excerpt") if p.boilerplate == "cut")
    assert cut.is_evidence and built.row_of(cut.id) is not None and loaded.row_of(cut.id) is not None
    body = [built.vector(p.id) for p in built.passages_of("excerpt") if p.is_body][:3]
    assert np.allclose(expected["excerpt"], unit(np.sum(body, axis=0)))
    assert "menu" not in expected and built.lead_vector("menu") is None
    assert loaded.lead_vector("menu") is None and loaded.lead_vector("no such article") is None
    assert loaded.articles._cache == {}  # no article was parsed
