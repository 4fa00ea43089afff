"""Answer groups: outlets with compatible answers to the asked slot together, a flag sets groups apart, and the
consensus states the answer."""

import datetime as dt

from qa.compare import compare
from qa.compare.answers import answer_groups, answer_line
from tests.qa.compare.test_engine import _setup

DAY = dt.date(2031, 3, 6)
QUESTION = "When did the Orlen board approve the harbour tunnel?"


def _number_groups(question: str, texts: dict[str, str]):
    """The answer groups of a number question over ``texts``, with no flag set."""
    outlets, index = _setup({k: (t, DAY) for k, t in texts.items()})
    return answer_groups(question, "number", outlets, [], index)


def _grouped(texts: dict[str, str], flags: bool = True):
    outlets, index = _setup({k: (t, DAY) for k, t in texts.items()})
    found, _ = compare(QUESTION, "date", outlets, index) if flags else ([], None)
    return found, answer_groups(QUESTION, "date", outlets, found, index)


def test_agreeing_wordings_form_one_group_and_a_flag_sets_the_other_apart():
    found, groups = _grouped({
        "a": "The Orlen board approved the harbour tunnel on March 3, officials said.",
        "b": "The harbour tunnel was approved by the Orlen board on 3 March, officials said.",
        "c": "The Orlen board approved the harbour tunnel on March 5, officials said.",
    })
    assert any(d.kind == "date" and d.severity == "major" for d in found)
    assert [(g.value, g.outlets) for g in groups] == [("2031-03-03", ["A", "B"]), ("2031-03-05", ["C"])]
    assert [v.text for v in groups[0].values] == ["March 3", "3 March"]
    assert answer_line(groups) == "2 outlets say March 3 (A; B ‘3 March’); C says March 5"


def test_a_differing_value_that_no_flag_confirms_is_not_stated():
    _, groups = _grouped({
        "a": "The Orlen board approved the harbour tunnel on March 3, officials said.",
        "b": "The Orlen board approved the harbour tunnel on March 5, officials said.",
    }, flags=False)
    assert [(g.value, g.outlets) for g in groups] == [("2031-03-03", ["A"])]
    assert answer_line(groups) is None  # one stated answer is no consensus


def test_an_outlet_that_gives_no_value_for_the_slot_is_in_no_group():
    _, groups = _grouped({
        "a": "The Orlen board approved the harbour tunnel on March 3, officials said.",
        "b": "The Orlen board approved the harbour tunnel, officials said.",
        "c": "The Orlen board's approval of the harbour tunnel came on March 3.",
    })
    assert [g.outlets for g in groups] == [["A", "C"]]
    assert groups[0].article_ids == ["a", "c"]


def test_a_sentence_with_two_dates_is_grouped_by_the_date_the_others_give():
    """Which of an outlet's dates answers is the one the others can share: the most relevant outlet's first date
    ("last month") does not found a group the others then cannot join."""
    _, groups = _grouped({
        "a": "Last month the Orlen board said it would approve the harbour tunnel on March 3, officials said.",
        "b": "The Orlen board approved the harbour tunnel on 3 March, officials said.",
        "c": "The harbour tunnel was approved by the Orlen board on March 3.",
    }, flags=False)
    assert [(g.value, sorted(g.outlets)) for g in groups] == [("2031-03-03", ["A", "B", "C"])]
    assert {v.outlet: v.text for v in groups[0].values}["A"] == "March 3"


def test_a_sentence_without_the_asked_predicate_places_an_outlet_in_a_group_but_raises_no_flag():
    """"arrived" is not "came ashore": the sentence is a lenient reading. Its date may join the group of the outlet
    that says "came ashore" on the same day, but two lenient dates that differ are no slot flag (two sentences
    alike but for the day are still an aligned one)."""
    question = "On what day did Storm Vera come ashore in Norland?"
    outlets, index = _setup({
        "a": ("Storm Vera came ashore in Norland on Sunday with 150 mph winds.", DAY),
        "b": ("Storm Vera arrived in Norland on Sunday, flooding the delta.", DAY),
    })
    found, _ = compare(question, "date", outlets, index)
    groups = answer_groups(question, "date", outlets, found, index)
    assert [(g.value, sorted(g.outlets)) for g in groups] == [("2031-03-02", ["A", "B"])]
    outlets, index = _setup({
        "a": ("Storm Vera arrived in Norland on Sunday, flooding the delta.", DAY),
        "b": ("Storm Vera arrived in Norland on Monday, flooding the delta.", DAY),
    })
    found, _ = compare(question, "date", outlets, index)
    assert [d.detector for d in found if d.severity == "major"] == ["aligned date"]


def test_a_stance_is_stated_as_yes_or_no_with_each_outlets_words():
    question = "Did the Orlen board approve the harbour tunnel?"
    outlets, index = _setup({
        "a": ("The Orlen board failed to win enough votes to approve the harbour tunnel, officials said.", DAY),
        "b": ("The Orlen board did not approve the harbour tunnel, officials said.", DAY),
        "c": ("The Orlen board approved the harbour tunnel on Monday, officials said.", DAY),
    })
    found, _ = compare(question, "yesno", outlets, index)
    line = answer_line(answer_groups(question, "yesno", outlets, found, index))
    assert line.startswith("2 outlets say no (A ‘failed to win’; B ‘not approve’); C says yes (")


def test_counts_of_differently_named_things_group_only_when_their_figures_agree():
    question = "How many firefighters were hurt in the Orlen depot blaze?"
    groups = _number_groups(question, {
        "a": "Twelve firefighters were hurt in the Orlen depot blaze, officials said.",
        "b": "The Orlen depot blaze hurt 12 crew members, officials said.",
        "c": "The Orlen depot blaze was fought by four engines and hurt crews, officials said.",
    })
    assert [sorted(g.outlets) for g in groups] == [["A", "B"]]  # "four engines" is no answer of 12 hurt


def test_an_open_count_is_not_one_answer_with_a_larger_count_of_something_else():
    question = "How many firefighters were hurt in the Orlen depot blaze?"
    groups = _number_groups(question, {
        "a": "At least 4 firefighters were hurt in the Orlen depot blaze, officials said.",
        "b": "The Orlen depot blaze hurt 4 firefighters, officials said.",
        "c": "The Orlen depot blaze hurt 60 residents, officials said.",
    })
    assert [sorted(g.outlets) for g in groups] == [["A", "B"]]  # "at least 4" allows 60, but not of residents


def test_a_plural_number_word_joins_the_figure_it_allows():
    question = "How many pilgrims waited outside the Orvella shrine on Sunday?"
    groups = _number_groups(question, {
        "a": "About 12,000 pilgrims waited outside the Orvella shrine on Sunday, police said.",
        "b": "Thousands of pilgrims waited outside the Orvella shrine on Sunday, police said.",
    })
    assert [sorted(g.outlets) for g in groups] == [["A", "B"]]


def test_a_group_is_named_by_its_most_precise_figure():
    question = "How many pilgrims waited outside the Orvella shrine on Sunday?"
    groups = _number_groups(question, {
        "a": "Thousands of pilgrims waited outside the Orvella shrine on Sunday; police said 12,400 pilgrims waited there.",
        "b": "Thousands of pilgrims waited outside the Orvella shrine on Sunday, police said.",
    })
    assert [(g.value, sorted(g.outlets)) for g in groups] == [("12,400 pilgrims", ["A", "B"])]


def test_a_bound_and_a_denial_date_no_approval():
    def dated(text):
        outlets, index = _setup({"a": (text, DAY)})
        from qa.compare.slots import slot_values
        return [s.text for s in slot_values(QUESTION, "date", outlets[0], index)]
    assert dated("The Orlen board approved the harbour tunnel on March 3, officials said.") == ["March 3"]
    # A bound ("through", "by") is no date of the approval; nor is the day a denial was made.
    assert dated("The Orlen board's harbour tunnel approval keeps the works funded through March 9, officials said.") == []
    assert dated("On March 1 the Orlen board said it would not approve the harbour tunnel, officials said.") == []


def test_a_date_said_with_another_verb_places_but_never_flags():
    def dated(text):
        outlets, index = _setup({"a": (text, DAY)})
        from qa.compare.slots import slot_values
        return [(s.text, s.reading.confident) for s in slot_values(QUESTION, "date", outlets[0], index)]
    # The day a report was made, or another verb's date, is a weak value ("said Tuesday", "on Monday announced").
    assert dated("Officials said Tuesday the Orlen board approved the harbour tunnel.") == [("Tuesday", False)]
    assert dated("The county on Monday announced the Orlen board approved the harbour tunnel.") == [("on Monday", False)]
    assert dated("Last month the Orlen board voted on the harbour tunnel and approved it.") == [("Last month", True)]
    assert dated("Officials said it was approved by the Orlen board for the harbour tunnel on March 2.") == [
        ("March 2", True)]  # the asked verb is nearer the date than "said"
    assert dated("The Orlen board approved the harbour tunnel after midnight on Sunday.") == [("on Sunday", True)]
    assert dated("Residents held a protest on Sunday after the Orlen board approved the harbour tunnel.") == [
        ("on Sunday", False)]  # the protest's day
    found, groups = _grouped({
        "a": "The Orlen board approved the harbour tunnel on March 3.",
        "b": "Officials said on March 5 the Orlen board approved the harbour tunnel.",
        "c": "The Orlen board approved the harbour tunnel on March 3, which residents opposed.",
    })
    assert not [d for d in found if d.kind == "date"]  # March 5 is when officials spoke
    assert [sorted(g.outlets) for g in groups] == [["A", "C"]]


def test_the_days_of_two_reports_are_compared_only_with_each_other():
    found, _ = _grouped({
        "a": "The Orlen board approved the harbour tunnel on March 3.",
        "b": "Officials said on Wednesday the Orlen board approved the harbour tunnel.",
    })
    assert not [d for d in found if d.kind == "date"]  # Wednesday is when officials spoke
    question = "When did the Orlen board announce the harbour tunnel?"
    outlets, index = _setup({k: (t, DAY) for k, t in {
        "a": "The Orlen board announced the harbour tunnel on Monday.",
        "b": "The Orlen board announced the harbour tunnel on Tuesday.",
    }.items()})
    assert [d.kind for d in compare(question, "date", outlets, index)[0]] == ["date"]  # asked: the announcement


def test_an_outlet_a_flag_sets_apart_answers_with_the_value_the_flag_quotes():
    """Its article may also give the others' date, for another step ("the memo was released on March 3"); grouped by
    that date, it would share a group's answer and still differ from one of its outlets by a flag."""
    outlets, index = _setup({k: (t, DAY) for k, t in {
        "a": "The Orlen board approved the harbour tunnel on March 2, officials said. The Orlen board's harbour tunnel "
             "memo was released on March 3.",
        "b": "The Orlen board approved the harbour tunnel on March 3, officials said.",
        "c": "The Orlen board's harbour tunnel memo was released on March 3.",
    }.items()})
    found, _ = compare(QUESTION, "date", outlets, index)
    only_b = [d for d in found if set(d.outlets) == {"A", "B"}]  # as when C's date is a weak reading, raising none
    assert only_b and only_b[0].sides[0].value == "March 2"
    groups = answer_groups(QUESTION, "date", outlets, only_b, index)
    assert [(g.value, sorted(g.outlets)) for g in groups] == [("2031-03-03", ["B", "C"]), ("2031-03-02", ["A"])]
    assert answer_line(groups) == "2 outlets say March 3 (B; C); A says March 2"
