"""The terminal rendering of a quote's word diff, with and without colour."""

from __future__ import annotations

import io

from rich.console import Console

from qa.models import Answer, CorpusInfo, DiffOp, Disagreement, Side
from qa.render import render_answer


def _answer() -> Answer:
    sides = [Side(outlet=o, article_id=o, value=s, normalized=s, passage_id=f"{o}#0", snippet=s, snippet_start=0)
             for o, s in (("Isle Times", "“We will [not] stop the ferry,” she said."),
                          ("Rail Post", "“We shall not stop the ferries,” she said."))]
    diff = [DiffOp(op="equal", a="We", b="We"), DiffOp(op="replace", a="will [not]", b="shall not"),
            DiffOp(op="equal", a="stop the", b="stop the"), DiffOp(op="replace", a="ferry", b="ferries")]
    quote = Disagreement(kind="quote", severity="minor", explanation="The quote is worded differently.",
                         outlets=["Isle Times", "Rail Post"],
                         sides=sides, diff=diff)
    return Answer(question="What did she say?", outlets=[], silent=[], disagreements=[quote],
                  corpus=CorpusInfo(name="t", model="m", n_articles=2, n_passages=2, n_outlets=2), latency_ms=1.0)


def _render(**console) -> str:
    out = io.StringIO()
    render_answer(_answer(), Console(file=out, width=200, **console))
    return out.getvalue()


def test_without_colour_removed_and_added_words_are_marked():
    text = _render(color_system=None)
    assert "   We [-will [not]-] {+shall not+} stop the [-ferry-] {+ferries+}\n" in text


def test_with_colour_the_words_are_coloured_not_bracketed():
    text = _render(color_system="truecolor", force_terminal=True)
    assert "[-" not in text and "{+" not in text
    assert "\x1b[" in text and "shall not" in text and "ferries" in text
