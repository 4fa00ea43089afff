"""The engine on hand-made outlets: real disagreements are flagged with spans; paraphrases and silence are not."""

import datetime as dt

import pytest

from index.chunk import chunk_article
from index.embed import HashingEncoder
from index.models import Article
from index.settings import Settings
from index.store import Index
from qa.compare import compare
from qa.models import OutletAnswer, Snippet


ONE_EVENT = Settings(story_threshold=-1.0)
"""Articles published within the story window report one event (one story), whatever their words."""


def _setup(texts: dict[str, tuple[str, dt.date]]):
    articles = [Article(id=k, outlet=k.upper(), title=k, published=pub, text=text) for k, (text, pub) in texts.items()]
    passages = [p for a in articles for p in chunk_article(a, 200)]
    index, _ = Index.build(articles, passages, HashingEncoder(64), settings=ONE_EVENT)
    outlets = []
    for a in articles:
        snippets = [Snippet(passage_id=p.id, article_id=a.id, text=p.text, start=p.start, end=p.end,
                            window_start=p.window_start, window_end=p.window_end, score=0.9, dense=0.5, bm25=1.0)
                    for p in passages if p.article_id == a.id and p.is_evidence]
        outlets.append(OutletAnswer(outlet=a.outlet, article_id=a.id, title=a.title, published=a.published,
                                    snippets=snippets[:3], relevance=0.9))
    return outlets, index


SEPT17 = dt.date(2024, 9, 17)
JAN3 = dt.date(2025, 1, 3)


def test_date_conflict_flagged_with_values_spans_and_explanation():
    outlets, index = _setup({
        "a": ("President Anna Berg told visiting Prime Minister Jon Dale on Sept. 16 that the border will stay open.", SEPT17),
        "b": ("President Anna Berg told visiting Prime Minister Jon Dale on September 18 that the border will stay open.", SEPT17),
    })
    found, consensus = compare("When did Berg tell Dale?", "date", outlets, index)
    dates = [d for d in found if d.kind == "date"]
    assert len(dates) == 1 and dates[0].severity == "major"
    a, b = dates[0].sides
    assert (a.normalized, b.normalized) == ("2024-09-16", "2024-09-18")
    text = index.articles[a.article_id].text
    assert [text[s:e] for s, e in a.spans] == ["Sept. 16"]
    assert "Sept. 16" in dates[0].explanation and "September 18" in dates[0].explanation
    assert "differ on the date" in consensus


def test_relative_and_absolute_dates_for_the_same_month_agree():
    outlets, index = _setup({
        "a": ("Mayor Lena Ortiz said the storm hit the coast last month, officials said.", JAN3),
        "b": ("Mayor Lena Ortiz said the storm hit the coast in December last year, officials said.", JAN3),
    })
    found, consensus = compare("When did the storm hit the coast?", "date", outlets, index)
    assert [d for d in found if d.severity == "major"] == []
    assert consensus.startswith("The 2 answering outlets")


def test_paraphrases_and_name_variants_raise_no_flags():
    outlets, index = _setup({
        "a": ("The Ana-Tili newspaper said Kazakhstan does not recognise the annexation of the region in Kiev's view.", JAN3),
        "b": ("The Ana Tili newspaper said Kazakhstan refused to recognize the annexation of the region in Kyiv's view.", JAN3),
    })
    found, _ = compare("Does Kazakhstan recognise the annexation?", "yesno", outlets, index)
    assert found == []


def test_number_conflict_and_unit_conversion():
    outlets, index = _setup({
        "a": ("The northern half of the lake is 55 kilometres long, the survey found.", JAN3),
        "b": ("The northern half of the lake is 34 miles long, the survey found.", JAN3),
        "c": ("The northern half of the lake is 80 km long, the survey found.", JAN3),
    })
    found, _ = compare("How long is the northern half of the lake?", "number", outlets, index)
    flagged = {frozenset(d.outlets) for d in found if d.kind == "number"}
    assert frozenset({"A", "B"}) not in flagged  # 34 miles ≈ 55 km
    assert frozenset({"A", "C"}) in flagged and frozenset({"B", "C"}) in flagged


def test_quote_variant_is_minor_with_word_diff():
    outlets, index = _setup({
        "a": ("“Ukraine hopes to survive the war with the help of its allies,” President Anna Berg said.", JAN3),
        "b": ("“Ukraine hopes, with the help of allies, to withstand the war,” President Anna Berg said.", JAN3),
    })
    found, _ = compare("What did Berg say?", "quote", outlets, index)
    quotes = [d for d in found if d.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].severity == "minor"
    assert any("withstand" in op.b for op in quotes[0].diff if op.op != "equal")


def test_a_reworded_quote_is_no_flag_on_a_question_a_quote_does_not_answer():
    outlets, index = _setup({
        "a": ("“Ukraine hopes to survive the war with the help of its allies,” President Anna Berg said on Monday.", JAN3),
        "b": ("“Ukraine hopes, with the help of allies, to withstand the war,” President Anna Berg said on Monday.", JAN3),
    })
    for question, kind in (("When did Berg speak about Ukraine?", "date"), ("Who spoke about Ukraine?", "person")):
        assert not [d for d in compare(question, kind, outlets, index)[0] if d.kind == "quote"]
    assert [d.kind for d in compare("Does Berg think Ukraine will survive the war?", "yesno", outlets, index)[0]] == [
        "quote"]


def test_one_outlet_or_none_gives_nothing():
    outlets, index = _setup({"a": ("Berg spoke on Sept. 16 in the capital.", SEPT17)})
    assert compare("When did Berg speak?", "date", outlets, index) == ([], None)
    assert compare("When did Berg speak?", "date", [], index) == ([], None)


def test_a_lone_answering_outlet_that_contradicts_itself_is_flagged():
    outlets, index = _setup({
        "a": ("The river flows through a valley that contains four small towns: Alton, Brisk, Carden.", JAN3),
    })
    found, consensus = compare("Does the valley of the river contain four towns?", "yesno", outlets, index)
    assert [(d.kind, d.internal, d.outlets) for d in found] == [("number", True, ("A", "A"))]
    assert consensus == "Only A answers; inside the text: A contradicts itself on the number."
    outlets, index = _setup({"a": ("The river flows through a valley that contains three towns: Alton, Brisk, Carden.", JAN3)})
    assert compare("Does the valley of the river contain three towns?", "yesno", outlets, index) == ([], None)


def test_the_same_speakers_quotes_weeks_apart_are_two_speeches_not_one_quote_reworded():
    quote_a = "“Ukraine hopes to survive the war with the help of its allies,” President Anna Berg said."
    quote_b = "“Ukraine hopes to win the war with the help of its allies,” President Anna Berg said."
    outlets, index = _setup({"a": (quote_a, JAN3), "b": (quote_b, JAN3 + dt.timedelta(days=21))})
    found, _ = compare("What did Berg say about the war?", "quote", outlets, index)
    assert [d for d in found if d.kind == "quote"] == []
    outlets, index = _setup({"a": (quote_a, JAN3), "b": (quote_b, JAN3 + dt.timedelta(days=1))})
    found, _ = compare("What did Berg say about the war?", "quote", outlets, index)
    assert [d.kind for d in found if d.kind == "quote"] == ["quote"]


def test_a_date_the_shown_sentences_differ_on_is_no_flag_when_the_question_asks_something_else():
    outlets, index = _setup({
        "a": ("President Anna Berg told visiting Prime Minister Jon Dale on Sept. 16 that she backs the canal plan.", SEPT17),
        "b": ("President Anna Berg told visiting Prime Minister Jon Dale on September 18 that she backs the canal plan.", SEPT17),
    })
    found, _ = compare("Which plan did Berg back during Dale's visit?", "other", outlets, index)
    assert [d for d in found if d.kind == "date"] == []
    found, _ = compare("What message did Berg give Dale?", "quote", outlets, index)
    assert [d.kind for d in found if d.severity == "major"] == ["date"]



@pytest.mark.parametrize(("speaker", "kinds"), [
    ("the Norwegian minister said", []),  # a person described by role may be the person the other names
    ("Amundsen said on Monday", ["entity"]),  # another name in the same sentence is a name conflict
])
def test_a_name_against_a_role_or_another_name(speaker, kinds):
    quote = "“The harbour will reopen in spring, and the fleet will return,”"
    outlets, index = _setup({"a": (f"{quote} Halvorsen said on Monday.", JAN3), "b": (f"{quote} {speaker}.", JAN3)})
    found, _ = compare("What was said about the harbour?", "quote", outlets, index)
    assert [d.kind for d in found if d.kind == "entity"] == kinds
