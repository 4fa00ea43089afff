"""Contradictions inside an outlet's own text through ``compare``: one disagreement naming both outlets when
each text carries the same contradiction, one outlet twice when it alone does, nothing for consistent texts;
the consensus line and the terminal say they are inside the text."""

import datetime as dt
import io

from rich.console import Console

from qa.compare import compare
from qa.models import Answer, CorpusInfo
from qa.render import render_answer
from tests.qa.compare.test_engine import _setup

JAN3 = dt.date(2025, 1, 3)
LISTED = "The bay is ringed by five fishing villages: Arnby, Bolt, Carrow, Dunmere."
QUESTION = "Is the bay ringed by five fishing villages?"


def _internal(found):
    return [d for d in found if d.internal]


def test_the_same_contradiction_in_two_outlets_is_one_disagreement_naming_both():
    outlets, index = _setup({"a": (LISTED, JAN3), "b": (LISTED, JAN3)})
    found, consensus = compare(QUESTION, "yesno", outlets, index)
    (d,) = _internal(found)
    assert d.outlets == ("A", "B") and d.kind == "number" and d.severity == "major"
    assert [s.outlet for s in d.sides] == ["A", "B"]
    assert [s.value for s in d.sides] == ["five fishing villages", "Arnby, Bolt, Carrow, Dunmere"]
    assert d.explanation == ("A and B each contradict themselves: each says “five fishing villages” but lists four "
                             "(Arnby, Bolt, Carrow, Dunmere)")
    text = index.articles[d.sides[0].article_id].text
    assert [text[s:e] for s, e in d.sides[0].spans] == ["five fishing villages"]
    assert consensus.endswith("inside the text: A and B each contradict themselves on the number.")
    assert "between them" in consensus


def test_a_contradiction_in_one_outlet_names_it_twice():
    outlets, index = _setup({"a": (LISTED, JAN3),
                             "b": ("The bay is ringed by four fishing villages: Arnby, Bolt, Carrow, Dunmere.", JAN3)})
    found, consensus = compare(QUESTION, "yesno", outlets, index)
    (d,) = _internal(found)
    assert d.outlets == ("A", "A") and [s.outlet for s in d.sides] == ["A", "A"]
    assert d.explanation.startswith("A contradicts itself: it says “five fishing villages”")
    assert "inside the text: A contradicts itself on the number" in consensus


def test_consistent_texts_raise_no_internal_disagreement():
    text = ("The bay is ringed by four fishing villages: Arnby, Bolt, Carrow, Dunmere. "
            "Its museum holds three old boats: Ark, Bree.")  # a miscount off the question's subject
    outlets, index = _setup({"a": (text, JAN3), "b": (text, JAN3)})
    found, consensus = compare(QUESTION, "yesno", outlets, index)
    assert _internal(found) == [] and "inside the text" not in consensus


def test_the_terminal_marks_internal_disagreements():
    outlets, index = _setup({"a": (LISTED, JAN3), "b": (LISTED, JAN3)})
    found, consensus = compare(QUESTION, "yesno", outlets, index)
    answer = Answer(question=QUESTION, answer_type="yesno", outlets=outlets, silent=[], disagreements=found,
                    consensus=consensus, corpus=CorpusInfo(name="t", model="m", n_articles=2, n_passages=2,
                                                           n_outlets=2), latency_ms=1.0)
    out = io.StringIO()
    render_answer(answer, Console(file=out, width=200, color_system=None))
    assert "⚠ number (major) inside the text: A and B each contradict themselves" in out.getvalue()


GECKO = "Farmers know it well. The striped gecko is a small lizard. It is endemic to Peru."


def test_a_shown_sentence_is_read_with_its_next_sentence_but_not_further():
    question = "Is the striped gecko found in Chile?"
    outlets, index = _setup({"a": (GECKO + " It has also been recorded in northern Chile.", JAN3)})
    assert [s.text for s in outlets[0].snippets] == GECKO.replace(". ", ".|").split("|")  # the mention is not shown
    found, _ = compare(question, "yesno", outlets, index)
    assert [(d.outlets, d.sides[1].value) for d in _internal(found)] == [(("A", "A"), "recorded in northern Chile")]
    outlets, index = _setup({"a": (GECKO + " It lays two eggs. It has also been recorded in northern Chile.", JAN3)})
    found, _ = compare(question, "yesno", outlets, index)
    assert _internal(found) == []  # two sentences past the shown ones: outside the evidence
