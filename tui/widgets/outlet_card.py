"""One card per answering outlet: outlet, title, date, a wire-copy mark when other cards carry the same
report, its snippets (question terms and differing spans highlighted, relevance dimmed). A snippet is focusable: Enter or a click opens the article there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from qa.models import OutletAnswer, Snippet
from qa.render import CONTESTED_NOTE
from tui.messages import OpenArticle
from qa.sanitize import clean_text
from tui.stories import wire_note
from tui.styled import DIFFERS, Span, styled, term_spans


class SnippetView(Static, can_focus=True):
    """A snippet of article text; Enter (or a click) opens the article scrolled to it."""

    DEFAULT_CSS = """
    SnippetView { padding: 0 1 0 0; border-left: blank; }
    SnippetView:focus { background: $accent 20%; border-left: thick $accent; text-style: none; }
    SnippetView:hover { background: $boost; }
    """
    BINDINGS = [Binding("enter", "open", "Open article")]

    def __init__(self, body: Text, article_id: str, start: int, end: int,
                 spans: list[tuple[int, int]] | None = None, **kwargs) -> None:
        super().__init__(body, **kwargs)
        self.article_id = article_id
        self.start = start
        self.end = end
        self.spans = spans or []

    def action_open(self) -> None:
        """Ask the app to show the article at this snippet."""
        self.post_message(OpenArticle(self.article_id, self.start, self.end, list(self.spans)))

    def on_click(self) -> None:
        self.action_open()


def snippet_text(snippet: Snippet, terms: set[str], differing: list[tuple[int, int]]) -> Text:
    """``• snippet (0.97)`` with question terms bold and differing spans in red."""
    spans: list[Span] = term_spans(snippet.text, terms, snippet.start)
    spans += [(s, e, DIFFERS) for s, e in differing]
    body = Text("• ")
    body.append_text(styled(snippet.text, spans, base=snippet.start))
    if snippet.cut:
        body.append(" …", style="dim")
    body.append(f"  {snippet.score:.2f}", style="dim")
    return body


class OutletCard(Vertical):
    """What one outlet says."""

    DEFAULT_CSS = """
    OutletCard { height: auto; border: round $primary 50%; padding: 0 0; margin: 0 0 1 0; }
    OutletCard:focus-within { border: round $accent; }
    OutletCard > .card-head { padding: 0 1; }
    """

    def __init__(self, outlet: OutletAnswer, terms: set[str], differing: dict[str, list[tuple[int, int]]],
                 copy_of: list[str] | None = None, story: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.outlet = outlet
        self.terms = terms
        self.differing = differing
        self.copy_of = copy_of or []
        """Other answering outlets carrying the same report (a wire story): not independent corroboration."""
        self.story = story
        """Which of the answer's stories the card is from (only when it spans several)."""

    def compose(self) -> ComposeResult:
        o = self.outlet
        head = Text()
        head.append(clean_text(o.outlet), style="bold")
        date = o.published.isoformat() if o.published else "date unknown"
        head.append(f"  {date}", style="dim")
        head.append("\n")
        head.append(clean_text(o.title), style="italic")
        if self.story:
            head.append("\n" + clean_text(self.story), style="dim")
        if self.copy_of:
            head.append("\n" + wire_note(self.copy_of), style="magenta")
        if o.contested:
            head.append("\n" + CONTESTED_NOTE, style="yellow")
        yield Static(head, classes="card-head")
        for snippet in o.snippets:
            spans = [(s, e) for s, e in self.differing.get(snippet.article_id, [])
                     if s < snippet.end and e > snippet.start]
            yield SnippetView(snippet_text(snippet, self.terms, spans), snippet.article_id, snippet.start,
                              snippet.end, spans, classes="snippet")
