"""A small fixed corpus, an in-memory service over it (hashing encoder), and a hand-built disagreement.

The comparison engine is built separately; until it fills ``Answer.disagreements`` the tests add a date
disagreement and a quote disagreement computed from the fixture text, so the panel and the matrix are covered.
"""

from __future__ import annotations

import datetime as dt

import pytest

from index.embed import HashingEncoder
from index.models import Article
from qa.models import Answer, DiffOp, Disagreement, Side
from qa.service import QAService

QUESTION = "When will the Harbour Bridge reopen?"

ALPHA = (
    "Home | News | Sport | Weather\n\n"
    "Harbour Bridge to reopen in May, mayor says\n\n"
    "Mayor Lina Park told the city council on March 3 that the Harbour Bridge will reopen in May.\n"
    "\"The repairs are ahead of schedule and under budget,\" Park said.\n\n"
    "The bridge closed in October after inspectors found corroded cables.\n\n"
    "Sign up for our newsletter to get the news every morning."
)
BETA = (
    "Mayor Lina Park told councillors on March 4 that the Harbour Bridge would reopen in May.\n\n"
    "\"The repairs are ahead of schedule,\" Park said, adding that the cost had risen.\n\n"
    "Commuters have faced long detours since the closure of the Harbour Bridge."
)
GAMMA = (
    "The Harbour Bridge will reopen in May after repairs to its cables, Mayor Lina Park said.\n\n"
    "Ferry operators expect fewer passengers once the Harbour Bridge reopens."
)
EPSILON = (
    "Mayor Lina Park visited shops by the Harbour Bridge on March 4.\n\n"
    "The bakery on Quay Street cut its opening hours and traders asked for rate relief."
)
DELTA = (
    "The city's football club won its third match in a row on Saturday.\n\n"
    "The coach praised the defence and said the team would rest key players next week."
)


def fixture_articles() -> list[Article]:
    """Five outlets: three report the reopening, a fourth covers the bridge story without saying when it reopens
    (silent on the question), one writes about football (did not cover the story)."""
    return [
        Article(id="alpha", outlet="Alpha News", title="Harbour Bridge to reopen in May, mayor says",
                published=dt.date(2024, 3, 3), text=ALPHA),
        Article(id="beta", outlet="Beta Times", title="Bridge reopening on track", published=dt.date(2024, 3, 4),
                text=BETA),
        Article(id="gamma", outlet="Gamma Daily", title="Ferries brace for bridge reopening",
                published=dt.date(2024, 3, 5), text=GAMMA),
        Article(id="delta", outlet="Delta Post", title="Third win in a row", published=dt.date(2024, 3, 2),
                text=DELTA),
        Article(id="epsilon", outlet="Epsilon Herald", title="Traders count the cost", published=dt.date(2024, 3, 4),
                text=EPSILON),
    ]


def side(article: Article, sentence: str, value: str, normalized: str) -> Side:
    """The side of ``article`` whose sentence starts with ``sentence``, highlighting ``value``."""
    start = article.text.index(sentence)
    end = article.text.index("\n", start) if "\n" in article.text[start:] else len(article.text)
    snippet = article.text[start:end]
    at = article.text.index(value, start)
    return Side(outlet=article.outlet, article_id=article.id, value=value, normalized=normalized,
                passage_id=f"{article.id}#x", snippet=snippet, snippet_start=start, spans=[(at, at + len(value))])


def fixture_disagreements() -> list[Disagreement]:
    """The date of the council meeting (March 3 vs March 4) and the repairs quote."""
    alpha, beta = fixture_articles()[:2]
    date = Disagreement(
        kind="date", severity="major", outlets=("Alpha News", "Beta Times"),
        sides=(side(alpha, "Mayor Lina Park", "March 3", "2024-03-03"),
               side(beta, "Mayor Lina Park", "March 4", "2024-03-04")),
        explanation="Alpha News says March 3; Beta Times says March 4")
    quote_a = side(alpha, "\"The repairs", "ahead of schedule and under budget", "q1")
    quote_b = side(beta, "\"The repairs", "ahead of schedule", "q2")
    quote = Disagreement(
        kind="quote", severity="minor", outlets=("Alpha News", "Beta Times"), sides=(quote_a, quote_b),
        explanation="The quotes differ: Alpha News adds \"and under budget\"",
        diff=[DiffOp(op="equal", a="The repairs are ahead of schedule", b="The repairs are ahead of schedule"),
              DiffOp(op="delete", a="and under budget", b="")])
    return [date, quote]


class FixtureService(QAService):
    """The in-memory service whose answers carry the hand-built disagreements."""

    def ask(self, question: str, k: int | None = None, **kwargs) -> Answer:
        answer = super().ask(question, k, **kwargs)
        if not answer.outlets:
            return answer
        return answer.model_copy(update={"disagreements": fixture_disagreements(),
                                         "consensus": "The Harbour Bridge reopens in May.", "latency_ms": 0.0})


@pytest.fixture
def service() -> QAService:
    """The fixture corpus, in memory, hashing encoder (no model)."""
    return FixtureService.from_articles(fixture_articles(), HashingEncoder(64), name="fixture corpus")
