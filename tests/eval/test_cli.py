"""``factqa eval``, ``beir`` and ``calibrate`` through CliRunner, with the hashing encoder in place of the model."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eval.cli import beir_command, calibrate_command, eval_command
from eval.harness import SUMMARY_KEYS
from index.embed import HashingEncoder
from qa.relevance import Calibration

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

ITEMS = [
    {"id": "when", "question": "When did Scholz visit Astana?",
     "documents": [
         {"id": "kyiv", "outlet": "Kyiv Post", "text": "Scholz visited Astana on Sept. 16. The talks lasted two hours."},
         {"id": "bne", "outlet": "bne", "text": "Scholz came to Astana on September 17. Weather was fine."},
         {"id": "sport", "outlet": "Sport Daily", "text": "The football match ended in a draw. Fans went home."},
     ],
     "answers": {"kyiv": {"evidence": ["Scholz visited Astana on Sept. 16"]},
                 "bne": {"evidence": ["Scholz came to Astana on September 17"]}},
     "silent": ["sport"], "conflicts": [{"kind": "date", "outlets": ["kyiv", "bne"]}]},
    {"id": "score", "question": "How did the football match end?",
     "documents": [
         {"id": "s1", "outlet": "Sport Daily", "text": "The football match ended in a draw. Fans went home."},
         {"id": "s2", "outlet": "Kyiv Post", "text": "Wheat prices rose again. Farmers were pleased."},
     ],
     "answers": {"s1": {"evidence": ["The football match ended in a draw."]}}, "silent": ["s2"]},
]


@pytest.fixture
def app(monkeypatch) -> typer.Typer:
    """The three commands on a Typer app, with the model replaced by the hashing encoder."""
    monkeypatch.setattr("index.embed.load_encoder", lambda *args, **kwargs: HashingEncoder(64))
    app = typer.Typer()
    app.command("eval")(eval_command)
    app.command("beir")(beir_command)
    app.command("calibrate")(calibrate_command)
    return app


@pytest.fixture
def gold_file(tmp_path) -> Path:
    path = tmp_path / "tiny-gold.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in ITEMS), encoding="utf-8")
    return path


def test_eval_json_prints_exactly_the_issue_keys(app, gold_file):
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary) == {*SUMMARY_KEYS, "per_kind", "per_detector", "per_note", "per_question"}
    assert summary["n_questions"] == 2
    assert [q["id"] for q in summary["per_question"]] == ["when", "score"]
    assert summary["quote_recall"] is None and summary["false_flag_rate"] is None
    assert "scored 2 questions, 0 failed" in result.stderr


def test_eval_table_shows_na_for_metrics_without_data(app, gold_file):
    result = CliRunner().invoke(app, ["eval", str(gold_file)])
    assert result.exit_code == 0, result.output
    assert "evidence_recall@3" in result.stdout and "n/a" in result.stdout
    assert "commit" in result.stdout  # the table's caption names model, index and commit


def test_eval_on_the_seeds_gold_uses_the_bundled_seeds(app):
    result = CliRunner().invoke(app, ["eval", str(FIXTURES / "seeds-gold.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["n_questions"] == 10
    assert all(q["error"] is None for q in summary["per_question"])


def test_eval_against_a_jsonl_corpus(app, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": d["id"], "outlet": d["outlet"], "text": d["text"]}) + "\n"
                              for d in ITEMS[0]["documents"]), encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({k: v for k, v in ITEMS[0].items() if k != "documents"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["per_question"][0]["error"] is None


def test_eval_names_gold_documents_the_corpus_lacks_and_exits_1(app, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "question": "Who?", "silent": ["not-a-seed"]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 1
    assert "not-a-seed" in result.stderr
    assert json.loads(result.stdout)["silence_accuracy"] == 0.0


def test_eval_out_writes_every_report_with_the_run_identity(app, gold_file, tmp_path):
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["per_question.jsonl", "plot.png", "report.md", "summary.json"]
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["run"]) >= {"model", "index_manifest", "commit"}
    assert summary["run"]["model"] == "hashing-64"
    lines = [json.loads(line) for line in (out / "per_question.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == ["when", "score"]
    assert all(line["model"] == "hashing-64" and line["commit"] and line["index_manifest"] for line in lines)
    report = (out / "report.md").read_text()
    for needle in ("hashing-64", summary["run"]["index_manifest"], summary["run"]["commit"], "plot.png", "| evidence_recall@3 |"):
        assert needle in report
    assert (out / "plot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_against_a_baseline_prints_deltas_and_wins_ties_losses(app, gold_file, tmp_path):
    first = CliRunner().invoke(app, ["eval", str(gold_file), "--json"])
    old = json.loads(first.stdout)
    old["per_question"][0]["scores"]["evidence_recall@3"] = -1.0  # so the new run wins there
    old["evidence_recall@3"] = 0.0
    baseline = tmp_path / "old.json"
    baseline.write_text(json.dumps(old), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    assert "against" in result.stdout and "wins" in result.stdout
    as_json = CliRunner().invoke(app, ["eval", str(gold_file), "--json", "--baseline", str(baseline)])
    assert set(json.loads(as_json.stdout)) == {*SUMMARY_KEYS, "per_kind", "per_detector", "per_note", "per_question"}  # comparison on stderr
    assert "wins" in as_json.stderr


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "x"}', "bad.jsonl:1: question: Field required"),
    ('{"id": "x", "question": "q", "conflicts": [{"kind": "colour", "outlets": ["a", "b"]}]}', "bad.jsonl:1: conflicts.0.kind"),
    ("not json", "bad.jsonl:1:"),
])
def test_eval_refuses_bad_gold_naming_line_and_field(app, tmp_path, line, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad), "--json"])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert result.stdout == ""


def test_eval_refuses_index_and_corpus_together_and_a_bad_baseline(app, gold_file, tmp_path):
    both = CliRunner().invoke(app, ["eval", str(gold_file), "--index", str(tmp_path), "--corpus", str(gold_file)])
    assert both.exit_code == 2 and "not both" in both.stderr
    junk = tmp_path / "junk.json"
    junk.write_text("{}", encoding="utf-8")
    bad = CliRunner().invoke(app, ["eval", str(gold_file), "--baseline", str(junk)])
    assert bad.exit_code == 2 and "per_question" in bad.stderr
    no_index = CliRunner().invoke(app, ["eval", str(FIXTURES / "seeds-gold.jsonl"), "--index", str(tmp_path / "none")])
    assert no_index.exit_code == 2 and "no index here" in no_index.stderr


def write_beir(folder: Path, gz: bool = False) -> Path:
    docs = [
        {"_id": "d1", "title": "Apples", "text": "Apples are red fruit grown in orchards."},
        {"_id": "d2", "title": "Bananas", "text": "Bananas are yellow tropical fruit."},
        {"_id": "d3", "title": "Engines", "text": "Diesel engines burn fuel under compression."},
    ]
    queries = [{"_id": "q1", "text": "diesel engines"}, {"_id": "q2", "text": "yellow bananas"},
               {"_id": "q3", "text": "an unjudged query"}]
    folder.mkdir(parents=True, exist_ok=True)
    corpus = "".join(json.dumps(d) + "\n" for d in docs).encode()
    (folder / ("corpus.jsonl.gz" if gz else "corpus.jsonl")).write_bytes(gzip.compress(corpus) if gz else corpus)
    (folder / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in queries), encoding="utf-8")
    (folder / "qrels").mkdir(exist_ok=True)
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td3\t1\nq2\td2\t1\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("gz", [False, True])
def test_beir_scores_every_retriever_side_by_side(app, tmp_path, gz):
    folder = write_beir(tmp_path / "tiny", gz)
    result = CliRunner().invoke(app, ["beir", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n_queries"] == 2 and report["n_documents"] == 3 and report["default_retriever"] == "hybrid"
    assert set(report["retrievers"]) == {"hybrid", "dense", "bm25"}
    assert report["retrievers"]["bm25"]["ndcg@10"] == 1.0  # each query names its document's words
    assert report["retrievers"]["bm25"]["recall@100"] == 1.0
    assert set(report["run"]) >= {"model", "index_manifest", "commit"}


def test_beir_one_retriever_and_table(app, tmp_path):
    folder = write_beir(tmp_path / "tiny")
    result = CliRunner().invoke(app, ["beir", str(folder), "--retriever", "bm25"])
    assert result.exit_code == 0, result.output
    assert "bm25" in result.stdout and "hybrid" not in result.stdout


def test_beir_refuses_bad_folders_and_options(app, tmp_path):
    assert CliRunner().invoke(app, ["beir", str(tmp_path)]).exit_code == 2
    folder = write_beir(tmp_path / "tiny")
    wrong_split = CliRunner().invoke(app, ["beir", str(folder), "--split", "dev"])
    assert wrong_split.exit_code == 2 and "available: test" in wrong_split.stderr
    wrong_retriever = CliRunner().invoke(app, ["beir", str(folder), "--retriever", "splade"])
    assert wrong_retriever.exit_code == 2
    (folder / "qrels" / "test.tsv").write_text("q1\td3\tone\n", encoding="utf-8")
    bad_qrels = CliRunner().invoke(app, ["beir", str(folder)])
    assert bad_qrels.exit_code == 2 and "test.tsv:1: score" in bad_qrels.stderr


def test_calibrate_writes_the_fitted_calibration(app, gold_file, tmp_path):
    target = tmp_path / "calibration.json"
    result = CliRunner().invoke(app, ["calibrate", str(gold_file), "--out", str(target)])
    assert result.exit_code == 0, result.output
    calibration = Calibration.model_validate_json(target.read_text())
    assert calibration.fitted_on == "tiny-gold.jsonl (2 items)"
    assert Calibration.model_validate_json(result.stdout) == calibration


def test_calibrate_refuses_gold_without_silent_documents(app, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({**ITEMS[1], "silent": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["calibrate", str(gold), "--out", str(tmp_path / "c.json")])
    assert result.exit_code == 2 and "silent" in result.stderr
    assert not (tmp_path / "c.json").exists()


def test_eval_reports_an_unwritable_out_folder_in_one_line(app, gold_file, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--json", "--out", str(blocker / "sub")])
    assert result.exit_code == 2 and "cannot write the reports" in result.stderr


def test_beir_cache_reuses_vectors_and_refuses_another_models(app, tmp_path, monkeypatch):
    folder = write_beir(tmp_path / "tiny")
    cache = tmp_path / "vectors.npz"
    first = CliRunner().invoke(app, ["beir", str(folder), "--json", "--cache", str(cache)])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["encoded"] == 3 and cache.is_file()
    again = CliRunner().invoke(app, ["beir", str(folder), "--json", "--cache", str(cache)])
    assert json.loads(again.stdout)["encoded"] == 0

    def quality(result):
        return {r: (s["ndcg@10"], s["recall@100"]) for r, s in json.loads(result.stdout)["retrievers"].items()}

    assert quality(again) == quality(first)
    monkeypatch.setattr("index.embed.load_encoder", lambda *args, **kwargs: HashingEncoder(32))
    other = CliRunner().invoke(app, ["beir", str(folder), "--json", "--cache", str(cache)])
    assert other.exit_code == 2 and "hashing-64, not hashing-32" in other.stderr


def test_eval_skips_corpus_files_that_fail_to_load_and_names_each(app, tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("Ferry news\n\nThe ferry to the island resumes service on Monday.\n", encoding="utf-8")
    (corpus / "tram.txt").write_text("Tram news\n\nThe new tram line opens in June, the council said.\n", encoding="utf-8")
    (corpus / "photo.txt").write_bytes(b"\x00\x01binary")
    (corpus / "scan.md").write_bytes(b"\x00\x00")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "ferry", "question": "When does the ferry resume service?",
                                "answers": {"ferry": {"evidence": ["resumes service on Monday"]}},
                                "silent": ["tram"]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 1, result.output  # as `factqa ingest`: the rest is used, the exit code says some failed
    assert f"failed: {corpus / 'photo.txt'}: binary file" in result.stderr
    assert f"failed: {corpus / 'scan.md'}: binary file" in result.stderr
    assert "2 corpus files failed to load" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["n_questions"] == 1 and summary["per_question"][0]["id"] == "ferry"


def test_eval_refuses_a_corpus_with_no_readable_file(app, tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "photo.txt").write_bytes(b"\x00\x01binary")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "q", "question": "Anything?", "answers": {}, "silent": ["photo"]}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--corpus", str(corpus)])
    assert result.exit_code == 2 and "no article could be read (1 failed; first:" in result.stderr


def test_calibrate_writes_to_the_data_folder_never_over_the_shipped_file(app, gold_file, tmp_path):
    from qa.relevance import CALIBRATION_FILE

    shipped = CALIBRATION_FILE.read_bytes()
    result = CliRunner().invoke(app, ["calibrate", str(gold_file)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "home" / "calibration.json"  # FACTQA_HOME is tmp_path/home (tests/conftest.py)
    assert Calibration.model_validate_json(written.read_text()).fitted_on == "tiny-gold.jsonl (2 items)"
    assert CALIBRATION_FILE.read_bytes() == shipped
    assert f"--calibration {written}" in result.stderr


def test_eval_uses_a_named_calibration_and_refuses_a_missing_one(app, gold_file, tmp_path):
    from qa.relevance import load_calibration

    strict = tmp_path / "strict.json"
    strict.write_text(load_calibration().model_copy(update={"threshold": 0.999999}).model_dump_json(), encoding="utf-8")
    default = json.loads(CliRunner().invoke(app, ["eval", str(gold_file), "--json"]).stdout)
    named = CliRunner().invoke(app, ["eval", str(gold_file), "--json", "--calibration", str(strict)])
    assert named.exit_code == 0, named.output
    assert default["outlet_coverage"] > 0 and json.loads(named.stdout)["outlet_coverage"] == 0
    missing = CliRunner().invoke(app, ["eval", str(gold_file), "--calibration", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "none.json: cannot read the calibration" in missing.stderr
