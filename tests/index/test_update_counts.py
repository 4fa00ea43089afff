"""What an ingest reports about the index: evidence and boilerplate counts that add up, and no index folder
made when there is nothing to add."""

from __future__ import annotations

import index.update as update_module
from index.ingest import read_articles
from index.models import Article
from index.store import IndexStore
from index.update import update_index
from tests.conftest import SEEDS


def _article(i: int, text: str | None = None) -> Article:
    return Article(id=f"a{i}", outlet="Outlet", text=text or f"Headline {i}\nBy Jane Roe | Reuters\n"
                   f"The council voted on rail fares {i}. Turnout was {40 + i} percent.")


def _check(report, store: IndexStore) -> None:
    loaded = store.load()
    assert report.n_passages == len(loaded.passages)
    assert report.n_evidence == sum(p.is_evidence for p in loaded.passages)


def test_nothing_to_add_makes_no_index_folder(tmp_path, hashing_encoder):
    store = IndexStore(tmp_path / "idx")
    report = update_index(store, [], hashing_encoder)
    assert not (tmp_path / "idx").exists()
    assert (report.n_articles, report.n_passages, report.n_evidence, report.encoded) == (0, 0, 0, 0)


def test_counts_after_build_append_unchanged_and_compaction(tmp_path, hashing_encoder, monkeypatch):
    store = IndexStore(tmp_path / "idx")
    seeds = read_articles([SEEDS]).articles
    built = update_index(store, seeds, hashing_encoder)
    _check(built, store)
    assert 0 < built.n_evidence < built.n_passages  # the seeds carry scraped boilerplate
    assert built.new_evidence == built.n_evidence and built.encoded <= built.new_evidence

    appended = update_index(store, [_article(1)], hashing_encoder)
    _check(appended, store)
    # four passages (headline, byline, two sentences); the byline is boilerplate
    assert (appended.n_passages - built.n_passages, appended.n_evidence - built.n_evidence) == (4, 3)
    assert appended.new_evidence == 3

    unchanged = update_index(store, [_article(1)], hashing_encoder)
    assert (unchanged.n_passages, unchanged.n_evidence, unchanged.new_evidence) == (appended.n_passages, appended.n_evidence, 0)

    monkeypatch.setattr(update_module, "_needs_compaction", lambda *args: True)
    compacted = update_index(store, [_article(1, "Headline\nOne changed sentence.")], hashing_encoder)
    _check(compacted, store)
    assert compacted.replaced == ["a1"] and compacted.n_evidence == built.n_evidence + 2
