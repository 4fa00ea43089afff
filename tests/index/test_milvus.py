"""The Milvus backend on the real engine (milvus-lite 2.5.1, embedded): the collection follows the index
(replaced articles deleted), hybrid search fuses dense and Milvus BM25 by RRF, filters on scalar fields,
and answers carry the local cosine and BM25 features. Skipped, with the reason, without the milvus extra."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from index.ingest import read_articles
from index.models import Article
from index.settings import Settings
from index.store import IndexStore
from index.update import update_index
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(importlib.util.find_spec("pymilvus") is None or importlib.util.find_spec("milvus_lite") is None,
                                reason="the milvus extra is not installed (pip install 'factqa[milvus]')")


def _articles() -> list[Article]:
    return read_articles([SEEDS]).articles


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(home=tmp_path / "home", backend="milvus", milvus_uri=str(tmp_path / "milvus.db"))


def _extra(text: str) -> Article:
    return Article(id="extra", outlet="Harbour Post", title="Rail", text=f"Rail fares\n{text}")


def test_the_collection_follows_the_index_and_replaced_articles_are_deleted(tmp_path, hashing_encoder, settings):
    from index.backend import use_backend

    store = IndexStore(tmp_path / "idx")
    update_index(store, [*_articles(), _extra("The council voted on rail fares. Turnout was low.")], hashing_encoder)
    index = use_backend(store.load(), settings)
    engine = index.engine
    assert engine.stored() == {a: index.articles[a].content_hash for a in index.articles}
    n = engine.client.query(engine.collection, filter='passage_id != ""', output_fields=["count(*)"])[0]["count(*)"]
    assert n == len(index.rows)
    update_index(store, [_extra("The council postponed the vote on harbour tolls.")], hashing_encoder)
    again = store.load()
    changes = engine.sync(again)
    assert changes == {"deleted_articles": 1, "inserted_articles": 1, "inserted_passages": 2}  # headline + one sentence
    windows = [r["window"] for r in engine.client.query(engine.collection, filter='article_id == "extra"',
                                                         output_fields=["window"])]
    assert windows and all("rail fares." not in w for w in windows) and any("harbour tolls" in w for w in windows)
    assert engine.sync(again) == {"deleted_articles": 0, "inserted_articles": 0, "inserted_passages": 0}


def test_hybrid_search_fuses_by_rrf_and_hits_carry_local_features(tmp_path, hashing_encoder, settings):
    from index.backend import use_backend

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    local = store.load()
    index = use_backend(store.load(), settings)
    question = "What did Tokayev tell Scholz?"
    q = hashing_encoder.encode([question])[0]
    dense = index.engine.search(question, q, 10, "dense", 60)
    bm25 = index.engine.search(question, q, 10, "bm25", 60)
    fused = index.engine.search(question, q, 10, "hybrid", 60)
    rank_d = {p: r for r, (p, _) in enumerate(dense, start=1)}
    rank_b = {p: r for r, (p, _) in enumerate(bm25, start=1)}
    for passage_id, score in fused:  # RRF by hand: sum of 1 / (60 + rank) over the lists that hold it
        expected = sum(1 / (60 + ranks[passage_id]) for ranks in (rank_d, rank_b) if passage_id in ranks)
        assert score == pytest.approx(expected, rel=1e-5)
    exact = np.argsort(-(np.asarray(local.vectors) @ q), kind="stable")[:10]
    assert [p for p, _ in dense] == [local.passages[int(local.rows[i])].id for i in exact]  # FLAT: exact
    hits = index.search(question, q, 10)
    assert [h.passage_id for h in hits] == [p for p, _ in fused]
    for h in hits:
        row = local.row_of(h.passage_id)
        assert h.dense == pytest.approx(float(np.asarray(local.vectors[row]) @ q), abs=1e-6)
        assert h.bm25 == pytest.approx(float(local.sparse.scores(question)[row]), abs=1e-6)
    assert any("tokayev" in local.passage(p).window.lower() for p, _ in bm25[:3])  # Milvus BM25, english analyzer


def test_filters_on_outlet_story_and_date(tmp_path, hashing_encoder, settings):
    from index.backend import use_backend

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    index = use_backend(store.load(), settings)
    outlet = index.article_meta["rt"].outlet
    q = hashing_encoder.encode(["oil exports"])[0]
    found = index.engine.search("oil exports", q, 20, "hybrid", 60, expr=f'outlet == "{outlet}"')
    assert found and {index.passage(p).article_id for p, _ in found} == {"rt"}
    story = index.story_of["rt"]
    in_story = index.engine.search("oil exports", q, 50, "dense", 60, expr=f'story == "{story}"')
    assert {index.story_of[index.passage(p).article_id] for p, _ in in_story} == {story}
    assert index.engine.search("oil exports", q, 20, "dense", 60, expr="published > 900000") == []


def test_answers_on_milvus_name_the_same_outlets(tmp_path, hashing_encoder, settings):
    from qa.service import QAService

    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    local = QAService(store.load(), hashing_encoder, name="x", settings=settings.model_copy(update={"backend": "local"}))
    remote = QAService(store.load(), hashing_encoder, name="x", settings=settings)
    assert remote.index.engine is not None and local.index.engine is None
    answer = remote.ask("What did Tokayev tell Scholz?")
    assert answer.outlets and {o.outlet for o in answer.outlets} <= {a.outlet for a in local.index.article_meta.values()}
