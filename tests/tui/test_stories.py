"""Stories in the TUI: the answer names its story and coverage, wire copies are marked, the stories screen
shows who covered a story and who did not, and Enter there restricts the questions to it."""

from __future__ import annotations

import datetime as dt

from index.embed import HashingEncoder
from index.models import Article
from qa.models import Answer, CorpusInfo, OutletAnswer, SilentOutlet, Snippet, StoryRef
from tests.tui.conftest import GAMMA, QUESTION, FixtureService, fixture_articles
from tests.tui.helpers import Notes, ask, async_test, screen_text, settle
from tui.app import FactQAApp
from tui.export import answer_markdown
from tui.screens.ask import AskScreen, silent_text, story_header
from tui.screens.stories import StoriesScreen
from tui.stories import card_stories, stories_of, uncovered_line, wire_copies
from tui.widgets.outlet_card import OutletCard

BRIDGE = "Harbour Bridge to reopen in May, mayor says"


def _lines(widget) -> list[str]:
    return [line.strip() for line in screen_text(widget).splitlines() if line.strip()]


def _with_wire_copy() -> FixtureService:
    """The fixture plus Zeta Wire, which carries Gamma Daily's report word for word."""
    zeta = Article(id="zeta", outlet="Zeta Wire", title="Bridge to reopen in May", published=dt.date(2024, 3, 5),
                   text=GAMMA)
    return FixtureService.from_articles(fixture_articles() + [zeta], HashingEncoder(64), name="fixture corpus")


def _story(sid: str, title: str, first: dt.date, last: dt.date, outlets: list[str], independent: int) -> StoryRef:
    return StoryRef(id=sid, title=title, first_published=first, last_published=last, outlets=outlets,
                    n_articles=len(outlets), n_independent=independent)


def _card(outlet: str, source: str | None = None) -> OutletAnswer:
    text = f"{outlet} says the bridge reopens in May."
    snippet = Snippet(passage_id=f"{outlet}#0", article_id=outlet, text=text, start=0, end=len(text), window_start=0,
                      window_end=len(text), score=0.9, dense=0.5, bm25=1.0)
    return OutletAnswer(outlet=outlet, article_id=outlet, title="t", snippets=[snippet], relevance=0.9, source=source)


@async_test
async def test_the_answer_names_its_story_and_counts_the_outlets_that_did_not_cover_it(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        assert _lines(app.screen.query_one("#story")) == [
            f"Story: “{BRIDGE}”",
            "2024-03-03 to 2024-03-05 · covered by 4 outlets, 4 independent reports"]  # Alpha, Beta, Gamma, Epsilon
        assert _lines(app.screen.query_one("#silent")) == [
            "Covered the story but do not answer: Epsilon Herald",
            "1 other outlet in the corpus did not cover this story."]  # Delta Post's football
        assert "Delta Post" not in screen_text(app.screen)


@async_test
async def test_cards_carrying_one_wire_report_are_marked_as_copies():
    app = FactQAApp(service=_with_wire_copy())
    async with app.run_test(size=(120, 60)) as pilot:
        await ask(app, pilot, QUESTION)
        cards = {c.outlet.outlet: " ".join(_lines(c)) for c in app.screen.query(OutletCard)}
        assert "wire copy: same report as Zeta Wire" in cards["Gamma Daily"]
        assert "wire copy: same report as Gamma Daily" in cards["Zeta Wire"]
        assert not any("wire copy" in cards[o] for o in ("Alpha News", "Beta Times"))
        assert _lines(app.screen.query_one("#story"))[1].endswith("covered by 5 outlets, 4 independent reports")


def test_an_answer_spanning_two_stories_lists_both():
    early = _story("s-1", "Bridge closes for repairs", dt.date(2023, 10, 2), dt.date(2023, 10, 4),
                   ["Alpha News", "Beta Times"], 2)
    later = _story("s-2", "Bridge reopens", dt.date(2024, 5, 1), dt.date(2024, 5, 1), ["Alpha News"], 1)
    answer = Answer(question="When did the bridge close?", outlets=[], silent=[], stories=[early, later],
                    n_uncovered_outlets=139,
                    corpus=CorpusInfo(name="c", model="m", n_articles=9, n_passages=9, n_outlets=141), latency_ms=1.0)
    assert story_header(answer).plain.splitlines() == [
        "Spans 2 stories:",
        "• “Bridge closes for repairs” · 2023-10-02 to 2023-10-04 · covered by 2 outlets, 2 independent reports",
        "• “Bridge reopens” · 2024-05-01 · covered by 1 outlet, 1 independent report"]
    assert silent_text(answer).plain == "139 other outlets in the corpus did not cover these stories."
    cards = [_card("Alpha News").model_copy(update={"story_id": "s-2"}), _card("Beta Times")]
    two = answer.model_copy(update={"outlets": cards, "silent": [SilentOutlet(outlet="Gamma Daily", article_ids=["g"])]})
    assert card_stories(two) == {"Alpha News": "story 2 of 2: “Bridge reopens”"}  # Beta Times' card names no story
    assert silent_text(two).plain.splitlines()[0] == "Covered these stories but do not answer: Gamma Daily"
    assert "## Alpha News\n\n*t* — date unknown\n*story 2 of 2: “Bridge reopens”*\n" in answer_markdown(two)
    markdown = answer_markdown(answer)
    assert "**Spans 2 stories:**\n\n- “Bridge closes for repairs” · 2023-10-02 to 2023-10-04 · covered by 2" in markdown
    assert "*139 other outlets in the corpus did not cover these stories.*" in markdown
    assert uncovered_line(answer.model_copy(update={"n_uncovered_outlets": 0})) is None
    assert uncovered_line(answer.model_copy(update={"stories": []})) is None  # no story: no "did not cover" line


def test_wire_copies_pair_only_cards_that_share_a_source():
    cards = [_card("A", "x1"), _card("B", "x1"), _card("C", "x2"), _card("D"), _card("E", "x1")]
    assert wire_copies(cards) == {"A": ["B", "E"], "B": ["A", "E"], "E": ["A", "B"]}  # C's report has one card


def test_the_markdown_export_names_the_story_the_copies_and_the_uncovered_count():
    story = _story("s-1", BRIDGE, dt.date(2024, 3, 3), dt.date(2024, 3, 5), ["A", "B", "C"], 2)
    answer = Answer(question="When?", outlets=[_card("A", "a"), _card("B", "a")], silent=[], stories=[story],
                    n_uncovered_outlets=1,
                    corpus=CorpusInfo(name="c", model="m", n_articles=4, n_passages=9, n_outlets=4), latency_ms=1.0)
    markdown = answer_markdown(answer)
    assert f"**Story:** “{BRIDGE}” · 2024-03-03 to 2024-03-05 · covered by 3 outlets, 2 independent reports" in markdown
    assert markdown.index("## A") < markdown.index("*wire copy: same report as B*") < markdown.index("## B")
    assert "*1 other outlet in the corpus did not cover this story.*" in markdown


@async_test
async def test_the_stories_screen_shows_coverage_and_enter_asks_within_a_story(service):
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        table = app.screen.query_one("#stories-table")
        rows = [" ".join(str(table.get_cell_at((r, c))) for c in range(4)).split() for r in range(table.row_count)]
        assert rows == [["All", "stories", "5"],
                        ["2024-03-03", "to", "2024-03-05", *BRIDGE.split(), "4", "4"],
                        ["2024-03-02", "Third", "win", "in", "a", "row", "1", "1"]]  # newest first
        await pilot.press("down")
        await pilot.pause()
        coverage = " ".join(_lines(app.screen.query_one("#coverage")))
        assert "Covered by 4 outlets: Alpha News, Beta Times, Epsilon Herald, Gamma Daily" in coverage  # by first article
        assert "Did not cover it (1 outlet): Delta Post" in coverage
        await pilot.press("tab")  # the coverage panel takes the focus (a long blindspot list scrolls by keys)
        assert app.focused is app.screen.query_one("#stories-coverage")
        await pilot.press("shift+tab")
        await pilot.press("down", "enter")  # the football story
        await pilot.pause()
        assert isinstance(app.screen, AskScreen) and app.story.title == "Third win in a row"
        assert screen_text(app.screen.query_one("#status")).strip().startswith("Within “Third win in a row” (Ctrl+B)")
        await ask(app, pilot, QUESTION)  # the bridge question, within the football story: no bridge outlet answers
        assert app.answer.outlets == []
        message = " ".join(screen_text(app.screen.query_one("#message")).split())
        assert "Asked within “Third win in a row” only; Ctrl+B, then All stories, asks across the corpus." in message
        assert "did not cover" not in screen_text(app.screen)
        await ask(app, pilot, "Who won the football match on Saturday?")
        assert [s.title for s in app.answer.stories] == ["Third win in a row"]
        assert [o.outlet for o in app.answer.outlets] == ["Delta Post"]
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.selected().title == "Third win in a row"  # the cursor starts on the current story
        await pilot.press("ctrl+home", "enter")  # All stories
        await pilot.pause()
        assert app.story is None
        await ask(app, pilot, QUESTION)
        assert [s.title for s in app.answer.stories] == [BRIDGE] and not notes.errors()


@async_test
async def test_without_stories_the_key_says_so_and_asking_still_works(service):
    service.stories = None  # an index of an older factqa: no listing, no grouping
    grouped, service.index.stories = service.index.stories, {}
    original = service.ask
    asked = []

    def ask_without_story(question, k=None):
        asked.append(question)
        return original(question, k)

    service.ask = ask_without_story
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert stories_of(service) == []
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert any("groups no stories" in m for s, m in notes.items if s == "warning")
        service.index.stories = grouped  # (the service's own ask needs them)
        app.story = StoryRef(id="s-x", title="Old story", outlets=["A"], n_articles=1, n_independent=1)
        await ask(app, pilot, QUESTION)  # an ask() without story= is called without it
        assert asked == [QUESTION] and app.answer is not None and not notes.errors()


def test_the_stories_listing_falls_back_to_the_index(service):
    service.stories = None
    refs = stories_of(service)
    assert [r.title for r in refs] == [BRIDGE, "Third win in a row"]
    assert refs[0].n_independent == 4 and set(refs[0].outlets) == {"Alpha News", "Beta Times", "Gamma Daily",
                                                                   "Epsilon Herald"}
