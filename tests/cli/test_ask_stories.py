"""``factqa ask`` names its story, counts independent reports and outlets that did not cover it (hashing encoder)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from index.embed import HashingEncoder
from index.models import Article
from index.store import IndexStore
from index.update import update_index
from qa.cli import app

DAY = dt.date(2030, 10, 14)
WIRE = ("LUNDA (Wire) — A ferry carrying 212 passengers ran aground off the island of Lunda on Monday night, the coast "
        "guard said. All passengers were brought ashore by Tuesday morning and nine were treated for minor injuries. "
        "The ferry operator said the cause of the grounding was under investigation. Divers will inspect the hull "
        "on Wednesday, and the route will stay closed until then, the operator added.")
ORIGINAL = ("The ferry that ran aground off Lunda had 212 passengers aboard, and the coast guard brought them all ashore "
            "by Tuesday. Nine passengers were treated for minor injuries. Residents of the island said the reef near the "
            "harbour had been marked badly for years.")
CHESS = "The national chess final in Brellin ended in a draw on Friday after six hours of play."


def _articles() -> list[Article]:
    copies = [("Harbour Herald", "Ferry runs aground off Lunda", WIRE),
              ("Valley Post", "Lunda ferry grounded, 212 passengers safe", WIRE + " More updates will follow."),
              ("Capital Daily", "212 brought ashore after Lunda grounding", "Updated. " + WIRE)]
    articles = [Article(id=f"copy-{n}", outlet=o, title=t, text=text, published=DAY) for n, (o, t, text) in
                enumerate(copies)]
    articles.append(Article(id="own", outlet="Island Voice", title="Lunda ferry: residents blame the reef", text=ORIGINAL,
                            published=DAY + dt.timedelta(days=1)))
    articles.append(Article(id="chess", outlet="Board Weekly", title="Chess final drawn", text=CHESS,
                            published=DAY + dt.timedelta(days=30)))
    return articles


@pytest.fixture
def index_dir(tmp_path, monkeypatch):
    fake = lambda path=None, **kwargs: HashingEncoder(64)  # noqa: E731
    monkeypatch.setattr("index.embed.load_encoder", fake)
    monkeypatch.setenv("FACTQA_STORY_THRESHOLD", "0.3")
    store = IndexStore(tmp_path / "idx")
    update_index(store, _articles(), HashingEncoder(64))
    return str(store.root)


def test_a_wire_story_reprinted_three_times_is_one_report_of_two(index_dir):
    question = "How many passengers were on the ferry that ran aground off Lunda?"
    result = CliRunner().invoke(app, ["ask", question, "--index", index_dir, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    [story] = [s for s in answer["stories"] if "Island Voice" in s["outlets"]]
    assert story["n_articles"] == 4 and story["n_independent"] == 2
    assert answer["n_uncovered_outlets"] == 1  # the chess weekly
    sources = {o["outlet"]: o["source"] for o in answer["outlets"]}
    assert {sources.get(o) for o in ("Harbour Herald", "Valley Post", "Capital Daily") if o in sources} == {"copy-0"}
    text = CliRunner().invoke(app, ["ask", question, "--index", index_dir], catch_exceptions=False).stdout
    flat = " ".join(text.split())
    assert "4 outlets, 2 independent reports" in flat
    assert "1 other outlet in the corpus did not cover this story." in flat
    assert "Wire copy: the same report as" in flat
    assert "Board Weekly" not in flat


def test_ask_within_an_unknown_story_is_a_one_line_error(index_dir):
    result = CliRunner().invoke(app, ["ask", "How many passengers?", "--index", index_dir, "--story", "s-nope"])
    assert result.exit_code == 2 and "no story 's-nope'" in result.stderr
