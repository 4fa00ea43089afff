"""The answer factqa gives to a question: per-outlet evidence, silent outlets and disagreements.

These records cross package boundaries (CLI JSON, batch JSONL, TUI, eval harness); they are frozen
pydantic models and are what ``factqa ask --json`` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_FROZEN = ConfigDict(frozen=True, extra="forbid")

DisagreementKind = Literal["date", "number", "entity", "claim", "quote"]
Severity = Literal["major", "minor"]
AnswerType = Literal["date", "number", "person", "place", "organisation", "quote", "yesno", "other"]


class Snippet(BaseModel):
    """One passage shown as an outlet's answer, with where it sits in the article."""

    model_config = _FROZEN

    passage_id: str
    """``"{article_id}#{n}"``."""
    article_id: str
    text: str
    """The sentence shown."""
    start: int
    """Offset of the sentence in the article text."""
    end: int
    window_start: int
    """Offset of the neighbour window (context) in the article text."""
    window_end: int
    score: float
    """Relevance of the snippet to the question in [0, 1] (calibrated; see ``qa.relevance``)."""
    dense: float
    """Cosine similarity of question and snippet window."""
    bm25: float
    """BM25 score of the snippet window."""
    cut: bool = False
    """True for a sentence an excerpt breaks off: ``text`` ends where its trustworthy words end, and the reader is
    shown an ellipsis after it (``index.chunk.trusted_end``)."""

    @property
    def shown_text(self) -> str:
        """``text`` as the reader sees it: with "…" after a sentence an excerpt breaks off."""
        return f"{self.text} …" if self.cut else self.text


class OutletAnswer(BaseModel):
    """What one outlet says: its best snippets (possibly from several of its articles)."""

    model_config = _FROZEN

    outlet: str
    article_id: str
    """The article of the best snippet."""
    title: str
    url: str | None = None
    published: dt.date | None = None
    snippets: list[Snippet]
    """Best first; at most ``k``."""
    relevance: float
    """Relevance of the best snippet."""
    contested: bool = False
    """True when ``relevance`` is below the answering threshold and the outlet is shown because one of its
    passages contradicts an answering outlet on the same claim (``qa.contested``)."""
    story_id: str | None = None
    """The story (``StoryRef.id``) the card's article belongs to; every snippet of a card is from that article."""
    source: str | None = None
    """The independent report this article is a copy of, when several outlets carry near-identical text (a wire
    story): cards sharing a ``source`` are one report, not independent corroboration. ``None``: an original."""

    def without_cut(self) -> OutletAnswer:
        """This answer without the sentences an excerpt breaks off (``Snippet.cut``), from which what qualifies a figure
        or a name may be cut: what the detectors of major flags between sentences read (``qa.compare``)."""
        return self.model_copy(update={"snippets": [s for s in self.snippets if not s.cut]})


class StoryRef(BaseModel):
    """A story (one reported event) the question is about, with who covered it."""

    model_config = _FROZEN

    id: str
    title: str
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    outlets: list[str]
    """Outlets that covered the story, in order of their first article."""
    n_articles: int
    n_independent: int
    """Independent reports among its articles (copies of one wire story count once)."""


class SilentOutlet(BaseModel):
    """An outlet in the corpus that does not answer the question."""

    model_config = _FROZEN

    outlet: str
    article_ids: list[str]
    best_relevance: float = 0.0
    """Relevance of its best passage, below the answering threshold."""


class Side(BaseModel):
    """One outlet's side of a disagreement."""

    model_config = _FROZEN

    outlet: str
    article_id: str
    value: str
    """The value as the text writes it ("Sept. 16")."""
    normalized: str
    """The value normalised for comparison ("2024-09-16")."""
    passage_id: str
    snippet: str
    """The sentence the value comes from."""
    snippet_start: int
    """Offset of ``snippet`` in the article text."""
    spans: list[tuple[int, int]] = Field(default_factory=list)
    """Article-text offsets of the differing spans to highlight."""


class DiffOp(BaseModel):
    """One step of a word-level diff between two quotes."""

    model_config = _FROZEN

    op: Literal["equal", "insert", "delete", "replace"]
    a: str
    """Words on the first side."""
    b: str
    """Words on the second side."""


class Disagreement(BaseModel):
    """Two outlets saying different things about the same claim."""

    model_config = _FROZEN

    kind: DisagreementKind
    severity: Severity
    outlets: tuple[str, str]
    sides: tuple[Side, Side]
    explanation: str
    """One line: "The Kyiv Independent says Sept. 16; bne IntelliNews says September 17"."""
    diff: list[DiffOp] = Field(default_factory=list)
    """Word diff, for ``quote`` disagreements."""
    confidence: float = 1.0
    detector: str = ""
    """The rule that raised it ("aligned date", "slot number", "quote variant", "internal count-list", …); the
    harness reports recall and false flags per detector."""
    internal: bool = False
    """True when the contradiction is inside the text: each side's outlet also carries the other statement
    (an article that says "four towns" and lists three), so the outlets' texts, not the outlets, disagree.
    Both ``outlets`` may then name the same outlet."""


class AnswerValue(BaseModel):
    """One outlet's answer to the asked slot, as written and normalised."""

    model_config = _FROZEN

    outlet: str
    article_id: str
    text: str | None = None
    """The value as the text writes it ("a dozen", "Sept. 16"); None when the question asks for no slot."""
    normalized: str | None = None
    """The value normalised for comparison ("12", "2024-09-16")."""
    passage_id: str | None = None
    """The passage the value comes from."""


class AnswerGroup(BaseModel):
    """Outlets whose answers are compatible with each other (``qa.compare.answers``)."""

    model_config = _FROZEN

    value: str | None
    """The group's normalised value (its first member's); None when the question asks for no slot."""
    outlets: list[str]
    """Most relevant first."""
    article_ids: list[str]
    """The articles the answers come from, in the order of ``outlets``."""
    values: list[AnswerValue]
    story_id: str | None = None
    """The story the group's outlets were compared in."""


class CorpusInfo(BaseModel):
    """Which index answered."""

    model_config = _FROZEN

    name: str
    model: str
    n_articles: int
    n_passages: int
    n_outlets: int


class Answer(BaseModel):
    """factqa's answer to one question."""

    model_config = _FROZEN

    question: str
    answer_type: AnswerType = "other"
    outlets: list[OutletAnswer]
    """Answering outlets, most relevant first."""
    silent: list[SilentOutlet]
    """Outlets that covered the answer's stories but do not answer the question."""
    stories: list[StoryRef] = Field(default_factory=list)
    """The stories the question is about, most relevant first (several when it spans more than one)."""
    n_uncovered_outlets: int = 0
    """Outlets of the corpus that did not cover these stories (told as one line, never listed)."""
    disagreements: list[Disagreement] = Field(default_factory=list)
    answers: list[AnswerGroup] = Field(default_factory=list)
    """The answering outlets grouped by compatible answers, per story, largest group first; outlets that give no
    value for the asked slot are in no group."""
    consensus: str | None = None
    """What most answering outlets agree on, and who differs on what."""
    corpus: CorpusInfo
    latency_ms: float
    message: str | None = None
    """Why the answer is empty, when it is (empty question, nothing indexed)."""
