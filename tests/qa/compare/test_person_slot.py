"""A "who" question is answered by a person: not a church's name, not a title such as "MP"."""

import datetime as dt

from qa.compare import compare
from qa.compare.slots import slot_values
from tests.qa.compare.test_engine import _setup

OCT15 = dt.date(2027, 10, 15)


def test_places_and_titles_are_no_person_and_raise_no_flag():
    outlets, index = _setup({
        "a": ("The 69-year-old was stabbed in the attack at Belfairs Methodist Church in Norland on Friday.", OCT15),
        "b": ("A politician was stabbed to death Friday in a church in Norland where the MP was meeting voters.", OCT15),
    })
    question = "Who was stabbed to death at a church in Norland?"
    assert all(slot_values(question, "person", o, index) == [] for o in outlets)
    found, _ = compare(question, "person", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_a_person_named_beside_a_place_is_still_the_answer():
    outlets, index = _setup({
        "a": ("Tom Reyes, a lawmaker, was stabbed to death at Belfairs Methodist Church in Norland on Friday.", OCT15),
    })
    values = [s.text for s in slot_values("Who was stabbed to death at a church in Norland?", "person", outlets[0], index)]
    assert values == ["Tom Reyes"]


def test_bodies_and_diseases_are_no_person():
    outlets, index = _setup({
        "a": ("The Food and Drug Administration said people over 65 in Norland will receive boosters.", OCT15),
        "b": ("Team Reyes said people at high risk of Covid-19 in Norland will receive boosters.", OCT15),
    })
    question = "Who will receive booster shots in Norland?"
    assert all(slot_values(question, "person", o, index) == [] for o in outlets)


def test_an_acronym_is_a_body_not_a_person():
    outlets, index = _setup({
        "a": ("The NHRA said people over 65 in Norland will receive boosters, and Tom Reyes agreed.", OCT15),
    })
    values = [s.text for s in slot_values("Who will receive boosters in Norland?", "person", outlets[0], index)]
    assert "NHRA" not in values and "Tom Reyes" in values


def test_a_one_word_name_is_a_person_only_as_a_known_surname():
    outlets, index = _setup({
        "a": ("Mayor Tom Reyes spoke first. People at high risk of Covid in Norland will receive boosters, Reyes said, "
              "and the Centers for Disease Control and Prevention agreed.", OCT15),
    })
    values = [s.text for s in slot_values("Who will receive boosters in Norland?", "person", outlets[0], index)]
    assert "Covid" not in values and "Disease Control and Prevention" not in values and "Reyes" in values


def test_a_name_is_flagged_only_where_its_sentence_says_what_the_question_asks():
    question = "Who won the Larsby mayoral primary?"

    def flags(texts):
        outlets, index = _setup({k: (t, OCT15) for k, t in texts.items()})
        found, _ = compare(question, "person", outlets, index)
        return [d for d in found if d.kind == "entity" and d.severity == "major"]
    # Neither sentence names a winner: one leads the count, the other was endorsed.
    assert flags({
        "a": "Mayoral candidate Ines Vold leads the Larsby primary count, officials said on Friday.",
        "b": "The Larsby Herald endorsed Tomas Berg in the mayoral primary, officials said on Friday.",
    }) == []
    assert flags({
        "a": "Ines Vold won the Larsby mayoral primary, officials said on Friday.",
        "b": "Tomas Berg won the Larsby mayoral primary, officials said on Friday.",
    })
