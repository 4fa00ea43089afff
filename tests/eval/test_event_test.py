"""The silent list's same-event test scored over a story of two invented events, counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from eval.story_eval import event_test, halves
from index.chunk import chunk_article
from index.embed import HashingEncoder
from index.models import Article
from index.settings import Settings
from index.store import Index

DAY = dt.date(2031, 5, 2)
TEXTS = {"talks-a": "Premier Ilse Varga and chancellor Tomas Reed held talks in Lindau on the dam.",
         "talks-b": "Varga and Reed met in Lindau for talks on trade and the dam.",
         "retort-a": "Varga snapped at a reporter in Lindau who asked why she trusted Reed.",
         "retort-b": "Asked by a reporter why she trusted Reed, Varga told her she was in the wrong business."}
TRUTH = {a: a.split("-")[0] for a in TEXTS}


def _one_story() -> Index:
    articles = [Article(id=k, outlet=k, title=k, published=DAY, text=t) for k, t in TEXTS.items()]
    index, _ = Index.build(articles, [p for a in articles for p in chunk_article(a, 200)], HashingEncoder(64))
    stories = {k: type(index.assignments[k])(story="s-1", source=k) for k in TEXTS}
    return Index(index.manifest, list(index.articles.values()), index.passages, index.vectors, stories=stories)


def test_every_other_article_of_the_story_is_a_case_for_each_answering_set():
    index = _one_story()
    # Each event: answering {a}, {b} (3 cases each, 1 of its event) and {a, b} (2 cases, none): 8 cases, 2 positive.
    everything = Settings(story_threshold=-2.0, story_event_score=-2.0)  # every article reports every event
    assert event_test(index, TRUTH, everything) == {"precision": pytest.approx(4 / 16), "recall": 1.0, "n": 16}
    nothing = Settings(story_threshold=2.0)
    assert event_test(index, TRUTH, nothing) == {"precision": None, "recall": 0.0, "n": 16}
    assert event_test(index, TRUTH, everything, events=["talks"])["n"] == 8
    assert event_test(index, TRUTH, everything, most=1)["n"] == 12


def test_halves_alternate_over_the_sorted_events():
    assert halves({"x": "ev3", "y": "ev1", "z": "ev2", "w": "ev1"}) == (["ev1", "ev3"], ["ev2"])
