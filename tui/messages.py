"""App-wide messages: results of the workers and requests that cross screens."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from qa.models import Answer


class ServiceLoaded(Message):
    """The corpus and model finished loading in a worker."""

    def __init__(self, service, index_dir: Path | None) -> None:
        super().__init__()
        self.service = service
        self.index_dir = index_dir


class LoadProgress(Message):
    """First-use indexing progress while the service loads (passages encoded of total)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class LoadStage(Message):
    """The service opening moved to a new stage ("Loading the language model…"), shown on the status line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class AnswerReady(Message):
    """An ask worker produced an answer."""

    def __init__(self, answer: Answer) -> None:
        super().__init__()
        self.answer = answer


class IngestProgress(Message):
    """Passages encoded so far by an ingest from the UI."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class IngestDone(Message):
    """An ingest finished; ``summary`` says what it did."""

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary


class OpenArticle(Message):
    """Show ``article_id`` scrolled to ``start``..``end`` with ``spans`` (article offsets) highlighted."""

    def __init__(self, article_id: str, start: int, end: int, spans: list[tuple[int, int]] | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.start = start
        self.end = end
        self.spans = spans or []
