"""Ingest's parallel parts write what the serial build writes: chunking split with worker processes, the tokens
and shingles made beside the encoder; bad input is that article's error, naming its file; other failures raise."""

from __future__ import annotations

import numpy as np
import pytest

import index.chunk_workers as chunk_workers
from index.chunk import chunk_article
from index.chunk_workers import chunk_all, chunk_one
from index.ingest import read_articles
from index.models import Article
from index.store import Index, IndexStore
from index.textfile import InputError
from index.update import update_index
from tests.conftest import SEEDS


def _articles() -> list[Article]:
    return read_articles([SEEDS]).articles


def _serial(store: IndexStore, articles: list[Article], encoder) -> None:
    """The in-memory build written whole (``Index.build`` + ``IndexStore.commit``): the serial reference."""
    passages = [p for a in articles for p in chunk_article(a, 5_000)]
    store.commit(Index.build(articles, passages, encoder)[0])


@pytest.fixture
def in_a_worker(monkeypatch):
    """Every multi-article chunking goes through one worker process, whatever the machine's CPUs."""
    monkeypatch.setattr(chunk_workers, "worker_count", lambda articles, limit=None: 1)


def _files(store: IndexStore) -> dict[str, str]:
    return store.manifest().files


def _contents(store: IndexStore) -> list[tuple[str, str]]:
    """Each file's name within its segment and sha256 (segment folders are named after their snapshot's time)."""
    return sorted((key.rsplit("/", 1)[-1], digest) for key, digest in store.manifest().files.items()
                  if key != "segments.json")


@pytest.mark.parametrize("workers", [False, True])
def test_ingest_writes_the_files_of_the_serial_build(tmp_path, hashing_encoder, monkeypatch, workers):
    if workers:
        monkeypatch.setattr(chunk_workers, "worker_count", lambda articles, limit=None: 1)
    articles = _articles()
    serial, ingested = IndexStore(tmp_path / "serial"), IndexStore(tmp_path / "ingested")
    _serial(serial, articles, hashing_encoder)
    update_index(ingested, articles, hashing_encoder)
    assert _files(ingested) == _files(serial)  # every file's sha256: passages, vectors, tokens, stories, articles
    a, b = serial.load(), ingested.load()
    assert a.assignments == b.assignments and np.array_equal(a.vectors, b.vectors)


def test_incremental_ingest_is_the_same_with_or_without_workers(tmp_path, hashing_encoder, monkeypatch):
    articles = _articles()
    changed = articles[0].model_copy(update={"text": articles[0].text + "\nOne more closing sentence."})
    plain, split = IndexStore(tmp_path / "plain"), IndexStore(tmp_path / "split")
    for store in (plain, split):
        if store is split:
            monkeypatch.setattr(chunk_workers, "worker_count", lambda articles, limit=None: 1)
        update_index(store, articles[:4], hashing_encoder)
        update_index(store, [*articles[4:], changed], hashing_encoder)
    assert _contents(plain) == _contents(split)


def test_chunk_all_in_a_worker_equals_chunk_article(in_a_worker):
    articles = _articles()
    long = Article(id="long", outlet="X", text=" ".join(f"Sentence {i} ends." for i in range(300)), source="/news/long.txt")
    batch = [*articles[:3], long, *articles[3:]]
    found = chunk_all(batch, max_passages=200)
    assert [f for f in found if not isinstance(f, InputError)] == [chunk_article(a, 200) for a in articles]
    error = found[3]
    assert isinstance(error, InputError) and error.source == "/news/long.txt" and "more than 200 passages" in str(error)
    answer = chunk_workers._in_worker([articles[0], long], 200)  # a real worker process answered
    assert answer[0] == [list(s) for s in chunk_workers.sentences_of(articles[0].text, 200)]
    assert "more than 200 passages" in answer[1]["rejected"]


def test_a_worker_that_cannot_start_leaves_its_share_to_this_process(in_a_worker, monkeypatch):
    articles = _articles()
    monkeypatch.setattr(chunk_workers.sys, "executable", "/nonexistent/python")
    assert chunk_all(articles, 5_000) == [chunk_article(a, 5_000) for a in articles]


def test_text_the_splitter_rejects_is_that_articles_error_and_the_rest_is_indexed(tmp_path, hashing_encoder, monkeypatch):
    real = chunk_workers.sentences_of

    def fussy(text, max_passages=5_000, where=""):
        if "Tokayev" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, max_passages, where)

    monkeypatch.setattr(chunk_workers, "sentences_of", fussy)
    articles = _articles()
    bad = [a for a in articles if "Tokayev" in a.text]
    report = update_index(IndexStore(tmp_path / "idx"), articles, hashing_encoder)
    assert {e.source for e in report.errors} == {a.source for a in bad} and bad
    assert all("cannot be split into sentences (RecursionError" in str(e) for e in report.errors)
    assert sorted(report.added) == sorted(a.id for a in articles if a not in bad)


def test_any_other_failure_is_raised_naming_the_file_and_the_index_is_kept(tmp_path, hashing_encoder, monkeypatch):
    store = IndexStore(tmp_path / "idx")
    articles = _articles()
    update_index(store, articles[:2], hashing_encoder)
    before = _files(store)

    def broken(text, max_passages=5_000, where=""):
        raise TypeError("a bug")

    monkeypatch.setattr(chunk_workers, "sentences_of", broken)
    with pytest.raises(TypeError, match="a bug") as caught:
        update_index(store, articles[2:], hashing_encoder)
    assert f"while splitting {articles[2].source} into sentences" in caught.value.__notes__
    assert _files(store) == before


def test_a_failure_in_a_worker_is_raised_here(in_a_worker, monkeypatch):
    articles = _articles()[:4]
    monkeypatch.setattr(chunk_workers, "_in_worker", lambda share, max_passages: [{"failed": "TypeError: x"}] * len(share))
    assert chunk_all(articles, 5_000) == [chunk_article(a, 5_000) for a in articles]  # split here again, fine here
    monkeypatch.setattr(chunk_workers, "sentences_of", lambda text, max_passages=5_000, where="": 1 / 0)
    with pytest.raises(ZeroDivisionError):
        chunk_one(articles[0], 5_000)


def test_an_encoder_failure_is_raised_and_the_index_is_kept(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    articles = _articles()
    update_index(store, articles[:2], hashing_encoder)
    before = _files(store)

    class Failing:
        name, dimension = hashing_encoder.name, hashing_encoder.dimension

        def encode(self, texts, batch_size=64):
            raise RuntimeError("out of memory")

    with pytest.raises(RuntimeError, match="out of memory"):
        update_index(store, articles[2:], Failing())
    assert _files(store) == before


@pytest.mark.model
def test_real_model_ingest_writes_the_serial_builds_vectors(tmp_path, real_encoder):
    articles = _articles()
    serial, ingested = IndexStore(tmp_path / "serial"), IndexStore(tmp_path / "ingested")
    _serial(serial, articles, real_encoder)
    update_index(ingested, articles, real_encoder)
    assert _files(ingested) == _files(serial)  # the same batches: the vectors bit for bit


def test_workers_follow_the_text_and_the_cpus_other_work_leaves_idle(monkeypatch):
    monkeypatch.setattr(chunk_workers.os, "sched_getaffinity", lambda pid: set(range(4)), raising=False)
    batch = [Article(id=f"a{i}", outlet="X", text="Words here. " * 50_000) for i in range(4)]  # 2.4M characters
    monkeypatch.setattr(chunk_workers, "idle_cpus", lambda cpus, seconds=0.1: 3.2)
    assert chunk_workers.worker_count(batch) == 3 and chunk_workers.worker_count(batch, limit=1) == 1
    assert chunk_workers.worker_count(batch[:1]) == 1  # 600k characters: one worker's worth
    monkeypatch.setattr(chunk_workers, "idle_cpus", lambda cpus, seconds=0.1: 0.3)
    assert chunk_workers.worker_count(batch) == 0  # every core busy: a worker would only add its start


def test_idle_cpus_is_a_share_of_the_cpus():
    assert 0.0 <= chunk_workers.idle_cpus(2, seconds=0.02) <= 2.0
