"""The ``factqa`` command: ingest, ask, batch, and the subcommands other packages register.

stdout carries data (answers, JSON, JSONL); progress, summaries and errors go to stderr.
Exit codes: 0 success, 1 some input was refused (the rest was processed), 2 nothing could be done.
Heavy modules (torch, sentence-transformers, faiss) are imported inside the commands.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="factqa",
    help="Ask a question; see what every outlet in the corpus says, who disagrees on what, and who is silent.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Index folder (default: your per-user index, seeded with the demo corpus).")
]


class UsageFailure(Exception):
    """An error to report in one line and exit 2."""


@contextmanager
def _one_line_errors():
    """Turn the library's expected failures into a one-line message and exit code 2."""
    from index.embed import ModelError
    from index.store import IndexUnusable
    from index.update import IndexLocked

    try:
        yield
    except (UsageFailure, ModelError, IndexUnusable, IndexLocked, FileNotFoundError) as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def _progress(label: str):
    """A rich progress bar on stderr, returned as a ``(done, total)`` callback and its context."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
                   transient=True)
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def open_service(index: Path | None):
    """Open the QA service on ``index`` with a progress bar for first-use seeding."""
    from qa.service import QAService

    bar, update = _progress("Indexing the demo corpus")
    with bar:
        return QAService.open(index, progress=update)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt .md .html .jsonl) or folders (with an optional manifest.json).")],
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option(help="Discard the existing index and build it anew.")] = False,
) -> None:
    """Add articles to an index: new ones are encoded, unchanged ones skipped, changed ones replaced."""
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
        encoder = load_encoder(settings.model_path)
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
    err.print(
        f"accepted {len(report.added) + len(report.replaced)} ({len(report.added)} new, {len(report.replaced)} changed), "
        f"skipped {len(report.unchanged) + len(result.notes)} (unchanged or unlisted), failed {failed}; "
        f"encoded {report.encoded} passages; index {store.root}: {report.n_articles} articles, {report.n_passages} passages",
        highlight=False,
    )
    if failed:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    index: IndexOption = None,
    k: Annotated[int, typer.Option("--k", min=1, max=20, help="Snippets per outlet.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
) -> None:
    """Answer one question: each outlet's snippets, disagreements, and silent outlets."""
    from qa.render import render_answer

    with _one_line_errors():
        answer = open_service(index).ask(question, k=k)
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
                yield number, question, None
            else:
                yield number, text, None


@app.command()
def batch(
    file: Annotated[Path, typer.Argument(help="One question a line, or JSONL with a 'question' field.")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write JSONL here instead of stdout.")] = None,
    index: IndexOption = None,
    k: Annotated[int, typer.Option("--k", min=1, max=20, help="Snippets per outlet.")] = 3,
) -> None:
    """Answer every question in FILE; one JSON Answer a line. Bad lines are reported and skipped."""
    if not file.is_file():
        err.print(f"[red]error:[/] {file}: no such file", markup=True)
        raise typer.Exit(2)
    with _one_line_errors():
        service = open_service(index)
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


def _register_plugins() -> None:
    """Add the subcommands that packages above ``qa`` (eval, tui) declare as ``factqa.commands`` entry points."""
    for ep in sorted(entry_points(group="factqa.commands"), key=lambda e: e.name):
        try:
            app.command(name=ep.name)(ep.load())
        except ImportError as exc:  # a broken optional front end must not take the CLI down
            err.print(f"[yellow]warning:[/] command {ep.name!r} unavailable: {exc}", markup=True)


def main() -> None:
    """Console-script entry point."""
    _register_plugins()
    app()
