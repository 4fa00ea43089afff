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
