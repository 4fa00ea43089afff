"""Dates on tricky cases: relative dates across a year boundary, granularity, counts and labels that are no years."""

import datetime as dt

import pytest

from qa.facts.dates import compatible as dates_compatible
from qa.facts.dates import find_dates, governing_verbs

JAN3 = dt.date(2025, 1, 3)  # a Friday


def one_date(text, base=None):
    found = find_dates(text, base)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,base,expected,granularity", [
    ("a call last month, he said", JAN3, "2024-12", "month"),
    ("talks in December last year", JAN3, "2024-12", "month"),
    ("talks last December", JAN3, "2024-12", "month"),
    ("at a forum in October", JAN3, "2024-10", "month"),
    ("published on Friday by", JAN3, "2025-01-03", "day"),
    ("said on Monday that", JAN3, "2024-12-30", "day"),
    ("a visit on Sept. 16 that", dt.date(2024, 9, 17), "2024-09-16", "day"),
    ("on Dec. 30 he", JAN3, "2024-12-30", "day"),
    ("on September 17, 2024 he", None, "2024-09-17", "day"),
    ("died on the 15 January 1971.", None, "1971-01-15", "day"),
    ("in the 1890s", None, "1890s", "decade"),
    ("three years ago", JAN3, "2022", "year"),
    ("yesterday", JAN3, "2025-01-02", "day"),
])
def test_dates_resolve(text, base, expected, granularity):
    d = one_date(text, base)
    assert (d.normalized, d.granularity) == (expected, granularity)


def test_relative_and_absolute_month_agree_across_year_boundary():
    assert dates_compatible(one_date("last month", JAN3), one_date("in December last year", JAN3))


def test_granularity_month_contains_day_but_different_days_conflict():
    assert dates_compatible(one_date("December 2024"), one_date("Dec. 12, 2024"))
    base = dt.date(2024, 9, 17)
    assert not dates_compatible(one_date("on Sept. 16", base), one_date("on September 17", base))


def test_unresolvable_relative_dates_are_skipped_without_a_publication_date():
    assert find_dates("a call last month", None) == []
    assert find_dates("earlier this week", JAN3)[0].granularity == "week"


def test_counts_and_labels_are_not_years():
    assert find_dates("1500 soldiers marched") == []
    assert find_dates("Oler took the stand in 1911 when")[0].normalized == "1911"


@pytest.mark.parametrize("text, expected", [
    ("Storm Vera made landfall Sunday near the delta.", ["2031-03-02"]),  # the latest Sunday before a Thursday
    ("The council released its report Saturday night.", ["2031-03-01"]),
    ("It was Tuesday's vote that settled it.", ["2031-03-04"]),
    ("Storm Vera reached Norland Sunday after days of warnings.", ["2031-03-02"]),  # a place before it
    ("Candidates campaigned hard before Super Tuesday.", []),  # part of a name, not a day
    ("She had a column in the Sunday Chronicle.", []),
])
def test_a_bare_capitalised_weekday_is_a_day(text, expected):
    assert [d.normalized for d in find_dates(text, dt.date(2031, 3, 6))] == expected


def test_an_asked_word_is_the_verb_of_a_date_unless_it_modifies_the_word_after_it():
    asked = frozenset({"harbour", "fund", "pass"})
    modifier = "The council was unable to adopt a harbour funding plan on Monday after it received four votes."
    assert governing_verbs(modifier, one_date(modifier, JAN3), asked) == ["received"]
    verb = "The council will pass the plan on Monday."
    assert governing_verbs(verb, one_date(verb, JAN3), asked) == ["pass"]
