"""The article screen, the matrix toggle, export, help, the command palette and the corpus opener."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from textual.color import Color

from index.embed import HashingEncoder

from index.models import Article
from qa.models import Answer
from qa.service import QAService
from tests.tui.conftest import QUESTION, FixtureService
from tests.tui.helpers import Notes, ask, async_test, screen_text, settle
from tui.app import FactQAApp
from tui.screens.article import ArticleScreen
from tui.screens.ask import AskScreen
from tui.screens.help import HelpScreen
from tui.screens.open_corpus import OpenCorpusScreen
from tui.screens.save import SaveScreen
from tui.widgets.claim_matrix import ClaimMatrix
from tui.widgets.disagreement_list import DisagreementList
from tui.widgets.outlet_card import OutletCard, SnippetView


@async_test
async def test_enter_on_a_snippet_opens_the_article_at_it_and_escape_goes_back(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        card = next(c for c in app.screen.query(OutletCard) if c.outlet.outlet == "Beta Times")
        snippet = card.query(SnippetView).first()
        snippet.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.id == "beta" and (app.screen.start, app.screen.end) == (snippet.start, snippet.end)
        assert app.screen.target is not None and "-target" in app.screen.target.classes
        assert "Mayor Lina Park told councillors on March 4" in screen_text(app.screen.target)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)


@async_test
async def test_a_long_article_is_scrolled_to_the_snippet_and_boilerplate_is_dimmed(hashing_encoder):
    paragraphs = [f"Paragraph {n} is filler about the weather in the valley." for n in range(60)]
    paragraphs.insert(45, "The harbour bridge reopens on May 12, the mayor said.")
    paragraphs.append("Sign up for our newsletter to get the news every morning.")
    text = "\n\n".join(paragraphs)
    article = Article(id="long", outlet="Long Post", title="A long one", text=text)
    service = QAService.from_articles([article], hashing_encoder, name="long")
    start = text.index("The harbour bridge")
    end = text.index("said.", start) + len("said.")
    app = FactQAApp(service=service)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ArticleScreen(article, service.passages_of("long"), start, end))
        await settle(app, pilot)
        body = app.screen.query_one("#article-body")
        target = app.screen.target
        assert body.scroll_y > 30
        assert body.scrollable_content_region.contains_region(target.region)
        assert "The harbour bridge reopens on May 12" in screen_text(target)
        boiler = [p for p in service.passages_of("long") if p.boilerplate]
        spans = ArticleScreen(article, service.passages_of("long"), start, end)._spans()
        assert all((p.start, p.end, "dim") in spans for p in boiler)


@async_test
async def test_ctrl_t_toggles_the_claim_by_outlet_matrix(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        matrix = app.screen.query_one(ClaimMatrix)
        assert not matrix.display
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert matrix.display and not app.screen.query_one("#cards").display
        assert app.focused is app.screen.query_one("#question")  # the focus stays where it was
        assert matrix.row_count == 4 and len(matrix.columns) == 4  # a row per outlet, a column per claim
        assert [str(c.label) for c in matrix.columns.values()] == ["outlet", "answer", "date (major)", "quote (minor)"]
        names = [str(matrix.get_cell_at((r, 0))) for r in range(4)]
        assert names == [o.outlet for o in app.answer.outlets] + ["Epsilon Herald"]  # answering first, then silent
        table = screen_text(matrix)
        assert "≠ March 3" in table and "≠ March 4" in table and "silent" in table
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not matrix.display and app.screen.query_one("#cards").display


WIDE = ["Alpha News", "Beta Times", "Harbour Gazette", "The Kyiv Independent", "bne IntelliNews",
        "Northern Ledger Weekly", "Eta Post", "Theta Chronicle", "Iota Wire"]


def _wide_service():
    """Nine outlets reporting the bridge (Alpha News and Beta Times carry the fixture's disagreements)."""
    articles = [Article(id=f"w{n}", outlet=name, title=f"Bridge report {n}", published=dt.date(2024, 3, 1 + n),
                        text=f"The Harbour Bridge will reopen in May, {name} reported.\n\nRepairs to the cables "
                             f"continue, crew chief {n} said.") for n, name in enumerate(WIDE)]
    return FixtureService.from_articles(articles, HashingEncoder(64), name="wide corpus")


@pytest.mark.parametrize("width", [120, 80])
@async_test
async def test_the_matrix_fits_nine_outlets_with_their_full_names(width):
    app = FactQAApp(service=_wide_service())
    async with app.run_test(size=(width, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        assert len(app.answer.outlets) + len(app.answer.silent) == 9
        await pilot.press("ctrl+t")
        await pilot.pause()
        matrix = app.screen.query_one(ClaimMatrix)
        lines = screen_text(matrix).splitlines()
        assert "outlet" in lines[0] and "answer" in lines[0] and "date (major)" in lines[0] and "quote" in lines[0]
        shown = [re.split(r"\s{2,}", line.strip())[0] for line in lines[1:10]]
        assert sorted(shown) == sorted(WIDE)  # every outlet, every name whole
        assert matrix.region.right <= width


@async_test
async def test_enter_on_a_matrix_cell_opens_that_outlets_sentence_for_the_claim(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        await pilot.press("ctrl+t")
        await pilot.pause()
        matrix = app.screen.query_one(ClaimMatrix)
        matrix.focus()
        matrix.move_cursor(row=matrix.outlets.index("Beta Times"), column=2)  # Beta Times × date (major)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article.id == "beta"
        assert "Mayor Lina Park told councillors on March 4" in screen_text(app.screen.target)


@async_test
async def test_the_first_tab_enter_after_toggling_the_matrix_opens_the_first_disagreement(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        panel = app.screen.query_one(DisagreementList)
        for presses in (["ctrl+t"], ["ctrl+t"]):  # matrix on, then off again
            await pilot.press(*presses)
            await pilot.pause()
            await pilot.press("tab", "enter")
            await pilot.pause()
            assert panel.selected == 0 and app.answer.question == QUESTION
            await pilot.press("enter", "shift+tab")  # hide the sides again, back to the question bar
            await pilot.pause()
            assert panel.selected is None and app.focused is app.screen.query_one("#question")


@async_test
async def test_toggling_the_matrix_moves_the_focus_out_of_the_view_it_hides(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        snippet = app.screen.query(SnippetView).last()
        snippet.focus()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.focused is app.screen.query_one(ClaimMatrix)
        await pilot.press("ctrl+t")
        await pilot.pause()
        first = app.screen.query_one("#cards").query(SnippetView).first()
        assert app.focused is first and first.display


@async_test
async def test_focus_is_visible_on_the_question_bar_the_flags_and_the_snippets(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        accent = Color.parse(app.get_css_variables()["accent"])
        bar = app.screen.query_one("#question")
        flags = app.screen.query_one("#flags")
        snippet = app.screen.query(SnippetView).first()
        for widget, edge in ((bar, "border_top"), (flags, "border_left"), (snippet, "border_left")):
            widget.focus()
            await pilot.pause()
            kind, color = getattr(widget.styles, edge)
            assert kind in ("tall", "thick") and color == accent, widget
            app.screen.query_one("#cards").query(SnippetView).last().focus()
            await pilot.pause()
            if widget is not app.focused:
                kind, color = getattr(widget.styles, edge)
                assert not (kind in ("tall", "thick") and color == accent), widget


@async_test
async def test_export_saves_the_answer_json_and_markdown(service, tmp_path):
    app = FactQAApp(service=service, export_dir=tmp_path)
    notes = Notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        path_input = app.screen.query_one("#save-path")
        assert path_input.value == str(tmp_path / "factqa-when-will-the-harbour-bridge-reopen.md")
        path_input.value = str(tmp_path / "answer.json")
        await pilot.press("enter")
        await pilot.pause()
        saved = (tmp_path / "answer.json").read_text(encoding="utf-8")
        assert Answer.model_validate_json(saved) == app.answer
        assert json.loads(saved) == json.loads(app.answer.model_dump_json())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#save-md")
        await pilot.pause()
        markdown = (tmp_path / "factqa-when-will-the-harbour-bridge-reopen.md").read_text(encoding="utf-8")
        assert markdown.startswith("# When will the Harbour Bridge reopen?\n")
        assert "## Beta Times" in markdown and "**Covered the story but do not answer:** Epsilon Herald" in markdown
        assert "*1 other outlet in the corpus did not cover this story.*" in markdown
        written = (tmp_path / "factqa-when-will-the-harbour-bridge-reopen.md").resolve()
        assert ("information", f"Saved Markdown to {written}") in notes.items


@async_test
async def test_export_asks_before_replacing_a_file_and_names_the_full_path(service, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "factqa-when-will-the-harbour-bridge-reopen.md"
    existing.write_text("keep me\n", encoding="utf-8")
    app = FactQAApp(service=service)  # no export folder: a name relative to the current folder
    notes = Notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, QUESTION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#save-path").value == existing.name
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen) and existing.read_text(encoding="utf-8") == "keep me\n"
        warning = "".join(screen_text(app.screen.query_one("#save-warning")).split())  # the path wraps anywhere
        assert f"{existing.resolve()}exists." in warning and "againtoreplaceit" in warning
        await pilot.press("end", "x")  # another name: the warning goes, and that name is saved at once
        await pilot.pause()
        assert not app.screen.query_one("#save-warning").display
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen) and existing.read_text(encoding="utf-8") == "keep me\n"
        await pilot.press("enter")  # the same name twice: replace it
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        assert existing.read_text(encoding="utf-8").startswith("# When will the Harbour Bridge reopen?")
        assert ("information", f"Saved Markdown to {existing.resolve()}") in notes.items


@async_test
async def test_export_before_asking_and_into_a_folder_are_refused_politely(service, tmp_path):
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        await ask(app, pilot, QUESTION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-path").value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert notes.errors() and notes.errors()[-1].startswith("Export failed:") and app.is_running


@async_test
async def test_help_opens_with_f1_and_question_mark_and_the_palette_lists_every_action(service):
    app = FactQAApp(service=service)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("?")  # typed into the question bar: questions end with "?"
        assert app.screen.query_one("#question").value == "?" and isinstance(app.screen, AskScreen)
        await ask(app, pilot, QUESTION)
        app.screen.query(SnippetView).first().focus()
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Ask a question", "Toggle claim × outlet matrix", "Export answer as Markdown",
                "Export answer as JSON", "Stories", "Open corpus / ingest folder", "Cancel question", "Help"} <= titles


@async_test
async def test_the_corpus_opener_ingests_a_folder_with_progress_and_switches_to_it(service, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text("Ferry news\n\nThe ferry to the island resumes service on Monday.\n", encoding="utf-8")
    (folder / "two.txt").write_text("Rail news\n\nThe new tram line opens in June, the council said.\n", encoding="utf-8")
    index_dir = tmp_path / "my-index"
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OpenCorpusScreen)
        app.screen.query_one("#index-dir").value = str(index_dir)
        app.screen.query_one("#ingest-path").value = str(folder)
        await pilot.click("#ingest")
        await settle(app, pilot)
        bar = app.screen.query_one("#ingest-progress")
        assert bar.display and bar.total and bar.progress == bar.total
        shown = " ".join(screen_text(app.screen.query_one("#corpus-log")).split())  # the long tmp path wraps lines
        assert "2 new, 0 changed, 0 unchanged, 0 failed" in shown
        assert app.index_dir == index_dir and app.service.corpus_info().n_articles == 2
        await pilot.press("escape")
        await ask(app, pilot, "When does the ferry resume service?")
        assert [o.outlet for o in app.answer.outlets][:1] in (["one"], ["two"])
        assert not notes.errors()


@async_test
async def test_opening_a_folder_without_an_index_keeps_the_current_corpus(service, tmp_path):
    app = FactQAApp(service=service)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#index-dir").value = str(tmp_path / "empty")
        app.screen.query_one("#index-dir").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert notes.errors() and "no index here" in notes.errors()[0]
        assert app.service is service
        await ask(app, pilot, QUESTION)
        assert app.answer is not None and app.answer.outlets


def test_the_app_needs_a_service():
    import pytest

    with pytest.raises(ValueError, match="service"):
        FactQAApp()

