"""The ask screen: question bar, status line, then the answer (the story it is about and who covered it,
disagreements, consensus, outlet cards or the claim × outlet matrix, the story's silent outlets and a
count of the outlets that did not cover it)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from qa.models import Answer, CorpusInfo
from qa.sanitize import clean_text
from tui.history import History
from tui.stories import (card_stories, coverage, dates, silent_label, stories_heading, story_line, title_of, uncovered_line,
                         wire_copies)
from tui.styled import question_terms
from tui.widgets.claim_matrix import ClaimMatrix
from tui.widgets.disagreement_list import DisagreementList
from tui.widgets.outlet_card import OutletCard, SnippetView
from tui.widgets.question_bar import QuestionBar

WELCOME = (
    "Type a question about the news in the corpus and press Enter.\n"
    "↑/↓ recall earlier questions · Tab moves to the answer · Enter on a snippet opens its article\n"
    "Ctrl+T claim × outlet matrix · Ctrl+B stories · Ctrl+S export · Ctrl+O open or ingest a corpus · F1 help · "
    "Ctrl+Q quit"
)


def short_model(model: str) -> str:
    """``all-MiniLM-L6-v2`` for ``all-MiniLM-L6-v2@sha256:…``."""
    return model.split("@", 1)[0]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def status_text(info: CorpusInfo, label: str) -> Text:
    """``Demo corpus (5 articles, 5 outlets) · 183 passages · all-MiniLM-L6-v2``."""
    text = Text()
    text.append(clean_text(label), style="bold")
    text.append(f" ({_count(info.n_articles, 'article')}, {_count(info.n_outlets, 'outlet')})")
    text.append(f" · {_count(info.n_passages, 'passage')} · {clean_text(short_model(info.model))}", style="dim")
    return text


def story_header(answer: Answer) -> Text:
    """``Story: “<title>”`` over ``2024-03-03 to 2024-03-05 · covered by 4 outlets, 3 independent reports``;
    ``Spans 2 stories:`` then a line a story when the answer spans several."""
    text = Text()
    heading = stories_heading(answer)
    if heading is None:
        return text
    text.append(heading, style="bold")
    if len(answer.stories) == 1:
        story = answer.stories[0]
        text.append(f" “{title_of(story)}”\n", style="bold")
        text.append(f"{dates(story.first_published, story.last_published)} · {coverage(story)}", style="dim")
        return text
    for story in answer.stories:
        text.append("\n• ")
        text.append(story_line(story))
    return text


def silent_text(answer: Answer) -> Text:
    """The story's silent outlets by name, then one line counting the outlets that did not cover it."""
    text = Text()
    if answer.silent:
        text.append(silent_label(answer), style="bold")
        text.append(", ".join(clean_text(s.outlet) for s in answer.silent), style="dim")
    uncovered = uncovered_line(answer)
    if uncovered:
        if text.plain:
            text.append("\n")
        text.append(uncovered, style="dim italic")
    return text


class AskScreen(Screen):
    """Ask a question; see every outlet's answer side by side."""

    BINDINGS = [
        Binding("ctrl+t", "toggle_matrix", "Matrix"),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+b", "app.stories", "Stories"),
        Binding("ctrl+o", "open_corpus", "Corpus"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("escape", "escape", "Cancel ask / to question", show=False),
        Binding("ctrl+l", "focus_question", "Question", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history
        self.answer: Answer | None = None
        self.show_matrix = False

    def compose(self) -> ComposeResult:
        yield QuestionBar(self.history, id="question")
        yield Static("Loading the model and the index… (you can type already)", id="status")
        with VerticalScroll(id="answer", can_focus=False):
            yield Static(Text(WELCOME, style="dim"), id="welcome")
            yield Static(id="message")
            yield Static(id="story")
            yield Vertical(id="flags-box")
            yield Static(id="consensus")
            yield ClaimMatrix(id="matrix")
            yield Vertical(id="cards")
            yield Static(id="silent")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(QuestionBar).focus()
        for name in ("#message", "#story", "#consensus", "#matrix", "#silent"):
            self.query_one(name).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if isinstance(event.input, QuestionBar):
            event.stop()
            event.input.select_all()
            self.app.ask_question(event.value)

    def set_placeholder(self, text: str) -> None:
        """The question bar's hint (e.g. ``Ask about: <a headline of the corpus>``)."""
        self.query_one(QuestionBar).placeholder = text

    def set_status(self, text: Text | str) -> None:
        """Replace the status line (str is shown literally)."""
        self.query_one("#status", Static).update(Text(text) if isinstance(text, str) else text)

    def show_answer(self, answer: Answer) -> None:
        """Render ``answer`` below the question bar."""
        self.answer = answer
        self.query_one("#welcome").display = False
        message = self.query_one("#message", Static)
        message.display = bool(answer.message)
        message.update(Text(clean_text(answer.message or ""), style="yellow"))
        flags = self.query_one("#flags-box", Vertical)
        flags.remove_children()
        if answer.disagreements:
            flags.mount(DisagreementList(answer.disagreements))
        consensus = self.query_one("#consensus", Static)
        consensus.display = bool(answer.consensus)
        line = Text("Consensus: ", style="bold green")
        line.append(clean_text(answer.consensus or ""))
        consensus.update(line)
        differing: dict[str, list[tuple[int, int]]] = {}
        for d in answer.disagreements:
            for side in d.sides:
                differing.setdefault(side.article_id, []).extend(side.spans)
        terms = question_terms(answer.question)
        cards = self.query_one("#cards", Vertical)
        cards.remove_children()
        copies = wire_copies(answer.outlets)
        in_story = card_stories(answer)
        cards.mount_all([OutletCard(o, terms, differing, copies.get(o.outlet), in_story.get(o.outlet))
                         for o in answer.outlets])
        story = self.query_one("#story", Static)
        story.display = bool(answer.stories)
        story.update(story_header(answer))
        silent = self.query_one("#silent", Static)
        lines = silent_text(answer)
        silent.display = bool(lines.plain)
        silent.update(lines)
        self.query_one(ClaimMatrix).show(answer)
        self._apply_view()
        self.query_one("#answer", VerticalScroll).scroll_home(animate=False)

    def add_note(self, note: str) -> None:
        """Add a line (literally) under the answer's message."""
        message = self.query_one("#message", Static)
        text = Text(clean_text(self.answer.message or "") if self.answer else "", style="yellow")
        if text.plain:
            text.append("\n")
        text.append(clean_text(note), style="italic")
        message.update(text)
        message.display = True

    def _apply_view(self) -> None:
        has_answer = self.answer is not None and bool(self.answer.outlets or self.answer.silent)
        self.query_one("#matrix").display = self.show_matrix and has_answer
        self.query_one("#cards").display = not self.show_matrix

    def action_toggle_matrix(self) -> None:
        """Switch between the outlet cards and the claim × outlet matrix."""
        if self.answer is None:
            self.notify("Ask a question first: the matrix compares the outlets' answers.", markup=False)
            return
        cards = self.query_one("#cards")
        matrix = self.query_one(ClaimMatrix)
        focused = self.focused
        was_hidden = focused is not None and (focused is matrix or cards in focused.ancestors)
        self.show_matrix = not self.show_matrix
        self._apply_view()
        # The focus stays where it was (so Tab and Enter do what they did before the toggle), unless it was
        # in the view just hidden: then it moves to the view shown (the matrix, or the first snippet).
        if was_hidden:
            target = matrix if self.show_matrix else next(iter(cards.query(SnippetView)), None)
            if target is not None and target.display:
                target.focus(scroll_visible=False)
            else:
                self.action_focus_question()
        if self.show_matrix:
            self.call_after_refresh(self.query_one("#answer", VerticalScroll).scroll_to_widget, matrix,
                                    animate=False, top=True)

    def action_page(self, direction: int) -> None:
        """Scroll the answer a page down (1) or up (-1), wherever the focus is."""
        answer = self.query_one("#answer", VerticalScroll)
        (answer.scroll_page_down if direction > 0 else answer.scroll_page_up)(animate=False)

    def action_export(self) -> None:
        """Save the current answer."""
        self.app.action_export()

    def action_open_corpus(self) -> None:
        """Open another index or ingest a folder."""
        self.app.action_open_corpus()

    def action_focus_question(self) -> None:
        """Put the cursor in the question bar."""
        self.query_one(QuestionBar).focus()

    def action_escape(self) -> None:
        """Cancel a running ask, else go back to the question bar."""
        if not self.app.cancel_ask():
            self.action_focus_question()
