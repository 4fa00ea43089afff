"""Ordinal ranks: another rank on the same measure denies; a rank on another or no measure says nothing."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.compare.stance import rank_stance, ranks
from qa.compare.stance import stance
from tests.qa.compare.test_engine import _setup
from tests.qa.compare.test_slots import _kinds

JAN3 = dt.date(2025, 1, 3)
FIFTH = "Is Nordhaven the fifth largest city in Norland by area?"


def test_ranks_read_the_measure_after_or_at_the_head_of_the_clause():
    text = ("In terms of area, Nordhaven is the eleventh largest city in Norland; and in terms of population "
            "the second largest city in the north, and the 11th biggest city by 2020.")
    found = [(r.rank, r.superlative, r.noun, r.measure) for r in ranks(text)]
    assert found == [(11, "largest", "city", "area"), (2, "largest", "city", "popul"), (11, "largest", "city", None)]


@pytest.mark.parametrize("sentence,expected", [
    ("In terms of area, Nordhaven is the eleventh largest city in Norland.", False),
    ("Nordhaven is the 11th largest city in Norland and 5th largest city by area.", True),
    ("Nordhaven is the 11th largest city in Norland.", None),  # no measure: says nothing about area
    ("By population Nordhaven is the second largest city.", None),
    ("Nordhaven is the eleventh largest port by area.", None),  # ranks ports, not cities
    ("Nordhaven is the eleventh most populous city by area.", None),
    ("Sudhaven is the eleventh largest city by area, after Nordhaven.", None),  # another city's rank
    ("The eleventh largest city by area is Sudhaven, not far from Nordhaven.", None),
])
def test_rank_stance(sentence, expected):
    found = rank_stance(FIFTH, sentence)
    assert (found[0] if found else None) is expected


def test_stance_denies_through_another_rank():
    st = stance(FIFTH, "In terms of area, Nordhaven is the eleventh largest city in Norland.")
    assert st.affirmed is False and st.decided is True


def test_different_ranks_by_area_are_a_claim():
    outlets, index = _setup({
        "a": ("In terms of area, Nordhaven is the eleventh largest city in Norland, the survey found.", JAN3),
        "b": ("Nordhaven is the 11th largest city in Norland and the 5th largest city by area.", JAN3),
    })
    found, _ = compare(FIFTH, "yesno", outlets, index)
    assert "claim" in _kinds(found)


def test_the_same_rank_written_two_ways_agrees():
    outlets, index = _setup({
        "a": ("In terms of area, Nordhaven is the fifth largest city in Norland, the survey found.", JAN3),
        "b": ("Nordhaven is the 11th largest city in Norland and the 5th biggest city by area.", JAN3),
    })
    found, _ = compare(FIFTH, "yesno", outlets, index)
    assert _kinds(found) == []
