"""How far a written number stretches: the rounding its digits allow, hedges, and how it is shown."""

from qa.facts.numbers import compatible, find_quantities


def _q(text: str):
    (quantity,) = find_quantities(text)
    return quantity


def test_whole_counts_are_exact_and_neighbours_never_meet():
    assert not compatible(_q("47 prisoners"), _q("50 prisoners"))  # "50" unhedged is not "about 50"
    assert not compatible(_q("three monks"), _q("two monks"))
    assert compatible(_q("47 prisoners"), _q("47 prisoners"))


def test_large_round_numbers_allow_their_rounding():
    assert compatible(_q("150,000 soldiers"), _q("149,000 soldiers"))  # 150,000 is ±5,000
    assert compatible(_q("650,000 members"), _q("652,723 members"))
    assert not compatible(_q("81,000 m2"), _q("83,000 m2"))  # ±500 each


def test_hedges_widen_by_five_percent_not_more():
    assert compatible(_q("about 150,000 soldiers"), _q("149,000 soldiers"))
    assert compatible(_q("about 69 km"), _q("roughly 71 km"))
    assert not compatible(_q("about 69 km"), _q("roughly 80 km"))
    assert compatible(_q("about 43 miles"), _q("69 km"))  # 43 mi ≈ 69.2 km


def test_normalized_values_read_like_the_text():
    assert _q("47 prisoners").normalized == "47 prisoners"
    assert _q("about 43 miles").normalized == "≈69.2 km"
    assert _q("roughly 80 km").normalized == "≈80 km"
    assert _q("$1.2bn").normalized == "1,200,000,000 USD"
