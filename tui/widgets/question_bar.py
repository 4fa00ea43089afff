"""The question bar: an ``Input`` whose ↑/↓ walk the question history."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tui.corpus import NO_CORPUS_PLACEHOLDER
from tui.history import History


class QuestionBar(Input):
    """Type a question, Enter asks; ↑/↓ recall earlier questions (kept across runs).

    The placeholder names a story of the open corpus (``tui.corpus.placeholder``), set when a corpus loads.
    """

    DEFAULT_CSS = """
    QuestionBar:focus { border: tall $accent; background-tint: $accent 8%; }
    """

    BINDINGS = [
        Binding("up", "history_previous", "Previous question", show=False),
        Binding("down", "history_next", "Next question", show=False),
    ]

    def __init__(self, history: History, **kwargs) -> None:
        super().__init__(placeholder=NO_CORPUS_PLACEHOLDER, **kwargs)
        self.history = history

    def action_history_previous(self) -> None:
        """Show the question before the one shown."""
        entry = self.history.previous(self.value)
        if entry is not None:
            self._show(entry)

    def action_history_next(self) -> None:
        """Show the question after the one shown (back to the draft after the newest)."""
        entry = self.history.next()
        if entry is not None:
            self._show(entry)

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)
