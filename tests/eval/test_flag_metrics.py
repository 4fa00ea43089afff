"""Flag metrics against hand calculations on tiny invented gold and predictions."""

from __future__ import annotations

import pytest

from eval.flag_metrics import (
    DetectorCounts,
    FlagCounts,
    detector_counts,
    flag_precision,
    flag_verdict,
    labelled_pairs,
    major_flag_counts,
    original_id,
    pair_outcomes,
    pair_relation,
    pairwise_agreement_accuracy,
    paraphrase_consistency,
    signature,
)
from eval.gold import GoldItem
from eval.metrics import Flag, Prediction

# a, b, c answer; o is optional; s is silent; x belongs to no story of the gold.
GOLD = GoldItem.model_validate({
    "id": "g", "question": "When did the ferry sink?",
    "answers": {d: {"evidence": ["e"]} for d in ("a", "b", "c", "o")},
    "optional": ["o"], "silent": ["s"],
    "conflicts": [{"kind": "date", "outlets": ["a", "b"]}, {"kind": "quote", "outlets": ["a", "c"]}],
    "not_conflicts": [{"outlets": ["b", "c"]}],
})
OTHER = GoldItem.model_validate({
    "id": "h", "question": "Who owned the ferry?", "answers": {"a": {"evidence": ["e"]}, "b": {"evidence": ["e"]}},
    "conflicts": [{"kind": "any", "outlets": ["b", "a"]}],
})


def flag(kind: str, *docs: str, severity: str = "major", internal: bool = False, detector: str | None = None) -> Flag:
    return Flag(kind=kind, documents=frozenset(docs), severity=severity, internal=internal, detector=detector)


FLAGS = [
    flag("date", "a", "b"),                    # true: the gold conflict, same kind
    flag("number", "a", "b"),                  # true: a conflict pair, another kind
    flag("entity", "b", "c"),                  # false: a not_conflicts pair
    flag("quote", "b", "c", severity="minor"), # unlabelled: a quote variant may join an agreeing pair
    flag("claim", "a", "s"),                   # false: a silent document
    flag("date", "a", "x"),                    # false: off the story
    flag("number", "a", internal=True),        # unlabelled: one document
    flag("entity", "a", "o"),                  # unlabelled: a pair the gold does not label
    flag("quote", "a", "c", severity="minor"), # true: the quote conflict
]
SHOWN = {"a": [(0, 1)], "b": [(0, 1)], "c": [(0, 1)]}


def test_each_flag_gets_the_verdict_of_the_first_rule_that_applies():
    assert [flag_verdict(GOLD, f) for f in FLAGS] == [
        "true", "true", "false", "unlabelled", "false", "false", "unlabelled", "unlabelled", "true"]


def test_precision_counts_major_flags_and_pools_them_over_questions():
    first = major_flag_counts(GOLD, Prediction(snippets=SHOWN, flags=FLAGS))
    # majors: date ab, number ab (true); entity bc, claim as, date ax (false); number a, entity ao (unlabelled)
    assert first == FlagCounts(true=2, false=3, unlabelled=2)
    assert flag_precision([first]) == pytest.approx(2 / 5)
    second = major_flag_counts(OTHER, Prediction(flags=[flag("entity", "a", "b")]))
    assert second == FlagCounts(true=1)
    assert flag_precision([first, second]) == pytest.approx(3 / 6)  # micro: (2 + 1) / (5 + 1), not (0.4 + 1) / 2


def test_precision_is_not_available_without_a_judged_flag_and_a_missing_answer_raises_none():
    assert major_flag_counts(GOLD, None) == FlagCounts()
    assert flag_precision([FlagCounts(unlabelled=4)]) is None
    assert flag_precision([]) is None


def test_labelled_pairs_are_the_answering_pairs_once_a_conflict_winning_over_a_not_conflict():
    item = GOLD.model_copy(update={"not_conflicts": [*GOLD.not_conflicts, *GoldItem.model_validate({
        "id": "t", "question": "?", "not_conflicts": [{"outlets": ["b", "a"]}, {"outlets": ["a", "o"]},
                                                       {"outlets": ["a", "a"]}]}).not_conflicts]})
    assert labelled_pairs(item) == [(("a", "b"), "conflict", False), (("a", "c"), "conflict", True),
                                    (("b", "c"), "not_conflict", False)]


def test_pairwise_agreement_by_flags():
    outcomes = pair_outcomes(GOLD, Prediction(snippets=SHOWN, flags=FLAGS))
    # ab flagged major: apart, right; ac joined by a quote flag (counts for a quote conflict): apart, right;
    # bc flagged major although they agree: apart, wrong.
    assert [(o.outlets, o.relation, o.correct) for o in outcomes] == [
        (("a", "b"), "different", True), (("a", "c"), "different", True), (("b", "c"), "different", False)]
    assert pairwise_agreement_accuracy(outcomes) == pytest.approx(2 / 3)
    quiet = pair_outcomes(GOLD, Prediction(snippets=SHOWN, flags=[flag("quote", "b", "c", severity="minor")]))
    # no major flag: everyone in one group; a minor flag does not split an agreeing pair
    assert [o.correct for o in quiet] == [False, False, True]


def test_a_document_not_shown_makes_its_pairs_wrong_and_a_missing_answer_scores_zero():
    shown = {"a": [(0, 1)], "b": [(0, 1)]}
    outcomes = pair_outcomes(GOLD, Prediction(snippets=shown, flags=FLAGS))
    assert [(o.relation, o.correct) for o in outcomes] == [("different", True), ("missing", False), ("missing", False)]
    assert pairwise_agreement_accuracy(pair_outcomes(GOLD, None)) == 0.0
    assert pairwise_agreement_accuracy([]) is None


def test_explicit_groups_decide_when_the_answer_has_them():
    grouped = Prediction(snippets=SHOWN, groups=[frozenset({"a", "c"}), frozenset({"b"})])
    assert pair_relation(grouped, "a", "c") == "same"
    assert pair_relation(grouped, "b", "c") == "different"
    # a → c is a quote conflict: the same group is wrong, unless a quote flag joins them
    assert [o.correct for o in pair_outcomes(GOLD, grouped)] == [True, False, False]
    with_quote = grouped.model_copy(update={"flags": [flag("quote", "c", "a", severity="minor")]})
    assert [o.correct for o in pair_outcomes(GOLD, with_quote)] == [True, True, False]


def test_detector_counts_per_kind_and_internal():
    counts = detector_counts(GOLD, Prediction(snippets=SHOWN, flags=FLAGS))
    assert counts["date"] == DetectorCounts(flags=FlagCounts(true=1, false=1), found=1, conflicts=1)
    assert counts["number"] == DetectorCounts(flags=FlagCounts(true=1), found=0, conflicts=0)
    assert counts["entity"] == DetectorCounts(flags=FlagCounts(false=1, unlabelled=1))
    assert counts["claim"] == DetectorCounts(flags=FlagCounts(false=1))
    assert counts["quote"] == DetectorCounts(flags=FlagCounts(true=1, unlabelled=1), found=1, conflicts=1)
    assert counts["number (internal)"] == DetectorCounts(flags=FlagCounts(unlabelled=1))
    assert counts["date (internal)"] == DetectorCounts(found=0, conflicts=1)  # raised nothing, missed the date
    assert len(counts) == 10


def test_an_any_conflict_counts_for_every_detector_and_a_named_detector_keeps_its_name():
    counts = detector_counts(OTHER, Prediction(flags=[flag("entity", "a", "b"), flag("date", "b", "a", detector="slot:date")]))
    assert counts["entity"] == DetectorCounts(flags=FlagCounts(true=1), found=1, conflicts=1)
    assert counts["date"] == DetectorCounts(flags=FlagCounts(true=1), found=1, conflicts=1)  # the kind pools it
    assert counts["slot:date"] == DetectorCounts(flags=FlagCounts(true=1), found=1, conflicts=1)
    assert detector_counts(OTHER, None)["claim"] == DetectorCounts(conflicts=1)


def test_paraphrase_consistency_compares_outlets_and_unordered_flag_pairs():
    original = signature(["A", "B"], [("date", ["A", "B"])])
    assert signature(["B", "A"], [("date", ["B", "A"])]) == original
    other_kind = signature(["A", "B"], [("number", ["A", "B"])])
    fewer = signature(["A"], [])
    assert paraphrase_consistency([(original, original), (original, other_kind), (original, fewer),
                                   (None, original), (original, None)]) == pytest.approx(1 / 5)
    assert paraphrase_consistency([]) is None


@pytest.mark.parametrize(("qid", "expected"), [("ferry-when~p2", "ferry-when"), ("a~b~p10", "a~b"),
                                               ("ferry-when", None), ("x~pb", None), ("~p1", None)])
def test_original_id(qid, expected):
    assert original_id(qid) == expected
