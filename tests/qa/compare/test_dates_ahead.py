"""A month written without a year may be one of the next two months: news names the coming weeks that way."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.facts.dates import find_dates
from tests.qa.compare.test_engine import _setup

OCT13 = dt.date(2027, 10, 13)


@pytest.mark.parametrize("text,base,expected", [
    ("travel resumes starting in early November", OCT13, "2027-11"),
    ("funding runs through early December", OCT13, "2027-12"),
    ("the vote on Dec. 3 will", OCT13, "2027-12-03"),
    ("the rules took effect in August", OCT13, "2027-08"),
    ("talks in October", OCT13, "2027-10"),
    ("a summit in January", OCT13, "2027-01"),
    ("the hearing on Jan. 5 will", dt.date(2027, 12, 20), "2028-01-05"),
    ("at a forum in October", dt.date(2025, 1, 3), "2024-10"),
])
def test_a_month_without_a_year_is_the_nearest_within_two_months_ahead(text, base, expected):
    assert [d.normalized for d in find_dates(text, base)] == [expected]


def test_an_upcoming_day_and_its_month_agree():
    outlets, index = _setup({
        "a": ("Vaccinated visitors from abroad may enter Norland starting on Nov. 8, the interior ministry said.", OCT13),
        "b": ("Vaccinated visitors from abroad may enter Norland starting in early November, the interior ministry said.",
              OCT13 - dt.timedelta(days=2)),
    })
    found, _ = compare("When may vaccinated visitors enter Norland?", "date", outlets, index)
    assert [d for d in found if d.severity == "major"] == []
