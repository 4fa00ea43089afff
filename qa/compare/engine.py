"""Entry point of the comparison engine (filled in by the comparison issue)."""

from __future__ import annotations

from index.store import Index
from qa.models import AnswerType, Disagreement, OutletAnswer


def compare(question: str, kind: AnswerType, outlets: list[OutletAnswer],
            index: Index) -> tuple[list[Disagreement], str | None]:
    """Return the disagreements between ``outlets`` and a consensus line."""
    return [], None
