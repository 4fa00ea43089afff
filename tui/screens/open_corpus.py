"""The corpus opener: open another index folder, or ingest a folder of articles (with a progress bar)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Static


class OpenCorpusScreen(ModalScreen[None]):
    """Index folder to open (or to ingest into) and a folder of articles to ingest."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, index_dir: Path | None) -> None:
        super().__init__()
        self.index_dir = index_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="corpus-box", classes="dialog"):
            yield Static(Text("Open or build a corpus", style="bold"))
            yield Static(Text("Index folder (Enter opens it)", style="dim"))
            yield Input(str(self.index_dir or ""), placeholder="~/my-index", id="index-dir")
            yield Static(Text("Folder or file of articles to ingest into it (Enter ingests)", style="dim"))
            yield Input(placeholder="~/news/  (.txt .md .html .jsonl, manifest.json)", id="ingest-path")
            yield ProgressBar(total=None, show_eta=False, id="ingest-progress")
            yield Static(id="corpus-log")
            with Horizontal(classes="buttons"):
                yield Button("Open", id="open-index", variant="primary")
                yield Button("Ingest", id="ingest")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.query_one("#ingest-progress").display = False
        self.query_one("#index-dir", Input).focus()

    def _index_dir(self) -> Path | None:
        raw = self.query_one("#index-dir", Input).value.strip()
        if not raw:
            self.notify("Give an index folder.", severity="warning", markup=False)
            return None
        return Path(raw).expanduser()

    def _open(self) -> None:
        index_dir = self._index_dir()
        if index_dir is not None:
            self.app.open_index(index_dir)
            self.dismiss(None)

    def _ingest(self) -> None:
        index_dir = self._index_dir()
        raw = self.query_one("#ingest-path", Input).value.strip()
        if index_dir is None:
            return
        if not raw:
            self.notify("Give a folder or file of articles to ingest.", severity="warning", markup=False)
            return
        source = Path(raw).expanduser()
        if not source.exists():
            self.notify(f"{source}: no such file or folder", severity="error", markup=False)
            return
        self.query_one("#ingest-progress").display = True
        self.log_line(f"Ingesting {source} into {index_dir}…")
        self.app.ingest(source, index_dir)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "index-dir":
            self._open()
        else:
            self._ingest()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"open-index": self._open, "ingest": self._ingest, "close": self.action_close}[event.button.id]()

    def progress(self, done: int, total: int) -> None:
        """Advance the progress bar (passages encoded)."""
        self.query_one("#ingest-progress", ProgressBar).update(total=total, progress=done)

    def log_line(self, line: str) -> None:
        """Show one line of ingest news (literally)."""
        self.query_one("#corpus-log", Static).update(Text(line))

    def action_close(self) -> None:
        """Close the dialog (an ingest keeps running and reports when done)."""
        self.dismiss(None)
