"""Reports of different stories (a weekly report two weeks later) are not compared; one story's reports are."""

import datetime as dt

from qa.compare import compare
from qa.compare.slots import clashes
from qa.compare.align import comparable
from tests.qa.compare.test_engine import _setup

MARCH11 = dt.date(2027, 3, 11)
MARCH25 = dt.date(2027, 3, 25)
WEEK_A = "New claims for storm relief in Norland fell to 41,000 in the week ended March 6, the Relief Office said Thursday."
WEEK_B = "New claims for storm relief in Norland fell to 38,000 in the week ended March 20, the Relief Office said Thursday."


def test_articles_are_comparable_within_a_story_and_when_undated():
    _, index = _setup({"a": (WEEK_A, MARCH11), "b": (WEEK_B, MARCH25), "c": (WEEK_B, None)})
    assert index.story_of["a"] != index.story_of["b"]
    assert not comparable(index, "a", "b")
    assert comparable(index, "a", "c") and comparable(index, "b", "c")
    _, index = _setup({"a": (WEEK_A, MARCH11), "b": (WEEK_B, MARCH11)})
    assert index.story_of["a"] == index.story_of["b"] and comparable(index, "a", "b")


def test_two_stories_of_the_same_days_are_comparable_two_of_different_weeks_are_not():
    from index.chunk import chunk_article
    from index.embed import HashingEncoder
    from index.models import Article
    from index.settings import Settings
    from index.store import Index

    apart = Settings(story_threshold=2.0)  # no article joins another's story
    for days, expected in ((1, True), (3, True), (4, False)):
        articles = [Article(id="a", outlet="A", title="a", published=MARCH11, text=WEEK_A),
                    Article(id="b", outlet="B", title="b", published=MARCH11 + dt.timedelta(days=days), text=WEEK_B)]
        passages = [p for a in articles for p in chunk_article(a, 200)]
        index, _ = Index.build(articles, passages, HashingEncoder(64), settings=apart)
        assert index.story_of["a"] != index.story_of["b"]
        assert comparable(index, "a", "b") is expected


def test_two_weekly_reports_a_fortnight_apart_are_not_a_disagreement():
    outlets, index = _setup({"a": (WEEK_A, MARCH11), "b": (WEEK_B, MARCH25)})
    found, _ = compare("How many new claims for storm relief were filed in Norland?", "number", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_the_same_two_reports_on_one_day_disagree():
    outlets, index = _setup({"a": (WEEK_A, MARCH11), "b": (WEEK_B, MARCH11)})
    found, _ = compare("How many new claims for storm relief were filed in Norland?", "number", outlets, index)
    assert {d.kind for d in found if d.severity == "major"} >= {"number"}


def test_a_date_slot_is_not_compared_across_moments():
    outlets, index = _setup({
        "a": ("The Relief Office opened its new claims portal in Norland on Monday, officials said.", MARCH11),
        "b": ("The Relief Office opened its new claims portal in Norland on Tuesday, officials said.", MARCH25),
    })
    found, _ = compare("When did the Relief Office open its claims portal?", "date", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_a_silent_outlet_of_another_moment_is_not_surfaced_as_contested():
    from index.chunk import chunk_article
    from index.embed import HashingEncoder
    from index.models import Article
    from index.store import Index
    from qa.contested import surface_contested
    from qa.evidence import group_by_outlet
    from qa.models import Snippet
    from qa.relevance import Calibration

    calibration = Calibration(bias=0.0, weights=(0, 0, 0, 0, 0), threshold=0.7)
    relevance = {"a": 0.9, "b": 0.5}
    question = "How many new claims for storm relief were filed in Norland?"
    for published_b, lifted in ((MARCH25, []), (MARCH11, ["B"])):
        articles = [Article(id="a", outlet="A", title="a", published=MARCH11, text=WEEK_A),
                    Article(id="b", outlet="B", title="b", published=published_b, text=WEEK_B)]
        passages = [p for a in articles for p in chunk_article(a, 200)]
        index, _ = Index.build(articles, passages, HashingEncoder(64))
        snippets = sorted((Snippet(passage_id=p.id, article_id=p.article_id, text=p.text, start=p.start, end=p.end,
                                   window_start=p.window_start, window_end=p.window_end, score=relevance[p.article_id],
                                   dense=0.5, bm25=1.0) for p in passages if p.is_evidence), key=lambda s: -s.score)
        answering, silent = group_by_outlet(index, snippets, 3, calibration)
        shown, _ = surface_contested(index, question, "number", snippets, 3, calibration, answering, silent)
        assert [o.outlet for o in shown if o.contested] == lifted


def test_a_stance_slot_is_not_compared_across_moments():
    question = "Did the Relief Office open its claims portal in Norland?"
    for published_b, expected in ((MARCH25, []), (MARCH11, [("opened", "not open")])):
        outlets, index = _setup({
            "a": ("The Relief Office opened its claims portal in Norland, officials said.", MARCH11),
            "b": ("The Relief Office did not open its claims portal in Norland, officials said.", published_b),
        })
        assert [(c.sides[0].value, c.sides[1].value) for c in clashes(question, "yesno", outlets, index)] == expected
