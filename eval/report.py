"""Reports of an eval run: rich tables for people, JSON/JSONL for machines, Markdown with a PNG plot.

Every report carries the ``RunInfo`` (model, index manifest hash, git commit).
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table

from eval.harness import GOLD_KINDS, LOWER_IS_BETTER, SCORE_KEYS, SUMMARY_KEYS
from eval.flag_metrics import DETECTOR_KINDS
from eval.metrics import FACTUAL_KINDS
from eval.runs import Comparison, RunInfo

NA = "n/a"


def fmt(value: float | int | None, digits: int = 3) -> str:
    """A metric value for people: ``n/a`` when not available."""
    if value is None:
        return NA
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{value:.{digits}f}"


def _fmt_metric(key: str, value) -> str:
    return fmt(value, 1) if key.startswith("latency") else fmt(value)


def _signed(value: float | None, key: str) -> str:
    if value is None:
        return NA
    return f"{value:+.1f}" if key.startswith("latency") else f"{value:+.3f}"


def _defined_count(summary: dict, key: str) -> int:
    return sum((q.get("scores") or {}).get(key) is not None for q in summary["per_question"])


def summary_table(summary: dict, info: RunInfo) -> Table:
    """The headline metrics, with how many questions each is defined on."""
    table = Table(title="factqa eval", caption=caption(info), show_lines=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("questions", justify="right")
    for key in SUMMARY_KEYS:
        n = str(_defined_count(summary, key)) if key in SCORE_KEYS else ""
        table.add_row(key, _fmt_metric(key, summary[key]), n)
    return table


def per_kind_table(summary: dict) -> Table:
    """Conflict recall by gold kind."""
    table = Table(title="conflict recall by kind")
    for name, justify in (("kind", "left"), ("recall", "right"), ("found", "right"), ("conflicts", "right"),
                          ("questions", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for kind in GOLD_KINDS:
        row = summary["per_kind"][kind]
        table.add_row(kind, fmt(row["conflict_recall"]), str(row["found"]), str(row["n_conflicts"]), str(row["n_questions"]))
    return table


def _detector_rows(summary: dict) -> list[list[str]]:
    rows = []
    for name, r in (summary.get("per_detector") or {}).items():
        if r["flags"] or (r["conflicts"] and name in DETECTOR_KINDS):  # an internal detector that raised nothing: noise
            rows.append([name, str(r["flags"]), str(r["true_flags"]), str(r["false_flags"]), str(r["unlabelled_flags"]),
                         str(r["found"]), str(r["conflicts"]), fmt(r["recall"])])
    return rows


_DETECTOR_HEADER = ["detector", "flags", "true", "false", "unlabelled", "found", "conflicts", "recall"]


def per_detector_table(summary: dict) -> Table:
    """Per detector (kind, internal or not): its flags by verdict and the gold conflicts of its kind it found
    (detectors that raised no flag are shown only when a plain kind missed gold conflicts of its kind)."""
    table = Table(title="flags and recall by detector",
                  caption="conflicts: gold conflicts of its kind or 'any'; all severities")
    for i, name in enumerate(_DETECTOR_HEADER):
        table.add_column(name, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in _detector_rows(summary):
        table.add_row(*row)
    return table


def _question_extras(q: dict) -> list[str]:
    major = [f for f in q.get("flags") or [] if f["severity"] == "major" and f["kind"] in FACTUAL_KINDS]
    verdicts = [f["verdict"] for f in major]
    pairs = q.get("pairs") or []
    consistent = q.get("paraphrase_consistent")
    return [f"{verdicts.count('true')}/{verdicts.count('false')}/{verdicts.count('unlabelled')}",
            f"{sum(p['correct'] for p in pairs)}/{len(pairs)}" if pairs else "",
            "" if consistent is None else ("yes" if consistent else "no")]


def per_note_table(summary: dict) -> Table | None:
    """Conflict recall by gold note label (None when no note labels two conflicts)."""
    rows = summary.get("per_note") or {}
    if not rows:
        return None
    table = Table(title="conflict recall by note")
    for name, justify in (("note", "left"), ("recall", "right"), ("found", "right"), ("conflicts", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for note, row in rows.items():
        table.add_row(note, fmt(row["conflict_recall"]), str(row["found"]), str(row["n_conflicts"]))
    return table


def comparison_table(comparison: Comparison) -> Table:
    """Per-metric deltas and per-question wins/ties/losses against the baseline."""
    table = Table(title=f"against {comparison.baseline}")
    for name, justify in (("metric", "left"), ("old", "right"), ("new", "right"), ("delta", "right"),
                          ("wins", "right"), ("ties", "right"), ("losses", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for m in comparison.metrics:
        style = "red" if m.losses and not m.metric.startswith("latency") else None
        table.add_row(m.metric, _fmt_metric(m.metric, m.old), _fmt_metric(m.metric, m.new), _signed(m.delta, m.metric),
                      str(m.wins), str(m.ties), str(m.losses), style=style)
    return table


def caption(info: RunInfo) -> str:
    """One line naming the model, index and commit."""
    return f"model {info.model} · index {info.index_manifest} · commit {info.commit}"


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(summary: dict, info: RunInfo, plot_name: str | None, comparison: Comparison | None = None) -> str:
    """The Markdown report: run identity, headline metrics, per-kind recall, baseline, per-question scores."""
    parts = [
        "# factqa eval report",
        "",
        f"- model: `{info.model}`",
        f"- index manifest: `{info.index_manifest}`",
        f"- git commit: `{info.commit}`",
        f"- gold: {', '.join(f'`{g}`' for g in info.gold)}",
        f"- run at: {info.created}",
        "",
        "Scores are per question, then averaged over the questions where the metric is defined (`n/a`: no",
        "question has anything to score for it). A question that could not be answered scores 0.",
        "`flag_precision`, `pairwise_agreement_accuracy` and `paraphrase_consistency` are pooled over the",
        "questions instead (true flags / judged flags, correct pairs / labelled pairs, consistent rewordings /",
        "rewordings with their original in the run); the `n_` rows are their counts.",
        "",
        "## Summary",
        "",
        _md_table(["metric", "value", "questions"],
                  [[k, _fmt_metric(k, summary[k]), str(_defined_count(summary, k)) if k in SCORE_KEYS else ""]
                   for k in SUMMARY_KEYS]),
        "",
        "## Conflict recall by kind",
        "",
        _md_table(["kind", "recall", "found", "conflicts", "questions"],
                  [[k, fmt(r["conflict_recall"]), str(r["found"]), str(r["n_conflicts"]), str(r["n_questions"])]
                   for k, r in summary["per_kind"].items()]),
        "",
    ]
    if summary.get("per_detector"):
        parts += [
            "## Flags and recall by detector",
            "",
            "Major flags are true, false or unlabelled by the gold (precision above: true / (true + false),",
            "pooled over the questions); conflicts are the gold conflicts of the detector's kind or `any`.",
            "",
            _md_table(_DETECTOR_HEADER, _detector_rows(summary)),
            "",
        ]
    if summary.get("per_note"):
        parts += [
            "## Conflict recall by note",
            "",
            _md_table(["note", "recall", "found", "conflicts"],
                      [[n, fmt(r["conflict_recall"]), str(r["found"]), str(r["n_conflicts"])]
                       for n, r in summary["per_note"].items()]),
            "",
        ]
    if comparison is not None:
        parts += [
            f"## Against the baseline `{comparison.baseline}`",
            "",
            _md_table(["metric", "old", "new", "delta", "wins", "ties", "losses"],
                      [[m.metric, _fmt_metric(m.metric, m.old), _fmt_metric(m.metric, m.new), _signed(m.delta, m.metric),
                        str(m.wins), str(m.ties), str(m.losses)] for m in comparison.metrics]),
            "",
        ]
        if comparison.regressions:
            parts += ["Per-question regressions:", "", *[f"- {r}" for r in comparison.regressions], ""]
        if comparison.only_new or comparison.only_old:
            parts += [f"Questions only in this run: {len(comparison.only_new)}; only in the baseline: "
                      f"{len(comparison.only_old)}.", ""]
    if plot_name:
        parts += ["## Per-question scores", "", f"![per-question scores]({plot_name})", ""]
    rows = []
    for q in summary["per_question"]:
        scores = q["scores"]
        rows.append([f"{q['gold']}:{q['id']}", *[fmt(scores.get(k)) for k in SCORE_KEYS], *_question_extras(q),
                     fmt(q["latency_ms"], 1), q["error"] or ""])
    header = ["question", *SCORE_KEYS, "major flags t/f/u", "pairs correct", "same as original", "latency_ms", "error"]
    parts += ["## Per question", "", _md_table(header, rows), ""]
    return "\n".join(parts)


def plot(summary: dict, path: Path) -> None:
    """Save a heat map of per-question scores (metrics × questions; grey: not available) as PNG; metrics
    where lower is better are drawn as ``1 − value`` so green always means good."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    questions = summary["per_question"]
    keys = [k for k in SCORE_KEYS if any(q["scores"].get(k) is not None for q in questions)] or list(SCORE_KEYS)

    def cell(q: dict, key: str) -> float:
        value = q["scores"].get(key)
        if value is None:
            return np.nan
        return 1.0 - value if key in LOWER_IS_BETTER else value

    grid = np.array([[cell(q, k) for q in questions] for k in keys], dtype=float)
    labels = [f"1 − {k}" if k in LOWER_IS_BETTER else k for k in keys]
    width = min(max(6.0, 0.25 * len(questions) + 3), 18.0)
    fig, ax = plt.subplots(figsize=(width, 0.45 * len(keys) + 2.2))
    cmap = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#d0d0d0")
    image = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap=cmap, vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_yticks(range(len(keys)), labels=labels)
    if len(questions) <= 60:
        ax.set_xticks(range(len(questions)), labels=[q["id"] for q in questions], rotation=90, fontsize=7)
    else:
        ax.set_xlabel(f"{len(questions)} questions, in gold order")
    ax.set_title("per-question scores (green: good; grey: not available)")
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_reports(out: Path, summary: dict, info: RunInfo, comparison: Comparison | None = None) -> list[Path]:
    """Write ``per_question.jsonl``, ``summary.json``, ``plot.png`` and ``report.md`` into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    run = info.model_dump(mode="json")
    per_question = out / "per_question.jsonl"
    with per_question.open("w", encoding="utf-8") as handle:
        for record in summary["per_question"]:
            handle.write(json.dumps({**record, "model": info.model, "commit": info.commit}, ensure_ascii=False) + "\n")
    summary_path = out / "summary.json"
    document = {**summary, "run": run}
    if comparison is not None:
        document["comparison"] = comparison.model_dump(mode="json")
    summary_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    png = out / "plot.png"
    plot(summary, png)
    report = out / "report.md"
    report.write_text(markdown(summary, info, png.name, comparison), encoding="utf-8")
    return [per_question, summary_path, png, report]
