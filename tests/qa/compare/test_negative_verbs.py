""""Refused the request" does not deny the request; "refused to resign" denies resigning."""

import datetime as dt

from qa.compare import compare
from qa.compare.polarity import predicates
from tests.qa.compare.test_engine import _setup

JULY9 = dt.date(2027, 7, 9)


def test_a_negative_verb_with_a_noun_object_does_not_deny_the_noun():
    negated = lambda text: {p.stem for p in predicates(text) if p.negated}
    assert negated("She was fired after refusing a request to resign.") == set()
    assert negated("She was fired after refusing to resign.") == {"resign"}
    assert negated("The council rejected the offer.") == set()
    assert negated("The protein is found on all cells, excluding plasma cells.") == {"plasma"}


def test_two_outlets_saying_the_request_was_refused_agree():
    outlets, index = _setup({
        "a": ("Harbour chief Lena Ortiz was fired after refusing a request to resign, Norland officials said.", JULY9),
        "b": ("Harbour chief Lena Ortiz was fired after she refused the mayor's request to resign, Norland officials said.", JULY9),
    })
    found, _ = compare("Did the mayor fire harbour chief Lena Ortiz?", "yesno", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def _claims(a, b, question="How many women did Norland's governor harass?"):
    outlets, index = _setup({"a": (a, JULY9), "b": (b, JULY9)})
    found, _ = compare(question, "number", outlets, index)
    return [d for d in found if d.kind == "claim" and d.severity == "major"]


def test_a_denial_beside_the_asked_number_is_no_flag():
    # Both give the asked number (11); whether some of the women worked in his office is not what is asked.
    for b in ("A report found Norland's governor harassed 11 women, including others who did not work for his "
              "administration, officials said.",
              "A report found Norland's governor harassed 11 women, none of whom ever worked in his office, officials said."):
        assert _claims("A report found Norland's governor harassed 11 women, including some who worked in his office, "
                       "officials said.", b) == []


def test_a_denial_governs_only_its_own_verb_phrase_and_a_demand_asserts_nothing():
    from qa.compare.stance import stance
    question = "Did harbour chief Lena Ortiz resign?"
    # "denies" governs "wrongdoing"; "and has" opens a second verb phrase, and "calls to resign" only asks.
    assert stance(question, "Ortiz denies any wrongdoing and has so far ignored calls to resign.") is None
    assert stance(question, "Council members urged Ortiz to resign on Monday.") is None
    assert stance(question, "Ortiz plans to resign next month.") is None
    assert stance(question, "Ortiz refused to resign on Monday.").affirmed is False
    assert stance(question, "Ortiz resigned on Monday.").affirmed is True


def test_a_denied_wrongdoing_is_no_denial_of_a_resignation():
    outlets, index = _setup({
        "a": ("Harbour chief Lena Ortiz resigned on Friday, Norland officials said.", JULY9),
        "b": ("Harbour chief Lena Ortiz denies any wrongdoing and has resisted calls to resign, Norland officials said.", JULY9),
    })
    found, _ = compare("Did harbour chief Lena Ortiz resign?", "yesno", outlets, index)
    assert [d for d in found if d.kind == "claim" and d.severity == "major"] == []
