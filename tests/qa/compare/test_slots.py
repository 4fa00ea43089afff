"""Question-focused slots on hand-made outlets: clashing answers are flagged, agreeing paraphrases are not."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.facts.focus import focus, options
from qa.compare.quotes import find_quotes
from qa.compare.slots import clashes
from qa.compare.stance import stance
from qa.questions import answer_type
from tests.qa.compare.test_engine import _setup

JAN3 = dt.date(2025, 1, 3)


def _kinds(found):
    return sorted(d.kind for d in found if d.severity == "major")


@pytest.mark.parametrize("question,expected", [
    ("Was the site a penitentiary or a detention center?", ("penitentiary", "detention center")),
    ("Did Tipperary or Galway play the final against Dublin?", ("Tipperary", "Galway")),
    ("Which are present in the plant: apomorphine, aporphine, or neither?", ("apomorphine", "aporphine")),
    ("Did Murray meet Hall in 1969 or before 1969?", ()),
    ("Does Kazakhstan recognise the annexation?", ()),
])
def test_options(question, expected):
    assert options(question) == expected


def test_focus_uses_the_asking_sentence_and_drops_wh_words():
    f = focus("Jon Dale (born 1950) is a writer. In which year did Dale move to Oslo?")
    assert f.text == "In which year did Dale move to Oslo?"
    assert "year" not in f.stems and {"dale", "oslo"} <= f.names


@pytest.mark.parametrize("question,kind", [
    ("In what year did the torpedo enter service?", "date"),
    ("During the battle, how many troops were deployed?", "number"),
    ("Jon Dale is a writer. Did Dale move to Oslo in 1969?", "yesno"),
])
def test_answer_type_reads_past_preambles(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize("sentence,affirmed", [
    ("The protein is expressed on all B cells, excluding plasma cells.", False),
    ("Human plasma cells do express the protein, as others confirmed.", True),
])
def test_stance_negation(sentence, affirmed):
    assert stance("Is the protein expressed in plasma cells?", sentence).affirmed is affirmed


def test_refusing_and_does_not_take_the_same_stance():
    q = "Does Kazakhstan recognise the annexation?"
    a = stance(q, "Kazakhstan does not recognise the annexation of the region.")
    b = stance(q, "Kazakhstan is refusing to recognize the annexation of the region.")
    assert a.affirmed is False and b.affirmed is False


def test_scalar_words_take_sides():
    q = "Did the battle have a low number of civilian casualties?"
    assert stance(q, "The battle was very light on civilian casualties.").affirmed is True
    assert stance(q, "A large number of civilian casualties were reported in the battle.").affirmed is False


def test_yes_no_opposite_stances_are_a_claim():
    outlets, index = _setup({
        "a": ("Cardinal Anna Berg participated in the papal conclave of 1513.", JAN3),
        "b": ("Cardinal Anna Berg did not participate in the papal conclave of 1513.", JAN3),
    })
    found, _ = compare("Did Anna Berg participate in the papal conclave?", "yesno", outlets, index)
    assert "claim" in _kinds(found)


def test_yes_no_agreeing_denials_raise_nothing():
    outlets, index = _setup({
        "a": ("Kazakhstan does not recognise the annexation of the region, the minister said.", JAN3),
        "b": ("Kazakhstan keeps refusing to recognize the annexation of the region, the minister said.", JAN3),
    })
    found, _ = compare("Does Kazakhstan recognise the annexation of the region?", "yesno", outlets, index)
    assert _kinds(found) == []


def test_place_slot_names_that_differ_are_an_entity_conflict():
    outlets, index = _setup({
        "a": ("Queen Lena Ortiz died in 1860 in Dagana.", JAN3),
        "b": ("Queen Lena Ortiz remained in Cayor until her death in 1860.", JAN3),
    })
    found, _ = compare("Where did Lena Ortiz die?", "place", outlets, index)
    assert "entity" in _kinds(found)


def test_name_variants_in_the_slot_agree():
    outlets, index = _setup({
        "a": ("The interview with Tokayev was published by the Ana-Tili newspaper on Friday.", JAN3),
        "b": ("The interview with Tokayev was published by the Ana Tili newspaper on Friday.", JAN3),
    })
    found, _ = compare("Which newspaper published the interview with Tokayev?", "organisation", outlets, index)
    assert _kinds(found) == []


def test_yes_no_question_with_a_date_compares_the_dates():
    outlets, index = _setup({
        "a": ("Jon Dale was born on 1 February 1972 in Oslo.", JAN3),
        "b": ("Jon Dale (born 10 February 1972) is a Norwegian actor.", JAN3),
    })
    found, _ = compare("Was Jon Dale born on the 1st February?", "yesno", outlets, index)
    assert "date" in _kinds(found)


def test_counted_numbers_in_the_slot_clash():
    outlets, index = _setup({
        "a": ("The secret recipe of the liqueur is known only to the three monks.", JAN3),
        "b": ("The secret recipe of the liqueur is known only to the two monks.", JAN3),
    })
    found, _ = compare("Do more than two monks know the secret recipe?", "yesno", outlets, index)
    assert "number" in _kinds(found)


def test_options_chosen_differently_are_flagged_and_negated_option_is_not_chosen():
    outlets, index = _setup({
        "a": ("The facility where the riot took place was a detention center, not a penitentiary.", JAN3),
        "b": ("The riot took place at the facility known as the city penitentiary.", JAN3),
    })
    found, _ = compare("Was the facility where the riot took place a penitentiary or a detention center?",
                       "yesno", outlets, index)
    assert "entity" in _kinds(found)  # two of the offered alternatives: two values of one slot, not a denied claim


def test_dismissed_and_no_encouragement_raise_no_flag():
    outlets, index = _setup({
        "a": ("Tokayev backed the Chinese-Brazilian peace plan, which was dismissed by Scholz.", JAN3),
        "b": ("Tokayev backed the China-Brazil peace plan, but Scholz offered no encouragement.", JAN3),
    })
    found, _ = compare("Which peace plan did Tokayev support, and how did Scholz respond?", "other", outlets, index)
    assert _kinds(found) == []


def test_described_x_as_quote_is_the_subjects_not_the_objects():
    text = ("President Anna Berg spoke on Friday. She described Prime Minister Jon Dale as “an experienced "
            "statesman who understands the region,” according to the transcript.")
    assert [q.speaker for q in find_quotes(text)] == ["Anna Berg"]


def test_a_quote_that_closes_its_sentence_is_not_attributed_to_the_next_subject():
    text = "Anna Berg spoke on Friday: “We will not give up the fight.” Jon Dale called it “a brave speech today.”"
    assert find_quotes(text)[0].speaker != "Jon Dale"


def test_a_relative_date_must_sit_with_what_is_asked_not_only_with_who_or_where():
    sept1 = dt.date(2021, 9, 1)
    question = "When did the last military flight leave Kabul?"
    outlets, index = _setup({
        "a": ("The last military flight left Kabul on Monday night, officials in Kabul said.", sept1),
        "b": ("Officials recalled last week's suicide attack in Kabul, the city the last military flight had to "
              "leave.", sept1),
    })
    found, _ = compare(question, answer_type(question), outlets, index)
    assert "date" not in _kinds(found)  # "last week" dates the attack, not the flight
    outlets, index = _setup({
        "a": ("The last military flight left Kabul on Monday night, officials said.", sept1),
        "b": ("The last military flight left Kabul on Tuesday morning, officials said.", sept1),
    })
    found, _ = compare(question, answer_type(question), outlets, index)
    assert "date" in _kinds(found)


def test_a_yes_no_question_that_states_a_date_also_compares_stances():
    question = "Did the Relief Office open its claims portal in Norland on 2 March 2027?"
    opened = "The Relief Office opened its claims portal in Norland on 2 March 2027, officials said."
    for other, expected in (
            ("The Relief Office did not open its claims portal in Norland on 2 March 2027, officials said.",
             [("claim", "opened", "not open")]),  # the same date, denied
            ("The Relief Office opened its new claims portal in Norland on 2 March 2027, officials said.", [])):
        outlets, index = _setup({"a": (opened, JAN3), "b": (other, JAN3)})
        found = clashes(question, answer_type(question), outlets, index)
        assert [(c.kind, c.sides[0].value, c.sides[1].value) for c in found] == expected


def test_a_date_that_holds_the_date_the_question_states_is_the_question_s_own():
    june4 = dt.date(2031, 6, 4)
    question = "When did Mayor Lina Park announce the inquiry into the March 3 flood?"
    outlets, index = _setup({
        "a": ("Mayor Lina Park has announced an inquiry into the flood in March this year.", june4),
        "b": ("Mayor Lina Park announced an inquiry into the flood on Friday.", june4),
    })
    assert clashes(question, answer_type(question), outlets, index) == []  # "in March" dates the flood, not the inquiry
    # The very day the question names for something else (when it was reported) may still be an answer.
    question = "On which day did the Varne harbour crane collapse, as reported on June 3?"
    outlets, index = _setup({
        "a": ("The Varne harbour crane collapsed on Tuesday.", june4),
        "b": ("The Varne harbour crane collapsed on Monday.", june4),
    })
    assert [c.kind for c in clashes(question, answer_type(question), outlets, index)] == ["date"]
