"""Article text is data: Rich/Textual markup is shown literally, ANSI escapes and control characters never
reach the terminal — in the cards, the article screen and the Markdown export."""

from __future__ import annotations

from index.models import Article
from qa.service import QAService
from tests.tui.helpers import ask, async_test, screen_text, settle
from tui.app import FactQAApp
from tui.export import answer_markdown
from tui.screens.article import ArticleScreen
from tui.widgets.outlet_card import SnippetView

HOSTILE = ("The lighthouse keeper wrote [bold red]x[/] on the lighthouse wall, "
           "then \x1b[31mpainted\x1b[0m it over\x07 at night.")


def hostile_service(encoder) -> QAService:
    article = Article(id="evil", outlet="[link=http://x]Evil[/link] Gazette", title="[b]Lighthouse[/b]",
                      text=HOSTILE + "\n\nThe lighthouse keeper retired in June.")
    other = Article(id="calm", outlet="Calm Courier", title="Weather", text="It rained all week in the valley.")
    return QAService.from_articles([article, other], encoder, name="hostile")


@async_test
async def test_markup_shows_literally_and_escapes_are_neutralised(hashing_encoder):
    service = hostile_service(hashing_encoder)
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, "What did the lighthouse keeper write on the wall?")
        cards = screen_text(app.screen.query_one("#cards"))
        assert "[link=http://x]Evil[/link] Gazette" in cards and "[b]Lighthouse[/b]" in cards
        assert "wrote [bold red]x[/] on the lighthouse wall, then painted it over at night." in cards
        assert "\x1b" not in cards and "\x07" not in cards
        snippet = next(s for s in app.screen.query(SnippetView) if "wall" in screen_text(s))
        snippet.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        shown = screen_text(app.screen)
        assert "[bold red]x[/]" in shown and "then painted it over at night." in shown
        assert "\x1b" not in shown and "[31m" not in shown


def test_markdown_export_is_inert(hashing_encoder):
    answer = hostile_service(hashing_encoder).ask("What did the lighthouse keeper write on the wall?")
    markdown = answer_markdown(answer)
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert r"\[bold red\]x\[/\]" in markdown and r"\[link=http://x\]Evil\[/link\] Gazette" in markdown
