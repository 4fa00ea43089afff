"""What the facts layer finds in a text: one ``Mention`` model per date or quantity, with its offsets."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

MentionKind = Literal["date", "quantity"]


class Mention(BaseModel):
    """A fact as written in one text (a sentence, a question): its kind, where it is, its normalised value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: MentionKind
    start: int
    """Offset of its first character in the text it was found in."""
    end: int
    """Offset just past its last character."""
    text: str
    """As written (``text[start:end]``)."""
    normalized: str
    """The value in a form comparable across texts ("2024-09-16", "≈69,200 km")."""
