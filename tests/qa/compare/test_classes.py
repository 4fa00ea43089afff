"""Closed classes: another colour or settlement kind said of the same subject denies; paraphrases do not."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.compare.classes import asked, denial
from qa.facts.focus import focus
from qa.compare.readings import readings
from qa.compare.stance import stance
from tests.qa.compare.test_engine import _setup
from tests.qa.compare.test_slots import _kinds

JAN3 = dt.date(2025, 1, 3)
PINK = "Is the colour of the flowers of the marsh orchid pale pink?"
VILLAGE = "Is Nether Walby considered a village?"


@pytest.mark.parametrize("question,member", [
    (PINK, "pink"),
    (VILLAGE, "village"),
    ("Are the leaves grey?", "grey"),
    ("Was the share of black cowboys in the industry large?", None),  # names a colour, asks about a share
    ("Is Nether Walby a town or a village?", None),  # options, not one member
    ("Did the river flow past four small towns?", None),
])
def test_asked(question, member):
    a = asked(question)
    assert (a.member if a else None) == member


@pytest.mark.parametrize("question,sentence,rival", [
    (PINK, "The flowers of the marsh orchid are slaty blue.", "blue"),
    (VILLAGE, "Nether Walby is a market town and civil parish in the north.", "town"),
    (PINK, "The flowers are pale pink and the stem is reddish.", None),
    (PINK, "The flowers are white to pale pink.", None),  # names the asked member
    (PINK, "Pink flowers open in June.", None),
    (PINK, "Blue butterflies visit the flowers in June.", None),  # not said of the flowers
    (PINK, "The leaves are large and the flowers are pink, the seeds white.", None),
    (PINK, "The flowers are not white.", None),
    ("Are the leaves pink?", "The leaves are large and the flowers are white.", None),  # another subject
    (VILLAGE, "The children of the town go to school in Nether Walby.", None),
    (PINK, "The leaves of the marsh orchid are green.", None),  # another part of the plant
    (VILLAGE, "Nether Walby is the town's oldest village, its church in the town centre.", None),
])
def test_denial(question, sentence, rival):
    d = denial(question, sentence)
    assert (d.member if d else None) == rival


def test_stance_denies_through_a_rival_member_and_affirms_the_asked_one():
    assert stance(PINK, "The flowers of the marsh orchid are slaty blue.").affirmed is False
    assert stance(PINK, "The flowers of the marsh orchid are slaty blue.").decided is True
    assert stance(PINK, "The flowers of the marsh orchid are pale pink.").affirmed is True


def test_a_different_colour_for_the_same_flowers_is_a_claim():
    outlets, index = _setup({
        "a": ("The flowers of the marsh orchid are pale pink and the stem is reddish in colour.", JAN3),
        "b": ("The flowers of the marsh orchid are slaty blue.", JAN3),
    })
    found, _ = compare(PINK, "yesno", outlets, index)
    assert "claim" in _kinds(found)


@pytest.mark.parametrize("a,b", [
    ("The flowers of the marsh orchid are pink.", "The marsh orchid has pale pink flowers in June."),
    ("Nether Walby is a market town in the north.", "The town of Nether Walby has a market every Friday."),
])
def test_the_same_member_said_twice_ways_is_no_clash(a, b):
    outlets, index = _setup({"a": (a, JAN3), "b": (b, JAN3)})
    question = PINK if "orchid" in a else "Is Nether Walby considered a town?"
    found, _ = compare(question, "yesno", outlets, index)
    assert _kinds(found) == []


def test_a_rival_member_counts_as_the_asked_words_when_choosing_an_outlets_sentences():
    question = "Is the colour of the flowers of the orchid pale pink?"
    outlets, index = _setup({
        "a": ("The marsh orchid grows in wet meadows. The flowers are pale pink.", JAN3),
        "b": ("The marsh orchid grows in wet meadows. The flowers are slaty blue.", JAN3),
    })
    # it names one of the question's five words; "slaty blue" stands in for "pale pink"
    assert [r.snippet.text for r in readings(focus(question), outlets[1], index)] == ["The flowers are slaty blue."]
    found, _ = compare(question, "yesno", outlets, index)
    assert "claim" in _kinds(found)
