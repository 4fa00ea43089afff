"""``factqa ingest``'s checks and summary, driven with CliRunner on the hashing encoder (no model needed)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from index.embed import HashingEncoder
from index.store import IndexStore
from qa.cli import app
from tests.conftest import SEEDS


@pytest.fixture(autouse=True)
def _hashing_model(monkeypatch):
    monkeypatch.setattr("index.embed.load_encoder", lambda path=None, **kwargs: HashingEncoder(64))


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_missing_path_makes_no_index_folder_and_exits_2(tmp_path):
    index = tmp_path / "idx"
    result = _run("ingest", str(tmp_path / "no-such-folder"), "--index", str(index))
    assert result.exit_code == 2
    assert f"{tmp_path / 'no-such-folder'}: no such file or folder" in result.stderr
    assert "nothing to ingest" in result.stderr and "not touched" in result.stderr
    assert not index.exists()


def test_rebuild_with_a_missing_path_keeps_the_index(tmp_path):
    index = str(tmp_path / "idx")
    assert _run("ingest", str(SEEDS), "--index", index).exit_code == 0
    result = _run("ingest", str(tmp_path / "typo"), "--index", index, "--rebuild")
    assert result.exit_code == 2
    again = _run("ingest", str(SEEDS), "--index", index)
    assert "accepted 0" in again.stderr and "skipped 5" in again.stderr  # the seeds are still indexed


def _counts(stderr: str) -> tuple[int, int, int, int]:
    passages, evidence, boilerplate = map(int, re.search(r"(\d+) passages \((\d+) evidence, (\d+) boilerplate", stderr).groups())
    encoded = int(re.search(r"encoded (\d+) passages this run", stderr).group(1))
    return passages, evidence, boilerplate, encoded


def test_summary_passage_counts_add_up_and_say_why_they_differ(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Harbour reopens\nBy Jane Roe | Reuters\nThe harbour reopened on Monday. Ferries sailed at noon.\n")
    result = _run("ingest", str(story), "--index", str(tmp_path / "idx"))
    assert result.exit_code == 0, result.output
    # headline, byline, two sentences: the byline is kept but is no evidence, so it is not encoded; the two
    # sentences share one window (each other), the headline has its own (the byline parts it from the body)
    assert _counts(result.stderr) == (4, 3, 1, 2)
    assert "boilerplate, which is kept but not encoded" in result.stderr
    assert "of 3 new evidence passages; the other 1 share a window with a passage already embedded" in result.stderr


def test_summary_needs_no_explanation_when_every_evidence_window_is_new(tmp_path):
    story = tmp_path / "short.txt"
    story.write_text("Harbour reopens\nBy Jane Roe\nThe harbour reopened on Monday.\n")  # three windows of one line
    result = _run("ingest", str(story), "--index", str(tmp_path / "idx"))
    assert _counts(result.stderr) == (3, 2, 1, 2)
    assert "new evidence passages" not in result.stderr


def test_summary_counts_files_without_a_manifest_entry(tmp_path):
    news = tmp_path / "news"
    (news / "desk").mkdir(parents=True)
    (news / "desk" / "manifest.json").write_text(json.dumps({"articles": [
        {"id": "c1", "file": "courier.txt", "outlet": "The Courier", "published": "2026-03-14"}]}))
    (news / "desk" / "courier.txt").write_text("Bridge fails\nThe old bridge collapsed on Monday.\n")
    (news / "valley.md").write_text("Valley Radio News — March 15, 2026\n# Bridge fails\nThe bridge fell.\n")
    (news / "rain.txt").write_text("Rain — and more rain — expected\nForecasters said so.\n")
    result = _run("ingest", str(news), "--index", str(tmp_path / "idx"))
    assert result.exit_code == 0, result.output
    assert ("2 files had no manifest entry: metadata taken from text/file name "
            "(outlet from the file name for 1, no date for 1)") in result.stderr
    outlets = {a.outlet for a in IndexStore(tmp_path / "idx").load().articles.values()}
    assert outlets == {"The Courier", "Valley Radio News", "rain"}
