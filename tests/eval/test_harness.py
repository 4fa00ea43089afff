"""The harness on tiny corpora: scoring a fixed Answer by hand, errors as missing predictions, the summary shape."""

from __future__ import annotations

import pytest

from eval.corpus import ServiceFactory
from eval.gold import GoldItem
from eval.gold import GoldError
from eval.harness import (SECTION_KEYS, SUMMARY_KEYS, ConflictResult, QuestionResult, combined_hash, manifest_hash,
                          per_note_summary, run_eval, score_question, summarise)
from eval.metrics import prediction_from_answer
from qa.models import Answer, CorpusInfo, Disagreement, OutletAnswer, Side, SilentOutlet, Snippet
from qa.service import QAService

DOCS = [
    {"id": "kyiv", "outlet": "Kyiv Post", "text": "Tokayev met Scholz in Astana on Sept. 16. The talks lasted two hours."},
    {"id": "bne", "outlet": "bne", "text": "Scholz visited Astana on September 17. Weather was fine."},
    {"id": "kyiv2", "outlet": "Kyiv Post", "text": "Wheat prices rose again. Farmers were pleased."},
    {"id": "sport", "outlet": "Sport Daily", "text": "The football match ended in a draw."},
]
ITEM = GoldItem.model_validate({
    "id": "when", "question": "When did Scholz visit Astana?", "documents": DOCS,
    "answers": {"kyiv": {"evidence": ["in Astana on Sept. 16"]}, "bne": {"evidence": ["on September 17"]}},
    "silent": ["kyiv2", "sport"],
    "conflicts": [{"kind": "date", "outlets": ["kyiv", "bne"]}],
    "not_conflicts": [{"outlets": ["kyiv", "sport"]}],
})


def snippet(doc: str, text: str, sentence: str, score: float = 0.9) -> Snippet:
    start = text.index(sentence)
    return Snippet(passage_id=f"{doc}#0", article_id=doc, text=sentence, start=start, end=start + len(sentence),
                   window_start=0, window_end=len(text), score=score, dense=0.5, bm25=1.0)


def side(doc: str) -> Side:
    return Side(outlet=doc, article_id=doc, value="x", normalized="x", passage_id=f"{doc}#0", snippet="x", snippet_start=0)


class FixedService:
    """A service over a real (hashing-encoded) index whose answer is fixed by the test."""

    def __init__(self, service: QAService, answer: Answer | None = None, error: Exception | None = None):
        self.index, self.answer, self.error = service.index, answer, error

    def ask(self, question: str, k: int | None = None) -> Answer:
        if self.error is not None:
            raise self.error
        return self.answer


@pytest.fixture
def service(hashing_encoder) -> QAService:
    return ServiceFactory(hashing_encoder).for_item(ITEM)


def fixed_answer(outlets: list[OutletAnswer], disagreements: list[Disagreement] | None = None) -> Answer:
    return Answer(question=ITEM.question, outlets=outlets, silent=[SilentOutlet(outlet="Sport Daily", article_ids=["sport"])],
                  disagreements=disagreements or [],
                  corpus=CorpusInfo(name="t", model="m", n_articles=4, n_passages=8, n_outlets=3), latency_ms=1.0)


def test_a_fixed_answer_scores_as_computed_by_hand(service):
    kyiv, bne, kyiv2 = (d["text"] for d in DOCS[:3])
    # Kyiv Post shows its right sentence second, after a sentence of its *other* (silent) article;
    # bne shows only its second, wrong sentence.
    outlets = [
        OutletAnswer(outlet="Kyiv Post", article_id="kyiv2", title="", relevance=0.9,
                     snippets=[snippet("kyiv2", kyiv2, "Wheat prices rose again."),
                               snippet("kyiv", kyiv, "Tokayev met Scholz in Astana on Sept. 16.")]),
        OutletAnswer(outlet="bne", article_id="bne", title="", relevance=0.8,
                     snippets=[snippet("bne", bne, "Weather was fine.")]),
    ]
    flags = [Disagreement(kind="date", severity="major", outlets=("bne", "Kyiv Post"), sides=(side("bne"), side("kyiv")),
                          explanation="x")]
    result = score_question(ITEM, "g.jsonl", FixedService(service, fixed_answer(outlets, flags)))
    assert result.error is None
    # kyiv: its first own snippet is the hit (document-level top-k), bne: miss → 1/2 at @1 and @3
    assert result.scores == {"evidence_recall@1": 0.5, "evidence_recall@3": 0.5, "outlet_coverage": 0.5,
                             "silence_accuracy": 0.5, "conflict_recall": 1.0, "false_flag_rate": 0.0, "quote_recall": None}
    assert result.per_kind == {"date": 1.0}
    assert [(d.doc, d.role, d.shown, d.hit_at_1) for d in result.documents] == [
        ("kyiv", "answer", 1, True), ("bne", "answer", 1, False), ("kyiv2", "silent", 1, None), ("sport", "silent", 0, None)]
    assert result.conflicts[0].found and result.disagreements == 1
    assert [(f.kind, f.documents, f.outlets, f.verdict) for f in result.flags] == [
        ("date", ["bne", "kyiv"], ["Kyiv Post", "bne"], "true")]
    assert result.answering_outlets == ["Kyiv Post", "bne"]
    assert [(p.outlets, p.relation, p.correct) for p in result.pairs] == [(("kyiv", "bne"), "different", True)]
    assert {n: (c.found, c.conflicts, c.flags.true) for n, c in result.detectors.items()} == {
        "date": (1, 1, 1), "date (internal)": (0, 1, 0)}
    summary = summarise([result])
    assert (summary["flag_precision"], summary["n_true_flags"], summary["n_false_flags"]) == (1.0, 1, 0)
    assert (summary["pairwise_agreement_accuracy"], summary["n_labelled_pairs"]) == (1.0, 1)
    assert summary["per_detector"]["date"] == {"flags": 1, "true_flags": 1, "false_flags": 0, "unlabelled_flags": 0,
                                               "found": 1, "conflicts": 1, "recall": 1.0}
    assert summary["paraphrase_consistency"] is None and summary["n_rewordings"] == 0
    assert result.latency_ms is not None and result.index_manifest == manifest_hash(service.index)


def test_prediction_from_answer_keeps_each_documents_snippets_in_shown_order():
    kyiv, kyiv2 = DOCS[0]["text"], DOCS[2]["text"]
    outlets = [OutletAnswer(outlet="Kyiv Post", article_id="kyiv", title="", relevance=0.9,
                            snippets=[snippet("kyiv", kyiv, "The talks lasted two hours."),
                                      snippet("kyiv2", kyiv2, "Farmers were pleased."),
                                      snippet("kyiv", kyiv, "Tokayev met Scholz in Astana on Sept. 16.")])]
    prediction = prediction_from_answer(fixed_answer(outlets))
    assert prediction.snippets == {"kyiv": [(42, 69), (0, 41)], "kyiv2": [(25, 46)]}
    assert prediction.flags == []


def test_a_failing_service_is_a_missing_prediction_scored_zero(service):
    result = score_question(ITEM, "g.jsonl", FixedService(service, error=RuntimeError("boom")))
    assert result.error == "RuntimeError: boom"
    assert result.latency_ms is None
    assert result.scores["evidence_recall@3"] == 0.0
    assert result.scores["silence_accuracy"] == 0.0
    assert result.scores["conflict_recall"] == 0.0
    assert result.scores["false_flag_rate"] == 1.0


def test_gold_documents_missing_from_the_index_are_an_error(service):
    item = ITEM.model_copy(update={"silent": ["kyiv2", "sport", "nowhere"]})
    result = score_question(item, "g.jsonl", FixedService(service, fixed_answer([])))
    assert result.error is not None and "nowhere" in result.error
    assert result.scores["silence_accuracy"] == 0.0


def test_evidence_not_in_its_document_is_reported_as_a_gold_problem(service):
    item = ITEM.model_copy(update={"answers": {**ITEM.answers, "bne": ITEM.answers["bne"].model_copy(update={"evidence": ["on Sept. 17"]})}})
    result = score_question(item, "g.jsonl", FixedService(service, fixed_answer([])))
    assert result.problems == ["bne: evidence not found verbatim: 'on Sept. 17'"]


def test_run_eval_keeps_an_item_whose_index_cannot_be_built():
    def broken(item):
        raise OSError("disk on fire")

    results = run_eval([("g.jsonl", ITEM)], broken)
    assert len(results) == 1 and "disk on fire" in results[0].error
    assert summarise(results)["evidence_recall@1"] == 0.0


def test_summary_has_exactly_the_issue_keys_and_end_to_end_runs(hashing_encoder):
    factory = ServiceFactory(hashing_encoder)
    seen = []
    results = run_eval([("g.jsonl", ITEM)], factory.for_item, progress=lambda done, total: seen.append((done, total)))
    summary = summarise(results)
    assert list(summary) == [*SUMMARY_KEYS, *SECTION_KEYS]
    assert summary["per_note"] == {}  # the one conflict has no note
    assert summary["n_questions"] == 1 and seen == [(1, 1)]
    assert summary["per_kind"]["date"]["n_conflicts"] == 1
    assert summary["per_kind"]["number"] == {"conflict_recall": None, "n_questions": 0, "n_conflicts": 0, "found": 0}
    assert summary["quote_recall"] is None  # no quote conflict in the gold: not available, never 0 or 1
    assert 0.0 <= summary["evidence_recall@3"] <= 1.0
    assert summary["latency_ms_p50"] == summary["latency_ms_p95"] == results[0].latency_ms


def test_manifest_hash_is_stable_across_builds_and_tracks_content(hashing_encoder):
    first = ServiceFactory(hashing_encoder).for_item(ITEM).index
    again = ServiceFactory(hashing_encoder).for_item(ITEM).index
    other = ServiceFactory(hashing_encoder).for_item(ITEM.model_copy(update={"documents": ITEM.documents[:2]})).index
    assert manifest_hash(first) == manifest_hash(again) != manifest_hash(other)
    assert combined_hash(["x", "x"]) == "x"
    assert combined_hash(["x", "y"]) == combined_hash(["y", "x"]) != "x"


def test_per_note_pools_conflicts_by_a_repeated_note_and_ignores_one_off_notes_and_quotes():
    def result(qid: str, *conflicts: tuple[str, str, bool]) -> QuestionResult:
        return QuestionResult(gold="g", id=qid, question="?", scores={}, latency_ms=1.0,
                              conflicts=[ConflictResult(kind=k, outlets=("a", "b"), found=f, note=n) for k, n, f in conflicts])

    results = [result("1", ("any", "Explicit", True), ("quote", "Explicit", True)),
               result("2", ("any", "Explicit", False), ("any", "Implicit", True)),
               result("3", ("any", "Explicit", True), ("any", "Implicit", False), ("date", "Sept. 16 vs 17", True))]
    assert per_note_summary(results) == {
        "Explicit": {"conflict_recall": 2 / 3, "n_conflicts": 3, "found": 2},
        "Implicit": {"conflict_recall": 0.5, "n_conflicts": 2, "found": 1},
    }


def test_paraphrases_are_scored_as_their_own_questions_and_compared_with_the_original(service):
    item = ITEM.model_copy(update={"paraphrases": ["On which day was Scholz in Astana?", "Scholz in Astana: when?"]})
    kyiv, bne = DOCS[0]["text"], DOCS[1]["text"]
    both = [OutletAnswer(outlet="Kyiv Post", article_id="kyiv", title="", relevance=0.9,
                         snippets=[snippet("kyiv", kyiv, "Tokayev met Scholz in Astana on Sept. 16.")]),
            OutletAnswer(outlet="bne", article_id="bne", title="", relevance=0.8,
                         snippets=[snippet("bne", bne, "Scholz visited Astana on September 17.")])]

    class ByWording(FixedService):
        def ask(self, question, k=None):  # the second rewording loses bne
            return fixed_answer(both[:1] if question.endswith("when?") else both)

    results = run_eval([("g.jsonl", item)], lambda _: ByWording(service))
    assert [(r.id, r.question, r.original, r.paraphrase_consistent) for r in results] == [
        ("when", ITEM.question, None, None),
        ("when~p1", "On which day was Scholz in Astana?", "g.jsonl:when", True),
        ("when~p2", "Scholz in Astana: when?", "g.jsonl:when", False)]
    summary = summarise(results)
    assert summary["n_questions"] == 3 and summary["n_rewordings"] == 2 and summary["paraphrase_consistency"] == 0.5


def test_rewordings_from_another_file_find_their_original_and_a_lone_one_is_left_out(service):
    reworded = ITEM.model_copy(update={"id": "when~p1"})
    lone = ITEM.model_copy(update={"id": "gone~p1"})
    results = run_eval([("a.jsonl", ITEM), ("b.jsonl", reworded), ("b.jsonl", lone)],
                       lambda _: FixedService(service, fixed_answer([])))
    assert [(r.original, r.paraphrase_consistent) for r in results] == [
        (None, None), ("a.jsonl:when", True), (None, None)]
    assert summarise(results)["n_rewordings"] == 1


def test_a_paraphrase_id_already_in_the_file_is_a_gold_error():
    item = ITEM.model_copy(update={"paraphrases": ["Again?"]})
    with pytest.raises(GoldError, match="when~p1"):
        run_eval([("g.jsonl", item), ("g.jsonl", ITEM.model_copy(update={"id": "when~p1"}))], lambda _: None)


def test_a_baseline_comparison_counts_pooled_metrics_per_question():
    from eval.runs import compare_runs

    def record(qid: str, verdicts: list[str]) -> dict:
        flags = [{"kind": "date", "severity": "major", "internal": False, "detector": "date", "documents": ["a", "b"],
                  "outlets": ["A", "B"], "verdict": v} for v in verdicts]
        return {"gold": "g", "id": qid, "scores": {}, "flags": flags, "pairs": []}

    new = {"flag_precision": 0.75, "per_question": [record("1", ["true", "true"]), record("2", ["true", "false"])]}
    old = {"flag_precision": 0.5, "per_question": [record("1", ["true", "false"]), record("2", ["true", "false"])]}
    row = next(m for m in compare_runs(new, old, "old.json").metrics if m.metric == "flag_precision")
    assert (row.delta, row.wins, row.ties, row.losses) == (0.25, 1, 1, 0)
    pairs = next(m for m in compare_runs(new, old, "old.json").metrics if m.metric == "pairwise_agreement_accuracy")
    assert (pairs.delta, pairs.wins + pairs.ties + pairs.losses) == (None, 0)  # no labelled pair, no summary value


def test_the_markdown_report_carries_the_pooled_metrics_and_the_detector_table(service):
    from eval.report import markdown, per_detector_table
    from eval.runs import run_info

    flags = [Disagreement(kind="date", severity="major", outlets=("bne", "Kyiv Post"), sides=(side("bne"), side("kyiv")),
                          explanation="x")]
    summary = summarise([score_question(ITEM, "g.jsonl", FixedService(service, fixed_answer([], flags)))])
    text = markdown(summary, run_info("m", "i", ["g.jsonl"], "c"), None)
    assert "| flag_precision | 1.000 |  |" in text and "| n_labelled_pairs | 1 |  |" in text
    assert "| date | 1 | 1 | 0 | 0 | 1 | 1 | 1.000 |" in text  # detector row: flags, true, false, unlabelled, found, conflicts
    assert "| 1/0/0 | 0/1 |  |" in text  # per question: major flags t/f/u, pairs correct (neither document shown)
    assert per_detector_table(summary).row_count == 1  # date; not date (internal), which raised nothing
