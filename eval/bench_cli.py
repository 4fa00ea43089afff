"""``factqa bench``: performance figures of this machine, as a table (stdout) or JSON (``--json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

REAL_MAX = 1_000
"""Sizes up to this are real text encoded by the model; larger ones use synthetic vectors (``eval.bench.data``)."""
PARTS_MIN = 10_000_000
"""Sizes from this are measured on the dense and BM25 indexes alone (memory and latency); below it a whole
index is written (``eval.bench.build``) and asked."""


def bench_command(
    sizes: Annotated[str, typer.Option("--sizes", metavar="N,N,...", help="Passage counts, e.g. 1k,10k,100k,1m (10m: indexes only).")] = "1k,10k,100k",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Fewer questions and runs (smoke test, noisier).")] = False,
    out: Annotated[Path | None, typer.Option("-o", "--out", metavar="FILE", help="Also write the JSON report here.")] = None,
    keep: Annotated[Path | None, typer.Option("--keep", metavar="DIR", help=(
        "Work in DIR and keep it: the synthetic indexes built there are reused by the next run with the same "
        "DIR (a 1M index takes ~10 min to build), and left as they were (the incremental ingest runs on a copy)."))] = None,
) -> None:
    """Measure ingest throughput vs the raw encoder, ask latency per stage and size, memory, disk, cold start.

    Real text comes from ../shared (AllSides, SciFact); without it the bundled seeds stand in, and it says so.

    Examples:
    \b
      factqa bench --quick --sizes 1k          # a smoke test, a few minutes
      factqa bench --sizes 1k,10k,100k -o bench.json
      factqa bench --sizes 1m --json           # a whole 1M-passage index: load, cold ask, RSS
      factqa bench --sizes 100k,1m --keep ~/bench-work   # build once, measure again later
    """
    import json
    import os
    import platform
    import subprocess
    import sys
    import tempfile
    from contextlib import nullcontext

    from rich.console import Console

    from eval.bench import data, startup
    from eval.bench.measure import in_child, load
    from eval.bench.report import check, parse_sizes, tables

    err = Console(stderr=True, highlight=False)
    try:
        wanted = parse_sizes(sizes)
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True)
        raise typer.Exit(2) from None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent).stdout.strip()
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "git_commit": commit,
                                "load_start": load(), "quick": quick, "kept": str(keep) if keep else None, "text": data.text_source()}}
    if not data.has_shared_text():
        err.print(f"[yellow]note:[/] no AllSides/SciFact text in {data.SHARED} (it is beside the project only in dev "
                  "sessions and CI): the real-text sizes and the ANN recall use the bundled seeds' passages instead, "
                  "so their figures are not comparable with a full run", markup=True, highlight=False)
    n_questions = 8 if quick else 30
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    with nullcontext(str(keep)) if keep is not None else tempfile.TemporaryDirectory(prefix="factqa-bench-") as tmp:
        work = Path(tmp)
        plan = [(0, "seeds")] + [(n, "real" if n <= REAL_MAX else "parts" if n >= PARTS_MIN else "synthetic")
                                 for n in sorted(wanted)]
        report["sizes"] = []
        for n, mode in plan:
            err.print(f"measuring {mode} {n or ''} …")
            try:
                report["sizes"].append(in_child("eval.bench.sizes", [str(n), mode, str(work), str(n_questions),
                                                                     "keep" if keep is not None else "fresh"], 3600))
            except (RuntimeError, subprocess.TimeoutExpired) as exc:  # reported, and the other sizes still run
                err.print(f"[red]failed:[/] {mode} {n}: {str(exc)[-300:]}", markup=True)
                report["sizes"].append({"size": n, "mode": mode, "error": str(exc)[-1000:]})
        err.print("measuring ANN recall on real embeddings …")
        report["ann_real"] = in_child("eval.bench.sizes", [str(500 if quick else 3000), "recall", str(work), "50"], 3600)
        err.print("measuring story clustering (+1,000 articles into 100k) …")
        report["stories"] = in_child("eval.bench.stories", ["100000", "1000", str(work)], 1800)
        err.print("measuring ingest throughput, encoder load and cold start …")
        report["ingest"] = startup.ingest_throughput(work, 120 if quick else startup.INGEST_WINDOWS, rounds=1 if quick else 2)
        report["encoder"] = startup.encoder_load(work)
        report["cold_start"] = startup.cold_start(work, runs=2 if quick else 5)
    from index.embed import load_encoder

    report["machine"].update(model=load_encoder().name, load_end=load())
    report["notes"] = [
        "seeds and sizes up to 1,000: real text encoded by the model; larger sizes: articles assembled from real "
        "AllSides/SciFact sentences with synthetic vectors (real embeddings mixed plus noise); every question is "
        "encoded by the model; synthetic sizes are whole indexes written in bulk as ingest writes them (eval.bench.build); "
        "cold ask = a fresh `factqa ask --index` process, its peak RSS, with compiled bytecode (as installed; written "
        "by an untimed first run under PYTHONPYCACHEPREFIX); 'parts' sizes (10M+) measure only the "
        "dense (HNSW-SQ8) and BM25 indexes, plus the memory "
        "Passage objects would take, extrapolated from a 20k sample",
        "stages: encode = query embedding, dense/bm25 = each retriever alone, retrieve = hybrid search (both + RRF), "
        "evidence = relevance features, group = per-outlet grouping, compare = qa.compare",
        f"timings are noisy: {os.cpu_count()} cores shared; load averages recorded at start and end",
        f"real text: {data.text_source()}",
    ]
    report["targets"] = check(report)
    text = json.dumps(report, indent=2)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    if as_json:
        sys.stdout.write(text + "\n")
    else:
        console = Console(highlight=False)
        for table in tables(report):
            console.print(table)
