"""A stated count against the list that enumerates it: complete lists that disagree are found, selections,
breakdowns, names with "and" in them and lists that agree are not."""

import pytest

from qa.compare.lists import count_mismatches


def _found(text):
    return [(c.a.text(text), c.b.normalized, c.a.normalized) for c in count_mismatches(text)]


@pytest.mark.parametrize("text,count,items", [
    ("The lake is ringed by five fishing villages: Arnby, Bolt, Carrow, Dunmere.", "five fishing villages", 4),
    ("The following three awards have been created by the society: Gold Medal, Silver Medal, Bronze Medal, "
     "Copper Medal", "three awards", 4),
])
def test_counts_that_disagree_with_their_complete_list(text, count, items):
    assert [(c, n) for c, n, _ in _found(text)] == [(count, f"{items} listed")]


def test_a_paren_list_longer_than_its_count_is_found():
    text = "Two more returned, while three others (170101, 170102, 170107, and 170110) were scrapped."
    assert _found(text) == [("three others", "4 listed", "3")]
    assert count_mismatches(text)[0].detail == "says “three others” but lists four (170101, 170102, 170107, 170110)"


@pytest.mark.parametrize("text", [
    "The lake is ringed by four fishing villages: Arnby, Bolt, Carrow, Dunmere.",
    "Nine units stayed in service while four others (170101, 170102, 170107, and 170110) were scrapped.",
    "The league has three member states: Antigua and Barbuda, Chile, Peru.",      # "and" inside a name
    "The band released three albums: Alpha, Beta and Gamma.",
    "The region has five towns, including: Arnby, Bolt, Carrow.",                  # a selection
    "The region has five towns such as Arnby, Bolt and Carrow.",
    "It visited four cities (Arnby, Bolt, etc.) last year.",
    "Trials ran at two of those sites (Kigali, Rwanda and Lusaka, Zambia).",       # part of a set; city, country
    "Eight hundred and twenty-seven adult patients (451 men and 376 women) enrolled.",  # a breakdown
    "Twenty-four subjects (16M, 8F) were treated.",
    "Errors were 10 and 11 ms (2.5, 2.8%).",
    "Six people were injured in the towns: Arnby, Bolt.",                          # the list is not what was counted
    "He named one of the four towns: Arnby.",
    "The firm had three founders (Ann Berg).",                                     # one item is no list
    "The four seasons: spring, summer, autumn, winter.",
    "The three winners – Alpha, Beta, Gamma – each got a prize, and Delta too.",  # the dash closes the list
    "Three factors mattered: autonomy (sweating, shaking) fatigue (drowsiness), and malaise (nausea).",
])
def test_lists_that_agree_or_are_not_the_whole_set_raise_nothing(text):
    assert _found(text) == []
