"""Claims one text makes and takes back: an exclusivity claim against a mention elsewhere, and a yes/no
proposition asserted and denied. Negated, non-resident, hedged and qualified mentions raise nothing."""

import pytest

from qa.compare.exclusive import outside_mentions
from qa.compare.reversal import reversals
from qa.facts.entities import countries
from qa.facts.text import content_stems


def test_countries_skip_places_that_only_contain_a_country_name():
    text = "From New Mexico to the Gulf of Mexico and Mexico City; in southern Peru, Scotland and Papua New Guinea."
    assert [(c.text, c.key) for c in countries(text)] == [("Peru", "PE"), ("Scotland", "GB"),
                                                            ("Papua New Guinea", "PG")]


def _outside(sentences, topic="Is the striped gecko found in Chile?"):
    found = outside_mentions(sentences, content_stems(topic))
    return [(c.a.sentence, c.b.sentence, c.b.normalized) for c in found]


def test_endemic_claim_against_a_report_from_another_country():
    sentences = ["The striped gecko lives on dry slopes from Lima in southern Peru to Ecuador.",
                 "It is endemic to Peru.",
                 "It has also been recorded in northern Chile."]
    assert _outside(sentences) == [(1, 0, "Ecuador"), (1, 2, "Chile")]


@pytest.mark.parametrize("sentences", [
    ["The striped gecko is endemic to Peru.", "It has been reported from Lima but not from Chile or Bolivia."],
    ["The striped gecko is endemic to Peru.", "It has been introduced to Chile."],
    ["The striped gecko is endemic to Peru.", "Fossils of it were found in Chile."],
    ["The striped gecko is endemic to Peru.", "Its relative, the banded gecko, is found in Chile."],
    ["The striped gecko is nearly endemic to Peru.", "It is found in Chile."],
    ["The striped gecko is endemic to Peru and Chile.", "It is found in Chile."],
    ["The striped gecko is endemic to Peru.", "The Andean condor is found in Chile."],
    ["The striped gecko occurs only in Peru during winter.", "It breeds in Chile."],   # a seasonal claim
])
def test_mentions_the_claim_allows_or_about_another_subject(sentences):
    assert _outside(sentences) == []


QUESTION = "Can the enzyme stimulate bone growth?"


def test_a_sentence_taking_back_the_proposition_with_an_antonym():
    sentences = ["The enzyme is made in the liver and thereby stimulates bone growth.",
                 "However, it inhibits bone growth."]
    found = reversals(QUESTION, sentences)
    assert [(c.a.sentence, c.b.sentence) for c in found] == [(0, 1)]
    c = found[0]
    assert (c.a.text(sentences[0]), c.b.text(sentences[1])) == ("stimulates bone growth", "inhibits bone growth")
    assert c.detail == "asserts it (“stimulates bone growth”) and denies it (“inhibits bone growth”)"


def test_a_negation_taking_it_back():
    q = "Did the council approve the budget?"
    assert [(c.a.sentence, c.b.sentence) for c in reversals(q, ["The council approved the budget.",
                                                                "The council did not approve the budget."])] == [(0, 1)]


@pytest.mark.parametrize("sentences", [
    ["The enzyme stimulates bone growth in young mice.", "It inhibits bone growth in old rats."],   # qualified
    ["The enzyme stimulates bone growth.", "However, it may inhibit bone growth."],                  # hedged
    ["The enzyme stimulated bone growth in 2019.", "It inhibited bone growth in 2021."],             # other times
    ["The enzyme stimulates bone growth.", "It also stimulates bone growth in fish."],               # agreeing
    ["The enzyme stimulates bone growth.", "It does not stimulate bone growth in fish."],            # a scope
    ["In fish, the enzyme stimulates bone growth.", "It does not stimulate bone growth."],
])
def test_reversals_that_a_condition_hedge_or_time_explains(sentences):
    assert reversals(QUESTION, sentences) == []
