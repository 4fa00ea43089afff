"""Quantities on tricky cases: units, scale words, conversions, hedges, ranges and labels."""

import pytest

from qa.facts.numbers import compatible as numbers_compatible
from qa.facts.numbers import find_quantities
from qa.facts.text import stem


def test_numbers_units_scale_words_and_conversions():
    q = {x.text: x for x in find_quantities("a $1.2bn deal, 434,000 soldiers and two and a half years")}
    assert q["$1.2bn"].lo == pytest.approx(1.2e9) and q["$1.2bn"].dimension == "usd"
    assert q["434,000 soldiers"].dimension == "count:soldier"
    assert q["two and a half years"].lo == pytest.approx(2.5 * 365.25)
    km, mi = find_quantities("1,333 km (828 mi)")
    assert numbers_compatible(km, mi)
    kg, lb = find_quantities("1.5 kg (3.3 lb)")
    assert numbers_compatible(kg, lb)


def test_numbers_hedges_ranges_and_conflicts():
    more, = find_quantities("more than 40,000 houses")
    exact, = find_quantities("45,000 houses")
    assert numbers_compatible(more, exact)
    a, = find_quantities("between 1.5 and 3.8%")
    b, = find_quantities("reaching 0.2-0.3%")
    assert (a.lo, a.hi) == (1.5, 3.8) and not numbers_compatible(a, b)
    about, = find_quantities("about 150,000 killed")
    near, = find_quantities("149,000 killed")
    assert numbers_compatible(about, near)
    assert find_quantities("the Class 153 railcars") == [] and find_quantities("on the 1st of May") == []


def test_a_hedge_opening_a_sentence_is_no_label():
    """"Around 600 volunteers" opens a sentence with a capitalised hedge; it is a hedged count, not a label like
    "Building 98"."""
    about, = find_quantities("Around 600 volunteers cleared the beach on Sunday.")
    assert about.text == "Around 600 volunteers" and about.dimension == f"count:{stem('volunteers')}" and about.bound == "approx"
    assert find_quantities("Gate 600 was closed.") == []


def test_a_dotted_abbreviation_may_stand_between_a_count_and_its_noun():
    q, = find_quantities("A delegation of 14 E.U. diplomats arrived.")
    assert q.text == "14 E.U. diplomats" and q.dimension == f"count:{stem('diplomats')}"


def test_multipliers_written_as_words_are_factors():
    from qa.facts.numbers import find_multipliers

    def factors(text):
        return [(q.text, q.lo, q.bound) for q in find_multipliers(text)]
    assert factors("The new strain almost doubles the chance of a second infection.") == [("almost doubles", 2.0, "approx")]
    assert factors("Night shifts carry double the injury rate of day shifts.") == [("double", 2.0, "eq")]
    assert factors("Ferry bookings tripled over the summer.") == [("tripled", 3.0, "eq")]
    assert factors("Smokers were three times as likely to be admitted.") == [("three times", 3.0, "eq")]
    assert factors("a fourfold rise in claims; costs halved in May") == [("fourfold", 4.0, "eq"), ("halved", 0.5, "eq")]
    # Not factors: an idiom, an adjective, a frequency.
    assert factors("The mayor doubled down on his plan.") == []
    assert factors("Police are treating it as a double murder.") == []
    assert factors("The ferry sails twice a week.") == []
    assert numbers_compatible(*find_multipliers("roughly doubles the risk; doubles the risk"))
    assert not numbers_compatible(*find_multipliers("doubles the risk; triples the risk"))


def test_a_plural_number_word_is_a_count_of_everything_it_allows():
    from qa.facts.numbers import find_vague_counts

    crowd, = find_vague_counts("Thousands of pilgrims waited outside the Orvella shrine.")
    assert crowd.dimension == f"count:{stem('pilgrims')}" and (crowd.lo, crowd.bound) == (2000, "min")
    assert numbers_compatible(crowd, find_quantities("about 12,000 pilgrims")[0])
    assert not numbers_compatible(crowd, find_quantities("400 pilgrims")[0])
    homes, = find_vague_counts("Dozens of homes in Tarrow were flooded.")
    assert (homes.lo, homes.bound) == (24, "min")
    assert numbers_compatible(homes, find_quantities("1,400 homes")[0])  # "dozens" is written of far more too
    assert find_vague_counts("hundreds of millions of dollars") == []  # a scale, not a count of millions
