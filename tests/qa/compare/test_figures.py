"""Figures two outlets do not really disagree on: forecasts, a figure both give, other measures beside an agreed one."""

import datetime as dt

from qa.compare import compare
from qa.compare.figures import attached, reported
from qa.facts.dates import find_dates
from qa.facts.focus import counted_stems, focus
from qa.facts.numbers import find_quantities
from qa.compare.slots import clashes, slot_values
from qa.questions import answer_type
from tests.qa.compare.test_engine import _setup

MAY7 = dt.date(2027, 5, 7)


def _numbers(texts, question="How many jobs did Norland's employers add last month?"):
    outlets, index = _setup({k: (t, MAY7) for k, t in texts.items()})
    found, _ = compare(question, "number", outlets, index)
    return [d for d in found if d.kind == "number" and d.severity == "major"]


def test_forecasts_are_told_from_reported_figures():
    def kept(text):
        return [q.text for q in reported(text, find_quantities(text))]
    assert kept("Analysts were expecting 870,000 jobs and the jobless rate to fall to 5.7% from 5.9%.") == []
    assert kept("Employers added 235,000 jobs, far fewer than the roughly 700,000 expected by forecasters.") == ["235,000 jobs"]
    assert kept("Employers added just 194,000 jobs versus expectations of 500,000 jobs.") == ["194,000 jobs"]
    assert kept("The flood killed 1,200 people, officials said.") == ["1,200 people"]


def test_a_forecast_is_not_contrasted_with_the_reported_figure():
    assert _numbers({
        "a": "Norland's employers added just 266,000 jobs last month, the statistics office said on Friday.",
        "b": "Economists had predicted Norland's employers would add 1 million jobs last month, the statistics office said on Friday.",
    }) == []


def test_a_figure_both_give_is_agreed_whatever_noun_follows():
    assert _numbers({
        "a": "Organisers in Norland collected 1,626,042 signatures for the recall, more than the roughly 1.5 million needed.",
        "b": "Organisers in Norland collected 1,626,042 valid signatures for the recall, above the 1,495,709 signatures needed.",
    }, "How many signatures did organisers in Norland collect for the recall?") == []


def test_beside_an_agreed_value_other_values_of_its_kind_are_other_measures():
    question = "How much did consumer prices in Norland rise in June?"
    assert _numbers({
        "a": "Consumer prices in Norland rose 0.9% in June and 5.4% over the past year, the statistics office said.",
        "b": "Consumer prices in Norland rose 0.9% in June after rising 0.6% in May, the statistics office said.",
    }, question) == []
    assert len(_numbers({
        "a": "Consumer prices in Norland rose 0.9% in June, the statistics office said on Tuesday.",
        "b": "Consumer prices in Norland rose 1.4% in June, the statistics office said on Tuesday.",
    }, question)) == 1


def _dates(texts, question):
    outlets, index = _setup({k: (t, MAY7) for k, t in texts.items()})
    found, _ = compare(question, "number", outlets, index)
    return [d for d in found if d.kind == "date" and d.severity == "major"]


def test_a_month_that_dates_another_figure_is_no_date_conflict():
    question = "What was the jobless rate in Norland?"
    assert _dates({
        "a": "The jobless rate in Norland fell sharply to 4.8% from 5.2% in August, the statistics office said.",
        "b": "Employers in Norland added 194,000 workers in September as the jobless rate fell to 4.8%, the statistics office said.",
    }, question) == []
    assert len(_dates({
        "a": "The jobless rate in Norland fell sharply to 4.8% in August, the statistics office said.",
        "b": "The jobless rate in Norland fell sharply to 4.8% in September, the statistics office said.",
    }, question)) == 1


def test_an_answer_slot_leaves_out_a_figure_dated_outside_the_asked_period():
    assert _numbers({
        "a": "Consumer prices in Norland rose 0.9% in June and 5.4% over the past year, the office said.",
        "b": "Consumer prices in Norland rose 0.9% in June, after rising 0.6% in May, the office said.",
    }, "How much did consumer prices in Norland rise in June?") == []


def test_whole_numbers_with_fractions():
    def values(text):
        return [(q.text, round(q.lo / 365.25, 2)) for q in find_quantities(text)]
    assert values("was sentenced to 22 1/2 years in prison") == [("22 1/2 years", 22.5)]
    assert values("was sentenced to 22 and a half years in prison") == [("22 and a half years", 22.5)]
    assert values("a 22½ year term") == [("22½ year", 22.5)]
    assert find_quantities("won 1/2 of the vote") == []


def test_the_same_sentence_in_fractions_raises_nothing():
    outlets, index = _setup({
        "a": ("Judge Mira Holt sentenced Tom Reyes on Friday to 22 and a half years in prison for the robbery.", MAY7),
        "b": ("Judge Mira Holt sentenced Tom Reyes to 22 1/2 years in prison on Friday for the robbery last May.", MAY7),
    })
    found, _ = compare("How long was Tom Reyes sentenced to prison?", "number", outlets, index)
    assert [d for d in found if d.severity == "major"] == []


def test_a_date_both_give_reconciles_even_when_it_dates_different_figures():
    found = _dates({
        "a": "Judge Mira Holt sentenced Tom Reyes on Friday to 12 years in prison for the robbery.",
        "b": "Judge Mira Holt sentenced Tom Reyes to 10 years in prison on Friday for the robbery last May.",
    }, "How long was Tom Reyes sentenced to prison?")
    assert found == []


def test_an_answer_slot_agreeing_on_one_value_is_not_split_by_side_figures():
    assert _numbers({
        "a": "Norland's jobless rate fell to 5.8% from 6.1%, still higher than the 3.8% rate seen before the flood.",
        "b": "Norland's jobless rate fell to 5.8% from 6.1%, which was better than the guess of 6.6%.",
    }, "What was the jobless rate in Norland?") == []


def test_a_date_of_another_event_in_a_shared_story_is_no_date_conflict():
    found = _dates({
        "a": "Tom Reyes flew to space in his company Skyward's first crewed flight on Tuesday, the company said.",
        "b": "The flight was a milestone for the space company that Tom Reyes started 20 years ago, the company said.",
    }, "How high did Tom Reyes fly on the Skyward flight?")
    assert found == []


def test_a_number_question_is_not_answered_by_the_day_of_the_event():
    """Only the asked fact is compared: a different day is a flag for "When …?", not for "How high …?" (the day
    dates no figure)."""
    texts = {
        "a": "Tom Reyes flew to space in his company Skyward's first crewed flight on Tuesday, the company said.",
        "b": "Tom Reyes flew to space in his company Skyward's first crewed flight on Monday, the company said.",
    }
    assert _dates(texts, "How high did Tom Reyes fly on the Skyward flight?") == []
    outlets, index = _setup({k: (t, MAY7) for k, t in texts.items()})
    found, _ = compare("When did Tom Reyes fly on the Skyward flight?", "date", outlets, index)
    assert [d.kind for d in found if d.severity == "major"] == ["date"]


def test_an_answer_slot_leaves_out_a_sentence_about_another_period():
    assert _numbers({
        "a": "For next year, the Norland fund has kept its growth projection at 4.9%, it said.",
        "b": "The Norland fund said the economy will grow by 5.9% this year, down from its July estimate.",
    }, "How much will the Norland fund say the economy grows in 2027?") == []


def test_a_since_date_is_no_period_of_the_sentence():
    assert _numbers({
        "a": "Norland's consumer price index rose 4.2% from a year earlier, the statistics office said.",
        "b": "Norland's consumer price index climbed 4.2 percent from a year earlier, the fastest pace since 2008. "
             "From March to April, consumer prices in Norland rose 0.8 percent.",
    }, "How much did consumer prices in Norland rise in April from a year earlier?") == []



def test_an_answer_slot_leaves_out_a_figure_dated_to_another_month_in_a_sentence_about_the_asked_one():
    question = "How much did consumer prices in Norland rise in June?"
    outlets, index = _setup({
        "a": ("Consumer prices in Norland rose 0.6% in May and rose again in June, the office said.", MAY7),
        "b": ("Consumer prices in Norland rose 0.6% in June and rose again in July, the office said.", MAY7),
    })
    assert slot_values(question, "number", outlets[0], index) == []  # 0.6% is May's, though June is named
    assert [s.text for s in slot_values(question, "number", outlets[1], index)] == ["0.6%"]


def test_a_date_belongs_to_the_figure_next_to_it():
    text = "The jobless rate fell to 4.8% from 5.2% in August, the office said."
    found = find_dates(text, MAY7)
    rate_now, rate_before = find_quantities(text, [(d.start, d.end) for d in found])
    assert attached(text, rate_before, found).text == "in August"
    assert attached(text, rate_now, found) is None  # three words away, past another figure


def test_a_question_that_states_its_number_is_not_settled_by_a_side_figure_both_give():
    outlets, index = _setup({
        "a": ("The Norland ferry had a top speed of 65 km/h before its refit and now reaches a top speed of 70 km/h.", MAY7),
        "b": ("The Norland ferry had a top speed of 65 km/h before its refit and now reaches a top speed of 80 km/h.", MAY7),
    })
    pairs = lambda q: [(c.sides[0].value, c.sides[1].value) for c in clashes(q, answer_type(q), outlets, index)]
    assert pairs("What is the top speed of the Norland ferry?") == []  # agreed on 65 km/h: the rest are side figures
    assert pairs("Is the top speed of the Norland ferry 80 km/h?") == [("70 km/h", "80 km/h")]


def test_a_count_of_what_the_question_does_not_count_raises_no_flag():
    question = "How many Danish firefighters were hurt in the Aarup depot blaze?"
    outlets, index = _setup({
        "a": ("The Aarup depot blaze hurt 4 Danish firefighters and 15 residents, officials said.", MAY7),
        "b": ("The Aarup depot blaze hurt 4 Danish firefighters along with nearly 30 residents, officials said.", MAY7),
    })
    assert clashes(question, answer_type(question), outlets, index) == []  # the residents are not asked about
    outlets, index = _setup({
        "a": ("The Aarup depot blaze hurt 4 firefighters, officials said.", MAY7),
        "b": ("The Aarup depot blaze hurt 9 firefighters, officials said.", MAY7),
    })
    assert [c.kind for c in clashes(question, answer_type(question), outlets, index)] == ["number"]


def test_counted_people_leave_what_is_counted_to_the_rest_of_the_question():
    assert counted_stems(focus("How many more U.S. firefighters were hurt?")) == {"firefig"}
    assert counted_stems(focus("How many people were survivors of the crossing?")) is None
    assert counted_stems(focus("When did the blaze start?")) is None


def test_a_share_question_asks_for_the_percentage_not_the_count():
    question = "What share of the flu cases at the Varne festival were in children?"
    outlets, index = _setup({"a": ("Of the 420 flu cases linked to the Varne festival, about 61% were in children, "
                                   "health officials said.", MAY7)})
    assert [s.text for s in slot_values(question, "number", outlets[0], index)] == ["about 61%"]


def test_a_decade_total_a_part_and_a_named_plan_are_not_the_budget():
    question = "How much would Norland's budget spend in 2028?"
    texts = {
        "a": "Norland's budget would spend €6 billion in 2028, the finance ministry said on Friday.",
        "b": "Norland's budget proposes €5 billion in new spending over the next decade, the finance ministry said on Friday.",
        "c": "Norland's budget sets aside €300 million of the €6 billion total for rail in 2028, the finance ministry said on Friday.",
        "d": "Norland's budget ties together the €2 billion Harbour Renewal Plan and other spending in 2028, the finance ministry said on Friday.",
    }
    for other in "bcd":
        assert _numbers({k: texts[k] for k in ("a", other)}, question) == [], other
    assert _numbers({"a": texts["a"], "e": texts["a"].replace("€6 billion", "€9 billion")}, question)


def test_one_item_of_a_list_of_figures_sets_no_outlet_apart():
    question = "How much would Norland's budget spend in 2028?"
    assert _numbers({
        "a": "Norland's budget would spend €6 billion in 2028, the finance ministry said on Friday.",
        "b": "Norland's budget would spend €2 billion on rail, €1.5 billion on schools and €1 billion on roads in 2028, the ministry said.",
    }, question) == []
