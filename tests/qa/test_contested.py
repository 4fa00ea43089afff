"""Silent outlets that contradict an answering outlet on the same claim are surfaced; agreeing ones are not."""

import datetime as dt

from index.chunk import chunk_article
from index.embed import HashingEncoder
from index.models import Article
from index.store import Index
from qa.contested import CONTEST_FLOOR, surface_contested
from qa.evidence import group_by_outlet
from qa.models import Snippet
from qa.relevance import Calibration
from tests.qa.compare.test_engine import ONE_EVENT

DAY = dt.date(2024, 3, 1)
CALIBRATION = Calibration(bias=0.0, weights=(0, 0, 0, 0, 0), threshold=0.7)


def _answer(texts: dict[str, str], relevance: dict[str, float]):
    articles = [Article(id=k, outlet=k.upper(), title=k, published=DAY, text=t) for k, t in texts.items()]
    passages = [p for a in articles for p in chunk_article(a, 200)]
    index, _ = Index.build(articles, passages, HashingEncoder(64), settings=ONE_EVENT)
    snippets = [Snippet(passage_id=p.id, article_id=p.article_id, text=p.text, start=p.start, end=p.end,
                        window_start=p.window_start, window_end=p.window_end, score=relevance[p.article_id],
                        dense=0.5, bm25=1.0) for p in passages if p.is_evidence]
    snippets.sort(key=lambda s: -s.score)
    answering, silent = group_by_outlet(index, snippets, 3, CALIBRATION)
    return index, snippets, answering, silent


def test_a_silent_outlet_giving_another_number_for_the_same_claim_is_surfaced_as_contested():
    index, snippets, answering, silent = _answer({
        "a": "The Spanish Empire had 47 prisoners and 17 wounded in the Battle of Martín García.",
        "b": "In the Battle of Martín García the Spanish Empire had 50 prisoners and 64 wounded.",
        "c": "The Spanish Empire had 47 prisoners and 17 wounded in the Battle of Martín García, a report said.",
        "d": "Wheat prices rose again in the spring, and farmers were pleased with the harvest.",
    }, {"a": 0.9, "b": 0.5, "c": 0.5, "d": 0.3})
    assert [o.outlet for o in answering] == ["A"]
    shown, still_silent = surface_contested(index, "How many prisoners?", "number", snippets, 3, CALIBRATION, answering, silent)
    assert [(o.outlet, o.contested) for o in shown] == [("A", False), ("B", True)]
    assert sorted(s.outlet for s in still_silent) == ["C", "D"]  # agreeing and unrelated outlets stay silent


def test_another_date_for_the_questions_slot_surfaces_an_outlet_a_name_does_not():
    texts = {"a": "In 1971, a second book was published, A Life on Film, where the actress discussed her career.",
             "b": "A Life on Film (1967) A Life on Film was published in 1967.",
             "c": "The actress wrote A Life on Film with the help of her editor, John Smith."}
    index, snippets, answering, silent = _answer(texts, {"a": 0.9, "b": 0.35, "c": 0.35})
    shown, still_silent = surface_contested(index, "When was A Life on Film published?", "date", snippets, 3,
                                            CALIBRATION, answering, silent)
    assert [(o.outlet, o.contested) for o in shown] == [("A", False), ("B", True)]
    assert [s.outlet for s in still_silent] == ["C"]
    shown, _ = surface_contested(index, "Who helped write A Life on Film?", "person", snippets, 3, CALIBRATION,
                                 answering, silent)
    assert [o.outlet for o in shown] == ["A"]


def test_choosing_another_offered_alternative_surfaces_an_outlet():
    texts = {"a": "Jon Dale joined the Bergen Hill Wanderers club at a young age and played in all grades.",
             "b": "Jon Dale is an Irish hurler who played club hurling with Oslo Harbour Rovers.",
             "c": "Jon Dale is an Irish hurler who was born in Oslo in 1998 and works as a teacher."}
    index, snippets, answering, silent = _answer(texts, {"a": 0.9, "b": 0.4, "c": 0.4})
    question = "Did Jon Dale join the Bergen Hill Wanderers club or the Oslo Harbour Rovers club?"
    shown, still_silent = surface_contested(index, question, "yesno", snippets, 3, CALIBRATION, answering, silent)
    assert [(o.outlet, o.contested) for o in shown] == [("A", False), ("B", True)]
    assert [s.outlet for s in still_silent] == ["C"]


def test_below_the_floor_or_without_an_answering_outlet_nothing_moves():
    texts = {"a": "The Spanish Empire had 47 prisoners in the Battle of Martín García.",
             "b": "In the Battle of Martín García the Spanish Empire had 50 prisoners."}
    index, snippets, answering, silent = _answer(texts, {"a": 0.9, "b": CONTEST_FLOOR / 2})
    assert surface_contested(index, "How many prisoners?", "number", snippets, 3, CALIBRATION, answering, silent) == (answering, silent)
    index, snippets, answering, silent = _answer(texts, {"a": 0.5, "b": 0.5})
    assert answering == [] and surface_contested(index, "How many prisoners?", "number", snippets, 3, CALIBRATION, answering, silent) == ([], silent)


def test_the_terminal_card_says_why_a_contested_outlet_is_shown():
    from rich.console import Console

    from qa.models import Answer, CorpusInfo
    from qa.render import CONTESTED_NOTE, render_answer

    index, snippets, answering, silent = _answer({
        "a": "The Spanish Empire had 47 prisoners and 17 wounded in the Battle of Martín García.",
        "b": "In the Battle of Martín García the Spanish Empire had 50 prisoners and 64 wounded.",
    }, {"a": 0.9, "b": 0.5})
    shown, silent = surface_contested(index, "How many prisoners?", "number", snippets, 3, CALIBRATION, answering, silent)
    answer = Answer(question="How many prisoners?", outlets=shown, silent=silent, latency_ms=1.0,
                    corpus=CorpusInfo(name="t", model="m", n_articles=2, n_passages=2, n_outlets=2))
    console = Console(record=True, width=200)
    render_answer(answer, console)
    text = console.export_text()
    assert text.count(CONTESTED_NOTE) == 1 and text.index("─ B ") < text.index(CONTESTED_NOTE)
