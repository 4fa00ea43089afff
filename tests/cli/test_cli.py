"""The factqa command, driven in-process with typer's CliRunner (the real model, loaded once)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from qa.cli import app
from tests.conftest import SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(autouse=True)
def _shared_model(real_encoder, monkeypatch):
    """Reuse the session's model instead of loading it per command."""
    monkeypatch.setattr("index.embed.load_encoder", lambda path=None: real_encoder)
    monkeypatch.setattr("qa.service.load_encoder", lambda path=None: real_encoder)


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_ask_json_on_default_index_seeds_it_first():
    result = _run("ask", "What did Tokayev tell Scholz?", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert {"The Kyiv Independent", "bne IntelliNews", "RT"} <= {o["outlet"] for o in answer["outlets"]}
    assert {s["outlet"] for s in answer["silent"]} == {"Caliber.Az", "Yeni Safak"}


def test_ingest_twice_adds_and_encodes_nothing_the_second_time(tmp_path):
    index = str(tmp_path / "idx")
    first = _run("ingest", str(SEEDS), "--index", index)
    assert first.exit_code == 0 and "accepted 5 (5 new, 0 changed)" in first.stderr
    second = _run("ingest", str(SEEDS), "--index", index)
    assert second.exit_code == 0
    assert "accepted 0" in second.stderr and "skipped 5" in second.stderr and "encoded 0 passages" in second.stderr


def test_ingest_reports_failures_and_exits_1(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Headline\nA body sentence about oil prices.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    result = _run("ingest", str(good), str(bad), "--index", str(tmp_path / "idx"))
    assert result.exit_code == 1
    assert f"{bad}: binary file" in result.stderr and "accepted 1" in result.stderr and "failed 1" in result.stderr


def test_ask_on_missing_index_is_one_line_exit_2(tmp_path):
    result = _run("ask", "anything", "--index", str(tmp_path / "none"))
    assert result.exit_code == 2 and "no index here" in result.stderr and "Traceback" not in result.output


def test_batch_writes_jsonl_and_skips_bad_lines(tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text('What did Tokayev tell Scholz?\n{"question": "How did Tokayev describe Putin?"}\n{"q": 1}\n{broken\n')
    out = tmp_path / "answers.jsonl"
    result = _run("batch", str(questions), "-o", str(out))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [a["question"] for a in lines] == ["What did Tokayev tell Scholz?", "How did Tokayev describe Putin?"]
    assert f"{questions}:3: no string 'question' field" in result.stderr
    assert f"{questions}:4: not valid JSON" in result.stderr


def test_help_is_fast_and_imports_nothing_heavy():
    code = ("import sys; from qa.cli import main; sys.argv=['factqa','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('torch','sentence_transformers','faiss','textual','transformers') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
