"""The factqa Textual app: one ``QAService`` (given, or built by a factory in a start-up worker), the ask
screen as the base screen, and every slow call in a thread worker whose errors end up in one handler."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from index.store import Progress
from qa.models import Answer, StoryRef
from qa.service import QAService
from tui.export import ExportFormat, export_answer
from tui.history import History, HistoryError
from tui.corpus import corpus_label, placeholder
from tui.loading import OPENING, LoadReport, accepts, open_service
from tui.messages import (AnswerReady, IngestDone, IngestProgress, LoadProgress, LoadStage, OpenArticle,
                          ServiceLoaded)
from tui.screens.article import ArticleScreen
from tui.screens.ask import AskScreen, status_text
from tui.screens.help import HelpScreen
from tui.screens.open_corpus import OpenCorpusScreen
from tui.screens.save import SaveScreen
from tui.screens.stories import StoriesScreen
from tui.stories import corpus_outlets, short_title, stories_of, title_of

ServiceFactory = Callable[[Progress], QAService]
"""Builds the service (may take seconds: model and index loading); called in a worker with a
``tui.loading.LoadReport``: a progress callback that also has ``stage(text)``."""

WORKER_WHAT = {"load": "Could not open the corpus", "ask": "Could not answer", "ingest": "Ingest failed"}


def _settings():
    from index.settings import get_settings

    return get_settings()


def slug(question: str) -> str:
    """A file-name stem from a question."""
    return re.sub(r"[^a-z0-9]+", "-", question.lower()).strip("-")[:48] or "answer"


class FactQAApp(App[None]):
    """Ask the news corpus; compare the outlets."""

    CSS_PATH = "app.tcss"
    TITLE = "factqa"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, service: QAService | None = None, service_factory: ServiceFactory | None = None,
                 history: History | None = None, index_dir: Path | None = None, corpus_label: str | None = None,
                 export_dir: Path | None = None, k: int | None = None, default_index_dir: Path | None = None) -> None:
        super().__init__()
        if service is None and service_factory is None:
            raise ValueError("FactQAApp needs a service or a service_factory")
        self._factory: ServiceFactory = service_factory or (lambda progress: service)
        self.service: QAService | None = None
        self.history = history if history is not None else History(None)
        self.index_dir = index_dir
        self.default_index_dir = default_index_dir
        """Offered by the corpus opener when no index folder was named (the per-user index)."""
        self.corpus_label = corpus_label
        self.export_dir = export_dir
        self.k = k
        self.answer: Answer | None = None
        self.pending: str | None = None
        self.story: StoryRef | None = None
        """The story questions are asked within (chosen on the stories screen); None: all stories."""
        self.loading: tuple[str, float] | None = None
        """What the start-up worker is doing and since when (``time.monotonic``), while it runs."""
        self.ask_screen = AskScreen(self.history)

    # screens ----------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return self.ask_screen

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick_loading)
        self.load_service(self._factory, self.index_dir)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Ask a question", "Put the cursor in the question bar", self.action_focus_question)
        yield SystemCommand("Toggle claim × outlet matrix", "Cards or the agrees/differs/silent table",
                            self.action_toggle_matrix)
        yield SystemCommand("Export answer as Markdown", "Save the current answer to a .md file",
                            lambda: self.action_export("markdown"))
        yield SystemCommand("Export answer as JSON", "Save the Answer model (as factqa ask --json)",
                            lambda: self.action_export("json"))
        yield SystemCommand("Stories", "Every story, who covered it and who did not; ask within one",
                            self.action_stories)
        yield SystemCommand("Open corpus / ingest folder", "Open another index folder or ingest articles",
                            self.action_open_corpus)
        yield SystemCommand("Cancel question", "Stop waiting for the running question", self.cancel_ask)
        yield SystemCommand("Help", "Keys and what the screen shows", self.action_help)
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        """Show the keys."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_focus_question(self) -> None:
        """Back to the ask screen's question bar."""
        while self.screen is not self.ask_screen and len(self.screen_stack) > 1:
            self.pop_screen()
        self.ask_screen.action_focus_question()

    def action_toggle_matrix(self) -> None:
        """Cards ↔ claim × outlet matrix."""
        if self.screen is self.ask_screen:
            self.ask_screen.action_toggle_matrix()

    def action_stories(self) -> None:
        """Show the corpus's stories; the one chosen restricts the questions to it."""
        if self.service is None:
            self.notify("The corpus is still loading.", severity="warning", markup=False)
            return
        if isinstance(self.screen, StoriesScreen):
            return
        stories = stories_of(self.service)
        if not stories:
            self.notify("This index groups no stories (re-ingest it with this version of factqa).",
                        severity="warning", markup=False)
            return
        self.push_screen(StoriesScreen(stories, corpus_outlets(self.service), self.story.id if self.story else None),
                         self.ask_within)

    def ask_within(self, story: StoryRef | None) -> None:
        """Ask the next questions within ``story`` only (None: across all stories)."""
        self.story = story
        self.ask_screen.set_placeholder(f"Ask about: {title_of(story)}" if story else placeholder(self.service))
        self.ask_screen.set_status(self.status())
        self.ask_screen.action_focus_question()

    def action_open_corpus(self) -> None:
        """Open another index, or ingest a folder into one."""
        if not isinstance(self.screen, OpenCorpusScreen):
            self.push_screen(OpenCorpusScreen(self.index_dir or self.default_index_dir))

    def action_export(self, fmt: ExportFormat = "markdown") -> None:
        """Save the current answer (asks for a file name)."""
        if self.answer is None:
            self.notify("Nothing to export yet: ask a question first.", severity="warning", markup=False)
            return
        name = Path(f"factqa-{slug(self.answer.question)}.{'json' if fmt == 'json' else 'md'}")
        default = (self.export_dir / name) if self.export_dir else name
        self.push_screen(SaveScreen(default), self._save)

    def _save(self, choice: tuple[Path, ExportFormat] | None) -> None:
        if choice is None or self.answer is None:
            return
        path, fmt = choice
        try:
            written = export_answer(self.answer, path, fmt)
        except OSError as exc:
            self.notify(f"Export failed: {exc}", severity="error", markup=False)
            return
        self.notify(f"Saved {'JSON' if fmt == 'json' else 'Markdown'} to {written.resolve()}", markup=False)

    # loading ----------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_service(self, factory: ServiceFactory, index_dir: Path | None) -> None:
        """Build the service off the UI thread; report progress and the result as messages."""
        worker = get_current_worker()
        service = factory(LoadReport(self.post_message))
        if not worker.is_cancelled:
            self.post_message(ServiceLoaded(service, index_dir))

    def show_loading(self, text: str) -> None:
        """Put the loading stage ``text`` on the status line (seconds since the start are added each second)."""
        started = self.loading[1] if self.loading else time.monotonic()
        self.loading = (text, started)
        self._tick_loading()

    def _tick_loading(self) -> None:
        if self.loading is None:
            return
        text, started = self.loading
        line = f"{text} {int(time.monotonic() - started)} s"
        if self.pending is not None:
            line += " · question queued"
        self.ask_screen.set_status(line)

    def on_load_stage(self, message: LoadStage) -> None:
        self.show_loading(message.text)

    def on_load_progress(self, message: LoadProgress) -> None:
        if message.total and message.done >= message.total:
            self.show_loading(f"Indexed {message.total:,} passages · {OPENING}")
            return
        self.show_loading(f"Indexing the demo corpus (first run): {message.done:,}/{message.total:,} passages…")

    def on_service_loaded(self, message: ServiceLoaded) -> None:
        if self.service is not None and message.index_dir != self.index_dir:
            self.corpus_label = None  # the label given at start named the first corpus
        self.service = message.service
        self.index_dir = message.index_dir
        self.loading = None
        self.story = None
        self.ask_screen.set_status(self.status())
        self.ask_screen.set_placeholder(placeholder(self.service))
        if self.pending is not None:
            question, self.pending = self.pending, None
            self.run_ask(question)

    def status(self):
        """The status line for the loaded corpus."""
        if self.service is None:
            return "No corpus loaded (Ctrl+O opens one)."
        label = corpus_label(self.service, self.index_dir, self.default_index_dir, self.corpus_label)
        text = status_text(self.service.corpus_info(), label)
        if self.story is not None:
            within = Text(f"Within “{short_title(self.story)}” (Ctrl+B) · ", style="bold yellow")
            text = within + text
        return text

    def open_index(self, index_dir: Path) -> None:
        """Switch to the index at ``index_dir`` (loaded in a worker; the old one stays until it is ready)."""
        encoder = self.service.encoder if self.service else None
        settings = self.service.settings if self.service else None
        self.loading = None
        self.show_loading(f"Opening {index_dir}…")
        self.load_service(lambda report: open_service(index_dir, settings or _settings(), report, encoder=encoder),
                          index_dir)

    # asking -----------------------------------------------------------------------------------------

    def ask_question(self, question: str) -> None:
        """Record ``question`` in the history and ask it (once the corpus is loaded)."""
        question = " ".join(question.split())
        if not question:
            self.notify("Type a question first.", severity="warning", markup=False)
            return
        try:
            self.history.add(question)
        except HistoryError as exc:
            self.notify(str(exc), severity="warning", markup=False)
        if self.service is None:
            self.pending = question
            if self.loading is None:
                self.show_loading("Still loading the model and the index…")
            self._tick_loading()
            return
        self.run_ask(question)

    @work(thread=True, exclusive=True, group="ask", exit_on_error=False)
    def run_ask(self, question: str) -> None:
        """Answer off the UI thread; a newer question cancels (discards) this one."""
        worker = get_current_worker()
        self.call_from_thread(self.ask_screen.set_status, f"Asking: {question}")
        if self.story is not None and accepts(self.service.ask, "story"):
            answer = self.service.ask(question, k=self.k, story=self.story.id)
        else:
            answer = self.service.ask(question, k=self.k)
        if not worker.is_cancelled:
            self.post_message(AnswerReady(answer))

    def on_answer_ready(self, message: AnswerReady) -> None:
        self.answer = message.answer
        self.ask_screen.show_answer(message.answer)
        if self.story is not None and not message.answer.outlets:
            self.ask_screen.add_note(f"Asked within “{title_of(self.story)}” only; Ctrl+B, then All stories, "
                                     "asks across the corpus.")
        self.ask_screen.set_status(self.status())

    def cancel_ask(self) -> bool:
        """Cancel the running question; True if there was one."""
        running = [w for w in self.workers if w.group == "ask" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        for worker in running:
            worker.cancel()
        if running:
            self.ask_screen.set_status("Question cancelled.")
            self.notify("Question cancelled.", markup=False)
        return bool(running)

    # ingest -----------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def ingest(self, source: Path, index_dir: Path) -> None:
        """Read ``source``, add it to the index at ``index_dir``, then switch to that index."""
        from index.embed import load_encoder
        from index.ingest import read_articles
        from index.store import IndexStore
        from index.update import update_index

        settings = self.service.settings if self.service else None
        result = read_articles([source], settings)
        if not result.articles:
            why = f": {result.errors[0]}" if result.errors else ""
            raise ValueError(f"{source}: no articles could be read{why}")
        encoder = self.service.encoder if self.service else load_encoder(settings.model_path if settings else None)
        report = update_index(IndexStore(index_dir), result.articles, encoder, settings,
                              progress=lambda done, total: self.post_message(IngestProgress(done, total)))
        failed = len(result.errors) + len(report.errors)
        self.post_message(IngestDone(
            f"Ingested {source}: {len(report.added)} new, {len(report.replaced)} changed, "
            f"{len(report.unchanged)} unchanged, {failed} failed; {report.n_articles} articles in {index_dir}"))
        service = QAService.open(index_dir, encoder=encoder, settings=settings)
        self.post_message(ServiceLoaded(service, index_dir))

    def on_ingest_progress(self, message: IngestProgress) -> None:
        if isinstance(self.screen, OpenCorpusScreen):
            self.screen.progress(message.done, message.total)

    def on_ingest_done(self, message: IngestDone) -> None:
        if isinstance(self.screen, OpenCorpusScreen):
            self.screen.log_line(message.summary)
        self.notify(message.summary, markup=False)

    # articles and errors ----------------------------------------------------------------------------

    def on_open_article(self, message: OpenArticle) -> None:
        if self.service is None:
            self.notify("The corpus is still loading.", severity="warning", markup=False)
            return
        try:
            article = self.service.article(message.article_id)
        except KeyError:
            self.notify(f"Article {message.article_id!r} is not in this corpus.", severity="error", markup=False)
            return
        passages = self.service.passages_of(message.article_id)
        self.push_screen(ArticleScreen(article, passages, message.start, message.end, message.spans))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.handle_worker_error(event.worker)

    def handle_worker_error(self, worker: Worker) -> None:
        """The one place worker failures become a notification (and a status line), never a crash."""
        error = worker.error
        what = WORKER_WHAT.get(worker.group, "Failed")
        detail = str(error) or type(error).__name__
        self.notify(f"{what}: {detail}", title="factqa", severity="error", timeout=10, markup=False)
        if worker.group == "load":
            self.loading = None
        if worker.group == "load" and self.service is None:
            self.pending = None
            self.ask_screen.set_status(f"{what}. Ctrl+O opens another index.")
        else:
            self.ask_screen.set_status(self.status())
        if worker.group == "ingest" and isinstance(self.screen, OpenCorpusScreen):
            self.screen.log_line(f"{what}: {detail}")
