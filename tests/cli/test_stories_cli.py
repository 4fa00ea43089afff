"""``factqa stories`` and ``factqa eval-stories`` on small invented corpora (hashing encoder, no model)."""

from __future__ import annotations

import datetime as dt
import json

import typer
from typer.testing import CliRunner

from eval.stories_cli import eval_stories_command
from index.models import Article
from index.store import IndexStore
from index.update import update_index
from qa.cli import app

DAY = dt.date(2024, 5, 6)
QUAKE = ("A magnitude six earthquake shook the coastal town of Varesk on Tuesday morning, cracking the harbour wall. "
         "The governor said nobody had died and that schools would stay shut.")
QUAKE_2 = ("An earthquake of magnitude six struck Varesk on Tuesday morning and cracked its harbour wall. "
           "Schools will stay shut, the governor said, adding that nobody died.")
CHESS = ("The national chess final in Brellin ended in a draw on Friday after six hours of play. "
         "Both players agreed to a rematch next month.")


def _articles() -> list[Article]:
    return [Article(id="quake-one", outlet="Coast News", title="Quake cracks Varesk harbour", text=QUAKE, published=DAY),
            Article(id="quake-two", outlet="Daily Courier", title="Varesk shaken by earthquake", text=QUAKE_2,
                    published=DAY + dt.timedelta(days=1)),
            Article(id="chess-one", outlet="Coast News", title="Chess final drawn", text=CHESS,
                    published=DAY + dt.timedelta(days=4))]


def test_stories_json_lists_newest_first(tmp_path, hashing_encoder, monkeypatch):
    monkeypatch.setenv("FACTQA_STORY_THRESHOLD", "0.5")
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), hashing_encoder)
    result = CliRunner().invoke(app, ["stories", "--index", str(store.root), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["article_ids"] for s in stories] == [["chess-one"], ["quake-one", "quake-two"]]
    assert stories[1]["outlets"] == ["Coast News", "Daily Courier"]
    assert stories[1]["first_published"] == "2024-05-06" and stories[1]["last_published"] == "2024-05-07"
    table = CliRunner().invoke(app, ["stories", "--index", str(store.root)], catch_exceptions=False)
    assert table.exit_code == 0 and "Quake cracks" in table.stdout and "2 stories" in table.stdout


def test_stories_on_a_missing_index_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["stories", "--index", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "no index here" in result.stderr


def test_eval_stories_scores_the_events_of_the_ids(tmp_path, hashing_encoder, monkeypatch):
    monkeypatch.setattr("index.embed.load_encoder", lambda path=None, **kwargs: hashing_encoder)
    monkeypatch.setenv("FACTQA_STORY_THRESHOLD", "0.5")
    corpus = tmp_path / "corpus.jsonl"
    ids = ["quake-one", "quake-two", "chess-one"]  # event = id up to the last hyphen
    corpus.write_text("".join(json.dumps({"id": i, "outlet": a.outlet, "title": a.title, "text": a.text,
                                          "published": a.published.isoformat()}) + "\n"
                              for i, a in zip(ids, _articles(), strict=True)))
    cli = typer.Typer()
    cli.command()(eval_stories_command)
    result = CliRunner().invoke(cli, [str(corpus), "--json", "--sweep", "--thresholds", "0.5,1.5", "--windows", "3",
                                      "--day-penalties", "0", "--name-weights", "0"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["events"] == 2 and report["stored"]["f1"] == 1.0
    low, high = report["sweep"]
    assert low["f1"] == 1.0
    # threshold 1.5: three singletons; P = 1, R = (1/2 + 1/2 + 1)/3 = 2/3
    assert (high["precision"], round(high["recall"], 4)) == (1.0, round(2 / 3, 4))
    # one story of two quake articles: each the answering one in turn, the other of the same event
    assert report["event_test"]["all"] == {"precision": 1.0, "recall": 1.0, "n": 2}
    assert [h["n"] for h in report["event_test"]["halves"]] == [0, 2]  # halves [chess], [quake]: no chess case
    text = CliRunner().invoke(cli, [str(corpus)], catch_exceptions=False)
    assert "same-event test: all P 1.000 R 1.000 (2 cases)" in text.stdout
