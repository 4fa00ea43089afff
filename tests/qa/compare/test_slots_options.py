"""Options that share words ("… club or … club"): only the words an option has of its own choose it."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.facts.focus import options
from qa.facts.focus import distinctive
from tests.qa.compare.test_engine import _setup
from tests.qa.compare.test_slots import _kinds

JAN3 = dt.date(2025, 1, 3)
CLUBS = "What club did Jon Dale play for: Oslo Harbour Rovers club or Bergen Hill Wanderers club?"


def test_a_capitalised_option_keeps_the_word_the_other_option_ends_with():
    assert options(CLUBS) == ("Oslo Harbour Rovers club", "Bergen Hill Wanderers club")


@pytest.mark.parametrize("opts,expected", [
    (("farming village", "pit village"), ("farming", "pit")),
    (("Oslo Harbour Rovers club", "Bergen Hill Wanderers club"), ("Oslo Harbour Rovers", "Bergen Hill Wanderers")),
    (("town", "village"), ("town", "village")),
])
def test_distinctive_drops_shared_words(opts, expected):
    assert distinctive(opts) == expected


def test_readings_naming_different_clubs_clash():
    outlets, index = _setup({
        "a": ("Jon Dale joined the Bergen Hill Wanderers club at a young age and played in all grades.", JAN3),
        "b": ("Jon Dale is a hurler who played club hurling with Oslo Harbour Rovers for ten years.", JAN3),
    })
    found, _ = compare(CLUBS, "other", outlets, index)
    assert "entity" in _kinds(found)


def test_the_same_club_named_by_both_is_no_clash():
    outlets, index = _setup({
        "a": ("Jon Dale joined the Bergen Hill Wanderers club at a young age and played in all grades.", JAN3),
        "b": ("Jon Dale played club hurling with Bergen Hill Wanderers for ten years.", JAN3),
    })
    found, _ = compare(CLUBS, "other", outlets, index)
    assert _kinds(found) == []


def test_a_reading_that_names_both_clubs_chooses_neither():
    outlets, index = _setup({
        "a": ("Jon Dale joined the Bergen Hill Wanderers club at a young age and played in all grades.", JAN3),
        "b": ("Jon Dale played for Bergen Hill Wanderers club against Oslo Harbour Rovers club in the final.", JAN3),
    })
    found, _ = compare(CLUBS, "other", outlets, index)
    assert _kinds(found) == []


def test_a_shared_word_alone_chooses_no_option():
    outlets, index = _setup({
        "a": ("Brinsley used to be a major farming village, with wheat fields around it.", JAN3),
        "b": ("Brinsley used to be a village with a church and an old inn by the road.", JAN3),
    })
    found, _ = compare("Did Brinsley use to be a farming village or a pit village?", "yesno", outlets, index)
    assert _kinds(found) == []


def test_a_named_option_needs_capitalised_words():
    outlets, index = _setup({
        "a": ("The treaty was signed in London in 1990, the archive states.", JAN3),
        "b": ("The treaty was signed by the United Kingdom in 1990, as the archive says.", JAN3),
    })
    question = "Was the treaty signed by the United States or the United Kingdom?"
    assert options(question) == ("United States", "United Kingdom")
    found, _ = compare(question, "yesno", outlets, index)
    assert _kinds(found) == []


FINAL = "Did Tipperary or Galway play the 1961 All-Ireland Senior Camogie Championship final against Dublin?"


def test_a_snippet_naming_one_named_option_sides_with_it_even_off_the_question_words():
    outlets, index = _setup({
        "a": ("The 1961 All-Ireland Senior Camogie Championship final was the thirtieth final of the championship. "
              "Tipperary's prospects looked strong at half-time after playing against the wind.", JAN3),
        "b": ("The 1961 All-Ireland Senior Camogie Championship final was played by Dublin and Galway at Croke Park.", JAN3),
    })
    found, _ = compare(FINAL, "yesno", outlets, index)
    assert "entity" in _kinds(found)


def test_snippets_naming_both_named_options_or_the_same_one_do_not_clash():
    outlets, index = _setup({
        "a": ("The 1961 All-Ireland Senior Camogie Championship final was the thirtieth final of the championship. "
              "Galway's prospects looked strong at half-time after playing against the wind.", JAN3),
        "b": ("The 1961 All-Ireland Senior Camogie Championship final was played by Dublin and Galway at Croke Park.", JAN3),
        "c": ("The 1961 All-Ireland Senior Camogie Championship final drew a big crowd. Both Tipperary and Galway had "
              "hoped to reach it.", JAN3),
    })
    found, _ = compare(FINAL, "yesno", outlets, index)
    assert _kinds(found) == []
