"""Contrasts ("X, not Y"): a term one outlet denies and the other gives is a claim; agreeing texts are not."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.compare.polarity import asserts_term, contrasts
from qa.compare.slots import clashes
from qa.facts.text import content_stems
from tests.qa.compare.test_engine import _setup
from tests.qa.compare.test_slots import _kinds

JAN3 = dt.date(2025, 1, 3)
FACILITY = "At what sort of facility did the Lindholm riot take place?"


@pytest.mark.parametrize("sentence,denied,asserted", [
    ("The site was a detention center, not a penitentiary, meaning no one had been tried.",
     "penitentiary", "detention center"),
    ("It was not a prison but a detention center.", "prison", "detention center"),
    ("The venue was a hotel rather than a conference hall.", "conference hall", "hotel"),
])
def test_contrasts(sentence, denied, asserted):
    [c] = contrasts(sentence)
    assert (c.denied_stems, c.asserted_stems) == (content_stems(denied), content_stems(asserted))
    assert sentence[c.start:c.end].endswith(denied)


@pytest.mark.parametrize("sentence", [
    "It is not a secret that the prison was full.",
    "Not only the prison, but also the school was closed.",
    "It is not just a prison but a fortress.",
    "Sales rose 5%, not 10%, in May.",
    "Russia, not Ukraine, must make concessions, he said.",  # who acts, not what something is
    "He chose the train instead of the plane to Berlin.",
    "The site was a detention center, not a detention camp.",  # "detention" is on both sides: no term is denied
])
def test_no_contrast(sentence):
    assert contrasts(sentence) == []


def test_asserts_term_needs_every_word_un_negated():
    assert asserts_term("The riot took place in the Lindholm Penitentiary.", frozenset({"peniten"})) is not None
    assert asserts_term("The riot did not take place in a penitentiary.", frozenset({"peniten"})) is None


def test_a_denied_term_the_other_outlet_gives_is_a_claim():
    outlets, index = _setup({
        "a": ("The facility at which the Lindholm riot took place was a detention center, not a penitentiary.", JAN3),
        "b": ("The Lindholm riot took place on 2 October 1992 in the Lindholm Penitentiary, the facility said.", JAN3),
    })
    [clash] = clashes(FACILITY, "other", outlets, index)
    x, y = clash.sides
    assert (clash.kind, x.outlet, x.value, y.value) == ("claim", "A", "not a penitentiary", "Penitentiary")
    found, _ = compare(FACILITY, "other", outlets, index)
    assert "claim" in _kinds(found)


@pytest.mark.parametrize("b", [
    "Reports said the Lindholm riot took place at a detention center housed in a former penitentiary.",
    "The Lindholm riot took place at a detention center of the facility, never a penitentiary, reports said.",
    "The Lindholm riot did not take place in a penitentiary, the facility said.",
])
def test_no_contrast_clash_when_the_other_outlet_agrees(b):
    outlets, index = _setup({
        "a": ("The facility at which the Lindholm riot took place was a detention center, not a penitentiary.", JAN3),
        "b": (b, JAN3),
    })
    assert clashes(FACILITY, "other", outlets, index) == []


def test_no_contrast_clash_between_articles_of_different_moments():
    outlets, index = _setup({
        "a": ("The facility at which the Lindholm riot took place was a detention center, not a penitentiary.", JAN3),
        "b": ("The Lindholm riot took place on 2 October 1992 in the Lindholm Penitentiary, the facility said.",
              JAN3 + dt.timedelta(days=21)),
    })
    assert clashes(FACILITY, "other", outlets, index) == []
