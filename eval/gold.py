"""Gold answers (format: ``../shared/eval/README.md``) as pydantic models, loaded with line-level errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.models import Article

GoldKind = Literal["date", "number", "entity", "claim", "quote", "any"]


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file, line and field."""


class GoldDocument(BaseModel):
    """A document carried inline by a gold item (the item is answered against these alone)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1)
    outlet: str
    text: str
    title: str = ""
    published: dt.date | None = None
    url: str | None = None

    def to_article(self) -> Article:
        """The document as an ``Article``."""
        return Article(id=self.id, outlet=self.outlet, title=self.title, url=self.url, published=self.published,
                       text=self.text, source=f"gold:{self.id}")


class GoldAnswer(BaseModel):
    """How one document answers."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    evidence: list[str] = Field(min_length=1)
    """Exact substrings of the document that answer."""
    short: str = ""


class GoldConflict(BaseModel):
    """A pair of documents whose answers disagree."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: GoldKind
    outlets: tuple[str, str]
    """Document ids (the format calls them outlets)."""
    note: str = ""


class GoldNotConflict(BaseModel):
    """A pair that must not be flagged with a factual (major) disagreement."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    outlets: tuple[str, str]
    note: str = ""


class GoldItem(BaseModel):
    """One gold question."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1)
    question: str
    documents: list[GoldDocument] | None = None
    answers: dict[str, GoldAnswer] = Field(default_factory=dict)
    silent: list[str] = Field(default_factory=list)
    optional: list[str] = Field(default_factory=list)
    conflicts: list[GoldConflict] = Field(default_factory=list)
    not_conflicts: list[GoldNotConflict] = Field(default_factory=list)
    paraphrases: list[str] = Field(default_factory=list)
    """Other wordings of the question, with the same gold (scored as ``<id>~pN``, see ``with_paraphrases``)."""


def with_paraphrases(items: list[tuple[str, GoldItem]]) -> list[tuple[str, GoldItem]]:
    """Every ``(gold file, item)`` followed by one item per rewording in its ``paraphrases``: the same gold
    asked as ``paraphrases[N-1]``, with id ``<id>~pN`` (N from 1). Raise ``GoldError`` when such an id is
    already an item of the same file."""
    taken = {(gold, item.id) for gold, item in items}
    out = []
    for gold, item in items:
        out.append((gold, item))
        for n, question in enumerate(item.paraphrases, start=1):
            rid = f"{item.id}~p{n}"
            if (gold, rid) in taken:
                raise GoldError(f"{gold}: id: paraphrase {n} of {item.id!r} would be {rid!r}, already an item")
            out.append((gold, item.model_copy(update={"id": rid, "question": question, "paraphrases": []})))
    return out


def load_gold(path: Path) -> list[GoldItem]:
    """Read a gold JSONL file; raise ``GoldError`` naming the line and field of the first bad line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from None
    items, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = GoldItem.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "line"
            raise GoldError(f"{path}:{number}: {field}: {first['msg']}") from None
        if item.id in seen:
            raise GoldError(f"{path}:{number}: id: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise GoldError(f"{path}: no gold items")
    return items
