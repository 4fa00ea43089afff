"""Load bench: ``factqa batch`` over many questions on a large index, with bounded memory.

Builds a synthetic index (real AllSides/SciFact sentences assembled into articles, real-derived unit
vectors: see ``eval.bench.data``) of ``--passages`` passages, writes ``--questions`` questions (real
headlines turned into questions, with a malformed line every 1,000), runs ``factqa batch`` on them in a
child process, samples the child's RSS once a second, and prints a table and a JSON line: wall time,
answers written, lines refused, RSS after 10 % / 50 % / 100 % of the run and peak RSS.

    python bench/batch_load.py --passages 100000 --questions 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eval.bench import data
from eval.bench.sizes import _real_pool
from index.embed import load_encoder
from index.models import IndexManifest
from index.store import Index, IndexStore, dense_index


def build_index(folder: Path, n_passages: int, work: Path) -> int:
    """Commit a synthetic index of ``n_passages`` passages at ``folder``; return the passage count."""
    encoder = load_encoder()
    pool = data.sentences(data.real_articles(400))
    articles, passages = data.synthetic_corpus(n_passages, pool)
    vectors = data.synthetic_vectors(_real_pool(work, encoder), len(passages))
    manifest = IndexManifest(model=encoder.name, dimension=encoder.dimension, n_articles=len(articles),
                             n_passages=len(passages), created=dt.datetime.now(dt.UTC))
    IndexStore(folder).commit(Index(manifest, articles, passages, vectors, dense=dense_index(vectors)))
    return len(passages)


def write_questions(path: Path, n: int) -> int:
    """Write ``n`` question lines (every 1,000th malformed JSON); return how many are malformed."""
    titles = data.real_questions(data.real_articles(), 10**9)
    bad = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            if i % 1000 == 999:
                handle.write('{"question": broken\n')
                bad += 1
            else:
                handle.write(json.dumps({"question": titles[i % len(titles)]}) + "\n")
    return bad


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_batch(index: Path, questions: Path, out: Path, total: int) -> dict:
    """Run ``factqa batch`` and sample its memory; return the measurements."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "qa", "batch", str(questions), "-o", str(out), "--index", str(index)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[int, float]] = []
    while child.poll() is None:
        done = sum(1 for _ in out.open()) if out.exists() else 0
        samples.append((done, _rss_mb(child.pid)))
        time.sleep(1.0)
    stderr = child.stderr.read() if child.stderr else ""
    wall = time.perf_counter() - started
    answered = sum(1 for _ in out.open()) if out.exists() else 0

    def rss_at(share: float) -> float:
        eligible = [rss for done, rss in samples if done >= share * answered and rss > 0]
        return round(eligible[0], 1) if eligible else 0.0

    return {"exit_code": child.returncode, "wall_s": round(wall, 1), "answered": answered,
            "refused_lines": stderr.count("failed:"), "questions_per_s": round(answered / wall, 2),
            "rss_mb_at_10pct": rss_at(0.1), "rss_mb_at_50pct": rss_at(0.5), "rss_mb_at_90pct": rss_at(0.9),
            "peak_rss_mb": round(max((r for _, r in samples), default=0.0), 1), "summary": stderr.strip().splitlines()[-1:]}


def main() -> None:
    """Build, run, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="factqa-batch-load-"))
    work.mkdir(parents=True, exist_ok=True)
    index = work / "index"
    n = build_index(index, args.passages, work) if not IndexStore(index).exists() else args.passages
    questions = work / "questions.jsonl"
    malformed = write_questions(questions, args.questions)
    result = {"passages": n, "questions": args.questions, "malformed_lines": malformed,
              "load_avg": [round(x, 2) for x in os.getloadavg()],
              **run_batch(index, questions, work / "answers.jsonl", args.questions)}
    table = Table(title=f"factqa batch: {args.questions:,} questions on {n:,} passages (synthetic vectors)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        table.add_row(key, str(value))
    Console(stderr=True).print(table)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
