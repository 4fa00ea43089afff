"""Comparing two runs (per-metric deltas, per-question wins/ties/losses) and the run identity."""

from __future__ import annotations

import json

import pytest

from eval.runs import BaselineError, compare_runs, git_commit, load_summary, run_info


def question(qid: str, latency: float | None = None, **scores) -> dict:
    return {"gold": "g.jsonl", "id": qid, "scores": scores, "latency_ms": latency}


def summary(questions: list[dict], **metrics) -> dict:
    return {**metrics, "per_question": questions}


def by_metric(comparison):
    return {m.metric: m for m in comparison.metrics}


def test_wins_ties_losses_per_question_by_hand():
    old = summary([question("a", 100.0, **{"evidence_recall@3": 0.5, "false_flag_rate": 0.0}),
                   question("b", 100.0, **{"evidence_recall@3": 1.0, "false_flag_rate": 0.5}),
                   question("c", 100.0, **{"evidence_recall@3": 1.0, "false_flag_rate": None}),
                   question("gone", 1.0, **{"evidence_recall@3": 1.0})],
                  **{"evidence_recall@3": 0.875, "false_flag_rate": 0.25, "latency_ms_p50": 100.0})
    new = summary([question("a", 105.0, **{"evidence_recall@3": 1.0, "false_flag_rate": 1.0}),
                   question("b", 300.0, **{"evidence_recall@3": 0.5, "false_flag_rate": 0.0}),
                   question("c", 50.0, **{"evidence_recall@3": 1.0, "false_flag_rate": 0.0}),
                   question("new", 1.0, **{"evidence_recall@3": 0.0})],
                  **{"evidence_recall@3": 0.625, "false_flag_rate": 0.5, "latency_ms_p50": 105.0})
    comparison = compare_runs(new, old, "old.json")
    m = by_metric(comparison)
    er = m["evidence_recall@3"]
    assert (er.old, er.new, er.delta) == (0.875, 0.625, -0.25)
    assert (er.wins, er.ties, er.losses) == (1, 1, 1)  # a up, c equal, b down
    ff = m["false_flag_rate"]  # lower is better; c is not available in the old run
    assert (ff.wins, ff.ties, ff.losses) == (1, 0, 1)
    assert ff.delta == 0.25
    lat = m["latency_ms_p50"]  # a within 10%: tie; b slower: loss; c faster: win
    assert (lat.wins, lat.ties, lat.losses) == (1, 1, 1)
    assert lat.delta == pytest.approx(5.0)
    assert m["quote_recall"].delta is None  # absent on both sides: not available
    assert comparison.only_new == ["g.jsonl:new"] and comparison.only_old == ["g.jsonl:gone"]
    assert comparison.regressions == ["g.jsonl:b evidence_recall@3", "g.jsonl:a false_flag_rate"]


def test_identical_runs_are_all_ties():
    run = summary([question("a", 10.0, **{"silence_accuracy": 1.0})], silence_accuracy=1.0)
    m = by_metric(compare_runs(run, run, "same"))
    assert (m["silence_accuracy"].wins, m["silence_accuracy"].ties, m["silence_accuracy"].losses) == (0, 1, 0)
    assert m["silence_accuracy"].delta == 0.0


def test_load_summary_refuses_what_is_not_a_run(tmp_path):
    for text, needle in (("[]", "per_question"), ("{", "cannot read"), ('{"per_question": 3}', "per_question")):
        path = tmp_path / "x.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(BaselineError, match=needle):
            load_summary(path)
    with pytest.raises(BaselineError, match="cannot read"):
        load_summary(tmp_path / "absent.json")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(summary([])), encoding="utf-8")
    assert load_summary(good) == {"per_question": []}


def test_run_info_records_model_index_and_commit(tmp_path):
    info = run_info("m", "abc", ["g.jsonl"])
    assert (info.model, info.index_manifest, info.gold) == ("m", "abc", ["g.jsonl"])
    assert info.commit == git_commit() and info.commit
    assert git_commit(tmp_path) == "unknown"  # not a git checkout
