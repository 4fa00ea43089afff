"""What the TUI says about the open corpus (its label, the example question) and how it opens one in stages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from index.embed import HashingEncoder
from index.models import Article
from qa.service import QAService
from tests.tui.conftest import fixture_articles
from tests.tui.helpers import async_test, screen_text, settle
from tui import loading
from tui.app import FactQAApp
from tui.corpus import NO_CORPUS_PLACEHOLDER, corpus_label, newest_title, placeholder, seed_ids, tilde
from tui.widgets.question_bar import QuestionBar


def _service(articles, name="tiny"):
    return QAService.from_articles(articles, HashingEncoder(64), name=name)


def _article(n: int, title: str, published: dt.date | None, outlet: str = "") -> Article:
    return Article(id=f"a{n}", outlet=outlet or f"Outlet {n}", title=title, published=published,
                   text=f"Story number {n} is about the ferry timetable and the harbour works.")


def test_the_label_names_the_demo_corpus_your_index_or_the_folder(monkeypatch):
    home = Path.home()
    default = home / ".local/share/factqa/index"
    demo = _service([_article(1, "One", None)])
    monkeypatch.setattr("tui.corpus.seed_ids", lambda: frozenset({"a1", "a2"}))
    assert corpus_label(demo, None, default) == "Demo corpus"
    assert corpus_label(_service([_article(3, "Mine", None)]), None, default) == \
        "Your index ~/.local/share/factqa/index"
    assert corpus_label(demo, home / "my-index", default) == "Index ~/my-index"
    assert corpus_label(demo, Path("/srv/news"), default) == "Index /srv/news"
    assert corpus_label(demo, default, default) == "Demo corpus"  # ingested into the per-user index, then reopened
    assert corpus_label(demo, None, None) == "tiny"  # an in-memory corpus has only its name
    assert corpus_label(demo, None, default, label="Given") == "Given"
    assert tilde(home) == "~" and tilde(Path(str(home) + "x")) == str(home) + "x"


def test_the_bundled_seeds_are_what_demo_corpus_means():
    ids = seed_ids()
    assert len(ids) == 5 and "rt" in ids


def test_the_placeholder_is_the_newest_headline_cut_to_width():
    articles = [_article(1, "Old ferry news", dt.date(2024, 1, 2)),
                _article(2, "Harbour works start next week", dt.date(2024, 5, 6)),
                _article(3, "Undated piece", None)]
    assert placeholder(_service(articles)) == "Ask about: Harbour works start next week"
    assert newest_title(_service([_article(1, "First", None), _article(2, "Second", None)])) == "First"
    long = "Council votes " + "very " * 20 + "late"
    hint = placeholder(_service([_article(1, long, dt.date(2024, 1, 1))]))
    assert hint == "Ask about: Council votes" + " very" * 9 + "…"  # cut at the word before 59 characters
    assert placeholder(None) == NO_CORPUS_PLACEHOLDER


@async_test
async def test_the_question_bar_suggests_the_open_corpus_and_the_status_names_it(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 24)) as pilot:
        bar = app.screen.query_one(QuestionBar)
        await settle(app, pilot)
        assert bar.placeholder == "Ask about: Ferries brace for bridge reopening"  # Gamma Daily, 5 March: newest
        assert "Ask about: Ferries brace for bridge reopening" in screen_text(bar)
        assert "Tokayev" not in screen_text(app.screen)
        assert screen_text(app.screen.query_one("#status")).strip().startswith("fixture corpus (5 articles, 5 outlets) · ")


@async_test
async def test_an_index_folder_is_named_with_its_counts(tmp_path):
    index_dir = tmp_path / "my-index"
    app = FactQAApp(service_factory=lambda report: _service(fixture_articles()), index_dir=index_dir,
                    default_index_dir=tmp_path / "home" / "index")
    async with app.run_test(size=(160, 24)) as pilot:
        await settle(app, pilot)
        assert screen_text(app.screen.query_one("#status")).strip().startswith(f"Index {index_dir} (5 articles, 5 outlets)")


def test_open_service_passes_on_the_services_stages_and_the_indexing_progress(monkeypatch):
    from index.settings import get_settings
    from qa.service import INDEXING_DEMO

    def fake_load_encoder(path=None, stage=lambda text: None, **kwargs):
        stage("Loading the model…")
        return HashingEncoder(64)

    monkeypatch.setattr("index.embed.load_encoder", fake_load_encoder)  # (loaded in a thread by index.embed.load_in_thread)
    events: list[object] = []

    class Report:
        def __call__(self, done, total):
            events.append((done, total))

        def stage(self, text):
            events.append(text)

    service = loading.open_service(None, get_settings(), Report())  # the per-user index (FACTQA_HOME is a tmp dir)
    assert events[:2] == ["Loading the model…", INDEXING_DEMO]
    counts = [e for e in events[2:] if isinstance(e, tuple)]
    assert counts and counts[-1][0] == counts[-1][1] > 0 and service.corpus_info().n_articles == len(seed_ids())
    events.clear()
    loading.open_service(None, get_settings(), Report())  # indexed already: only the model's stage
    assert events == ["Loading the model…"]
    assert loading.open_service(None, get_settings(), lambda done, total: None).corpus_info().n_articles == 5
