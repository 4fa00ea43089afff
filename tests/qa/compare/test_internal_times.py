"""Ages and averages inside one text: a period given an age outside it or restated as a distant period, a
burial dated before the death, an overall average outside its groups' averages; consistent texts pass."""

import pytest

from qa.compare.measures import outside_groups
from qa.compare.times import out_of_order, period_mismatches


def _periods(text):
    return [(c.a.text(text), c.b.text(text)) for c in period_mismatches(text)]


@pytest.mark.parametrize("text,expected", [
    ("The cliffs formed during the Jurassic period, about 120 million years ago, as the sea rose.",
     [("Jurassic", "about 120 million years ago")]),
    ("Some 80 million years ago, in the Triassic, the basin filled.", [("Triassic", "Some 80 million years ago")]),
    ("Tools show the cave was used from the Iron Age (Mesolithic) on.", [("Iron Age", "Mesolithic")]),
])
def test_periods_given_an_age_or_a_period_they_cannot_have(text, expected):
    assert _periods(text) == expected


@pytest.mark.parametrize("text", [
    "The cliffs formed during the Jurassic period, about 170 million years ago.",
    "About 66 million years ago, at the end of the Cretaceous, the dinosaurs died out.",
    "Finds date to the Late Neolithic (Chalcolithic) period.",     # neighbouring ages
    "The Pennsylvanian (Carboniferous) coal beds.",                 # a part of the period
    "The Permian (Triassic) boundary beds.",                        # periods that touch
    "The Triassic, about 300 million years ago",                    # "300" may be rounded to the hundred
])
def test_periods_that_fit(text):
    assert _periods(text) == []


def test_a_burial_before_the_death():
    found = out_of_order(["The bishop died 12 May 1301.", "He was buried before 2 March 1301 at Wells."])
    assert [(c.a.sentence, c.b.sentence) for c in found] == [(0, 1)]
    assert found[0].detail == ("dates the burial (“buried before 2 March 1301”) before the death "
                               "(“died 12 May 1301”)")


@pytest.mark.parametrize("sentences", [
    ["The bishop died 12 May 1301.", "He was buried on 20 May 1301 at Wells."],
    ["The bishop died 12 May 1301.", "The abbot was buried before 2 March 1301."],     # another person
    ["The bishop died 12 May 1301.", "A chapel was built.", "He was buried before 2 March 1301."],
    ["His father died in 1900.", "He was born in 1905."],                              # births are left out
])
def test_events_in_order_or_of_other_people(sentences):
    assert out_of_order(sentences) == []


def test_an_average_above_both_groups():
    sentences = ["An adult heart weighs on average about 420 g.",
                 "In men the average is about 330 g and in women about 280 g."]
    found = outside_groups(sentences)
    assert [(c.a.text(sentences[c.a.sentence]), c.b.text(sentences[c.b.sentence])) for c in found] == \
        [("about 420 g", "about 330 g … about 280 g")]


@pytest.mark.parametrize("sentences", [
    ["An adult heart weighs on average about 300 g.", "In men the average is about 330 g and in women about 280 g."],
    ["The average adult weighs 70 kg.", "The average heart weighs 0.33 kg in men and 0.28 kg in women."],
    ["An adult heart weighs about 420 g.", "In men it is about 330 g and in women about 280 g."],  # no averages
])
def test_averages_between_groups_or_of_other_things(sentences):
    assert outside_groups(sentences) == []
