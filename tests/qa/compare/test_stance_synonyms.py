"""Predicate synonyms in stance: "runs on" answers "work on"; "no longer supported on" denies it."""

import datetime as dt

import pytest

from qa.compare import compare
from qa.compare.polarity import predicates, same_sense
from qa.compare.stance import stance
from tests.qa.compare.test_engine import _setup
from tests.qa.compare.test_slots import _kinds

JAN3 = dt.date(2025, 1, 3)
WORKS = "Does Quill Writer 7 work on Tern OS 12?"


def test_no_longer_negates_the_next_predicate():
    preds = predicates("Quill Writer 7 would no longer be supported on Tern OS 12.")
    assert [p.stem for p in preds if p.negated] == ["support"]


@pytest.mark.parametrize("sentence,affirmed", [
    ("Quill Writer 7 still runs on Tern OS 12 and Tern OS 11.", True),
    ("Quill Writer 7 functions on Tern OS 12 without changes.", True),
    ("Quill Writer 7 would no longer be supported on Tern OS 12.", False),
    ("Quill Writer 7 does not run on Tern OS 12.", False),
])
def test_synonyms_take_a_stance(sentence, affirmed):
    st = stance(WORKS, sentence)
    assert st is not None and st.decided and st.affirmed is affirmed


@pytest.mark.parametrize("sentence", [
    "Quill Writer 7 runs the Tern OS 12 installer first.",  # "runs the", not "runs on"
    "Quill Writer 7 is supported by Tern OS 12 staff.",
])
def test_a_synonym_needs_the_same_preposition(sentence):
    assert stance(WORKS, sentence) is None


def test_same_sense_without_prepositions():
    assert same_sense("start", "Work started in May.", 12, "begin", "Did work begin in May?", 14)
    assert not same_sense("start", "Work started in May.", 12, "end", "Did work end in May?", 12)


def test_no_longer_supported_against_still_runs_is_a_claim():
    outlets, index = _setup({
        "a": ("The vendor said that Quill Writer 7 would no longer be supported on Tern OS 12 from May.", JAN3),
        "b": ("Quill Writer 7 still runs on Tern OS 12 and on older Tern OS releases.", JAN3),
    })
    found, _ = compare(WORKS, "yesno", outlets, index)
    assert "claim" in _kinds(found)


def test_runs_on_and_works_on_agree():
    outlets, index = _setup({
        "a": ("Quill Writer 7 runs on Tern OS 12, the vendor said on Friday.", JAN3),
        "b": ("Quill Writer 7 works on Tern OS 12 without any changes.", JAN3),
    })
    found, _ = compare(WORKS, "yesno", outlets, index)
    assert _kinds(found) == []


def test_a_negation_governs_the_asked_words_that_follow_it_in_its_clause():
    """"failed to win enough votes to approve" denies "approve" through the words between; a negation in another
    clause ("though it did not fund the ferry") governs nothing asked."""
    question = "Did the Norland council approve the harbour tunnel?"
    denied = stance(question, "The Norland council failed to win enough votes to approve the harbour tunnel.")
    assert denied is not None and not denied.affirmed and denied.decided
    other = stance(question, "The Norland council approved the harbour tunnel, though it did not fund the ferry.")
    assert other is not None and other.affirmed and other.decided
