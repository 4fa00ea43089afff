"""Metadata a plain article text gives about itself: title line, byline, dateline.

Used only where no manifest or HTML metadata says otherwise; returns ``None`` rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = rf"(?P<date>(?:{_MONTHS})\.? \d{{1,2}}, \d{{4}})"
_BYLINE = re.compile(rf"^\s*by\s+(?P<who>.+?)\s+{_DATE}", re.IGNORECASE | re.MULTILINE)
_BYLINE_ALONE = re.compile(r"^\s*(?i:by)\s+(?P<who>[A-Z][^\n]{1,80}?)\s*$", re.MULTILINE)
_NAV_LINES = {"skip to content", "edit post", "menu", "home"}


class TextMetadata(BaseModel):
    """What the text itself says about the article; any field may be unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = None
    """First line that is not navigation."""
    byline: str | None = None
    """Who the byline names ("Nate Ostiller and The Kyiv Independent news desk")."""
    published: dt.date | None = None
    """Date printed on the byline line."""


def _parse_date(text: str) -> dt.date | None:
    cleaned = text.replace(".", "").replace("Sept ", "Sep ")
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def read_text_metadata(text: str) -> TextMetadata:
    """Extract title, byline and byline date from the head of an article text."""
    head = text[:3000]
    title = None
    for line in head.splitlines():
        stripped = line.strip()
        if stripped and stripped.lower() not in _NAV_LINES:
            title = stripped[:300]
            break
    byline = published = None
    if match := _BYLINE.search(head):
        byline = match.group("who").strip()
        published = _parse_date(match.group("date"))
    elif match := _BYLINE_ALONE.search(text):
        byline = match.group("who").strip()
    return TextMetadata(title=title, byline=byline, published=published)


def outlet_from_byline(byline: str | None) -> str | None:
    """Return the outlet a byline names, when it names one alone or as "news desk" ("By bne IntelliNews")."""
    if not byline:
        return None
    desk = re.search(r"\band\s+((?:The\s+)?[A-Z][\w.&' -]+?)\s+news desk\b", byline) or re.search(
        r"^((?:The\s+)?[A-Z][\w.&' -]+?)\s+news desk\b", byline)
    if desk:
        return desk.group(1).strip()
    words = byline.split()
    # A single name-like phrase with a lowercase-prefixed brand ("bne IntelliNews") or all caps reads as an
    # outlet; "Firstname Lastname" is a person and is not taken as an outlet.
    if len(words) <= 4 and " and " not in byline and any(w[0].islower() or w.isupper() for w in words):
        return byline.strip()
    return None
