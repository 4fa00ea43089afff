"""Relevance features and the split into answering and silent outlets, on hand-made cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from index.embed import HashingEncoder
from index.models import Article, Hit
from index.store import Index
from index.chunk import chunk_article
from qa.evidence import group_by_outlet
from qa.models import Snippet
from qa.facts.annotate import annotate
from qa.relevance import (Calibration, answer_test, coverage, features, near_synonyms, question_names, question_terms,
                          role_phrases, score, topic_terms)


def test_question_terms_and_names():
    assert question_terms("What did Tokayev tell Scholz about the war?") == ["tokayev", "tell", "scholz", "war"]
    assert question_names("What did Tokayev tell Scholz?") == ["tokayev", "scholz"]
    assert question_names("Who won?") == []
    assert question_names("What did the Orlen board approve in March, on a Tuesday?") == ["orlen"]  # when, not whom


def test_coverage_is_idf_weighted_share():
    idf = {"a": 1.0, "b": 3.0}
    assert coverage(["a", "b"], {"b"}, idf) == pytest.approx(0.75)
    assert coverage(["a", "b"], set(), idf) == 0.0
    assert coverage(["a"], {"a"}, {"a": 0.0}) == 0.0  # nothing known to the corpus
    assert coverage(["a", "b"], {"b"}, idf, {"a": 0.5}) == pytest.approx(3.5 / 4)  # "a" only as a near-synonym


def test_score_is_a_logistic_of_the_weighted_features():
    cal = Calibration(bias=-1.0, weights=(1.0, 0.0, 2.0, 0.0, 0.0))
    assert score(np.array([0.5, 0, 0.25, 0, 0]), cal) == pytest.approx(1 / (1 + math.exp(0.0)))
    assert 0 < score(np.array([-1e9, 0, 0, 0, 0]), cal) < 1e-20  # clipped, no overflow


def test_topic_terms_leave_out_stated_values_options_and_the_preamble():
    assert topic_terms("Marina Pepper is a politician. Was Marina Baker born on 8 December 1967?") == ["marina", "baker", "bear"]
    assert topic_terms("Is Angermünde 80 km far from Berlin?") == ["angermünd", "far", "berlin"]
    assert topic_terms("Did the army have 50 prisoners?") == ["armi", "prison"]  # the counted noun stays
    assert topic_terms("Did Ger Browne join the Kickhams club or the Cormacs club?") == ["ger", "brown", "join"]
    assert topic_terms("Was it 1967?") == question_terms("Was it 1967?")  # nothing else left: keep everything


def _index(articles):
    passages = [p for a in articles for p in chunk_article(a)]
    return Index.build(articles, passages, HashingEncoder(16))[0]


def _hit(passage_id: str, dense: float = 0.9, bm25: float = 1.0) -> Hit:
    """A search hit on passage ``passage_id`` ("a#1": passage 1 of article "a")."""
    return Hit(passage_id=passage_id, article_id=passage_id.split("#")[0], score=1, dense=dense, bm25=bm25)


def test_features_gap_coverage_and_entities():
    index = _index([
        Article(id="a", outlet="A", text="Headline\nScholz met the president in Astana."),
        Article(id="b", outlet="B", text="Headline\nThe president met investors in Astana."),
    ])
    hits = [_hit("a#1"), _hit("b#1", 0.6, 0.5)]
    rows = features(index, "Whom did the president meet, Scholz?", hits)
    assert rows[0, 1] == 0.0 and rows[1, 1] == pytest.approx(-0.3)  # gap to the best cosine
    assert rows[0, 4] == 1.0 and rows[1, 4] == 0.0  # only article a names Scholz
    assert rows[0, 3] > rows[1, 3]  # the sentence covers more of the question


def test_features_do_not_count_a_stated_value_against_a_passage_that_gives_another():
    index = _index([
        Article(id="a", outlet="A", text="Headline\nMarina Baker was born on 12 August 1967."),
        Article(id="b", outlet="B", text="Headline\nMarina Baker was born on 8 December 1967."),
    ])
    hits = [_hit("a#1"), _hit("b#1")]
    rows = features(index, "Was Marina Baker born on 8 December 1967?", hits)
    assert rows[0, 2] == rows[1, 2] == 1.0  # the window covers the topic, whatever date it gives
    assert rows[0, 3] == rows[1, 3] == 1.0


def test_a_word_written_as_a_near_synonym_is_covered_at_the_rarer_word_s_weight():
    index = _index([
        Article(id="a", outlet="A", text="Headline\nThe mayor held a telephone conversation with the governor."),
        Article(id="b", outlet="B", text="Headline\nThe mayor held a conversation with the governor at the harbour."),
        Article(id="c", outlet="C", text="Headline\nA phone was left on the ferry."),
    ])
    hits = [_hit("a#1"), _hit("b#1")]
    question = "Did the mayor and the governor hold a conversation by phone?"
    rows = features(index, question, hits)
    assert rows[0, 3] == pytest.approx(1.0)  # "telephone" stands for "phone"
    assert rows[1, 3] < rows[0, 3]
    near = near_synonyms(index, question, topic_terms(question), [])
    assert near["phone"]["telephone"] == pytest.approx(min(index.sparse.idf("phone"), index.sparse.idf("telephon")))
    assert "mayor" not in near  # its near words ("mayors", "mayoral") are the same term or absent from the corpus


def test_names_are_never_matched_by_near_synonyms():
    index = _index([Article(id="a", outlet="A", text="Headline\nLloyd met the governor."),
                    Article(id="b", outlet="B", text="Headline\nFloyd was away.")])
    question = "When did Floyd meet the governor?"
    # "Floyd" and "Lloyd" are 0.86 alike in the table
    assert "floyd" not in near_synonyms(index, question, topic_terms(question), ["floyd"])


def test_topic_terms_leave_out_the_kind_of_thing_asked_but_not_its_modifiers_or_a_figure_s_unit():
    assert topic_terms("Which ferry route did the council close in May?") == ["ferri", "council", "close", "may"]
    assert topic_terms("What kind of building permit did the mayor sign?") == ["build", "mayor", "sign"]
    assert "month" not in topic_terms("In which month did the mill reopen?")
    assert topic_terms("What percentage of voters backed the levy?") == question_terms(
        "What percentage of voters backed the levy?")  # a figure comes with its unit: "61 percent"
    assert topic_terms("What did the mayor sign?") == question_terms("What did the mayor sign?")


def test_an_answer_that_names_the_kind_asked_without_its_word_is_fully_covered():
    index = _index([Article(id="a", outlet="A", text="Headline\nThe mayor signed an emergency decree on Friday.")])
    hits = [_hit("a#1")]
    rows = features(index, "What kind of order did the mayor sign on Friday?", hits)
    assert rows[0, 3] == 1.0  # "kind" and "order" are what is asked; the decree is the answer


def test_a_date_or_figure_question_is_answered_by_a_text_that_states_one_of_the_asked_kind():
    when = answer_test("When did the Harlow council approve the bypass?")
    assert when(annotate("The council approved the bypass on March 3, 2031."))
    assert not when(annotate("The council approved the bypass."))
    day = answer_test("On what date did the Harlow council approve the bypass?")
    assert not day(annotate("The council approved the bypass in 2019."))  # a year is no date
    assert day(annotate("The council approved the bypass on March 3, 2019."))
    assert answer_test("In which year did the council approve it?")(annotate("It was approved on March 3, 2019."))
    share = answer_test("What percentage of voters backed the levy?")
    assert share(annotate("The levy passed with 61 percent of the vote."))
    assert not share(annotate("The levy passed with 4,200 votes."))
    assert answer_test("How many ferries did the council buy?")(annotate("The council bought three ferries."))
    assert answer_test("What did the mayor say about the levy?") is None


def test_the_value_asked_for_counts_as_one_more_term_of_the_question():
    index = _index([
        Article(id="a", outlet="A", text="Headline\nThe Harlow council approved the bypass on March 3, 2031."),
        Article(id="b", outlet="B", text="Headline\nThe Harlow council approved the bypass after a long debate."),
    ])
    hits = [_hit("a#1"), _hit("b#1")]
    rows = features(index, "When did the Harlow council approve the bypass?", hits)
    assert rows[0, 3] == 1.0  # every word and the date
    assert 0.7 < rows[1, 3] < 1.0  # every word, no date: one term of average weight short
    plain = features(index, "Did the Harlow council approve the bypass?", hits)
    assert plain[0, 3] == plain[1, 3] == 1.0  # a yes/no question asks for no value


def _snippet(pid: str, article: str, score_: float, text: str = "") -> Snippet:
    return Snippet(passage_id=pid, article_id=article, text=text or pid, start=0, end=1, window_start=0,
                   window_end=1, score=score_, dense=0.5, bm25=1.0)


def test_group_by_outlet_threshold_k_and_duplicates():
    index = _index([
        Article(id="a1", outlet="A", text="Headline\nOne. Two. Three. Four."),
        Article(id="a2", outlet="A", text="Headline\nFive."),
        Article(id="b", outlet="B", text="Headline\nSix."),
        Article(id="c", outlet="C", text="Headline\nSeven."),
    ])
    cal = Calibration(bias=0, weights=(0, 0, 0, 0, 0), threshold=0.6)
    snippets = [_snippet("a1#1", "a1", 0.9), _snippet("a2#1", "a2", 0.8), _snippet("a1#2", "a1", 0.8, "a1#1"),
                _snippet("a1#3", "a1", 0.35), _snippet("a1#4", "a1", 0.25), _snippet("b#1", "b", 0.55)]
    answering, silent = group_by_outlet(index, snippets, k=3, calibration=cal)
    assert [o.outlet for o in answering] == ["A"]
    # one card, one article: A's best article, its duplicate text and the one below threshold/2 dropped
    assert answering[0].article_id == "a1"
    assert [s.passage_id for s in answering[0].snippets] == ["a1#1", "a1#3"]
    assert [(s.outlet, s.best_relevance) for s in silent] == [("B", 0.55), ("C", 0.0)]
    assert silent[1].article_ids == ["c"]


def test_a_card_leaves_the_title_to_its_header_unless_only_the_title_answers():
    index = _index([
        Article(id="a", outlet="A", title="Dam gates can't close after record rain",
                text="Dam gates can’t close after record rain\nEngineers opened two gates on Friday. Fields flooded."),
        Article(id="b", outlet="B", title="Gates open", text="Gates open\nNothing else was said."),
    ])
    cal = Calibration(bias=0, weights=(0, 0, 0, 0, 0), threshold=0.6)
    snippets = [_snippet("a#0", "a", 0.95, "Dam gates can’t close after record rain"), _snippet("a#1", "a", 0.7),
                _snippet("b#0", "b", 0.9, "Gates  open")]
    answering, _ = group_by_outlet(index, snippets, k=3, calibration=cal)
    cards = {o.outlet: o for o in answering}
    assert cards["A"].relevance == 0.95  # the title still makes the outlet answer
    assert [s.passage_id for s in cards["A"].snippets] == ["a#1"]
    assert [s.passage_id for s in cards["B"].snippets] == ["b#0"]  # nothing else qualifies: the title stays


def test_role_phrases_are_persons_named_by_role_not_titles_before_a_name():
    assert role_phrases("What did the Chilean minister tell the Danish prime minister?") == ["Chilean minister", "Danish prime minister"]
    assert role_phrases("What did Minister Rojas tell the mayor?") == ["mayor"]
    assert role_phrases("Did Mayor Rojas sign it?") == []


def test_a_role_in_the_question_is_covered_where_the_article_names_its_person():
    index = _index([
        Article(id="a", outlet="A", text="Headline\nChilean Minister Elena Rojas arrived in Oslo on Monday. "
                                         "Rojas told reporters the port deal was signed."),
        Article(id="b", outlet="B", text="Headline\nA minister arrived in Oslo on Monday. "
                                         "Officials told reporters the port deal was signed."),
    ])
    hits = [_hit("a#2", 0.5), _hit("b#2", 0.5)]
    rows = features(index, "What did the Chilean minister tell reporters?", hits)
    assert rows[0, 3] == 1.0  # "Rojas told reporters": the Chilean minister, by the article's own words
    assert rows[1, 3] < 1.0  # no article names a person for the role: only the words count
