"""Names in tables and slots: column gaps split names, generic heads are no short form, the asked role's name first."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.facts.entities import find_entities, same_entity
from qa.compare.slots import clashes
from tests.qa.compare.test_engine import _setup
from tests.qa.compare.test_slots import _kinds

JAN3 = dt.date(2025, 1, 3)


@pytest.mark.parametrize("text,names", [
    ("Ground  \tOslo Harbour Park  \tTenants  \tOslo FC play there.", ["Ground", "Oslo Harbour Park", "Tenants", "Oslo FC"]),
    ("2018\tJon Dale The manager of the club was Jon Dale.", ["Jon Dale", "Jon Dale"]),
    ("Charles de Gaulle met Anna Berg.", ["Charles de Gaulle", "Anna Berg"]),
])
def test_find_entities(text, names):
    assert [e.text for e in find_entities(text)] == names


@pytest.mark.parametrize("a,b,same", [
    ("Scholz", "Olaf Scholz", True),
    ("Stadium", "Birsa Munda Football Stadium", False),
    ("Stadium", "Stadium", True),
    ("Harbour Park", "Oslo Harbour Park", True),
])
def test_same_entity(a, b, same):
    assert same_entity(a, b) is same


def test_the_name_next_to_the_asked_role_is_the_slot_value():
    outlets, index = _setup({
        "a": ("Jon Dale's father, Peter Dale, died on 23 March 1933 in Oslo at the age of 51.", JAN3),
        "b": ("Anna took Dale's body back to Minnesota, burying him next to his father, Paul Dale, at Bergen.", JAN3),
    })
    [clash] = clashes("What is the name of Jon Dale's father?", "other", outlets, index)
    assert {side.value for side in clash.sides} == {"Peter Dale", "Paul Dale"}


def test_the_same_father_named_twice_agrees():
    outlets, index = _setup({
        "a": ("Jon Dale's father, Peter Dale, died on 23 March 1933 in Oslo at the age of 51.", JAN3),
        "b": ("Anna took Dale's body back to Minnesota, burying him next to his father, Peter Dale, at Bergen.", JAN3),
    })
    found, _ = compare("What is the name of Jon Dale's father?", "other", outlets, index)
    assert _kinds(found) == []
