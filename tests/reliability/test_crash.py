"""SIGKILL at random points of a large ingest: nothing accepted is lost, the index always loads and answers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.store import IndexStore

pytestmark = [pytest.mark.reliability, pytest.mark.model]

RUNS = 20
WORDS = ("minister port grain tariff river bridge council vote budget harbour rail strike court ruling "
         "election turnout drought wheat price export treaty summit border pipeline lithium").split()


def _corpus(folder: Path, batches: int, per_batch: int) -> list[Path]:
    rng = random.Random(42)
    files = []
    for b in range(batches):
        path = folder / f"batch{b:02d}.jsonl"
        with path.open("w") as handle:
            for i in range(per_batch):
                sentences = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(6)]
                record = {"id": f"b{b}-{i}", "outlet": f"Outlet {i % 7}", "title": f"Story {b}-{i}",
                          "published": "2024-09-17", "text": "\n".join(sentences)}
                handle.write(json.dumps(record) + "\n")
        files.append(path)
    return files


def _ingest(files: list[Path], index: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "qa", "ingest", *map(str, files), "--index", str(index)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_sigkill_during_ingest_loses_nothing_accepted(tmp_path, real_encoder):
    env = {**os.environ, "FACTQA_HOME": str(tmp_path / "home")}
    files = _corpus(tmp_path, batches=6, per_batch=40)
    index = tmp_path / "idx"
    store = IndexStore(index)
    rng = random.Random(7)
    assert _ingest(files[:1], index, env).wait(timeout=600) == 0  # also makes the ONNX export
    started = time.perf_counter()
    assert _ingest(files[:2], index, env).wait(timeout=600) == 0
    full_run = time.perf_counter() - started  # process start + model load + encoding one new batch
    committed = {json.loads(line)["id"] for f in files[:2] for line in f.read_text().splitlines()}
    kills = completions = 0
    for run in range(RUNS):
        upto = files[: 3 + run % (len(files) - 2)]
        proc = _ingest(upto, index, env)
        # every fourth run completes, so accepted articles accumulate; the others die at a random point
        delay = 600.0 if run % 4 == 3 else rng.uniform(0.1, 1.2) * full_run
        try:
            code = proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
        else:
            assert code == 0, f"run {run} failed with {code}"
            completions += 1
            committed = {json.loads(line)["id"] for f in upto for line in f.read_text().splitlines()}
        if store.exists():
            loaded = store.load()
            missing = committed - set(loaded.articles)
            assert not missing, f"run {run}: {len(missing)} accepted articles lost"
            vector = real_encoder.encode(["grain export tariff"])[0]
            assert loaded.search("grain export tariff", vector, 5)
        else:
            assert not committed
    # a final uninterrupted run completes everything
    proc = _ingest(files, index, env)
    assert proc.wait(timeout=600) == 0
    everything = {json.loads(line)["id"] for f in files for line in f.read_text().splitlines()}
    assert set(store.load().articles) == everything
    print(f"crash test: {RUNS} runs, {kills} killed, {completions} completed, 0 articles lost")
    assert kills >= RUNS // 3 and completions >= RUNS // 4, (kills, completions)
