"""The QA facade: per-outlet evidence, silence, and the showcase question with the real model."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console

from index.ingest import read_articles
from index.models import Article
from qa.render import render_answer
from qa.service import QAService
from tests.conftest import SEEDS


@pytest.fixture
def small_service(hashing_encoder) -> QAService:
    articles = [
        Article(id="a", outlet="Alpha", text="Headline A\nThe mayor opened the new bridge over the river on Monday."),
        Article(id="b", outlet="Beta", text="Headline B\nThe mayor opened the bridge across the river on Tuesday."),
        Article(id="c", outlet="Gamma", text="Headline C\nFootball results from the weekend league games."),
    ]
    return QAService.from_articles(articles, hashing_encoder)


def test_ask_groups_by_outlet_and_lists_every_outlet_once(small_service):
    answer = small_service.ask("When did the mayor open the bridge?")
    answering = {o.outlet for o in answer.outlets}
    silent = {s.outlet for s in answer.silent}
    assert "Alpha" in answering and not answering & silent
    # the football results are another story: Gamma is neither answering nor silent, only counted
    assert "Gamma" not in answering | silent and answer.n_uncovered_outlets == 1
    assert {o for s in answer.stories for o in s.outlets} == answering | silent
    for outlet in answer.outlets:
        assert 1 <= len(outlet.snippets) <= 3
        assert outlet.relevance == max(s.score for s in outlet.snippets)
        text = small_service.article(outlet.article_id).text
        for snippet in outlet.snippets:
            assert text[snippet.start:snippet.end] == snippet.text
    assert answer.corpus.n_outlets == 3 and answer.latency_ms > 0


def test_a_sentence_an_excerpt_breaks_off_answers_for_its_outlet_but_does_not_choose_the_story(hashing_encoder):
    day = dt.datetime(2026, 3, 2)
    service = QAService.from_articles([
        Article(id="a", outlet="Alpha", published=day, text="Ferry returns\nThe harbour ferry resumed service on Monday."),
        Article(id="b", outlet="Beta", published=day, text="Ferry returns to the harbour\nCrews fixed the loading ramp "
                "over the weekend. The harbour ferry resumed service on Monday after repairs to…"),
        Article(id="c", outlet="Gamma", published=day + dt.timedelta(days=40), text="Cup final\nThe home side won the "
                "cup final on penalties. Fans who took the harbour ferry that resumed service on Monday said…"),
    ], hashing_encoder)
    answer = service.ask("When did the harbour ferry resume service?")
    cards = {o.outlet: o for o in answer.outlets}
    assert set(cards) == {"Alpha", "Beta"} and [s.outlets for s in answer.stories] == [["Alpha", "Beta"]]
    beta = cards["Beta"].snippets[0]
    assert beta.text == "The harbour ferry resumed service on Monday after repairs" and beta.cut
    assert beta.shown_text == "The harbour ferry resumed service on Monday after repairs …"  # the reader sees the cut
    assert not cards["Alpha"].snippets[0].cut
    out = io.StringIO()
    render_answer(answer, Console(file=out, width=200, color_system=None))
    assert "after repairs …" in out.getvalue()
    # Gamma's story has the question's words only in a broken-off sentence: not a story the question is about.
    assert "Gamma" not in {o for s in service.ask("When did fans take the harbour ferry?").stories for o in s.outlets}


def test_a_figure_in_a_sentence_an_excerpt_breaks_off_never_raises_a_flag(hashing_encoder):
    day = dt.datetime(2026, 3, 2)
    articles = [Article(id="a", outlet="Alpha", published=day, text="Harbour levy\nThe harbour levy raised $4 million."),
                Article(id="b", outlet="Beta", published=day, text="Harbour levy total\nThe harbour levy raised $6 million "
                        "for repairs, which officials said…")]
    whole = QAService.from_articles([articles[0], articles[1].model_copy(update={"text": articles[1].text[:-1] + "."})],
                                    hashing_encoder).ask("How much did the harbour levy raise?")
    assert [d.kind for d in whole.disagreements] == ["number"]  # the same two figures, both whole: a flag
    cut = QAService.from_articles(articles, hashing_encoder).ask("How much did the harbour levy raise?")
    assert {o.outlet for o in cut.outlets} == {"Alpha", "Beta"} and cut.disagreements == []


def test_empty_question_gets_a_message_not_an_error(small_service):
    answer = small_service.ask("   ")
    assert answer.outlets == [] and "empty" in answer.message


def test_k_limits_snippets(small_service):
    answer = small_service.ask("mayor bridge river", k=1)
    assert all(len(o.snippets) == 1 for o in answer.outlets)


@pytest.fixture(scope="module")
def seed_service(real_encoder) -> QAService:
    return QAService.from_articles(read_articles([SEEDS]).articles, real_encoder, name="seeds")


@pytest.mark.model
def test_showcase_question(seed_service):
    answer = seed_service.ask("What did Tokayev tell Scholz?")
    by_outlet = {o.outlet: o for o in answer.outlets}
    assert {"The Kyiv Independent", "bne IntelliNews", "RT"} <= set(by_outlet)
    for outlet in ("The Kyiv Independent", "bne IntelliNews"):
        assert any("Russia cannot be defeated in the military sense" in s.text for s in by_outlet[outlet].snippets)
    assert any("Scholz" in s.text for s in by_outlet["RT"].snippets)
    # Two stories: the September visit, and RT's January story, which joins for its mention of what Tokayev told
    # Scholz. Caliber.Az and Yeni Safak covered only the January call, not the visit: counted, not listed as silent.
    assert [s.first_published.isoformat() for s in answer.stories] == ["2024-09-17", "2025-01-03"]
    assert answer.silent == [] and answer.n_uncovered_outlets == 2


@pytest.mark.model
def test_no_gold_question_gets_boilerplate(seed_service, seeds_gold):
    for item in seeds_gold:
        answer = seed_service.ask(item["question"])
        for outlet in answer.outlets:
            for snippet in outlet.snippets:
                passage = seed_service.index.passage_by_id[snippet.passage_id]
                assert passage.is_evidence, (item["id"], snippet.text)
                for junk in ("Syrskyi", "Umerov", "inauguration", "indicates required", "Subscribe", "MORE NEWS"):
                    assert junk not in snippet.text


def test_open_loads_the_model_in_a_thread_while_it_reads_the_index_and_still_refuses_another_model(tmp_path,
                                                                                                  monkeypatch):
    import threading

    from index.embed import HashingEncoder
    from index.store import IndexStore, IndexUnusable
    from index.update import update_index

    store = IndexStore(tmp_path / "idx")
    update_index(store, read_articles([SEEDS]).articles, HashingEncoder(64))
    loaded_in: list[str] = []

    def load(dimension):
        def fake(path=None, **kwargs):
            loaded_in.append(threading.current_thread().name)
            return HashingEncoder(dimension)
        return fake

    monkeypatch.setattr("index.embed.load_encoder", load(64))
    service = QAService.open(store.root)
    assert service.encoder.name == "hashing-64" and service.ask("What did Tokayev tell Scholz?").outlets
    assert loaded_in and loaded_in[0].startswith("factqa-model")
    monkeypatch.setattr("index.embed.load_encoder", load(32))
    with pytest.raises(IndexUnusable, match="built with hashing-64, not hashing-32"):
        QAService.open(store.root)
