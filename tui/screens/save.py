"""The export dialog: a file name; .json saves ``Answer.model_dump_json()``, anything else Markdown.

An existing file is never replaced on the first try: the dialog says so (with the full path) and saves only
when the same choice is made again (Enter or the same button); changing the name starts over."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.export import ExportFormat


def full_path(path: Path) -> Path:
    """``path`` with ``~`` expanded, made absolute (what the reader is told is written)."""
    return path.expanduser().resolve()


class SaveScreen(ModalScreen[tuple[Path, ExportFormat] | None]):
    """Ask where to save the answer; dismisses with ``(path, format)`` or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default
        self.confirmed: Path | None = None
        """The existing file the reader was warned about (saving to it again replaces it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box", classes="dialog"):
            yield Static(Text("Export the answer", style="bold"))
            yield Static(Text("File name (.md Markdown, .json the Answer JSON)", style="dim"))
            yield Input(str(self.default), id="save-path")
            yield Static(id="save-warning")
            with Horizontal(classes="buttons"):
                yield Button("Markdown", id="save-md", variant="primary")
                yield Button("JSON", id="save-json")
                yield Button("Cancel", id="save-cancel")

    def on_mount(self) -> None:
        self.query_one("#save-warning").display = False
        self.query_one("#save-path", Input).focus()

    def _choose(self, path: Path, fmt: ExportFormat) -> None:
        """Save to ``path``, or first warn once when it exists already."""
        target = full_path(path)
        if target.is_file() and target != self.confirmed:
            self.confirmed = target
            warning = self.query_one("#save-warning", Static)
            warning.update(Text(f"{target} exists. Press Enter (or the same button) again to replace it, "
                                "or change the name.", style="bold yellow"))
            warning.display = True
            return
        self.dismiss((target, fmt))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.confirmed is not None and full_path(Path(event.value.strip() or ".")) != self.confirmed:
            self.confirmed = None
            self.query_one("#save-warning").display = False

    def _path(self, suffix: str | None) -> Path | None:
        raw = self.query_one("#save-path", Input).value.strip()
        if not raw:
            self.notify("Give a file name.", severity="warning", markup=False)
            return None
        path = Path(raw).expanduser()
        return path.with_suffix(suffix) if suffix else path

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = self._path(None)
        if path is not None:
            self._choose(path, "json" if path.suffix.lower() == ".json" else "markdown")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save-cancel":
            self.dismiss(None)
            return
        fmt: ExportFormat = "json" if event.button.id == "save-json" else "markdown"
        path = self._path(".json" if fmt == "json" else ".md")
        if path is not None:
            self._choose(path, fmt)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
