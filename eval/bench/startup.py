"""Start-up and ingest figures: cold ``factqa ask`` on the seeds, encoder load, ingest vs raw encoder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from eval.bench import data
from eval.bench.measure import percentile, timed

SEEDS_QUESTION = "What did Tokayev tell Scholz?"
_LOAD_SNIPPET = ("import time; t = time.perf_counter(); from index.embed import load_encoder; e = load_encoder(); "
                 "e.encode(['warm up']); print(round(time.perf_counter() - t, 3)); import sys; "
                 "print('torch' in sys.modules)")


def _env(home: Path) -> dict:
    """An isolated ``FACTQA_HOME`` that shares the user's ONNX export (made once, not timed), and bytecode
    written to and read from ``home/pycache``: an installed factqa runs compiled modules, while a machine that
    sets ``PYTHONDONTWRITEBYTECODE`` (this one) would compile every module in every timed process (~0.25 s).
    Each cold measurement's untimed first run compiles them."""
    from index.settings import get_settings

    models = get_settings().home / "models"
    home.mkdir(parents=True, exist_ok=True)
    if models.is_dir() and not (home / "models").exists():
        os.symlink(models, home / "models")
    env = {**os.environ, "FACTQA_HOME": str(home), "PYTHONWARNINGS": "ignore",
           "PYTHONPYCACHEPREFIX": str(home / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _factqa() -> str:
    found = Path(sys.executable).parent / "factqa"
    return str(found) if found.exists() else (shutil.which("factqa") or "factqa")


def cold_start(work: Path, runs: int = 5) -> dict:
    """Wall time of ``factqa ask`` on the seeds in a fresh process, index already built (process start to
    answer printed); the first run, which builds the index, is not counted."""
    from index.embed import load_encoder

    load_encoder()  # make the ONNX export if missing (one-off, not timed)
    env = _env(work / "cold-home")
    command = [_factqa(), "ask", SEEDS_QUESTION]
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=600)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0 or not proc.stdout.strip():
            raise RuntimeError(f"factqa ask failed: {proc.stderr[-500:]}")
    bare = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    help_s = timed(subprocess.run, [_factqa(), "--help"], capture_output=True, env=env)[1]
    return {"cold_ask_p50_s": round(percentile(times, 50), 3), "cold_ask_min_s": round(min(times), 3),
            "runs": runs, "python_start_s": round(min(bare), 3), "factqa_help_s": round(help_s, 3)}


_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], capture_output=True); s = time.perf_counter() - t; "
            "print(round(s, 3), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")


def cold_ask_index(work: Path, index: Path, question: str, runs: int = 3) -> dict:
    """Wall time and peak RSS of ``factqa ask --index INDEX QUESTION`` in a fresh process (model export
    already made), ``runs`` times after one untimed run; the p50 of the times and the largest peak."""
    env = _env(work / "cold-home")
    command = [_factqa(), "ask", question, "--index", str(index)]
    times, peaks = [], []
    for r in range(runs + 1):
        proc = subprocess.run([sys.executable, "-c", _MEASURE, *command], env=env, capture_output=True, text=True,
                              timeout=600)
        seconds, rss_kb, code = proc.stdout.split()
        if code != "0":
            raise RuntimeError(f"factqa ask --index {index} failed (exit {code})")
        if r:
            times.append(float(seconds))
            peaks.append(int(rss_kb) / 1024)
    return {"cold_ask_s": round(percentile(times, 50), 3), "cold_ask_runs": runs,
            "cold_ask_peak_rss_mb": round(max(peaks), 1)}


def encoder_load(work: Path) -> dict:
    """Seconds to import and load the encoder and embed one text, in a fresh process; and whether torch loaded."""
    env = _env(work / "cold-home")
    times, torch = [], None
    for _ in range(3):
        proc = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], env=env, capture_output=True, text=True, check=True)
        seconds, torch = proc.stdout.split()
        times.append(float(seconds))
    return {"encoder_load_s": round(min(times), 3), "torch_imported": torch == "True", "runtime": "onnx"}


INGEST_WINDOWS = 10_000
"""Real passages (distinct evidence windows) the ingest-throughput figure encodes (the issue's 10k)."""


def ingest_throughput(work: Path, n_windows: int = INGEST_WINDOWS, rounds: int = 2) -> dict:
    """Passages/s of ``update_index`` (chunking, encoding, BM25 tokens, stories, commit) into a fresh local index,
    next to the raw encoder's windows/s on the same windows in the same batches (longest first, batches of
    ``batch_size``: ``index.store.encode_sorted``, as ingest encodes them), alternating the two ``rounds``
    times; best of each. The encoder is loaded and warmed once, before either is timed."""
    from index.chunk import chunk_article
    from index.embed import load_encoder
    from index.settings import get_settings
    from index.store import IndexStore, encode_sorted
    from index.update import update_index

    encoder = load_encoder()
    batch_size = get_settings().batch_size
    articles, windows = [], []
    everything = data.real_articles()
    for a in everything[100:] or everything:  # past the articles the sizes use; all of them if that is all there is
        articles.append(a)
        windows += [p.window for p in chunk_article(a, get_settings().max_passages_per_article) if p.is_evidence]
        if len(set(windows)) >= n_windows:
            break
    windows = list(dict.fromkeys(windows))
    encoder.encode(windows[:16])
    raw, ingest, encoded = [], [], 0
    for r in range(rounds):
        raw.append(len(windows) / timed(encode_sorted, encoder, windows, batch_size)[1])
        shutil.rmtree(work / f"ingest-{r}", ignore_errors=True)  # from an earlier run in a kept folder
        store = IndexStore(work / f"ingest-{r}")
        report, seconds = timed(update_index, store, articles, encoder)
        encoded = report.encoded
        ingest.append(report.encoded / seconds)
    return {"windows": len(windows), "encoded": encoded, "articles": len(articles),
            "raw_encoder_per_s": round(max(raw), 1), "ingest_passages_per_s": round(max(ingest), 1),
            "ratio": round(max(ingest) / max(raw), 3), "rounds": rounds, "batch_size": batch_size}
