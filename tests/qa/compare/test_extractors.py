"""Extractors on tricky cases: relative dates across a year boundary, units, name variants, split quotes, negation."""

import datetime as dt

import pytest

from qa.compare.dates import compatible as dates_compatible
from qa.compare.dates import find_dates
from qa.compare.entities import find_entities, resolve, roles, same_entity
from qa.compare.numbers import compatible as numbers_compatible
from qa.compare.numbers import find_quantities
from qa.compare.quotes import find_quotes, is_same_wording, similarity, word_diff

JAN3 = dt.date(2025, 1, 3)  # a Friday


def one_date(text, base=None):
    found = find_dates(text, base)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,base,expected,granularity", [
    ("a call last month, he said", JAN3, "2024-12", "month"),
    ("talks in December last year", JAN3, "2024-12", "month"),
    ("talks last December", JAN3, "2024-12", "month"),
    ("at a forum in October", JAN3, "2024-10", "month"),
    ("published on Friday by", JAN3, "2025-01-03", "day"),
    ("said on Monday that", JAN3, "2024-12-30", "day"),
    ("a visit on Sept. 16 that", dt.date(2024, 9, 17), "2024-09-16", "day"),
    ("on Dec. 30 he", JAN3, "2024-12-30", "day"),
    ("on September 17, 2024 he", None, "2024-09-17", "day"),
    ("died on the 15 January 1971.", None, "1971-01-15", "day"),
    ("in the 1890s", None, "1890s", "decade"),
    ("three years ago", JAN3, "2022", "year"),
    ("yesterday", JAN3, "2025-01-02", "day"),
])
def test_dates_resolve(text, base, expected, granularity):
    d = one_date(text, base)
    assert (d.normalized, d.granularity) == (expected, granularity)


def test_relative_and_absolute_month_agree_across_year_boundary():
    assert dates_compatible(one_date("last month", JAN3), one_date("in December last year", JAN3))


def test_granularity_month_contains_day_but_different_days_conflict():
    assert dates_compatible(one_date("December 2024"), one_date("Dec. 12, 2024"))
    base = dt.date(2024, 9, 17)
    assert not dates_compatible(one_date("on Sept. 16", base), one_date("on September 17", base))


def test_unresolvable_relative_dates_are_skipped_without_a_publication_date():
    assert find_dates("a call last month", None) == []
    assert find_dates("earlier this week", JAN3)[0].granularity == "week"


def test_counts_and_labels_are_not_years():
    assert find_dates("1500 soldiers marched") == []
    assert find_dates("Oler took the stand in 1911 when")[0].normalized == "1911"


def test_numbers_units_scale_words_and_conversions():
    q = {x.text: x for x in find_quantities("a $1.2bn deal, 434,000 soldiers and two and a half years")}
    assert q["$1.2bn"].lo == pytest.approx(1.2e9) and q["$1.2bn"].dimension == "usd"
    assert q["434,000 soldiers"].dimension == "count:soldier"
    assert q["two and a half years"].lo == pytest.approx(2.5 * 365.25)
    km, mi = find_quantities("1,333 km (828 mi)")
    assert numbers_compatible(km, mi)
    kg, lb = find_quantities("1.5 kg (3.3 lb)")
    assert numbers_compatible(kg, lb)


def test_numbers_hedges_ranges_and_conflicts():
    more, = find_quantities("more than 40,000 houses")
    exact, = find_quantities("45,000 houses")
    assert numbers_compatible(more, exact)
    a, = find_quantities("between 1.5 and 3.8%")
    b, = find_quantities("reaching 0.2-0.3%")
    assert (a.lo, a.hi) == (1.5, 3.8) and not numbers_compatible(a, b)
    about, = find_quantities("about 150,000 killed")
    near, = find_quantities("149,000 killed")
    assert numbers_compatible(about, near)
    assert find_quantities("the Class 153 railcars") == [] and find_quantities("on the 1st of May") == []


def test_name_variants():
    assert same_entity("Ana-Tili", "Ana Tili")
    assert same_entity("Kiev", "Kyiv")
    assert same_entity("Scholz", "Olaf Scholz")
    assert same_entity("Zürich", "Zurich")
    assert not same_entity("Paul Seadlund", "Peter Seadlund")
    assert not same_entity("Herschel HaLevi", "Herschel Levi")


def test_role_resolves_the_description_to_the_name():
    text = "Kazakh President Kassym-Jomart Tokayev met German Chancellor Olaf Scholz."
    assert resolve("the German chancellor", roles(text)) == "Olaf Scholz"
    assert [e.text for e in find_entities("The talks ended. Mr Scholz left Astana.")][-1] == "Astana"


def test_quote_split_across_sentences_and_interrupted_is_one_quote_with_speaker():
    text = ('Chancellor Olaf Scholz arrived. “We agree. Trade will grow,” he said. “Sanctions stay.” '
            'Then Ana Smith spoke.')
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text == "We agree. Trade will grow Sanctions stay"
    assert quotes[0].speaker == "Olaf Scholz" and len(quotes[0].spans) == 2


def test_quote_variants_translation_versus_truncation():
    a = "Russia is militarily invincible, and Ukraine hopes to survive the war with the help of its Western allies"
    b = "Russia is militarily invincible, and Ukraine hopes, with the help of Western allies, to withstand the war"
    assert similarity(a, b) >= 0.5 and not is_same_wording(a, b)
    assert is_same_wording("Russia cannot be defeated in the military sense",
                           "It is a fact that Russia cannot be defeated in the military sense")
    ops = word_diff(a, b)
    assert any(op.op != "equal" and "withstand" in op.b for op in ops)


