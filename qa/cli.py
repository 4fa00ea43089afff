"""The ``factqa`` command: ingest, ask, batch, and the subcommands other packages register.

stdout carries data (answers, JSON, JSONL); progress, summaries and errors go to stderr.
Exit codes: 0 success, 1 some input was refused (the rest was processed), 2 nothing could be done.
Heavy modules (torch, sentence-transformers, faiss) are imported inside the commands.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from qa.cli_help import PlainHelpGroup

app = typer.Typer(
    name="factqa",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=PlainHelpGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

IndexOption = Annotated[
    Path | None, typer.Option("--index", metavar="DIR",
                              help="Index folder (default: your per-user index, seeded with the demo corpus).")
]
TopKOption = Annotated[int, typer.Option("-k", "--top-k", metavar="N", min=1, max=20, help="Snippets per outlet.")]
StoryOption = Annotated[str | None, typer.Option("--story", metavar="ID",
                                                 help="Answer from this story only (`factqa stories` lists the ids).")]


def _show_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version

        sys.stdout.write(f"factqa {version('factqa')}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Ask a question; see what every outlet in the corpus says, who disagrees on what, and who is silent.

    Examples:
    \b
      factqa ask "What did Tokayev tell Scholz?"
      factqa ingest ~/news/ --index ~/my-index
      factqa tui
      factqa ask -h
    """


class UsageFailure(Exception):
    """An error to report in one line and exit 2."""


@contextmanager
def _one_line_errors():
    """Turn the library's expected failures into a one-line message and exit code 2."""
    from index.embed import ModelError
    from index.snapshots import IndexLocked, IndexUnusable
    from qa.service import UnknownStory

    try:
        yield
    except (UsageFailure, ModelError, IndexUnusable, IndexLocked, FileNotFoundError, UnknownStory) as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def _progress(label: str, unit: str = ""):
    """A rich progress bar on stderr, returned as a ``(done, total)`` callback and its context."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn(unit), TimeRemainingColumn(),
                   console=err, transient=True)
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


class StageDisplay:
    """Shows the slow steps of opening a service on stderr: on a terminal a transient spinner line naming the
    current step (and a bar while the demo corpus is indexed); otherwise one line for each first-run step
    (the one-second model load every run makes is not worth a line in a log)."""

    def __init__(self) -> None:
        self._live = None  # the spinner or the bar now shown
        self._update = None

    def stage(self, message: str) -> None:
        """Show ``message`` as the current step."""
        if not err.is_terminal:
            from index.embed import LOADING

            if message != LOADING:
                err.print(message, highlight=False)
            return
        self.close()
        self._live = err.status(message)
        self._live.start()

    def progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` passages of the demo corpus indexed."""
        if self._update is None and err.is_terminal:
            self.close()
            self._live, self._update = _progress("Indexing the demo corpus:", unit="passages")
            self._live.start()
        if self._update is not None:
            self._update(done, total)

    def close(self) -> None:
        """Take the spinner or bar off the screen."""
        if self._live is not None:
            self._live.stop()
        self._live = self._update = None


CalibrationOption = Annotated[Path | None, typer.Option(
    "--calibration", metavar="FILE",
    help="Relevance calibration to use (a `factqa calibrate` output) instead of the shipped one; also FACTQA_CALIBRATION.")]


def settings_with(calibration: Path | None):
    """The settings, with ``calibration`` (or ``FACTQA_CALIBRATION``) checked to be a readable calibration."""
    from pydantic import ValidationError

    from index.settings import get_settings
    from qa.relevance import Calibration

    settings = get_settings()
    if calibration is not None:
        settings = settings.model_copy(update={"calibration": calibration})
    path = settings.calibration
    if path is not None:
        try:
            Calibration.model_validate_json(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise UsageFailure(f"{path}: cannot read the calibration ({exc.strerror or exc})") from None
        except (ValidationError, UnicodeDecodeError) as exc:
            raise UsageFailure(f"{path}: not a factqa calibration (write one with `factqa calibrate`): "
                               f"{str(exc).splitlines()[0]}") from None
    return settings


def open_service(index: Path | None, calibration: Path | None = None, read_ahead: bool = True):
    """Open the QA service on ``index``, showing the model export/load and first-use seeding on stderr. The model
    loads in a thread from the start, so the answer path's imports and the index read overlap it. ``read_ahead``:
    read the index's files into the page cache meanwhile (``QAService``; off for one question)."""
    from index.embed import load_in_thread
    from index.settings import get_settings

    display = StageDisplay()
    try:
        with load_in_thread(get_settings(), display.stage) as encoder:  # (a calibration does not change the model)
            settings = settings_with(calibration)
            from qa.service import QAService

            return QAService.open(index, encoder=encoder, settings=settings, progress=display.progress,
                                  stage=display.stage, read_ahead=read_ahead)
    finally:
        display.close()


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt .md .html .jsonl) or folders (with an optional manifest.json).")],
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option(help="Discard the existing index and build it anew.")] = False,
    engine: Annotated[str, typer.Option("--engine", metavar="local|ray",
                                        help="Where passages are encoded: here, or in Ray Data actors (factqa[ray]).")] = "local",
    address: Annotated[str | None, typer.Option("--address", metavar="ADDR",
                                                help="Ray cluster to join with --engine ray (default: start one here).")] = None,
) -> None:
    """Add articles to an index: new ones are encoded, unchanged ones skipped, changed ones replaced.

    Examples:
    \b
      factqa ingest ~/news/ --index ~/my-index       # a folder (with an optional manifest.json)
      factqa ingest a.txt b.html corpus.jsonl        # into your per-user index
      factqa ingest ~/news/ --engine ray --address ray://head:10001
    """
    from index.embed import load_encoder
    from index.ingest import read_articles
    from index.settings import get_settings
    from index.store import IndexStore
    from index.update import IndexLocked, update_index
    from qa.service import ensure_default_index

    settings = get_settings()
    with _one_line_errors():
        result = read_articles(paths, settings)
        for error in result.errors:
            err.print(f"[red]failed:[/] {error}", markup=True, highlight=False)
        for note in result.notes:
            err.print(f"[yellow]skipped:[/] {note}", markup=True, highlight=False)
        if not result.articles:  # checked before any index folder is made or touched
            err.print(f"nothing to ingest: failed {len(result.errors)}, skipped {len(result.notes)}; "
                      f"the index {index or settings.default_index} was not touched", highlight=False)
            raise typer.Exit(2 if result.errors else 0)
        import importlib.util

        if engine not in ("local", "ray") or (engine == "ray" and importlib.util.find_spec("ray") is None):
            why = "needs the ray extra: pip install 'factqa[ray]'" if engine == "ray" else f"must be local or ray, not {engine!r}"
            err.print(f"[red]error:[/] --engine {why}", markup=True, highlight=False)
            raise typer.Exit(2)
        encoder = load_encoder(settings.model_path)
        if engine == "ray":
            from index.ray_ingest import PackagedEncoder, RayEncoder

            encoder = RayEncoder(encoder, PackagedEncoder(settings.model_path, settings.home / "models"), address)
        store = IndexStore(index or settings.default_index)
        bar, update = _progress("Encoding passages")
        with bar:
            if index is None and not rebuild:
                ensure_default_index(store, encoder, settings, update)
            try:
                report = update_index(store, result.articles, encoder, settings, progress=update, rebuild=rebuild)
            except IndexLocked as exc:
                err.print(f"{exc}; waiting up to {settings.lock_timeout:.0f} s", highlight=False)
                report = update_index(store, result.articles, encoder, settings, progress=update, rebuild=rebuild,
                                      lock_timeout=settings.lock_timeout)
    for error in report.errors:
        err.print(f"[red]failed:[/] {error}", markup=True, highlight=False)
    failed = len(result.errors) + len(report.errors)
    for line in _ingest_summary(result, report, store.root, failed):
        err.print(line, highlight=False)
    if failed:
        raise typer.Exit(1)


def _ingest_summary(result, report, root: Path, failed: int) -> list[str]:
    """The lines ``ingest`` ends with: what was accepted, what the index holds, where metadata came from.

    Passage counts are explained, not just listed: boilerplate passages are kept (offsets, the article
    view) but never encoded, and a window already embedded is not encoded again.
    """
    boilerplate = report.n_passages - report.n_evidence
    encoded = f"encoded {report.encoded} passages this run"
    if report.encoded != report.new_evidence:
        encoded += (f" (of {report.new_evidence} new evidence passages; the other "
                    f"{report.new_evidence - report.encoded} share a window with a passage already embedded)")
    lines = [
        f"accepted {len(report.added) + len(report.replaced)} ({len(report.added)} new, {len(report.replaced)} changed), "
        f"skipped {len(report.unchanged) + len(result.notes)} (unchanged or unlisted), failed {failed}; {encoded}",
        f"index {root}: {report.n_articles} articles, {report.n_passages} passages "
        f"({report.n_evidence} evidence, {boilerplate} boilerplate, which is kept but not encoded)",
    ]
    if result.no_manifest:
        by_source = {a.source: a for a in result.articles}
        read = [by_source[s] for s in result.no_manifest if s in by_source]
        named = sum(Path(a.source).stem == a.outlet for a in read)
        undated = sum(a.published is None for a in read)
        n = len(result.no_manifest)
        lines.append(f"{n} file{'s' if n != 1 else ''} had no manifest entry: metadata taken from text/file name "
                     f"(outlet from the file name for {named}, no date for {undated})")
    return lines


@app.command()
def ask(
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="The question, in quotes.")],
    index: IndexOption = None,
    k: TopKOption = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
    calibration: CalibrationOption = None,
    story: StoryOption = None,
) -> None:
    """Answer one question: each outlet's snippets, disagreements, and silent outlets.

    Examples:
    \b
      factqa ask "When did Tokayev tell Scholz that Russia cannot be defeated?"
      factqa ask "What did Tokayev tell Scholz?" --json -k 1
      factqa ask "Who won the vote?" --index ~/my-index
      factqa ask "How many were injured?" --story s-1a2b3c4d5e6f
    """
    from qa.render import render_answer
    from qa.sanitize import clean_text

    with _one_line_errors():
        if not clean_text(question).strip():
            raise UsageFailure("the question is empty: ask about the news in the corpus, e.g. "
                               "factqa ask \"What did Tokayev tell Scholz?\"")
        answer = open_service(index, calibration, read_ahead=False).ask(question, k=k, story=story)
    if as_json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
    else:
        render_answer(answer, Console(highlight=False))


def _read_questions(path: Path):
    """Yield ``(line number, question or None, error)`` for a text or JSONL question file."""
    with path.open(encoding="utf-8", errors="strict") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text:
                continue
            if text.startswith("{"):
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield number, None, f"not valid JSON ({exc.msg})"
                    continue
                question = record.get("question") if isinstance(record, dict) else None
                if not isinstance(question, str):
                    yield number, None, "no string 'question' field"
                    continue
                if not question.strip():
                    yield number, None, "the 'question' field is empty"
                    continue
                yield number, question, None
            else:
                yield number, text, None


@app.command()
def batch(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="One question a line, or JSONL with a 'question' field.")],
    out: Annotated[Path | None, typer.Option("-o", "--out", metavar="FILE", help="Write JSONL here instead of stdout.")] = None,
    index: IndexOption = None,
    k: TopKOption = 3,
    calibration: CalibrationOption = None,
) -> None:
    """Answer every question in FILE; one JSON Answer a line. Bad lines are reported and skipped.

    Examples:
    \b
      factqa batch questions.txt -o answers.jsonl
      factqa batch questions.jsonl --index ~/my-index -k 1 > answers.jsonl
    """
    if not file.is_file():
        err.print(f"[red]error:[/] {file}: no such file", markup=True)
        raise typer.Exit(2)
    with _one_line_errors():
        service = open_service(index, calibration)
    try:
        with file.open(encoding="utf-8") as handle:
            total = sum(1 for line in handle if line.strip())
    except UnicodeDecodeError:
        err.print(f"[red]error:[/] {file}: not valid UTF-8", markup=True)
        raise typer.Exit(2) from None
    failed = answered = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    bar, update = _progress("Answering")
    try:
        with bar:
            for done, (number, question, problem) in enumerate(_read_questions(file), start=1):
                if problem:
                    failed += 1
                    err.print(f"[red]failed:[/] {file}:{number}: {problem}", markup=True, highlight=False)
                else:
                    sink.write(service.ask(question, k=k).model_dump_json() + "\n")
                    answered += 1
                update(done, total)
    finally:
        if out:
            sink.close()
    err.print(f"answered {answered}, failed {failed}", highlight=False)
    if failed:
        raise typer.Exit(1)


from qa.stories_cli import stories_command  # noqa: E402  (its own module; it uses the helpers above)

app.command(name="stories")(stories_command)


def _register_plugins() -> None:
    """Add the subcommands that packages above ``qa`` (eval, tui) declare as ``factqa.commands`` entry points."""
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group="factqa.commands"), key=lambda e: e.name):
        try:
            app.command(name=ep.name)(ep.load())
        except ImportError as exc:  # a broken optional front end must not take the CLI down
            err.print(f"[yellow]warning:[/] command {ep.name!r} unavailable: {exc}", markup=True)


def main() -> None:
    """Console-script entry point. The plugins' subcommands are loaded only when the command is not one of ``qa``'s
    own: ``factqa ask`` does not import eval's or the TUI's modules (0.2 s of a cold ask)."""
    own = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    if len(sys.argv) < 2 or sys.argv[1] not in own:
        _register_plugins()
    app()
