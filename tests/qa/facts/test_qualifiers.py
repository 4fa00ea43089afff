"""What a figure measures besides its unit: the span it adds up over, being a part of a figure after it, the
named thing it sizes; and which figures of a text are list items."""

from qa.facts.annotate import annotate
from qa.facts.numbers import comparable as numbers_comparable
from qa.facts.numbers import compatible as numbers_compatible
from qa.facts.qualifiers import unlisted


def test_a_figure_keeps_the_span_it_adds_up_over_and_whether_it_is_a_part():
    def read(text):
        return [(q.text, q.span_years, q.part) for q in annotate(text).quantities]
    assert read("The council will spend €4 billion on new tram lines over the next decade.")[0][1:] == (10.0, False)
    assert read("Tuition at Varne College costs $31,000 a year.")[0][1:] == (1.0, False)
    assert read("The plan spends $900 million over six years.")[0][1:] == (6.0, False)
    assert read("It sets aside $80 million of the $900 million total for buses.")[0][1:] == (None, True)
    assert read("The council approved a €4 billion budget on Friday.")[0][1:] == (None, False)
    decade, = annotate("€4 billion in new spending over the next decade").quantities
    year, = annotate("a €5 billion budget").quantities
    assert numbers_compatible(decade, year)  # a decade's total and a year's budget are different measures



def test_a_sized_name_and_a_list_item():
    plan, = annotate("Norland's budget ties together the €2 billion Harbour Renewal Plan and more.").quantities
    budget, = annotate("Norland's budget is €2 billion this year.").quantities
    assert plan.sizes == "harbour renewal plan" and numbers_compatible(plan, budget)
    listed = list(annotate("It spends €2 billion on rail, €1.5 billion on schools and €1 billion on roads.").quantities)
    assert unlisted(listed, listed) == []
    converted = list(annotate("Its top speed is 130 km/h (81 mph) and its average 65 km/h.").quantities)
    assert unlisted(converted, converted) == converted  # a conversion is the same figure, so two figures, no list


def test_a_rate_per_a_count_is_no_count_of_its_own():
    rate = annotate("The clinic recorded 42.5 visits per 1,000 residents in March.").quantities[0]
    total, = annotate("The clinic recorded 61,200 visits in March.").quantities
    assert rate.text == "42.5 visits" and rate.sizes == "per 1,000 residents"
    assert not numbers_comparable(rate, total)  # 42.5 of every 1,000 residents against 61,200 in all: no clash
