"""``factqa eval``, ``factqa beir`` and ``factqa calibrate`` (registered as ``factqa.commands`` entry points).

stdout carries data (tables, or JSON with ``--json``); progress and errors go to stderr. Exit codes:
0 success, 1 some questions could not be answered (they are scored 0 and listed) or some ``--corpus`` files
failed to load (each is named with the reason and skipped, as ``factqa ingest`` does), 2 nothing could be
done (bad arguments, unreadable gold or dataset, missing model or index). Heavy imports stay in the bodies.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, highlight=False)


def _say(markup: str) -> None:
    """One line on stderr, never wrapped (paths and ids stay greppable)."""
    err.print(markup, markup=True, highlight=False, soft_wrap=True)

GoldArgument = Annotated[list[Path], typer.Argument(metavar="GOLD...", help="Gold JSONL files (format: docs/gold-format.md).")]
IndexOption = Annotated[Path | None, typer.Option("--index", metavar="DIR",
                                                  help="Answer items without inline documents from this index folder.")]
CorpusOption = Annotated[
    Path | None, typer.Option("--corpus", metavar="PATH", help="…or from this corpus (files, folder or JSONL), indexed "
                              "in memory; files that fail to load are reported and skipped. Default: the bundled seeds.")
]


class _Refused(Exception):
    """A failure to report in one line and exit 2."""


@contextmanager
def _exit_2_on_failure():
    """Report expected failures (bad input, missing model or index) in one line and exit 2."""
    from eval.beir import BeirError
    from eval.gold import GoldError
    from eval.runs import BaselineError
    from index.embed import ModelError
    from index.store import IndexUnusable
    from qa.cli import UsageFailure

    try:
        yield
    except (_Refused, UsageFailure, GoldError, BeirError, BaselineError, ModelError, IndexUnusable,
            FileNotFoundError) as exc:
        _say(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None


def _progress(label: str):
    """A transient rich progress bar on stderr and its ``(done, total)`` callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
                   transient=True)
    task = bar.add_task(label, total=None)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


def _factory(index: Path | None, corpus: Path | None, needs_shared: bool, calibration: Path | None = None):
    """Load the model and the service factory; open the shared index or corpus now when items need it,
    so a wrong ``--index`` fails before any question is asked."""
    from eval.corpus import ServiceFactory
    from index.embed import load_encoder
    from qa.cli import StageDisplay, settings_with

    if index is not None and corpus is not None:
        raise _Refused("give --index or --corpus, not both")
    if corpus is not None and not corpus.exists():
        raise _Refused(f"{corpus}: no such file or folder")
    settings = settings_with(calibration)
    display = StageDisplay()
    try:
        encoder = load_encoder(settings.model_path, stage=display.stage)
    finally:
        display.close()
    factory = ServiceFactory(encoder, index_dir=index, corpus=corpus, settings=settings)
    if needs_shared:
        try:
            factory.shared()
        except ValueError as exc:
            raise _Refused(str(exc)) from None
        for error in factory.load_errors:
            _say(f"[red]failed:[/] {escape(error)} (skipped)")
        for note in factory.load_notes:
            _say(f"[yellow]skipped:[/] {escape(note)}")
    return factory


def eval_command(
    gold: GoldArgument,
    index: IndexOption = None,
    corpus: CorpusOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary (with per_kind and per_question) as JSON.")] = False,
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR", help="Write per_question.jsonl, summary.json, report.md and plot.png here.")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", metavar="FILE", help="A previous run's JSON (--json output or summary.json) to compare with.")] = None,
    calibration: Annotated[Path | None, typer.Option("--calibration", metavar="FILE", help="Relevance calibration to score with (a `factqa calibrate` output) instead of the shipped one; also FACTQA_CALIBRATION.")] = None,
) -> None:
    """Score factqa against gold answers: evidence recall, coverage, silence, conflicts, latency.

    Examples:
    \b
      factqa eval tests/fixtures/seeds-gold.jsonl         # the demo corpus' gold
      factqa eval GOLD.jsonl --corpus ~/news/ --out run1/  # report.md, plot.png
      factqa eval GOLD.jsonl --baseline run1/summary.json  # wins and losses
    """
    from eval.gold import load_gold
    from eval.harness import combined_hash, run_eval, summarise
    from eval.report import (comparison_table, per_detector_table, per_kind_table, per_note_table, summary_table,
                             write_reports)
    from eval.runs import compare_runs, git_commit, load_summary, run_info

    commit = git_commit()
    with _exit_2_on_failure():
        items = [(path.name, item) for path in gold for item in load_gold(path)]
        old = load_summary(baseline) if baseline is not None else None
        factory = _factory(index, corpus, needs_shared=any(not item.documents for _, item in items),
                           calibration=calibration)
        bar, update = _progress("Answering")
        with bar:
            results = run_eval(items, factory.for_item, progress=update)
    summary = summarise(results)
    info = run_info(factory.encoder.name, combined_hash(r.index_manifest for r in results if r.index_manifest),
                    [str(p) for p in gold], commit)
    comparison = compare_runs(summary, old, str(baseline)) if old is not None else None
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    else:
        console = Console(highlight=False)
        console.print(summary_table(summary, info))
        console.print(per_kind_table(summary))
        console.print(per_detector_table(summary))
        if (notes := per_note_table(summary)) is not None:
            console.print(notes)
    if comparison is not None:
        (err if as_json else Console(highlight=False)).print(comparison_table(comparison))
        for regression in comparison.regressions:
            _say(f"[yellow]regression:[/] {escape(regression)}")
    if out is not None:
        try:
            paths = write_reports(out, summary, info, comparison)
        except OSError as exc:
            _say(f"[red]error:[/] {escape(f'{out}: cannot write the reports ({exc})')}")
            raise typer.Exit(2) from None
        _say(escape(f"wrote {', '.join(str(p) for p in paths)}"))
    for r in results:
        for problem in r.problems:
            _say(f"[yellow]gold:[/] {escape(f'{r.gold}:{r.id}: {problem}')}")
    failed = [r for r in results if r.error]
    for r in failed:
        _say(f"[red]failed:[/] {escape(f'{r.gold}:{r.id}: {r.error}')} (scored 0)")
    skipped = f", {len(factory.load_errors)} corpus files failed to load" if factory.load_errors else ""
    _say(escape(f"scored {len(results)} questions, {len(failed)} failed{skipped} · model {info.model} · "
                f"index {info.index_manifest} · commit {info.commit}"))
    if failed or factory.load_errors:
        raise typer.Exit(1)


def beir_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="BEIR dataset folder: corpus.jsonl[.gz], queries.jsonl, qrels/SPLIT.tsv.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    split: Annotated[str, typer.Option("--split", metavar="NAME", help="Which qrels file to score.")] = "test",
    retriever: Annotated[str, typer.Option("--retriever", metavar="NAME", help="hybrid, dense, bm25, or all of them side by side.")] = "all",
    rrf_k: Annotated[int | None, typer.Option("--rrf-k", metavar="N", min=1, help="Fusion constant (default: FACTQA_RRF_K).")] = None,
    cache: Annotated[Path | None, typer.Option("--cache", metavar="FILE", help="Vectors file (.npz): reused when it holds this model's vectors, written after encoding.")] = None,
) -> None:
    """Retrieval quality on a BEIR dataset: nDCG@10, recall@100 and latency per retriever.

    Examples:
    \b
      factqa beir ../shared/bench/scifact    # ../shared: dev sessions and CI only
      factqa beir ~/beir/nfcorpus --retriever bm25 --json
      factqa beir ~/beir/scifact --cache ~/scifact-vectors.npz
    """
    from eval.beir import build_index, evaluate, load_dataset, load_vectors, save_vectors
    from eval.harness import manifest_hash
    from eval.report import fmt
    from eval.runs import git_commit, run_info
    from index.embed import load_encoder
    from index.hybrid import RETRIEVERS
    from index.settings import get_settings

    settings, commit = get_settings(), git_commit()
    with _exit_2_on_failure():
        if retriever not in (*RETRIEVERS, "all"):
            raise _Refused(f"--retriever must be one of {', '.join(RETRIEVERS)}, all; got {retriever!r}")
        chosen = RETRIEVERS if retriever == "all" else (retriever,)
        dataset = load_dataset(folder, split)
        encoder = load_encoder(settings.model_path)
        _say(escape(f"{dataset.name}/{split}: {len(dataset.corpus):,} documents, {len(dataset.queries):,} queries"))
        started = time.perf_counter()
        bar, update = _progress("Encoding documents")
        known = load_vectors(cache, encoder.name) if cache is not None else {}
        with bar:
            index = build_index(dataset, encoder, settings.batch_size, progress=update, cache=known)
        index_seconds = time.perf_counter() - started
        encoded = sum(1 for key in index.vector_cache() if key not in known)
        if cache is not None and encoded:
            save_vectors(cache, index)
        from index.backend import use_backend

        index = use_backend(index, settings)  # FACTQA_BACKEND=milvus: search on Milvus
        bar, update = _progress("Searching")
        started = time.perf_counter()
        with bar:
            scores = evaluate(dataset, index, encoder, chosen, rrf_k=rrf_k or settings.rrf_k, progress=update)
        search_seconds = time.perf_counter() - started
    info = run_info(encoder.name, manifest_hash(index), [f"{folder}:{split}"], commit)
    report = {
        "dataset": dataset.name, "split": split, "n_documents": len(dataset.corpus), "n_queries": len(dataset.queries),
        "default_retriever": "hybrid", "rrf_k": rrf_k or settings.rrf_k,
        "retrievers": {name: s.public() for name, s in scores.items()},
        "index_seconds": round(index_seconds, 1), "encoded": encoded, "search_seconds": round(search_seconds, 1),
        "run": info.model_dump(mode="json"),
    }
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{dataset.name} ({split}, {len(dataset.queries)} queries, {len(dataset.corpus):,} documents)",
                  caption=f"model {info.model} · index {info.index_manifest} · commit {info.commit} · "
                          f"indexed in {index_seconds:.0f} s ({encoded:,} encoded)")
    for name, justify in (("retriever", "left"), ("nDCG@10", "right"), ("recall@100", "right"), ("p50 ms", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name, s in scores.items():
        table.add_row(name + (" (default)" if name == "hybrid" else ""), fmt(s.ndcg_at_10), fmt(s.recall_at_100),
                      fmt(s.latency_ms_p50, 1))
    Console(highlight=False).print(table)


def calibrate_command(
    gold: GoldArgument,
    index: IndexOption = None,
    corpus: CorpusOption = None,
    out: Annotated[Path | None, typer.Option("--out", metavar="FILE", help="Where to write the calibration (default: calibration.json in your data folder, FACTQA_HOME; the shipped one is qa/calibration.json).")] = None,
) -> None:
    """Fit the relevance model's weights and answering threshold on gold answer/silence labels.

    The fit goes to your data folder (or --out), never over the shipped qa/calibration.json; factqa uses it only when asked: `--calibration FILE` on ask, batch and eval, or FACTQA_CALIBRATION=FILE.

    Examples:
    \b
      factqa calibrate GOLD.jsonl          # into your data folder
      factqa calibrate a.jsonl b.jsonl --corpus ~/news/ --out my-calibration.json
      factqa ask "Who won the vote?" --calibration my-calibration.json
    """
    from eval.calibrate import calibrate
    from eval.gold import load_gold
    from index.settings import get_settings

    target = out or get_settings().user_calibration
    with _exit_2_on_failure():
        items = [item for path in gold for item in load_gold(path)]  # a bad file is refused before the model loads
        factory = _factory(index, corpus, needs_shared=any(not item.documents for item in items))
        try:
            calibration = calibrate(gold, factory)
        except ValueError as exc:
            raise _Refused(str(exc)) from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(calibration.model_dump_json(indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        _say(f"[red]error:[/] {escape(f'{target}: cannot write ({exc})')}")
        raise typer.Exit(2) from None
    sys.stdout.write(calibration.model_dump_json(indent=2) + "\n")
    _say(escape(f"wrote {target}: threshold {calibration.threshold:.3f}, fitted on {calibration.fitted_on}; "
                f"use it with --calibration {target} (ask, batch, eval) or FACTQA_CALIBRATION={target}"))
