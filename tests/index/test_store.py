"""On-disk snapshots: round trip, atomic swap, damage and mismatch detection; incremental, idempotent updates."""

from __future__ import annotations

import json

import numpy as np
import pytest

from index.embed import HashingEncoder
from index.ingest import read_articles
from index.models import SCHEMA_VERSION, Article
from index.store import IndexStore, IndexUnusable
from index.update import IndexLocked, update_index
from tests.conftest import SEEDS


def _articles() -> list[Article]:
    return read_articles([SEEDS]).articles


def test_round_trip(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    report = update_index(store, _articles(), hashing_encoder)
    assert sorted(report.added) == ["bne", "caliber", "kyivindependent", "rt", "yenisafak"]
    loaded = store.load(expect_model=hashing_encoder.name)
    assert set(loaded.articles) == set(report.added)
    assert len(loaded.passages) == report.n_passages
    assert loaded.vectors.shape == (len(loaded.rows), hashing_encoder.dimension)
    assert all(loaded.passages[r].is_evidence for r in loaded.rows)
    question = "What did Tokayev tell Scholz?"
    hits = loaded.search(question, hashing_encoder.encode([question])[0], 10)
    assert hits and all(h.passage_id in loaded.passage_by_id for h in hits)
    manifest = json.loads((store._live() / "manifest.json").read_text())
    assert manifest["schema_version"] == SCHEMA_VERSION and set(manifest["files"]) >= {"vectors.npy", "passages.npy", "postings.npy"}
    assert manifest["sizes"]["vectors.npy"] == (store._live() / "vectors.npy").stat().st_size


def test_reingest_is_idempotent_and_encodes_nothing(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    live = (store.root / "CURRENT").read_text()
    again = update_index(store, _articles(), hashing_encoder)
    assert again.added == [] and again.replaced == [] and again.encoded == 0
    assert len(again.unchanged) == 5
    assert (store.root / "CURRENT").read_text() == live  # no new snapshot


def test_changed_article_replaces_its_passages_and_only_new_text_is_encoded(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    articles = _articles()
    update_index(store, articles, hashing_encoder)
    before = store.load()
    rt = next(a for a in articles if a.id == "rt")
    changed = rt.model_copy(update={"text": rt.text + "\nA brand new closing sentence about oil."})
    report = update_index(store, [changed], hashing_encoder)
    assert report.replaced == ["rt"] and report.added == []
    # the last old window gains the new neighbour, plus the new sentence's own window
    assert report.encoded == 2
    after = store.load()
    assert len(after.passages) == len(before.passages) + 1
    assert after.articles["rt"].text.endswith("oil.")
    new = Article(id="extra", outlet="New Outlet", text="Headline\nA new story about lithium. It goes on.")
    report = update_index(store, [new], hashing_encoder)
    assert report.added == ["extra"] and report.encoded == 3  # three distinct windows, nothing else


def test_damaged_file_is_detected(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    vectors = store._live() / "vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[:-16])
    with pytest.raises(IndexUnusable, match="index damaged.*rebuild"):
        store.load()


def test_schema_and_model_mismatch_are_clear_errors(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    with pytest.raises(IndexUnusable, match="built with hashing-64, not other-model"):
        store.load(expect_model="other-model")
    with pytest.raises(IndexUnusable, match="built with hashing-64"):
        update_index(store, _articles(), HashingEncoder(32))
    manifest = store._live() / "manifest.json"
    data = json.loads(manifest.read_text())
    data["schema_version"] = 99
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexUnusable, match="schema 99"):
        store.load()


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexUnusable, match="no index here"):
        IndexStore(tmp_path / "nowhere").load()


def test_interrupted_write_leaves_previous_snapshot_live(tmp_path, hashing_encoder, monkeypatch):
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "save", crash)
    new = Article(id="extra", outlet="X", text="Headline\nNew text.")
    with pytest.raises(KeyboardInterrupt):
        update_index(store, [new], hashing_encoder)
    monkeypatch.undo()
    assert "extra" not in store.load().articles
    assert update_index(store, [new], hashing_encoder).added == ["extra"]  # a re-run completes it


def test_second_writer_gets_a_clear_message(tmp_path, hashing_encoder):
    from filelock import FileLock

    store = IndexStore(tmp_path / "idx")
    store.root.mkdir(parents=True)
    with FileLock(store.lock_path):
        with pytest.raises(IndexLocked, match="another factqa process is writing"):
            update_index(store, _articles(), hashing_encoder)
