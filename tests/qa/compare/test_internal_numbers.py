"""Measures restated in another unit and lengths of time against their years, inside one mention; the
rounding a written value allows."""

import pytest

from qa.compare.measures import bad_conversions
from qa.compare.times import bad_durations
from qa.facts.annotate import annotate
from qa.facts.numbers import find_quantities


def test_step_is_half_the_last_written_digit_and_ignores_trailing_zeros():
    steps = {q.text: q.step for q in annotate("covers 81,000 m2 and 26.5 mm and 160 km").measures}
    assert steps["81,000 m2"] == pytest.approx(500)
    assert steps["26.5 mm"] == pytest.approx(0.00005)
    assert steps["160 km"] == pytest.approx(5000)


def test_loose_reading_takes_one_inch_and_adjectival_units_but_the_default_does_not():
    assert [q.text for q in annotate("a one inch pipe and a 100-mile race").measures] == ["one inch", "100-mile"]
    assert [q.text for q in find_quantities("a one inch pipe and a 100-mile race")] == ["100"]


@pytest.mark.parametrize("text,first,second,expected", [
    ("The pipes are of one inch bore (27.9mm), as used in the navy.", "one inch", "27.9mm", "25.4 mm"),
    ("He was fined 5 pounds or 300 shillings, a fortune then.", "5 pounds", "300 shillings", "100 shillings"),
    ("The ridge rises 300 metres (1,500 ft) above the plain.", "300 metres", "1,500 ft", "984 ft"),
])
def test_restatements_that_do_not_hold(text, first, second, expected):
    found = bad_conversions(text)
    assert [(c.a.text(text), c.b.text(text)) for c in found] == [(first, second)]
    assert found[0].detail == f"gives “{first}” as “{second}”, but {first} is {expected}"


@pytest.mark.parametrize("text", [
    "The park covers 20 acres (81,000 m2).",            # 80,937 m² rounds to 81,000
    "The square covers 1.4 hectares (3.5 acres).",
    "A 100-mile (160 km) race through the hills.",
    "The brain weighs about 1.5 kg (3.3 lb).",
    "The channel is 10–15 km (6–9 mi) wide.",
    "He stood 5 ft 10 in (1.78 m) tall.",               # the parenthesis restates both
    "It cost £1 (20 shillings) then.",
    "They paid 100 Kenyan shillings (£5).",             # not the pre-decimal shilling
    "The port lies 100 nautical miles (185 km) away.",
    "After about one year (9-21 months) they returned.",  # a window, not the year restated
    "Runners chose a 5 km or 10 mile race.",              # alternatives
    "The bridge is 30 m tall (98 ft).",
])
def test_restatements_that_hold_or_are_not_restatements(text):
    assert bad_conversions(text) == []


@pytest.mark.parametrize("text,length,span,actual", [
    ("The dynasty ruled for 140 years from 799 to 684 BC.", "140 years", "799 to 684 BC", 115),
    ("She chaired the board for 12 years, from 1990 to 2000.", "12 years", "1990 to 2000", 10),
    ("It stood for over 20 years (1990–2000).", "over 20 years", "1990–2000", 10),
])
def test_lengths_that_do_not_match_their_years(text, length, span, actual):
    found = bad_durations(text)
    assert [(c.a.text(text), c.b.text(text), c.b.normalized) for c in found] == [(length, span, f"{actual} years")]


@pytest.mark.parametrize("text", [
    "The dynasty ruled for 115 years from 799 to 684 BC.",
    "She chaired the board for eleven years, from 1990 to 2000.",   # inclusive counting
    "It stood for nearly 20 years from 1981 to 2000.",
    "He worked there for 3 years between 2001 and 2010.",           # a time within a window
    "It lasted for 5 years (1990–95).",
    "The empire ruled for 40 years from 20 BC to 20 AD.",
])
def test_lengths_that_match_or_sit_inside_a_window(text):
    assert bad_durations(text) == []
