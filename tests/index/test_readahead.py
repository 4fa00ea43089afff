"""A service reads its index's mapped files into the page cache in the background; a one-question process and
an index too large for the available memory are left alone."""

from __future__ import annotations

import os

import pytest

import index.readahead as readahead
from index.ingest import read_articles
from index.store import IndexStore
from index.update import update_index
from qa.service import QAService
from tests.conftest import SEEDS


@pytest.fixture
def store(tmp_path, hashing_encoder) -> IndexStore:
    store = IndexStore(tmp_path / "idx")
    update_index(store, read_articles([SEEDS]).articles, hashing_encoder)
    return store


def test_the_mapped_files_of_a_loaded_index_are_the_ones_read_ahead(store, monkeypatch):
    index = store.load()
    assert sorted(p.name for p in index.mapped) == ["articles.jsonl", "postings.npy", "vectors.npy"]
    assert all(p.is_file() for p in index.mapped)
    hinted = []
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, offset, length, advice: hinted.append((offset, length, advice)),
                        raising=False)
    monkeypatch.setattr(readahead, "CHUNK", 4096)
    thread = readahead.read_ahead(index.mapped)
    if thread is None:
        pytest.skip("no MemAvailable here (not Linux)")
    thread.join()
    pages = sum(-(-p.stat().st_size // 4096) for p in index.mapped)
    assert len(hinted) == pages and {a for *_, a in hinted} == {os.POSIX_FADV_WILLNEED}


def test_files_larger_than_half_the_available_memory_are_not_read_ahead(store, monkeypatch):
    index = store.load()
    total = sum(p.stat().st_size for p in index.mapped)
    monkeypatch.setattr(readahead, "available_bytes", lambda: 2 * total - 1)
    assert readahead.read_ahead(index.mapped) is None


def test_a_service_reads_ahead_unless_told_not_to(store, hashing_encoder, monkeypatch):
    started = []
    monkeypatch.setattr(readahead, "read_ahead", lambda paths: started.append(paths))
    QAService(store.load(), hashing_encoder, name="x")
    QAService(store.load(), hashing_encoder, name="x", read_ahead=False)
    assert len(started) == 1 and started[0] == store.load().mapped
