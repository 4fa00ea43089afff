"""The factqa command, driven in-process with typer's CliRunner (the real model, loaded once)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from index.settings import get_settings
from qa.cli import app
from tests.conftest import SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(autouse=True)
def _shared_model(real_encoder, monkeypatch):
    """Reuse the session's model instead of loading it per command."""
    monkeypatch.setattr("index.embed.load_encoder", lambda path=None, **kwargs: real_encoder)


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


COMMANDS = ("ingest", "ask", "batch", "eval", "beir", "calibrate", "bench")


def test_ask_json_on_default_index_seeds_it_first():
    result = _run("ask", "What did Tokayev tell Scholz?", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert {"The Kyiv Independent", "bne IntelliNews", "RT"} <= {o["outlet"] for o in answer["outlets"]}
    # Caliber.Az and Yeni Safak covered only January's story, which joins for RT's mention of Scholz
    assert answer["silent"] == [] and answer["n_uncovered_outlets"] == 2
    assert "Indexing the demo corpus (first run only)…" in result.stderr  # stderr is no terminal: one line a stage
    again = _run("ask", "What did Tokayev tell Scholz?", "--json")
    assert again.exit_code == 0 and "Indexing" not in again.stderr and "Loading" not in again.stderr


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


def test_ask_on_a_named_index_does_not_index_the_demo_corpus(tmp_path):
    index = str(tmp_path / "idx")
    assert _run("ingest", str(SEEDS), "--index", index).exit_code == 0
    result = _run("ask", "What did Tokayev tell Scholz?", "--index", index, "-k", "1", "--json")
    assert result.exit_code == 0 and "Indexing" not in result.stderr
    assert all(len(o["snippets"]) == 1 for o in json.loads(result.stdout)["outlets"])


@pytest.mark.parametrize("question", ["", "   ", "\x00\x07"])
def test_an_empty_question_is_an_error(question):
    result = _run("ask", question)
    assert result.exit_code == 2 and "the question is empty" in result.stderr and result.stdout == ""


def test_a_pasted_page_is_cut_to_its_question_and_says_so():
    page = "The talks in Astana ran long and covered trade, energy and transport. " * 140  # 70 × 140 = 9,800 characters
    result = _run("ask", page + "What did Tokayev tell Scholz?", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["question"] == "What did Tokayev tell Scholz?" and answer["outlets"]
    assert answer["message"].startswith("Your input was 9,829 characters (over 300), so only its last question")


def test_a_calibration_is_used_only_when_named(tmp_path, monkeypatch):
    from qa.relevance import load_calibration

    strict = tmp_path / "strict.json"
    strict.write_text(load_calibration().model_copy(update={"threshold": 0.999999}).model_dump_json(), encoding="utf-8")
    default = json.loads(_run("ask", "What did Tokayev tell Scholz?", "--json").stdout)
    assert default["outlets"]
    named = _run("ask", "What did Tokayev tell Scholz?", "--json", "--calibration", str(strict))
    assert named.exit_code == 0 and json.loads(named.stdout)["outlets"] == []
    monkeypatch.setenv("FACTQA_CALIBRATION", str(strict))
    get_settings.cache_clear()
    assert json.loads(_run("ask", "What did Tokayev tell Scholz?", "--json").stdout)["outlets"] == []


def test_a_missing_or_foreign_calibration_is_one_line_exit_2(tmp_path):
    missing = _run("ask", "What did Tokayev tell Scholz?", "--calibration", str(tmp_path / "none.json"))
    assert missing.exit_code == 2 and "none.json: cannot read the calibration" in missing.stderr
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"weights": "heavy"}', encoding="utf-8")
    bad = _run("ask", "What did Tokayev tell Scholz?", "--calibration", str(foreign))
    assert bad.exit_code == 2 and "foreign.json: not a factqa calibration" in bad.stderr


def test_help_and_version_follow_the_usual_conventions():
    from qa.cli import _register_plugins

    _register_plugins()
    version = _run("--version")
    assert version.exit_code == 0 and version.stdout.startswith("factqa 0.")
    assert _run("-h").stdout == _run("--help").stdout and "Examples" in _run("-h").stdout
    for command in COMMANDS:
        shown = _run(command, "-h")
        assert shown.exit_code == 0 and "Examples:" in shown.stdout, command
        for python_type in ("<bool>", "<str>", "<int", "<path>", "<list", "{"):
            assert python_type not in shown.stdout, (command, python_type)
    assert "Usage: factqa ask [OPTIONS] QUESTION" in _run("ask", "-h").stdout
    assert re.search(r"--top-k +-k +N ", _run("ask", "-h").stdout)
    assert "Usage: factqa ingest [OPTIONS] PATHS..." in _run("ingest", "-h").stdout


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


def test_asking_loads_no_plugin_and_no_ingest_module():
    code = ("import sys; from qa.cli import main; sys.argv=['factqa','ask','-h']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import qa.service\n"
            "extra=sorted(m for m in sys.modules if m.split('.')[0] in ('eval','tui') or m in ('index.update','index.chunk'))\n"
            "print('EXTRA', extra)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "EXTRA []" in out.stdout, out.stdout + out.stderr
