"""Cutting long input to its asking sentence (``qa.questions.fit_question``) and the service saying so."""

from __future__ import annotations

import pytest

from index.models import Article
from index.settings import Settings
from qa.questions import fit_question
from qa.service import QAService

FILLER = "The ferry ran late. " * 20  # 400 characters


def test_a_question_within_the_limit_is_kept_whole():
    assert fit_question("When does the ferry resume?", 300) == ("When does the ferry resume?", None)
    exactly = "x" * 299 + "?"
    assert fit_question(exactly, 300) == (exactly, None)


def test_pasted_context_is_cut_to_its_last_question_and_says_so():
    question, note = fit_question(FILLER + "When does the ferry resume?", 300)
    assert question == "When does the ferry resume?"
    assert note == "Your input was 427 characters (over 300), so only its last question was asked."


def test_the_last_sentence_ending_in_a_question_mark_wins_over_a_later_statement():
    text = FILLER + "Who runs the ferry? When does it resume? Thanks for any help."
    assert fit_question(text, 300)[0] == "When does it resume?"


def test_a_question_inside_closing_quotes_still_counts():
    text = FILLER + "The mayor asked: “Will the ferry resume?” Nobody answered."
    assert fit_question(text, 300)[0] == "The mayor asked: “Will the ferry resume?”"


def test_without_a_question_the_last_sentence_is_asked():
    question, note = fit_question(FILLER + "Tell me about the ferry.", 300)
    assert question == "Tell me about the ferry."
    assert note == "Your input was 424 characters (over 300), so only its last sentence was asked."


def test_one_endless_sentence_keeps_its_last_characters_from_a_word_start():
    text = "word " * 2000 + "end"  # 10,003 characters, no sentence end
    question, note = fit_question(text, 300)
    assert len(question) <= 300 and question.startswith("word ") and question.endswith(" end")
    assert note == "Your input was 10,003 characters (over 300), so only its last 300 characters were asked."


@pytest.fixture
def service(hashing_encoder):
    articles = [Article(id="a", outlet="Isle Times", title="Ferry", text="The ferry resumes service on Monday."),
                Article(id="b", outlet="Rail Post", title="Tram", text="The new tram line opens in June.")]
    return QAService.from_articles(articles, hashing_encoder, settings=Settings(max_question_chars=100))


def test_the_service_asks_the_cut_question_and_puts_the_note_in_the_message(service):
    answer = service.ask("The ferry ran late. " * 10 + "When does the ferry resume service?")
    assert answer.question == "When does the ferry resume service?"
    assert answer.message.startswith("Your input was 235 characters (over 100), so only its last question was asked.")
    assert answer == service.ask(answer.question).model_copy(
        update={"message": answer.message, "latency_ms": answer.latency_ms})


def test_a_short_question_carries_no_note(service):
    answer = service.ask("When does the ferry resume service?")
    assert answer.message is None or "Your input was" not in answer.message
