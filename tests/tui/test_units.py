"""History file, export format and claim matrix rows, without running the app."""

from __future__ import annotations

import json

import pytest

from qa.models import Answer, CorpusInfo, OutletAnswer, SilentOutlet, Snippet
from tests.tui.conftest import fixture_disagreements
from qa.render import CONTESTED_NOTE
from tui.export import answer_markdown, export_answer, format_for, md
from tui.widgets.disagreement_list import flag_line
from tui.widgets.outlet_card import snippet_text
from tui.history import History, HistoryError
from tui.styled import styled
from tui.widgets.claim_matrix import Cell, build_rows, cell_text


def test_history_keeps_order_skips_repeats_and_damaged_lines(tmp_path):
    path = tmp_path / "h.jsonl"
    path.write_text('"first"\nnot json\n42\n"  second   question "\n', encoding="utf-8")
    history = History(path)
    assert history.entries == ["first", "second question"]
    history.add("second question")
    history.add("third")
    assert History(path).entries == ["first", "second question", "third"]


def test_history_walk_returns_to_the_draft(tmp_path):
    history = History(None)
    for q in ("a", "b"):
        history.add(q)
    assert history.next() is None
    assert [history.previous("draft"), history.previous("b"), history.previous("a")] == ["b", "a", None]
    assert [history.next(), history.next(), history.next()] == ["b", "draft", None]


def test_history_is_trimmed_to_its_limit(tmp_path):
    path = tmp_path / "h.jsonl"
    history = History(path, limit=3)
    for n in range(5):
        history.add(f"q{n}")
    assert History(path, limit=3).entries == ["q2", "q3", "q4"]
    assert len(path.read_text().splitlines()) == 3


def test_an_unwritable_history_raises_history_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    history = History(blocker / "h.jsonl")
    with pytest.raises(HistoryError, match="history not saved"):
        history.add("q")
    assert history.entries == ["q"]


def _answer(disagreements=(), outlets=("Alpha News", "Beta Times", "Gamma Daily")) -> Answer:
    def outlet(name: str, text: str) -> OutletAnswer:
        snippet = Snippet(passage_id=f"{name}#0", article_id=name, text=text, start=0, end=len(text),
                          window_start=0, window_end=len(text), score=0.9, dense=0.5, bm25=1.0)
        return OutletAnswer(outlet=name, article_id=name, title="t", snippets=[snippet], relevance=0.9)

    texts = {"Alpha News": "On March 3 the mayor spoke.", "Beta Times": "On March 4 the mayor spoke.",
             "Gamma Daily": "The mayor spoke on March 3 too.", "Solo": "Nothing dated."}
    return Answer(question="When?", outlets=[outlet(o, texts[o]) for o in outlets],
                  silent=[SilentOutlet(outlet="Delta Post", article_ids=["delta"])],
                  disagreements=list(disagreements),
                  corpus=CorpusInfo(name="c", model="m", n_articles=4, n_passages=9, n_outlets=4), latency_ms=1.0)


def test_matrix_rows_from_disagreements_and_snippets():
    columns, rows = build_rows(_answer(fixture_disagreements()))
    assert columns == ["Alpha News", "Beta Times", "Gamma Daily", "Delta Post"]
    answer_row, date_row, quote_row = rows
    assert answer_row.cells == {"Alpha News": Cell("differs", "date, quote"), "Beta Times": Cell("differs", "date, quote"),
                                "Gamma Daily": Cell("agrees"), "Delta Post": Cell("silent")}
    # Gamma's snippet says March 3 too: 2 of 3 say March 3, so Alpha and Gamma agree and Beta differs.
    assert date_row.label == "date (major)"
    assert date_row.cells == {"Alpha News": Cell("agrees", "March 3"), "Beta Times": Cell("differs", "March 4"),
                              "Gamma Daily": Cell("agrees", "March 3"), "Delta Post": Cell("silent")}
    # a tie (one against one) has no majority: both differ; Gamma does not state the quote.
    assert quote_row.cells["Alpha News"].state == "differs" and quote_row.cells["Beta Times"].state == "differs"
    assert quote_row.cells["Gamma Daily"] == Cell("unstated")


def test_matrix_without_disagreements_is_one_row_and_handles_no_outlets():
    columns, rows = build_rows(_answer())
    assert len(rows) == 1 and {c.state for c in rows[0].cells.values()} == {"agrees", "silent"}
    columns, rows = build_rows(_answer(outlets=()))
    assert columns == ["Delta Post"] and rows[0].cells == {"Delta Post": Cell("silent")}


def test_disagreements_sharing_a_snippet_are_one_claim():
    date = fixture_disagreements()[0]
    alpha, beta = date.sides
    gamma = beta.model_copy(update={"outlet": "Gamma Daily", "article_id": "gamma", "value": "March 5",
                                    "normalized": "2024-03-05", "passage_id": "gamma#0"})
    second = date.model_copy(update={"sides": (alpha, gamma), "outlets": ("Alpha News", "Gamma Daily")})
    _, rows = build_rows(_answer([date, second]))
    assert len(rows) == 2
    assert {o: c.value for o, c in rows[1].cells.items() if c.value} == {
        "Alpha News": "March 3", "Beta Times": "March 4", "Gamma Daily": "March 5"}


def test_cell_text_cuts_long_values():
    assert cell_text(Cell("differs", "x" * 40)).plain == "≠ " + "x" * 21 + "…"
    assert cell_text(Cell("silent")).plain == "silent"


def test_export_json_is_the_answer_model(tmp_path):
    answer = _answer(fixture_disagreements())
    written = export_answer(answer, tmp_path / "sub" / "a.JSON")
    assert format_for(written) == "json"
    assert json.loads(written.read_text()) == json.loads(answer.model_dump_json())


def test_export_markdown_sections_and_quote_diff():
    markdown = answer_markdown(_answer(fixture_disagreements()))
    assert "## Disagreements" in markdown
    assert "- **date** (major) — Alpha News: **March 3** · Beta Times: **March 4**" in markdown
    assert "word diff: The repairs are ahead of schedule ~~and under budget~~" in markdown
    assert "**Not reported by:** Delta Post" in markdown


def test_internal_flags_and_contested_outlets_say_so_in_markdown_and_the_flag_line():
    date = fixture_disagreements()[0]
    internal = date.model_copy(update={"internal": True})
    answer = _answer([internal])
    contested = answer.outlets[1].model_copy(update={"contested": True})
    markdown = answer_markdown(answer.model_copy(update={"outlets": [answer.outlets[0], contested]}))
    assert "- **date** (major) — inside the text: Alpha News: **March 3**" in markdown
    assert markdown.count(CONTESTED_NOTE) == 1
    assert markdown.index("## Beta Times") < markdown.index(CONTESTED_NOTE)
    assert "inside the text:" in flag_line(internal).plain and "inside the text:" not in flag_line(date).plain


def test_md_folds_lines_and_escapes_syntax():
    assert md("a\n# b <script> *c*\x1b[2J") == r"a \# b \<script\> \*c\*"


def test_styled_keeps_offsets_when_escapes_are_removed():
    raw = "ab\x1b[31mcd\x1b[0mef"
    text = styled(raw, [(raw.index("c"), raw.index("d") + 1, "bold")])
    assert text.plain == "abcdef"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(2, 4, "bold")]


def test_a_sentence_an_excerpt_breaks_off_is_shown_with_an_ellipsis_on_its_card_and_in_markdown():
    cut = Snippet(passage_id="a#2", article_id="a", text="The levy raised", start=40, end=55, window_start=40,
                  window_end=55, score=0.8, dense=0.5, bm25=1.0, cut=True)
    assert snippet_text(cut, set(), []).plain.startswith("• The levy raised …")
    whole = cut.model_copy(update={"cut": False})
    assert "…" not in snippet_text(whole, set(), []).plain
    answer = Answer(question="How much did the levy raise?", outlets=[OutletAnswer(
        outlet="Coast Courier", article_id="a", title="Levy", relevance=0.8, snippets=[cut])], silent=[],
        corpus=CorpusInfo(name="t", n_articles=1, n_passages=3, n_outlets=1, model="m"), latency_ms=1.0)
    assert "> The levy raised … (relevance 0.80)" in answer_markdown(answer)
