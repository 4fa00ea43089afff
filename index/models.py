"""Value records of the index layer: articles, passages, search hits and the on-disk manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 6
"""Version of the on-disk index layout; bumped whenever a file's meaning changes (5: a sentence an excerpt breaks
off is searchable, trimmed of its untrustworthy end; 6: a dotted initialism, "U.S.", is one term, "us")."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


def text_hash(text: str) -> str:
    """Return the hex sha256 of ``text`` (UTF-8), used for content identity and embedding caches."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Article(BaseModel):
    """One news article as ingested: its metadata and its full raw text."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    """Document id: the manifest id, the JSONL id, or the file stem."""
    outlet: str
    """Outlet that published it ("The Kyiv Independent"); the file name when nothing better is known."""
    title: str = ""
    """Headline; the first line of the text when no metadata gives one."""
    url: str | None = None
    """Public address, when known."""
    published: dt.date | None = None
    """Publication date, when known; never invented."""
    published_inferred: bool = False
    """True when the date was derived from the text rather than printed as the publication date."""
    author: str | None = None
    """Byline, when known."""
    text: str
    """The article text exactly as stored; passage offsets index into it."""
    source: str = ""
    """Where it came from (file path, or path:line for JSONL)."""

    @property
    def content_hash(self) -> str:
        """Hash of everything that defines the article's indexed content."""
        return text_hash(self.model_dump_json(exclude={"source"}))


class Passage(BaseModel):
    """A retrievable unit: one sentence of an article, with the neighbour window it is embedded with."""

    model_config = _FROZEN

    id: str
    """``"{article_id}#{n}"``."""
    article_id: str
    n: int = Field(ge=0)
    """Position of the passage within its article."""
    start: int = Field(ge=0)
    """Character offset of the sentence in ``Article.text``."""
    end: int = Field(ge=0)
    """End offset (exclusive) of the sentence."""
    window_start: int = Field(ge=0)
    """Start of the neighbour window that is embedded and BM25-indexed."""
    window_end: int = Field(ge=0)
    """End of that window (exclusive)."""
    text: str
    """The sentence itself (``Article.text[start:end]``, stripped of surrounding whitespace)."""
    window: str
    """The window text (``Article.text[window_start:window_end]``)."""
    boilerplate: Literal["", "navigation", "newsletter", "sidebar", "caption", "byline", "headline", "cut"] = ""
    """Why the passage is not plain article body; empty when it is ("headline": a headline the body repeats as its
    first sentence, so it is no separate snippet; "cut": a sentence an excerpt breaks off with an ellipsis, cut
    back to the words that can be trusted, ``index.chunk.trusted_end``: searchable evidence, but not part of the
    article's lead, which places it in a story)."""

    @property
    def is_evidence(self) -> bool:
        """True when the passage is searchable evidence: article body, or a sentence an excerpt breaks off."""
        return not self.boilerplate or self.boilerplate == "cut"

    @property
    def is_body(self) -> bool:
        """True when the passage is plain article body (what an article's lead vector is made of)."""
        return not self.boilerplate


class Hit(BaseModel):
    """One retrieved passage with the scores that ranked it."""

    model_config = _FROZEN

    passage_id: str
    article_id: str
    score: float
    """Fused score used for ranking (higher is better)."""
    dense: float | None = None
    """Cosine similarity of the question and the passage window; None if not retrieved densely."""
    bm25: float | None = None
    """BM25 score; None if not retrieved by BM25."""


class Story(BaseModel):
    """One event as the index groups its reports: the articles, outlets and independent sources of a story."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    """Stable id: ``"s-"`` + the start of the founding article's content hash (the same input gives the same ids)."""
    title: str
    """Headline of its earliest article."""
    article_ids: list[str]
    """Its articles in publication order (undated ones last, then in index order)."""
    outlets: list[str]
    """Distinct outlets, in the order of their first article."""
    first_published: dt.date | None = None
    """Earliest publication date of its articles; None when none is dated."""
    last_published: dt.date | None = None
    """Latest publication date of its articles; None when none is dated."""
    sources: list[list[str]]
    """Article ids grouped by independent report: copies of one wire story (near-identical bodies) share a group."""

    @property
    def n_independent(self) -> int:
        """How many independent reports the story has (copies of one wire story count once)."""
        return len(self.sources)


class IndexManifest(BaseModel):
    """``manifest.json`` of one index snapshot."""

    model_config = _FROZEN

    schema_version: int = SCHEMA_VERSION
    model: str
    """Encoder identity: name plus weights digest."""
    dimension: int
    n_articles: int
    n_passages: int
    created: dt.datetime
    files: dict[str, str] = Field(default_factory=dict)
    """sha256 of every data file of the snapshot, by file name."""
    sizes: dict[str, int] = Field(default_factory=dict)
    """Size in bytes of every data file (opening checks the large files by size, ``IndexStore.load``)."""
