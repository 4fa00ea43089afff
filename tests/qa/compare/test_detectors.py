"""Every disagreement names the rule that raised it, so the harness can score each detector apart."""

import datetime as dt

from qa.compare import compare
from tests.qa.compare.test_engine import _setup

DAY = dt.date(2031, 3, 6)


def test_a_date_clash_a_miscount_and_a_reworded_quote_each_name_their_detector():
    outlets, index = _setup({
        "a": ("The Orlen board approved the harbour tunnel on March 3, officials said.", DAY),
        "b": ("The Orlen board approved the harbour tunnel on March 5, officials said.", DAY),
    })
    found, _ = compare("When did the Orlen board approve the harbour tunnel?", "date", outlets, index)
    dates = [d for d in found if d.kind == "date" and d.severity == "major"]
    assert dates and {d.detector for d in dates} <= {"aligned date", "slot date"}

    listed = "The bay is ringed by five fishing villages: Arnby, Bolt, Carrow, Dunmere."
    outlets, index = _setup({"a": (listed, DAY)})
    found, _ = compare("Is the bay ringed by five fishing villages?", "yesno", outlets, index)
    assert [d.detector for d in found if d.internal] == ["internal count-list"]

    outlets, index = _setup({
        "a": ("“We will not close the harbour this winter,” Mayor Ilse Varga said on Monday.", DAY),
        "b": ("“We shall not close the harbour this winter,” Mayor Ilse Varga said on Monday.", DAY),
    })
    found, _ = compare("What did Mayor Varga say about the harbour?", "quote", outlets, index)
    assert [d.detector for d in found if d.kind == "quote"] == ["quote variant"]


def test_a_yes_no_question_asks_about_a_date_only_when_it_states_one():
    outlets, index = _setup({
        "a": ("The Orlen board approved the harbour tunnel on March 3, officials said.", DAY),
        "b": ("The Orlen board approved the harbour tunnel on March 5, officials said.", DAY),
    })
    found, _ = compare("Did the Orlen board approve the harbour tunnel?", "yesno", outlets, index)
    assert [d for d in found if d.kind == "date"] == []  # each says yes; the day is not asked
    found, _ = compare("Did the Orlen board approve the harbour tunnel on March 3?", "yesno", outlets, index)
    assert [d for d in found if d.kind == "date" and d.severity == "major"]
