"""The answer a question expects, read from its wording; rewordings of one question expect the same."""

from __future__ import annotations

import pytest

from qa.questions import answer_type


@pytest.mark.parametrize("question", [
    "What did the mayor tell the harbour board?",
    "What message did the mayor give the harbour board?",
    "What advice did the mayor give the ferry company?",
    "What view of the strike did the mayor share with reporters?",
    "How did the mayor characterise the ferry company?",
    "How did the mayor describe the strike?",
])
def test_what_someone_said_is_a_quote_question_however_it_is_asked(question):
    assert answer_type(question) == "quote"


@pytest.mark.parametrize("question, kind", [
    ("Which plan did the mayor back?", "other"),
    ("What plan did the mayor back?", "other"),
    ("When did the mayor tell the board?", "date"),
    ("How many ferries did the mayor promise?", "number"),
    ("Did the mayor back the plan?", "yesno"),
])
def test_other_questions_keep_their_type(question, kind):
    assert answer_type(question) == kind
