"""Metric functions against hand-computed values: empty answers, missing outlets, missing predictions, ties."""

from __future__ import annotations

import math

import pytest

from eval.gold import GoldItem
from eval.metrics import (
    Flag,
    Prediction,
    conflict_recall,
    evidence_recall_at_k,
    false_flag_rate,
    false_flags,
    mean_defined,
    ndcg_at_k,
    outlet_coverage,
    percentile,
    quote_recall,
    recall_at_k,
    silence_accuracy,
)

# Offsets:            0         1         2         3         4
#                     0123456789012345678901234567890123456789012345
TEXTS = {
    "a": "Intro line. He arrived on Sept. 16 in Astana. Bye.",
    "b": "He came on September 17. Then he left for Berlin.",
    "c": "Nothing relevant here. The date was Sept. 16.",
    "s1": "Weather report only.",
    "s2": "Sports results only.",
    "o": "Maybe relevant, maybe not.",
}
A_EVIDENCE = "arrived on Sept. 16"  # TEXTS["a"][15:34]
A_SENTENCE = (12, 45)  # "He arrived on Sept. 16 in Astana."
B_SENTENCE = (0, 24)  # "He came on September 17."
C_SENTENCE = (23, 45)  # "The date was Sept. 16."


def gold(**fields) -> GoldItem:
    base = {
        "id": "q",
        "question": "When did he arrive?",
        "answers": {
            "a": {"evidence": [A_EVIDENCE]},
            "b": {"evidence": ["September 17"]},
            "c": {"evidence": ["The date was Sept. 16."]},
        },
        "silent": ["s1", "s2"],
        "optional": ["o"],
    }
    base.update(fields)
    return GoldItem.model_validate(base)


def test_evidence_texts_are_where_the_tests_say():
    assert TEXTS["a"][A_SENTENCE[0] : A_SENTENCE[1]] == "He arrived on Sept. 16 in Astana."
    assert TEXTS["a"].index(A_EVIDENCE) == 15
    assert TEXTS["b"][B_SENTENCE[0] : B_SENTENCE[1]] == "He came on September 17."
    assert TEXTS["c"][C_SENTENCE[0] : C_SENTENCE[1]] == "The date was Sept. 16."


def test_recall_at_1_and_3_with_a_missing_outlet():
    # a: hit at rank 1; b: miss at rank 1, hit at rank 2; c: no snippet at all (missing outlet).
    prediction = Prediction(snippets={"a": [A_SENTENCE], "b": [(25, 49), B_SENTENCE]})
    item = gold()
    assert evidence_recall_at_k(item, prediction, TEXTS, 1) == pytest.approx(1 / 3)
    assert evidence_recall_at_k(item, prediction, TEXTS, 3) == pytest.approx(2 / 3)
    assert outlet_coverage(item, prediction, TEXTS) == pytest.approx(2 / 3)


def test_recall_at_k_only_reads_the_first_k_snippets():
    prediction = Prediction(snippets={"a": [(0, 11), (0, 11), (0, 11), A_SENTENCE]})
    item = gold(answers={"a": {"evidence": [A_EVIDENCE]}})
    assert evidence_recall_at_k(item, prediction, TEXTS, 3) == 0.0
    assert outlet_coverage(item, prediction, TEXTS) == 1.0  # coverage reads every shown snippet


def test_the_half_overlap_rule_at_its_boundary():
    # The evidence "arrived on Sept. 16" is 19 characters at [15, 34): 9.5 are needed.
    item = gold(answers={"a": {"evidence": [A_EVIDENCE]}})
    assert evidence_recall_at_k(item, Prediction(snippets={"a": [(0, 25)]}), TEXTS, 1) == 1.0  # 10 shared
    assert evidence_recall_at_k(item, Prediction(snippets={"a": [(0, 24)]}), TEXTS, 1) == 0.0  # 9 shared


def test_empty_answer_scores_zero_recall_and_perfect_silence():
    item, empty = gold(), Prediction()
    assert evidence_recall_at_k(item, empty, TEXTS, 1) == 0.0
    assert evidence_recall_at_k(item, empty, TEXTS, 3) == 0.0
    assert outlet_coverage(item, empty, TEXTS) == 0.0
    assert silence_accuracy(item, empty) == 1.0


def test_missing_prediction_scores_the_worst_value_never_none():
    item = gold(conflicts=[{"kind": "date", "outlets": ["a", "b"]}, {"kind": "quote", "outlets": ["a", "c"]}],
                not_conflicts=[{"outlets": ["a", "c"]}])
    assert evidence_recall_at_k(item, None, TEXTS, 3) == 0.0
    assert outlet_coverage(item, None, TEXTS) == 0.0
    assert silence_accuracy(item, None) == 0.0
    assert conflict_recall(item, None) == 0.0
    assert quote_recall(item, None) == 0.0
    assert false_flag_rate(item, None) == 1.0


def test_empty_denominators_are_not_available():
    item = gold(answers={}, silent=[], conflicts=[], not_conflicts=[])
    assert evidence_recall_at_k(item, Prediction(), TEXTS, 3) is None
    assert outlet_coverage(item, None, TEXTS) is None
    assert silence_accuracy(item, None) is None
    assert conflict_recall(item, None) is None
    assert quote_recall(item, None) is None
    assert false_flag_rate(item, None) is None


def test_optional_documents_count_for_nothing():
    item = gold(answers={"o": {"evidence": ["maybe not"]}}, silent=["o"])
    assert evidence_recall_at_k(item, Prediction(), TEXTS, 3) is None
    assert silence_accuracy(item, Prediction(snippets={"o": [(0, 5)]})) is None


def test_silence_accuracy_counts_documents_shown_with_any_snippet():
    item = gold()
    assert silence_accuracy(item, Prediction(snippets={"s1": [(0, 7)], "a": [A_SENTENCE]})) == 0.5
    assert silence_accuracy(item, Prediction(snippets={"s1": [], "a": [A_SENTENCE]})) == 1.0


def test_k_must_be_positive():
    with pytest.raises(ValueError, match="k must be"):
        evidence_recall_at_k(gold(), Prediction(), TEXTS, 0)


CONFLICTS = [
    {"kind": "date", "outlets": ["a", "b"]},
    {"kind": "number", "outlets": ["a", "c"]},
    {"kind": "quote", "outlets": ["b", "c"]},
]


def test_conflict_recall_pairs_are_unordered_and_kinds_must_match():
    item = gold(conflicts=CONFLICTS)
    flags = [
        Flag(kind="date", documents=frozenset({"b", "a"})),  # recovers a–b date
        Flag(kind="date", documents=frozenset({"a", "c"})),  # right pair, wrong kind for a–c number
        Flag(kind="quote", documents=frozenset({"c", "b"})),  # recovers the quote variant
    ]
    prediction = Prediction(flags=flags)
    assert conflict_recall(item, prediction) == pytest.approx(1 / 2)  # quote left out of the overall recall
    assert conflict_recall(item, prediction, kinds=("date",)) == 1.0
    assert conflict_recall(item, prediction, kinds=("number",)) == 0.0
    assert conflict_recall(item, prediction, kinds=("entity",)) is None
    assert quote_recall(item, prediction) == 1.0


def test_conflict_recall_with_no_disagreements_is_zero_not_missing():
    item = gold(conflicts=CONFLICTS)
    assert conflict_recall(item, Prediction()) == 0.0
    assert quote_recall(item, Prediction()) == 0.0


def test_kind_any_is_recovered_by_any_disagreement_even_a_quote():
    item = gold(conflicts=[{"kind": "any", "outlets": ["a", "b"]}])
    assert conflict_recall(item, Prediction(flags=[Flag(kind="quote", documents=frozenset({"a", "b"}))])) == 1.0
    assert conflict_recall(item, Prediction(flags=[Flag(kind="claim", documents=frozenset({"a", "c"}))])) == 0.0


def test_false_flags_only_count_factual_kinds_not_listed_as_real_conflicts():
    item = gold(conflicts=[{"kind": "date", "outlets": ["a", "b"]}],
                not_conflicts=[{"outlets": ["b", "a"]}, {"outlets": ["a", "c"]}, {"outlets": ["b", "c"]}])
    flags = [
        Flag(kind="date", documents=frozenset({"a", "b"})),  # a real conflict of that pair: not a false flag
        Flag(kind="quote", documents=frozenset({"a", "c"})),  # minor, not factual: allowed
        Flag(kind="number", documents=frozenset({"b", "c"})),  # false flag
        Flag(kind="entity", documents=frozenset({"b", "c"})),  # same pair again: still one pair
    ]
    prediction = Prediction(flags=flags)
    assert false_flags(item, prediction) == [[], [], ["entity", "number"]]
    assert false_flag_rate(item, prediction) == pytest.approx(1 / 3)
    assert false_flag_rate(item, Prediction()) == 0.0


def test_mean_defined_skips_only_none():
    assert mean_defined([None, 1.0, 0.0]) == 0.5
    assert mean_defined([0.0, 0.0]) == 0.0
    assert mean_defined([None, None]) is None
    assert mean_defined([]) is None


def test_percentile_interpolates_between_closest_ranks():
    assert percentile([40.0, 10.0, 30.0, 20.0], 50) == 25.0  # h = 1.5 → 20 + 0.5·10
    assert percentile([10.0, 20.0, 30.0, 40.0], 95) == pytest.approx(38.5)  # h = 2.85 → 30 + 0.85·10
    assert percentile([7.0], 95) == 7.0
    assert percentile([5.0, 5.0, 5.0], 50) == 5.0  # ties
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1.0], 101)


LOG2_3 = math.log2(3)


def test_ndcg_binary_by_hand():
    # DCG = 1/log2(3) + 1/log2(4); IDCG = 1 + 1/log2(3)
    expected = (1 / LOG2_3 + 0.5) / (1 + 1 / LOG2_3)
    assert ndcg_at_k(["d3", "d1", "d2"], {"d1": 1, "d2": 1}, 10) == pytest.approx(expected)
    assert expected == pytest.approx(0.693426, abs=1e-6)


def test_ndcg_graded_uses_linear_gains():
    # DCG = 1/1 + 2/log2(3); IDCG = 2/1 + 1/log2(3)
    expected = (1 + 2 / LOG2_3) / (2 + 1 / LOG2_3)
    assert ndcg_at_k(["b", "a"], {"a": 2, "b": 1}, 10) == pytest.approx(expected)
    assert expected == pytest.approx(0.859719, abs=1e-6)


def test_ndcg_cutoff_empty_and_unjudged():
    assert ndcg_at_k(["x", "d1"], {"d1": 1}, 1) == 0.0  # relevant document below the cutoff
    assert ndcg_at_k(["d1", "x"], {"d1": 1}, 1) == 1.0
    assert ndcg_at_k([], {"d1": 1}, 10) == 0.0  # missing run scores 0
    assert ndcg_at_k(["d1"], {"d1": 0}, 10) is None  # nothing relevant: not available
    assert ndcg_at_k(["d1"], {}, 10) is None


def test_ndcg_counts_a_repeated_document_once():
    # ["d1", "d1"] must not score the second copy at rank 2: DCG = 1, IDCG = 1 + 1/log2(3)
    assert ndcg_at_k(["d1", "d1"], {"d1": 1, "d2": 1}, 10) == pytest.approx(1 / (1 + 1 / LOG2_3))


def test_ndcg_ideal_ranking_is_one_and_ties_in_grades_do_not_matter():
    assert ndcg_at_k(["a", "b", "c"], {"a": 1, "b": 1, "c": 1}, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["c", "b", "a"], {"a": 1, "b": 1, "c": 1}, 10) == pytest.approx(1.0)


def test_recall_at_k_by_hand():
    qrels = {"d1": 1, "d2": 1, "d3": 2, "d4": 0}
    assert recall_at_k(["d1", "x", "d3", "d4"], qrels, 100) == pytest.approx(2 / 3)
    assert recall_at_k(["d1", "x", "d3"], qrels, 2) == pytest.approx(1 / 3)
    assert recall_at_k(["d1", "d1"], qrels, 100) == pytest.approx(1 / 3)
    assert recall_at_k([], qrels, 100) == 0.0
    assert recall_at_k(["d1"], {"d4": 0}, 100) is None
