"""What a run was (model, index, commit) and how two runs compare (per-metric deltas, per-question
wins/ties/losses, after ranx ``meta/compare.py``)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from eval.flag_results import POOLED_SCORES, question_value
from eval.harness import LOWER_IS_BETTER, SCORE_KEYS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COMPARED_KEYS = (*SCORE_KEYS, "latency_ms_p50", "latency_ms_p95", *POOLED_SCORES)
TIE_TOLERANCE = 1e-9
"""Per-question scores closer than this are a tie."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class RunInfo(BaseModel):
    """Identity of a run, recorded in every report."""

    model_config = _FROZEN

    model: str
    """Encoder identity (name and weights digest)."""
    index_manifest: str
    """Hash of the index manifest(s) that answered (``eval.harness.manifest_hash``)."""
    commit: str
    """``git rev-parse HEAD`` of the factqa checkout, ``-dirty`` when it has uncommitted changes;
    ``unknown`` outside a git checkout."""
    gold: list[str]
    """Gold files (or the dataset) scored."""
    created: str
    """UTC time of the run, ISO 8601."""


def git_commit(root: Path = PROJECT_ROOT) -> str:
    """The checkout's commit, suffixed ``-dirty`` when tracked files changed; ``unknown`` without git."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return head.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def run_info(model: str, index_manifest: str, gold: list[str], commit: str | None = None) -> RunInfo:
    """A ``RunInfo`` for a run of this checkout; pass ``commit`` read when the run started, so a checkout
    that changes during a long run is not credited with it."""
    return RunInfo(model=model, index_manifest=index_manifest, commit=commit or git_commit(), gold=gold,
                   created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


class BaselineError(ValueError):
    """A baseline file that cannot be compared against; the message says why."""


def load_summary(path: Path) -> dict:
    """Read a summary written by ``factqa eval --json`` or ``--out`` (``summary.json``)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read a run summary ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("per_question"), list):
        raise BaselineError(f"{path}: not a run summary (no 'per_question' list); write one with `factqa eval --json`")
    return data


class MetricComparison(BaseModel):
    """One metric in two runs."""

    model_config = _FROZEN

    metric: str
    old: float | None
    new: float | None
    delta: float | None
    """``new − old``; None when either is not available."""
    wins: int
    """Questions where the new run scores better (lower, for false-flag rate and latency)."""
    ties: int
    losses: int


class Comparison(BaseModel):
    """A run against a baseline."""

    model_config = _FROZEN

    baseline: str
    metrics: list[MetricComparison]
    only_new: list[str]
    """Questions (``gold:id``) scored only in the new run."""
    only_old: list[str]
    regressions: list[str]
    """``gold:id metric`` for every per-question loss."""


def _key(record: dict) -> str:
    return f"{record.get('gold', '')}:{record.get('id', '')}"


def _question_value(record: dict, metric: str) -> float | None:
    if metric == "latency_ms":
        return record.get("latency_ms")
    if metric in POOLED_SCORES:
        return question_value(record, metric)
    return (record.get("scores") or {}).get(metric)


def compare_runs(new: dict, old: dict, baseline: str) -> Comparison:
    """Per-metric deltas and per-question wins/ties/losses of ``new`` against ``old`` (summary dicts).

    Questions are matched on ``gold:id``; a question counts for a metric only when both runs score it.
    Latency percentiles are compared on per-question latency, where differences within 10% are ties
    (timing noise); score differences within ``TIE_TOLERANCE`` are ties.
    """
    new_q = {_key(r): r for r in new["per_question"]}
    old_q = {_key(r): r for r in old["per_question"]}
    shared = [k for k in new_q if k in old_q]
    metrics, regressions = [], []
    for metric in COMPARED_KEYS:
        per_question = "latency_ms" if metric.startswith("latency_ms") else metric
        lower = per_question in LOWER_IS_BETTER
        wins = ties = losses = 0
        for key in shared:
            a, b = _question_value(new_q[key], per_question), _question_value(old_q[key], per_question)
            if a is None or b is None:
                continue
            better = (b - a) if lower else (a - b)
            if abs(better) <= TIE_TOLERANCE or (per_question == "latency_ms" and abs(a - b) <= 0.1 * max(a, b)):
                ties += 1
            elif better > 0:
                wins += 1
            else:
                losses += 1
                if per_question != "latency_ms":
                    regressions.append(f"{key} {metric}")
        o, n = old.get(metric), new.get(metric)
        delta = n - o if isinstance(n, int | float) and isinstance(o, int | float) else None
        metrics.append(MetricComparison(metric=metric, old=o, new=n, delta=delta, wins=wins, ties=ties, losses=losses))
    return Comparison(baseline=baseline, metrics=metrics, only_new=[k for k in new_q if k not in old_q],
                      only_old=[k for k in old_q if k not in new_q], regressions=regressions)
