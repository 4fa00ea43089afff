"""Sentence passages with offsets, windows and boilerplate labels."""

from __future__ import annotations

import pytest

from index.chunk import MAX_SENTENCE_CHARS, chunk_article, trusted_end
from index.ingest import read_articles
from index.models import Article
from tests.conftest import SEEDS


def _article(text: str) -> Article:
    return Article(id="doc", outlet="Outlet", text=text)


def test_offsets_ids_and_windows():
    text = "Title line\n\nFirst sentence here. Second one, on Sept. 16, follows.\nThird paragraph sentence."
    passages = chunk_article(_article(text))
    assert [p.id for p in passages] == [f"doc#{n}" for n in range(len(passages))]
    assert [p.text for p in passages] == [
        "Title line", "First sentence here.", "Second one, on Sept. 16, follows.", "Third paragraph sentence."]
    for p in passages:
        assert text[p.start:p.end] == p.text
        assert text[p.window_start:p.window_end] == p.window
        assert p.window_start <= p.start < p.end <= p.window_end
    assert passages[2].window == "First sentence here. Second one, on Sept. 16, follows.\nThird paragraph sentence."


def test_windows_do_not_cross_from_body_into_boilerplate():
    text = "Headline\nBody sentence one. Body sentence two.\nSubscribe to our newsletter\n"
    passages = chunk_article(_article(text))
    body = [p for p in passages if p.is_evidence]
    assert all("Subscribe" not in p.window for p in body)
    assert passages[-1].boilerplate == "newsletter"


def test_very_long_run_on_text_is_cut():
    text = "x" * (3 * MAX_SENTENCE_CHARS)
    passages = chunk_article(_article(text))
    assert len(passages) == 3 and all(len(p.text) <= MAX_SENTENCE_CHARS for p in passages)


def test_passage_limit_is_enforced():
    import pytest

    from index.textfile import InputError

    with pytest.raises(InputError, match="more than 2 passages"):
        chunk_article(_article("One. Two. Three. Four."), max_passages=2)


def test_kyiv_independent_sidebar_and_newsletter_are_not_evidence():
    ki = next(a for a in read_articles([SEEDS]).articles if a.id == "kyivindependent")
    evidence = " ".join(p.text for p in chunk_article(ki) if p.is_evidence)
    for junk in ["News Feed", "Syrskyi", "Umerov", "Putin congratulates", "Subscribe", "indicates required",
                 "MORE NEWS", "Skip to content", "Putin’s trip to Kazakhstan on Nov. 9"]:
        assert junk not in evidence
    assert "Russia cannot be defeated in the military sense" in evidence


def _labels(text: str) -> list[tuple[str, str]]:
    return [(p.text, p.boilerplate) for p in chunk_article(_article(text))]


def test_headline_repeated_as_the_first_body_sentence_is_one_snippet():
    text = "# Bridge fails\n*By Jane Roe*\n\nBridge fails. The old bridge over the river collapsed on Monday.\n"
    assert _labels(text) == [("# Bridge fails", "headline"), ("*By Jane Roe*", "byline"), ("Bridge fails.", ""),
                             ("The old bridge over the river collapsed on Monday.", "")]
    repeat = "“Talks go on,” says minister\n\n\"Talks go on,\" says minister\nHe spoke in the capital."
    assert [label for _, label in _labels(repeat)] == ["headline", "", ""]


def test_headline_the_body_only_begins_with_stays_evidence():
    text = "Bridge fails\nBridge fails after years of neglect, engineers said.\nBridge fails."
    assert [label for _, label in _labels(text)] == ["", "", ""]


def test_seed_headline_printed_twice_is_one_evidence_passage():
    bne = next(a for a in read_articles([SEEDS]).articles if a.id == "bne")
    evidence = [p.text for p in chunk_article(bne) if p.is_evidence]
    assert evidence.count(bne.title.replace("'", "’")) == 1


def test_an_excerpt_keeps_the_sentence_it_breaks_off_as_evidence_without_its_untrusted_end():
    text = ("Pier closes\nThe council voted on Monday to close the pier. The mayor said repairs would cost more than $1…\n")
    passages = chunk_article(Article(id="pier", outlet="Coast Courier", title="Pier closes", text=text))
    assert [(p.text, p.is_evidence, p.is_body) for p in passages][1:] == [
        ("The council voted on Monday to close the pier.", True, True),
        ("The mayor said repairs would cost", True, False)]  # "more than $1…" may be "$1.5 million"
    assert passages[2].boilerplate == "cut" and passages[2].window == passages[2].text
    assert "$1" not in passages[1].window  # a body sentence's window keeps to the body


@pytest.mark.parametrize(("sentence", "kept"), [
    ("The pier will reopen in the spring, the council said, after a long…", "The pier will reopen in the spring, the council said, after a long"),
    ("The levy raised $4 million for the harbour and…", "The levy raised $4 million for the harbour"),
    ("The levy raised $4 million in…", "The levy raised"),  # what the figure counts is cut off
    ("The motion was seconded by councillor Ana Maria…", "The motion was seconded by councillor"),  # a name cut short
    ("“We will rebuild,” the mayor said....", "“We will rebuild,” the mayor said."),  # complete before the ellipsis
    ("Then…", "Then"),  # the first word stays
])
def test_a_broken_off_sentence_is_trusted_up_to_its_last_ordinary_word(sentence, kept):
    assert sentence[:trusted_end(sentence, 0, len(sentence))] == kept


TRICKY = ["", "   ", "a a a. a a a. a a a.", "Mr. Smith went. Mr. Smith went. He did.", "Dr. Who?  Yes!\tNo... maybe.  ",
          "U.S. and U.K. met. U.S. and U.K. met again.", "x" * 50, "He said “Go.” Then\u00a0left.\u2003Done."]


def _pysbd_spans(text: str) -> list[tuple[int, int]]:
    from index.chunk import _segmenter

    return [(s.start, s.end) for s in _segmenter().segment(text)]


def test_sentence_spans_are_pysbds_own():
    from index.chunk import _sentence_spans

    paragraphs = [p for a in read_articles([SEEDS]).articles for p in a.text.split("\n") if p.strip()]
    for text in [*paragraphs, *TRICKY]:
        assert _sentence_spans(text) == _pysbd_spans(text), text[:80]


@pytest.mark.shared
def test_sentence_spans_are_pysbds_own_on_real_news():
    import json

    from index.chunk import _sentence_spans
    from tests.conftest import shared_path

    with shared_path("corpora", "allsides-2021.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(150), handle, strict=False)]
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    assert len(paragraphs) > 300
    for text in paragraphs:
        assert _sentence_spans(text) == _pysbd_spans(text), text[:80]
