"""Asking from the question bar: cards, silent outlets, disagreements, history, start-up, cancel, errors."""

from __future__ import annotations

import threading

from index.store import IndexUnusable
from qa.models import Answer
from tests.tui.conftest import QUESTION
from tests.tui.helpers import Notes, async_test, ask, screen_text, settle
from tui.app import FactQAApp
from tui.history import History
from tui.widgets.disagreement_list import DisagreementList
from tui.widgets.outlet_card import OutletCard, SnippetView
from tui.widgets.question_bar import QuestionBar


@async_test
async def test_ask_shows_a_card_per_answering_outlet_and_the_silent_ones(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        cards = app.screen.query(OutletCard)
        assert sorted(c.outlet.outlet for c in cards) == ["Alpha News", "Beta Times", "Gamma Daily"]
        silent = [line.strip() for line in screen_text(app.screen.query_one("#silent")).splitlines()]
        assert silent == ["Covered the story but do not answer: Epsilon Herald",
                          "1 other outlet in the corpus did not cover this story."]
        status = screen_text(app.screen.query_one("#status"))
        assert "fixture corpus (5 articles, 5 outlets) · " in status
        assert app.answer is not None and app.answer.question == QUESTION


@async_test
async def test_disagreements_are_on_top_and_enter_shows_both_sides(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        panel = app.screen.query_one(DisagreementList)
        assert panel.region.y < min(c.region.y for c in app.screen.query(OutletCard))
        flags = screen_text(panel.query_one("#flags"))
        assert "date (major) — Alpha News: March 3 · Beta Times: March 4" in flags
        await pilot.press("tab", "down", "enter")  # second flag: the quote
        await pilot.pause()
        assert panel.selected == 1
        detail = screen_text(panel.query_one("#flag-detail"))
        assert "Alpha News: \"The repairs are ahead of schedule and under budget,\" Park said." in detail
        assert "word diff: The repairs are ahead of schedule and under budget" in detail
        await pilot.press("enter")  # selecting it again hides the sides
        await pilot.pause()
        assert panel.selected is None and not panel.query(SnippetView)


@async_test
async def test_history_walks_back_and_forward_and_survives_a_restart(service, tmp_path):
    path = tmp_path / "history.jsonl"
    app = FactQAApp(service=service, history=History(path))
    async with app.run_test() as pilot:
        await ask(app, pilot, "When did the bridge close?")
        await ask(app, pilot, QUESTION)
        bar = app.screen.query_one(QuestionBar)
        bar.value = "draft"
        await pilot.press("up")
        assert bar.value == QUESTION
        await pilot.press("up")
        assert bar.value == "When did the bridge close?"
        await pilot.press("up")
        assert bar.value == "When did the bridge close?"
        await pilot.press("down", "down")
        assert bar.value == "draft"
    again = FactQAApp(service=service, history=History(path))
    async with again.run_test() as pilot:
        await settle(again, pilot)
        await pilot.press("up")
        assert again.screen.query_one(QuestionBar).value == QUESTION


@async_test
async def test_typing_works_while_loading_and_the_question_is_asked_when_ready(service):
    release = threading.Event()

    def slow_factory(report):
        report(1, 2)
        release.wait(10)
        return service

    app = FactQAApp(service_factory=slow_factory)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*QUESTION, "enter")
        await pilot.pause()
        assert app.service is None and app.pending == QUESTION
        status = screen_text(app.screen.query_one("#status"))
        assert "Indexing the demo corpus (first run): 1/2 passages…" in status
        assert status.strip().endswith(" s · question queued")
        release.set()
        await settle(app, pilot)
        assert app.answer is not None and {o.outlet for o in app.answer.outlets} >= {"Alpha News"}


@async_test
async def test_escape_cancels_a_running_question_and_its_answer_is_dropped(service):
    release = threading.Event()
    original = service.ask

    def slow_ask(question, k=None) -> Answer:
        release.wait(10)
        return original(question, k)

    service.ask = slow_ask
    app = FactQAApp(service=service)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press(*QUESTION, "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Question cancelled." in screen_text(app.screen.query_one("#status"))
        release.set()
        await settle(app, pilot)
        assert app.answer is None and not app.screen.query(OutletCard)


@async_test
async def test_a_failing_ask_is_a_notification_not_a_crash(service):
    def broken(question, k=None):
        raise RuntimeError("index went away")

    service.ask = broken
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await ask(app, pilot, QUESTION)
        assert notes.errors() == ["Could not answer: index went away"]
        assert app.is_running and app.answer is None
        assert "fixture corpus" in screen_text(app.screen.query_one("#status"))


@async_test
async def test_a_corpus_that_cannot_load_is_reported_and_the_ui_stays_usable():
    def factory(progress):
        raise IndexUnusable("/nowhere: no index here; create one with `factqa ingest PATH --index /nowhere`")

    app = FactQAApp(service_factory=factory)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert notes.errors() == [
            "Could not open the corpus: /nowhere: no index here; create one with `factqa ingest PATH --index /nowhere`"]
        assert "Could not open the corpus." in screen_text(app.screen.query_one("#status"))
        await pilot.press(*"still typing", "enter")
        await pilot.pause()
        assert app.screen.query_one(QuestionBar).value == "still typing"


@async_test
async def test_an_empty_question_is_refused_with_a_hint(service):
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await ask(app, pilot, "   ")
        assert ("warning", "Type a question first.") in notes.items and app.answer is None


@async_test
async def test_the_status_line_tells_each_loading_stage_then_the_corpus(service):
    steps = [threading.Event() for _ in range(3)]
    shown = [threading.Event() for _ in range(3)]

    def staged_factory(report):
        report.stage("Loading the language model…")
        shown[0].set()
        steps[0].wait(10)
        report(40, 183)
        shown[1].set()
        steps[1].wait(10)
        report(183, 183)  # indexed: the index is opened next
        shown[2].set()
        steps[2].wait(10)
        return service

    app = FactQAApp(service_factory=staged_factory)
    async with app.run_test(size=(120, 24)) as pilot:
        seen = []
        for step, done in zip(steps, shown):
            done.wait(10)
            await pilot.pause()
            await pilot.pause()
            seen.append(screen_text(app.screen.query_one("#status")).strip())
            step.set()
        await settle(app, pilot)
        assert seen[0].startswith("Loading the language model… ") and seen[0].endswith(" s")
        assert seen[1].startswith("Indexing the demo corpus (first run): 40/183 passages… ")
        assert seen[2].startswith("Indexed 183 passages · Opening the index… ")
        assert screen_text(app.screen.query_one("#status")).strip().startswith("fixture corpus (5 articles, 5 outlets)")
        assert app.loading is None
