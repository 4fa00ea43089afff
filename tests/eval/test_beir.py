"""BEIR scoring: missing runs count, and our nDCG reproduces the published BM25 score on SciFact."""

from __future__ import annotations

import pytest

from eval.beir import document_text, load_dataset, score_rankings
from tests.conftest import shared_path


def test_a_query_without_a_ranking_scores_zero_and_is_not_dropped():
    qrels = {"q1": {"d1": 1}, "q2": {"d2": 1}, "q3": {"d3": 0}}  # q3 has nothing relevant: not available
    scores = score_rankings(qrels, {"q1": ["d1"]}, [5.0, 7.0, 9.0])
    assert scores.ndcg_at_10 == 0.5  # q1 = 1, q2 (no ranking) = 0
    assert scores.recall_at_100 == 0.5
    assert scores.latency_ms_p50 == 7.0
    assert score_rankings(qrels, {}).latency_ms_p50 is None


def test_document_text_joins_title_and_text():
    assert document_text(" Title ", "Body.") == "Title Body."
    assert document_text("", "Body.") == "Body."


@pytest.mark.shared
def test_ndcg_reproduces_the_published_bm25_score_on_scifact():
    """A plain BM25 (bm25s, k1 0.9, b 0.4 as Anserini, English stopwords, Snowball stemming, title + text)
    scored with our nDCG@10 lands within 0.02 of BEIR's published BM25 (0.665; recall@100 0.908).
    A wrong discount or ideal DCG moves nDCG by far more than that."""
    import bm25s
    import Stemmer

    dataset = load_dataset(shared_path("bench", "scifact"), "test")
    ids = list(dataset.corpus)
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25(k1=0.9, b=0.4)
    corpus = [document_text(*dataset.corpus[i]) for i in ids]
    retriever.index(bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)
    qids = list(dataset.queries)
    queries = bm25s.tokenize([dataset.queries[q] for q in qids], stopwords="en", stemmer=stemmer, show_progress=False)
    found, _ = retriever.retrieve(queries, k=100, show_progress=False)
    scores = score_rankings(dataset.qrels, {q: [ids[j] for j in found[i]] for i, q in enumerate(qids)})
    assert len(qids) == 300
    assert scores.ndcg_at_10 == pytest.approx(0.665, abs=0.02)
    assert scores.recall_at_100 == pytest.approx(0.908, abs=0.02)
