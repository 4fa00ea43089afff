"""Help (F1 or ?): what the screen shows and every key."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Enter", "ask the question (in the question bar); open the article (on a snippet or a matrix cell)"),
    ("↑ / ↓", "previous / next question from the history (kept across runs)"),
    ("PgUp / PgDn", "scroll the answer (or the article)"),
    ("Tab / Shift+Tab", "move between the question bar, disagreements, snippets and the matrix"),
    ("Ctrl+T", "toggle the claim × outlet matrix: a row per outlet, a column per claim (agrees / differs / "
               "not stated / silent)"),
    ("Ctrl+B", "stories: each story's dates, outlets and independent reports, who did not cover it; "
               "Enter asks within one (All stories lifts it)"),
    ("Ctrl+S", "export the answer as Markdown (.md) or JSON (.json)"),
    ("Ctrl+O", "open another index folder, or ingest a folder of articles"),
    ("Escape", "cancel a running question; back from the article; close a dialog"),
    ("Ctrl+L", "back to the question bar"),
    ("Ctrl+P", "command palette: every action by name"),
    ("F1 / ?", "this help (? when the question bar is not focused)"),
    ("Ctrl+Q", "quit"),
]

ABOUT = (
    "factqa shows what every outlet in the corpus says about your question. On top: the story it is about "
    "(dates, how many outlets and independent reports covered it), the disagreements "
    "(kind, severity, both values; Enter shows both sentences with the differing words in red, and the "
    "word diff for quotes), then the consensus, one card per answering outlet (question terms in bold, "
    "relevance dimmed; copies of one wire report are marked), the story's outlets that do not answer and a count "
    "of those that did not cover it. In an article, the snippet is highlighted, "
    "boilerplate is dimmed, S jumps back to the snippet."
)


class HelpScreen(ModalScreen[None]):
    """Keys and a short explanation; any of Escape, F1, ? or Q closes it."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(key, what)
        with VerticalScroll(id="help-box"):
            yield Static(Text("factqa — keys", style="bold"))
            yield Static(table)
            yield Static(Text(ABOUT, style="dim"), id="help-about")
            yield Static(Text("Escape closes", style="dim italic"))
