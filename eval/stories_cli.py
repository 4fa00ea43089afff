"""``factqa eval-stories CORPUS.jsonl``: how well the index groups a corpus's articles into its true events."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eval.story_eval import EVENT_PATTERN


def _floats(text: str) -> list[float]:
    try:
        return [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(f"{text!r}: give numbers separated by commas, e.g. 0.5,0.6") from None


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def eval_stories_command(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS", help="Articles (JSONL, files or folders) whose ids name their event.")],
    index: Annotated[Path | None, typer.Option("--index", metavar="DIR",
                                               help="Index folder to ingest into and keep (reused when it already holds "
                                                    "the corpus); default: a temporary one.")] = None,
    event: Annotated[str, typer.Option("--event", metavar="REGEX",
                                       help="Regex whose first group of an article id is its true event.")] = EVENT_PATTERN,
    sweep: Annotated[bool, typer.Option("--sweep", help="Also re-cluster the stored vectors over a grid of parameters.")] = False,
    thresholds: Annotated[str, typer.Option("--thresholds", metavar="X,X,...")] = "0.5,0.55,0.6,0.65,0.7,0.75,0.8",
    windows: Annotated[str, typer.Option("--windows", metavar="N,N,...")] = "1,3,7",
    day_penalties: Annotated[str, typer.Option("--day-penalties", metavar="X,X,...")] = "0,0.1,0.2",
    name_weights: Annotated[str, typer.Option("--name-weights", metavar="X,X,...")] = "0,0.1",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Ingest CORPUS into an index and score its stories against the events named by the ids: B-cubed
    precision, recall and F1, and the adjusted Rand index; and the silent list's test of which event an article
    of a story reports (precision and recall, over all events and over each half of them).

    Examples:
    \b
      factqa eval-stories corpus.jsonl
      factqa eval-stories corpus.jsonl --index /tmp/corpus-index --sweep --windows 1,3,7
    """
    import tempfile

    from rich.console import Console
    from rich.table import Table

    from eval.story_eval import event_test, halves, stored_scores, sweep as run_sweep, true_events
    from index.embed import load_encoder
    from index.ingest import read_articles
    from index.settings import get_settings
    from index.store import IndexStore
    from index.update import update_index
    from qa.cli import _one_line_errors

    err = Console(stderr=True, highlight=False)
    settings = get_settings()
    with _one_line_errors(), tempfile.TemporaryDirectory(prefix="factqa-stories-") as tmp:
        read = read_articles([corpus], settings)
        if not read.articles:
            raise typer.BadParameter(f"{corpus}: no articles read")
        store = IndexStore(index or Path(tmp) / "index")
        err.print(f"indexing {len(read.articles)} articles into {store.root} …")
        update_index(store, read.articles, load_encoder(settings.model_path), settings)
        loaded = store.load()
        ids = [a.id for a in read.articles]
        truth = true_events(ids, event)
        if not truth:
            raise typer.BadParameter(f"--event {event!r} matches none of the ids (e.g. {ids[0]!r})")
        report: dict = {"corpus": str(corpus), "articles": len(ids), "events": len(set(truth.values())),
                        "settings": {k: getattr(settings, k) for k in ("story_threshold", "story_window_days",
                                                                       "story_day_penalty", "story_name_weight",
                                                                       "story_event_score", "wire_copy_jaccard")},
                        "stored": stored_scores(loaded, truth).model_dump(),
                        "event_test": {"all": event_test(loaded, truth, settings),
                                       "halves": [event_test(loaded, truth, settings, h) for h in halves(truth)]},
                        "independent_reports": sum(s.n_independent for s in loaded.stories.values())}
        if sweep:
            grid = {"story_window_days": [int(x) for x in _floats(windows)], "story_day_penalty": _floats(day_penalties),
                    "story_name_weight": _floats(name_weights), "story_threshold": _floats(thresholds)}
            report["sweep"] = run_sweep(loaded, truth, settings, grid)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    out = Console(highlight=False)
    s = report["stored"]
    out.print(f"{report['articles']} articles, {report['events']} true events, {s['n_predicted']} stories "
              f"({report['independent_reports']} independent reports); settings {report['settings']}")
    out.print(f"B-cubed P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ARI {s['ari']:.3f}")
    parts = [f"{name} P {_fmt(t['precision'])} R {_fmt(t['recall'])} ({t['n']} cases)"
             for name, t in zip(("all", "half 1", "half 2"), [report["event_test"]["all"], *report["event_test"]["halves"]],
                                strict=True)]
    out.print("silent list, same-event test: " + "; ".join(parts))
    if sweep:
        table = Table(title="sweep (re-clustered over stored vectors)")
        for col in ("window", "day penalty", "name weight", "threshold", "P", "R", "F1", "ARI", "stories", "s"):
            table.add_column(col, justify="right")
        for r in report["sweep"]:
            table.add_row(str(r["story_window_days"]), f"{r['story_day_penalty']:g}", f"{r['story_name_weight']:g}",
                          f"{r['story_threshold']:g}", f"{r['precision']:.3f}",
                          f"{r['recall']:.3f}", f"{r['f1']:.3f}", f"{r['ari']:.3f}", str(r["n_predicted"]), f"{r['seconds']:.2f}")
        out.print(table)
