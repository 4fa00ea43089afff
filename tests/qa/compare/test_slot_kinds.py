"""Which slot a question asks for: a date or number it only states is a qualifier unless the question checks it."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.compare.slots import slot_kind
from tests.qa.compare.test_engine import _setup

OCT8 = dt.date(2027, 10, 8)


@pytest.mark.parametrize("question,kind,slot", [
    ("What was the council vote to extend the fund through early December?", "other", None),
    ("What was the jobless rate in Norland in September?", "other", "number"),
    ("Did the council extend the fund through early December?", "yesno", "date"),
    ("In the history of Norland did the council rule for more than 115 years?", "other", "number"),
])
def test_a_stated_date_or_number_is_the_slot_only_when_the_question_checks_it(question, kind, slot):
    assert slot_kind(question, kind) == slot


def test_dates_of_other_events_do_not_clash_with_the_stated_qualifier():
    outlets, index = _setup({
        "a": ("The council voted 7-2 to extend the relief fund through early December, the mayor said.", OCT8),
        "b": ("The council will hold a second vote on the relief fund on Oct. 18, its clerk said.", OCT8),
    })
    found, _ = compare("What was the council vote to extend the relief fund through early December?", "other",
                       outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_a_dates_own_words_do_not_tie_it_to_the_question():
    outlets, index = _setup({
        "a": ("The last ferry left Norland harbour on Tuesday, the port authority said.", OCT8),
        "b": ("In Norland, a storm damaged the old pier last week.", OCT8),
    })
    found, _ = compare("When did the last ferry leave Norland harbour?", "date", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_a_date_in_a_clause_of_its_own_dates_that_clause():
    outlets, index = _setup({
        "a": ("In a ruling on Wednesday, a Norland judge said the agency had no power to extend its eviction moratorium.", OCT8),
        "b": ("The Norland health agency has extended its eviction moratorium since September, officials said.", OCT8),
    })
    found, _ = compare("When did the Norland agency extend the eviction moratorium?", "date", outlets, index)
    assert [d for d in found if d.severity == "major"] == []
