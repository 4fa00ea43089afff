"""Question → stories: the best story, later coverage that joins it, and comparison within a story only."""

from __future__ import annotations

import datetime as dt

import numpy as np

from index.chunk import chunk_article
from index.embed import HashingEncoder
from index.models import Article
from index.settings import Settings
from index.store import Index
from qa.evidence import group_by_outlet
from qa.models import Snippet
from qa.relevance import Calibration
from qa.service import QAService
from qa.stories import choose_stories, comparison_groups, compare_by_story

MAY2 = dt.date(2031, 5, 2)
JUNE20 = dt.date(2031, 6, 20)
SETTINGS = Settings(follow_up_relevance=0.8, story_window_days=3)
CALIBRATION = Calibration(bias=0.0, weights=(0, 0, 0, 0, 0), threshold=0.6)

VISIT_A = "Premier Ilse Varga told visiting chancellor Tomas Reed in Lindau on May 1 that the dam will be finished in 2033."
VISIT_B = "Varga told Reed during his visit to Lindau on May 2 that the dam will be finished in 2033."
LATER = "Weeks after the Lindau visit, Varga said she had told Reed the dam would be finished in 2033."
RIVAL = "Premier Ilse Varga told the harbour board in Kessel that the new quay will be finished in 2032."
FOOTBALL = "The Lindau Rovers beat the Kessel Mariners 3-1 on Saturday before a crowd of 9,000."
NAMES = ["varga", "reed"]
# The names of "What did Varga tell Reed about the dam?", stemmed.
SAGA = "The dam's second turbine hall opened in Lindau, years after the premier's promise on its completion."


def _index(texts: dict[str, tuple[str, dt.date | None, str]]) -> Index:
    """An index whose stories are given: ``{article id: (text, published, story label)}``."""
    articles = [Article(id=k, outlet=k.upper(), title=k, published=pub, text=f"Headline {k}\n{text}")
                for k, (text, pub, _) in texts.items()]
    passages = [p for a in articles for p in chunk_article(a, 200)]
    index, _ = Index.build(articles, passages, HashingEncoder(64))
    labels = {k: label for k, (_, _, label) in texts.items()}
    first = {}
    for k, label in labels.items():
        first.setdefault(label, k)
    # The clustering is tested in tests/index; here each test states which story an article is in.
    assignments = {k: type(index.assignments[k])(story=f"s-{labels[k]}", source=k) for k in labels}
    return Index(index.manifest, list(index.articles.values()), index.passages, index.vectors, stories=assignments)


def _snippets(index: Index, relevance: dict[str, float]) -> list[Snippet]:
    out = [Snippet(passage_id=p.id, article_id=p.article_id, text=p.text, start=p.start, end=p.end,
                   window_start=p.window_start, window_end=p.window_end, score=relevance[p.article_id], dense=0.5,
                   bm25=1.0) for p in index.passages if p.is_evidence and p.article_id in relevance]
    return sorted(out, key=lambda s: (-s.score, s.passage_id))


def test_the_best_story_is_chosen_and_later_coverage_joins_only_when_it_answers_well():
    index = _index({"a": (VISIT_A, MAY2, "visit"), "b": (VISIT_B, MAY2, "visit"), "later": (LATER, JUNE20, "later"),
                    "rival": (RIVAL, MAY2 + dt.timedelta(days=1), "rival")})
    snippets = _snippets(index, {"a": 0.95, "b": 0.9, "later": 0.85, "rival": 0.8})
    assert choose_stories(index, snippets, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-visit", "s-later"]
    weak = _snippets(index, {"a": 0.95, "b": 0.9, "later": 0.7, "rival": 0.8})
    assert choose_stories(index, weak, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-visit"]
    assert choose_stories(index, _snippets(index, {"a": 0.5}), CALIBRATION.threshold, SETTINGS, NAMES) == []


def test_later_coverage_joins_only_when_it_names_whom_the_question_names():
    index = _index({"a": (VISIT_A, MAY2, "visit"), "later": (LATER, JUNE20, "later"), "saga": (SAGA, JUNE20, "saga")})
    snippets = _snippets(index, {"a": 0.95, "later": 0.85, "saga": 0.9})
    assert choose_stories(index, snippets, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-visit", "s-later"]
    assert choose_stories(index, snippets, CALIBRATION.threshold, SETTINGS, []) == ["s-visit"]


def test_later_coverage_joins_for_any_of_its_articles_that_names_whom_the_question_names():
    # The later story's best snippet is an article that names only Varga ("saga"); another of its articles names
    # both and answers well enough: the story joins for that one.
    index = _index({"a": (VISIT_A, MAY2, "visit"), "saga": (SAGA + " Varga spoke.", JUNE20, "later"),
                    "later": (LATER, JUNE20, "later")})
    snippets = _snippets(index, {"a": 0.95, "saga": 0.9, "later": 0.85})
    assert choose_stories(index, snippets, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-visit", "s-later"]
    weak = _snippets(index, {"a": 0.95, "saga": 0.9, "later": 0.7})
    assert choose_stories(index, weak, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-visit"]


def test_a_story_of_the_same_days_joins_only_when_it_answers_about_as_well_and_is_compared_with_it():
    index = _index({"a": (VISIT_A, MAY2, "visit"), "rival": (RIVAL, MAY2 + dt.timedelta(days=1), "rival")})
    tie = _snippets(index, {"a": 0.95, "rival": 0.93})
    assert choose_stories(index, tie, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-visit", "s-rival"]
    assert choose_stories(index, _snippets(index, {"a": 0.95, "rival": 0.85}), CALIBRATION.threshold,
                          SETTINGS, NAMES) == ["s-visit"]
    answering, _ = group_by_outlet(index, tie, 3, CALIBRATION, ["s-visit", "s-rival"])
    assert [[o.outlet for o in g] for g in comparison_groups(index, answering, 3)] == [["A", "RIVAL"]]


def test_undated_stories_join_on_the_answering_threshold():
    index = _index({"a": (VISIT_A, None, "one"), "b": (VISIT_B, None, "two"), "c": (FOOTBALL, None, "three")})
    snippets = _snippets(index, {"a": 0.9, "b": 0.65, "c": 0.3})
    assert choose_stories(index, snippets, CALIBRATION.threshold, SETTINGS, NAMES) == ["s-one", "s-two"]


def test_cards_and_silence_stay_inside_the_chosen_stories():
    index = _index({"a": (VISIT_A, MAY2, "visit"), "b": (VISIT_B, MAY2, "visit"), "c": (FOOTBALL, MAY2, "visit"),
                    "rival": (RIVAL, MAY2, "rival")})
    snippets = _snippets(index, {"a": 0.95, "b": 0.9, "c": 0.2, "rival": 0.9})
    answering, silent = group_by_outlet(index, snippets, 3, CALIBRATION, ["s-visit"])
    assert [o.outlet for o in answering] == ["A", "B"] and [s.outlet for s in silent] == ["C"]
    assert {o.story_id for o in answering} == {"s-visit"}


def test_outlets_of_different_stories_are_compared_apart_and_never_counted_as_agreeing():
    index = _index({"a": (VISIT_A, MAY2, "visit"), "b": (VISIT_B, MAY2, "visit"), "later": (LATER, JUNE20, "later")})
    snippets = _snippets(index, {"a": 0.95, "b": 0.9, "later": 0.85})
    answering, _ = group_by_outlet(index, snippets, 3, CALIBRATION, ["s-visit", "s-later"])
    assert [[o.outlet for o in g] for g in comparison_groups(index, answering, 3)] == [["A", "B"], ["LATER"]]
    found, groups, consensus = compare_by_story("When did Varga tell Reed about the dam?", "date", answering, index, 3)
    assert {frozenset(d.outlets) for d in found if d.severity == "major"} == {frozenset({"A", "B"})}
    assert "“later” (2031-06-20): only LATER answers" in consensus
    assert {g.story_id for g in groups if "LATER" in g.outlets} <= {"s-later"}
    assert not any({"A", "LATER"} <= set(g.outlets) for g in groups)
    assert "LATER raises no disagreement" not in consensus


def test_wire_copies_are_marked_with_their_source():
    base = _index({"a": (VISIT_A, MAY2, "visit"), "b": (VISIT_A + " Officials agreed.", MAY2, "visit")})
    assignments = {"a": type(base.assignments["a"])(story="s-visit", source="a"),
                   "b": type(base.assignments["b"])(story="s-visit", source="a")}
    index = Index(base.manifest, list(base.articles.values()), base.passages, base.vectors, stories=assignments)
    answering, _ = group_by_outlet(index, _snippets(index, {"a": 0.95, "b": 0.9}), 3, CALIBRATION, ["s-visit"])
    assert {o.outlet: o.source for o in answering} == {"A": "a", "B": "a"}
    assert index.stories["s-visit"].n_independent == 1


def test_ask_names_its_stories_and_counts_outlets_that_did_not_cover_them(hashing_encoder):
    articles = [Article(id=k, outlet=k.upper(), title=f"Headline {k}", published=MAY2, text=f"Headline {k}\n{t}")
                for k, t in (("a", VISIT_A), ("b", VISIT_B), ("f", FOOTBALL))]
    service = QAService.from_articles(articles, hashing_encoder, settings=Settings(story_threshold=0.99))
    answer = service.ask("What did Varga tell Reed about the dam in Lindau?")
    assert answer.stories and answer.stories[0].id == service.index.story_of[answer.outlets[0].article_id]
    covering = {o for s in answer.stories for o in s.outlets}
    assert answer.n_uncovered_outlets == 3 - len(covering)
    restricted = service.ask("What did Varga tell Reed about the dam in Lindau?", story=service.index.story_of["f"])
    assert {o.article_id for o in restricted.outlets} <= {"f"}


def test_silent_outlets_come_from_the_questions_moment_not_from_later_coverage():
    from qa.models import SilentOutlet
    from qa.stories import core_stories, silent_of

    index = _index({"a": (VISIT_A, MAY2, "visit"), "c": (FOOTBALL, MAY2, "visit"),
                    "later": (LATER, JUNE20, "later"), "other": (FOOTBALL, JUNE20, "later")})
    assert core_stories(index, ["s-visit", "s-later"], 3) == ["s-visit"]
    silent = [SilentOutlet(outlet="C", article_ids=["c"]), SilentOutlet(outlet="OTHER", article_ids=["other"])]
    assert [s.outlet for s in silent_of(index, silent, ["s-visit"])] == ["C"]


def test_a_silent_article_joins_the_answering_event_by_the_clusterings_own_test():
    from qa.stories import joins_event

    settings = Settings(story_threshold=0.4, story_day_penalty=0.2)
    east, north = [1.0, 0.0], [0.0, 1.0]
    leads = [np.array(east), np.array([0.6, 0.8])]
    near = np.array([0.8, 0.6])  # cosines 0.8 and 0.96: mean 0.88
    assert joins_event(near, MAY2, leads, [MAY2], settings)
    # 0.88 less 0.2 a day outside the answering days: 0.68 one day after them, 0.28 three days after
    assert joins_event(near, MAY2 + dt.timedelta(days=1), leads, [MAY2], settings)
    assert not joins_event(near, MAY2 + dt.timedelta(days=3), leads, [MAY2 - dt.timedelta(days=1), MAY2], settings)
    assert not joins_event(np.array(north), MAY2, [np.array(east)], [MAY2], settings)  # cosine 0
    assert joins_event(np.array([0.6, 0.8]), None, [np.array(east)], [MAY2], settings)  # 0.6, undated: no penalty
    assert not joins_event(None, MAY2, leads, [MAY2], settings)  # no lead, no event


def test_silent_outlets_of_another_event_merged_into_the_story_are_not_listed():
    from qa.models import SilentOutlet
    from qa.stories import event_silent

    index = _index({"a": (VISIT_A, MAY2, "visit"), "b": (VISIT_B, MAY2, "visit"), "c": (FOOTBALL, MAY2, "visit")})
    silent = [SilentOutlet(outlet="B", article_ids=["b"]), SilentOutlet(outlet="C", article_ids=["c"])]
    settings = Settings(story_threshold=0.4)
    assert [s.outlet for s in event_silent(index, silent, ["a"], settings)] == ["B"]
    assert event_silent(index, silent, [], settings) == silent  # nothing answers: nothing to test against


def test_an_article_reports_the_answering_event_when_close_to_it_or_no_farther_from_it_than_from_the_rest():
    from qa.stories import reports_event

    settings = Settings(story_threshold=0.4, story_event_score=0.55, story_day_penalty=0.2)
    east, north, west = np.array([1.0, 0.0]), np.array([0.0, 1.0]), np.array([-1.0, 0.0])
    answering = ([east], [MAY2])
    between = np.array([0.5, 0.75 ** 0.5])  # cosine 0.5 to east (joins: ≥ 0.4, not close: < 0.55), 0.87 to north
    assert not reports_event(between, MAY2, answering, lambda: ([north], [MAY2]), settings)  # nearer the rest of its story
    assert reports_event(between, MAY2, answering, lambda: ([west], [MAY2]), settings)  # nearer the answering article
    assert reports_event(between, MAY2, answering, lambda: ([], []), settings)  # nothing else in its story
    # the rest is scored like the answering articles: north three days away scores 0.87 - 0.6, under 0.5
    assert reports_event(between, MAY2, answering, lambda: ([north], [MAY2 - dt.timedelta(days=3)]), settings)

    def unread():  # the rest of the story is read only when the score against the answering articles leaves it open
        raise AssertionError("the rest of the story was read")

    close = np.array([0.6, 0.8])  # cosine 0.6 to east: their event, whatever the rest
    assert reports_event(close, MAY2, answering, unread, settings)
    far = np.array([0.3, 0.91 ** 0.5])  # cosine 0.3: does not join, whatever the rest
    assert not reports_event(far, MAY2, answering, unread, settings)


TALKS_A = "Premier Ilse Varga told reporters in Lindau that her talks with chancellor Tomas Reed on the dam and trade went well."
TALKS_B = "Varga told reporters her four hours of talks with Reed in Lindau on trade and the dam were constructive."
RETORT_A = "Asked by a reporter in Lindau why she trusted Reed, Varga snapped back: 'You are in the wrong business.'"
RETORT_B = "Varga snapped at a reporter in Lindau who asked why she trusted Reed, and later apologised for the retort."


def test_of_two_events_of_one_day_in_one_story_only_the_answering_events_outlets_are_silent():
    from qa.models import SilentOutlet
    from qa.stories import article_lead, event_silent

    # One story holds the talks and a retort to a reporter after them; the question is about the retort.
    index = _index({"talks_a": (TALKS_A, MAY2, "visit"), "talks_b": (TALKS_B, MAY2, "visit"),
                    "retort_a": (RETORT_A, MAY2, "visit"), "retort_b": (RETORT_B, MAY2, "visit")})
    lead = {k: article_lead(index, k) for k in ("talks_a", "talks_b", "retort_a", "retort_b")}
    cos = {(a, b): float(lead[a] @ lead[b]) for a in lead for b in lead}
    # Both talks articles would join the retort by the clustering's test alone (0.4) without being close to it
    # (0.55), and each is nearer the rest of the story than the retort.
    assert all(0.4 <= cos["retort_a", t] < 0.55 for t in ("talks_a", "talks_b"))
    assert cos["talks_a", "retort_a"] < (cos["talks_a", "talks_b"] + cos["talks_a", "retort_b"]) / 2
    assert cos["talks_b", "retort_a"] < (cos["talks_b", "talks_a"] + cos["talks_b", "retort_b"]) / 2
    assert cos["retort_a", "retort_b"] >= 0.55
    silent = [SilentOutlet(outlet=k.upper(), article_ids=[k]) for k in ("talks_a", "talks_b", "retort_b")]
    settings = Settings(story_threshold=0.4, story_event_score=0.55)
    assert [s.outlet for s in event_silent(index, silent, ["retort_a"], settings)] == ["RETORT_B"]


def test_a_story_of_other_days_that_answers_about_as_well_makes_the_event_uncertain():
    from qa.stories import rival_moment

    # threshold 0.6: a log-odds margin of 0.05 / (0.6 * 0.4) = 0.208
    index = _index({"a": (VISIT_A, MAY2, "visit"), "later": (LATER, JUNE20, "later"),
                    "same": (RIVAL, MAY2 + dt.timedelta(days=1), "same")})
    near_top = _snippets(index, {"a": 0.96, "later": 0.955, "same": 0.3})  # log-odds 3.18 and 3.05
    assert rival_moment(index, near_top, ["s-visit"], 0.6, SETTINGS) == "s-later"
    assert rival_moment(index, near_top, ["s-visit", "s-later"], 0.6, SETTINGS) is None  # joined as later coverage
    clear = _snippets(index, {"a": 0.96, "later": 0.90, "same": 0.3})  # 3.18 and 2.20: 0.05 apart, not a tie here
    assert rival_moment(index, clear, ["s-visit"], 0.6, SETTINGS) is None
    low = _snippets(index, {"a": 0.72, "later": 0.70, "same": 0.3})  # 0.94 and 0.85
    assert rival_moment(index, low, ["s-visit"], 0.6, SETTINGS) == "s-later"
    same_days = _snippets(index, {"a": 0.96, "later": 0.3, "same": 0.959})  # a rival of the same days is coverage
    assert rival_moment(index, same_days, ["s-visit"], 0.6, SETTINGS) is None
    assert rival_moment(index, near_top, [], 0.6, SETTINGS) is None
