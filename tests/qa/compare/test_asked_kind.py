"""A "how many" question asks for a count (or the unit it names); a percentage near its words is no answer."""

import datetime as dt

from qa.compare import compare
from qa.compare.slots import slot_values
from tests.qa.compare.test_engine import _setup

JUNE1 = dt.date(2027, 6, 1)


def test_percentages_do_not_answer_how_many():
    outlets, index = _setup({
        "a": ("The number of murders in Norland jumped by nearly 30 percent in 2026, police figures released Monday show.", JUNE1),
        "b": ("Murders in Norland rose in 2026 while the birth rate there fell another 4%, figures released Monday show.", JUNE1),
    })
    question = "How many murders were there in Norland in 2026?"
    assert all(slot_values(question, "number", o, index) == [] for o in outlets)
    found, _ = compare(question, "number", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_how_many_keeps_counts_and_named_units():
    outlets, index = _setup({
        "a": ("The court in Norland fined the ringleader 20 shillings and jailed 12 rioters, a 5% share of them.", JUNE1),
    })
    values = lambda q: [s.text for s in slot_values(q, "number", outlets[0], index)]
    assert values("How many shillings did the court in Norland fine the ringleader?") == ["20 shillings"]
    assert values("How many rioters did the court in Norland jail?") == ["12 rioters"]


def test_an_article_naming_none_of_the_questions_names_is_about_someone_else():
    outlets, index = _setup({
        "a": ("Norland will buy and donate 500 million vaccine doses to lower-income nations, its government said.", JUNE1),
        "b": ("The Group of Seven pledged to deliver more than 1 billion vaccine doses to lower-income nations.", JUNE1),
    })
    question = "How many vaccine doses will Norland donate to lower-income nations?"
    assert slot_values(question, "number", outlets[1], index) == []
    found, _ = compare(question, "number", outlets, index)
    assert [d for d in found if d.severity == "major"] == []
