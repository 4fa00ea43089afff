"""Cards and silent outlets off the question's story, counted against a hand calculation."""

from eval.gold import GoldItem
from eval.story_scope import off_story_card_rate, silent_list_recall, story_scope, story_summary
from qa.models import Answer, CorpusInfo, OutletAnswer, SilentOutlet

ITEM = GoldItem.model_validate({
    "id": "q", "question": "How many?", "answers": {"e1-a": {"evidence": ["x"]}, "e1-b": {"evidence": ["y"]}},
    "silent": ["e1-c"], "optional": ["e2-a"]})


def _answer(cards: list[str], silent: dict[str, list[str]]) -> Answer:
    return Answer(question="How many?",
                  outlets=[OutletAnswer(outlet=a.upper(), article_id=a, title=a, snippets=[], relevance=0.9)
                           for a in cards],
                  silent=[SilentOutlet(outlet=o, article_ids=ids) for o, ids in silent.items()],
                  corpus=CorpusInfo(name="t", model="m", n_articles=6, n_passages=6, n_outlets=6), latency_ms=1.0)


def test_cards_off_the_story_and_silent_outlets_of_other_stories_are_counted():
    scope = story_scope(ITEM, _answer(["e1-a", "e2-a", "e3-a"], {"C": ["e1-c"], "D": ["e4-a", "e4-b"]}))
    assert scope.cards == 3 and scope.off_story_cards == ["e3-a"]  # e2-a is optional: it states the fact too
    assert scope.off_story_silent == ["D"]
    assert scope.gold_silent == 1 and scope.silent_listed == ["e1-c"]


def test_the_rate_is_pooled_over_questions_and_undefined_without_cards():
    a = story_scope(ITEM, _answer(["e1-a", "e3-a"], {}))  # 1 of 2 off
    b = story_scope(ITEM, _answer(["e1-a", "e1-b", "e2-a", "e1-c"], {}))  # 0 of 4 off
    assert off_story_card_rate([a, b]) == 1 / 6  # pooled; the mean of the two rates would be 0.25
    assert off_story_card_rate([story_scope(ITEM, None)]) is None
    assert story_summary([a, b]) == {"off_story_card_rate": 1 / 6, "n_cards": 6, "n_off_story_silent": 0,
                                     "silent_list_recall": 0.0}


def test_silent_list_recall_pools_the_gold_silent_documents_listed():
    listed = story_scope(ITEM, _answer(["e1-a"], {"C": ["e1-c"]}))
    dropped = story_scope(ITEM, _answer(["e1-a"], {}))
    missing = story_scope(ITEM, None)  # a failed question still has its silent document to list
    assert silent_list_recall([listed, dropped, missing]) == 1 / 3
    no_silent = ITEM.model_copy(update={"silent": []})
    assert silent_list_recall([story_scope(no_silent, _answer(["e1-a"], {}))]) is None
