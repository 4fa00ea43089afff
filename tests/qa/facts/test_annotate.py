"""Each text is annotated once into typed ``Mention`` records, and the extractors run once per text and
publication date while a question is answered."""

import collections
import datetime as dt

import pytest

from index.ingest import read_articles
from qa.facts import dates, numbers
from qa.facts.annotate import annotate
from qa.facts.dates import DateMention
from qa.facts.numbers import Quantity
from qa.service import QAService
from tests.conftest import SEEDS

SEPT17 = dt.date(2024, 9, 17)


def test_a_sentence_is_annotated_into_typed_mentions_with_offsets():
    text = "Police said about 40 people marched 3 km on Sept. 16."
    facts = annotate(text, SEPT17)
    assert [(m.kind, m.text, m.normalized) for m in facts.mentions] == [
        ("quantity", "about 40 people", "≈40 people"), ("quantity", "3 km", "3 km"),
        ("date", "Sept. 16", "2024-09-16")]
    assert all(text[m.start:m.end] == m.text for m in facts.mentions)
    assert isinstance(facts.dates[0], DateMention) and isinstance(facts.quantities[0], Quantity)


def test_relative_dates_need_the_publication_date_so_each_date_is_its_own_annotation():
    assert annotate("The talks began last month.").dates == ()
    assert [d.normalized for d in annotate("The talks began last month.", SEPT17).dates] == ["2024-08"]


def test_annotations_are_kept_and_records_are_frozen():
    text = "The bridge is 1,200 metres long."
    assert annotate(text) is annotate(text)
    with pytest.raises(ValueError):
        annotate(text).quantities[0].lo = 0  # pydantic's frozen-instance error is a ValueError


def test_the_loose_reading_adds_measures_and_drops_the_numbers_inside_them():
    facts = annotate("a one inch pipe and a 100-mile race")
    assert [q.text for q in facts.quantities] == ["100"]
    assert [q.text for q in facts.measures] == ["one inch", "100-mile"]


def _answer_counting(monkeypatch, service: QAService, question: str):
    """Answer ``question`` with fresh annotations, counting the extractor calls and the texts they read."""
    calls: collections.Counter[str] = collections.Counter()
    pairs: set[tuple[str, dt.date | None]] = set()
    find_dates, find_quantities = dates.find_dates, numbers.find_quantities

    def counting_dates(text, published=None):
        calls["find_dates"] += 1
        pairs.add((text, published))
        return find_dates(text, published)

    def counting_quantities(text, skip=None):
        calls["find_quantities"] += 1
        return find_quantities(text, skip)

    monkeypatch.setattr(dates, "find_dates", counting_dates)
    monkeypatch.setattr(numbers, "find_quantities", counting_quantities)
    annotate.cache_clear()
    try:
        return service.ask(question), calls, pairs
    finally:
        annotate.cache_clear()  # the next test starts from annotations made by the real extractors


def _check_once_per_text(monkeypatch, service: QAService) -> None:
    answer, calls, pairs = _answer_counting(monkeypatch, service, "What did Tokayev tell Scholz?")
    assert len(answer.outlets) >= 2 and answer.disagreements  # the comparison ran, not only relevance
    assert calls["find_dates"] == len(pairs) > 10  # once per (text, publication date), not once per stage
    assert calls["find_quantities"] == calls["find_dates"]


def test_extractors_run_once_per_text_while_answering(monkeypatch, hashing_encoder):
    service = QAService.from_articles(read_articles([SEEDS]).articles, hashing_encoder, name="seeds")
    _check_once_per_text(monkeypatch, service)


@pytest.mark.model
def test_extractors_run_once_per_text_while_answering_with_the_real_model(monkeypatch, real_encoder):
    service = QAService.from_articles(read_articles([SEEDS]).articles, real_encoder, name="seeds")
    _check_once_per_text(monkeypatch, service)
