"""Metadata a plain article text gives about itself: title line, byline, dateline.

Used only where no manifest or HTML metadata says otherwise; returns ``None`` rather than guessing.
The rules are general patterns over the first lines of a text; the words they use (months, outlet words,
byline roles) live in ``index.metadata_en``. Rules:

- a **dateline** is a whole line "OUTLET — DATE" or "DATE — OUTLET" (dash, en dash, spaced hyphen or pipe),
  where OUTLET reads as an outlet's name (``reads_as_outlet``): it gives the outlet and the date;
- a **byline** is a line opening with "By" that does not read as a sentence ("By Monday, the bridge had
  collapsed." is body text); "NAME | OUTLET" and "NAME, OUTLET" split into author and outlet;
- the **title** is the first line that is none of these nor navigation, without Markdown marks.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict

from index.metadata_en import (
    BYLINE_WORD, MEDIA_WORDS, MONTHS, NAME_CONNECTORS, NAV_LINES, ROLE_WORDS, WEEKDAYS,
)

_WEEKDAY = rf"(?:(?:{WEEKDAYS})\.?,?\s+)"
_DATE_BODY = (rf"{_WEEKDAY}?(?:(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}}"
              r"|\d{4}-\d{2}-\d{2})")
_DATE = rf"(?P<date>{_DATE_BODY})"
_TIME = r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?)?"
_SEP = r"(?:\s+[-—–|·•]\s+|\s*[—–|]\s*)"
_NAME = r"(?P<name>[^—–|·•\n]{1,80}?)"
_DATELINE = (re.compile(rf"{_NAME}{_SEP}{_DATE}{_TIME}", re.IGNORECASE),
             re.compile(rf"{_DATE}{_TIME}{_SEP}{_NAME}", re.IGNORECASE))
_BYLINE_DATE = re.compile(rf"^(?P<who>.+?)(?:\s*[|,·—–]\s*|\s+-\s+|\s+){_DATE}", re.IGNORECASE)
_BYLINE_OPEN = re.compile(rf"^{BYLINE_WORD}\s+(?P<who>\S.{{0,150}})$", re.IGNORECASE)
_HEADING = re.compile(r"#{1,6}\s+")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<inner>\S(?:.*\S)?)\1$")
_SENTENCE_END = ('.', '!', '?', '"', '”')
_ACRONYM = re.compile(r"[A-Z]{2,3}")
MAX_DATELINE_CHARS = 160
"""Longer lines are never datelines (and are not run through the dateline patterns)."""
DATELINE_LINES = 4
"""A dateline is looked for in this many first lines (navigation and blank lines not counted)."""
_DESK = (re.compile(r"\band\s+((?:The\s+)?[A-Z][\w.&' -]+?)\s+news desk\b"),
         re.compile(r"^((?:The\s+)?[A-Z][\w.&' -]+?)\s+news desk\b"))


class TextMetadata(BaseModel):
    """What the text itself says about the article; any field may be unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = None
    """First line that is not navigation, a byline or a dateline, without Markdown marks."""
    byline: str | None = None
    """Who the byline names ("Nate Ostiller and The Kyiv Independent news desk")."""
    published: dt.date | None = None
    """Date printed on the dateline or the byline line."""
    outlet: str | None = None
    """Outlet the dateline or the byline names."""
    author: str | None = None
    """The person (or people) the byline names, without the outlet."""


def plain_line(line: str) -> str:
    """``line`` stripped, without a Markdown heading mark or emphasis around all of it ("# T", "*By X*")."""
    text = line.strip()
    if heading := _HEADING.match(text):
        text = text[heading.end():]
        closing = text.rstrip("#")
        if closing != text and closing[-1:].isspace():  # "# Title ##": the closing marks go too
            text = closing
        text = text.strip()
    while match := _EMPHASIS.match(text):
        text = match.group("inner").strip()
    return text


def parse_date(text: str) -> dt.date | None:
    """Read a printed date ("March 15, 2026", "Sun, 15 Mar 2026", "2026-03-15"); ``None`` if it is none."""
    cleaned = re.sub(rf"^{_WEEKDAY}", "", text.strip(), flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.replace(".", " ").replace(",", " ").split()).replace("Sept ", "Sep ")
    for fmt in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def reads_as_outlet(name: str) -> bool:
    """True when ``name`` is a proper name with an outlet word ("Valley Radio News") or a short acronym ("AP").

    A proper name: one to six words, each capitalised (or a connector such as "of"), none ending a sentence.
    """
    words = name.split()
    if not 1 <= len(words) <= 6 or any(w[-1] in ".,;:!?" for w in words):
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in NAME_CONNECTORS for w in words):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    lower = {w.lower().strip("'’") for w in words}
    if lower & ROLE_WORDS:
        return False
    return bool(lower & MEDIA_WORDS) or (len(words) == 1 and _ACRONYM.fullmatch(words[0]) is not None)


def parse_dateline(line: str) -> tuple[str, dt.date] | None:
    """Return ``(outlet, date)`` for a dateline line ("Valley Radio News — March 15, 2026"), else ``None``."""
    text = plain_line(line)
    if len(text) > MAX_DATELINE_CHARS:
        return None
    for pattern in _DATELINE:
        match = pattern.fullmatch(text)
        if match:
            name = match.group("name").strip()
            published = parse_date(match.group("date"))
            if published is not None and reads_as_outlet(name):
                return name, published
    return None


def is_byline(line: str) -> bool:
    """True for a byline line ("By Jane Roe | Reuters", "*By Ingrid Saar, Northern Ledger*").

    A line opening with "By" that ends like a sentence and has three or more lower-case words is body text
    ("By Monday, the bridge had collapsed.").
    """
    match = _BYLINE_OPEN.match(plain_line(line))
    if not match or len(match.group("who").split()) > 24:
        return False
    who = match.group("who")
    lower = [w for w in re.findall(r"[^\W\d]+", who) if w.islower() and w not in NAME_CONNECTORS]
    return not (who.rstrip().endswith(_SENTENCE_END) and len(lower) >= 3)


def _byline_parts(line: str) -> tuple[str, dt.date | None]:
    """The names of a byline line and the date printed on it."""
    who = _BYLINE_OPEN.match(plain_line(line)).group("who").strip()  # type: ignore[union-attr]
    if match := _BYLINE_DATE.match(who):
        published = parse_date(match.group("date"))
        if published is not None:
            return match.group("who").strip(" |,·—–-"), published
    return who, None


def split_byline(byline: str | None) -> tuple[str | None, str | None]:
    """Return ``(author, outlet)`` of a byline's names; either may be ``None``.

    "Jane Roe | Reuters" and "Ingrid Saar, Northern Ledger" split at the last separator (after a comma the
    tail must read as an outlet); "... and The Daily news desk" names the outlet; a lone brand ("bne
    IntelliNews", "AP") is an outlet; anything else is a person.
    """
    if not byline:
        return None, None
    for pattern in _DESK:
        if desk := pattern.search(byline):
            return None, desk.group(1).strip()
    if "|" in byline:
        head, _, tail = byline.rpartition("|")
        tail, head = tail.strip(), head.strip(" |")
        words = tail.split()
        if head and 1 <= len(words) <= 5 and words[0][0].isupper() and not {w.lower() for w in words} & ROLE_WORDS:
            return head, tail
    if "," in byline:
        head, _, tail = byline.rpartition(",")
        if head.strip() and reads_as_outlet(tail.strip()):
            return head.strip(), tail.strip()
    words = byline.split()
    # A single name-like phrase with a lowercase-prefixed brand ("bne IntelliNews") or all caps reads as an
    # outlet; "Firstname Lastname" is a person and is not taken as an outlet.
    if len(words) <= 4 and " and " not in byline and any(w[0].islower() or w.isupper() for w in words):
        return None, byline.strip()
    return byline.strip(), None


def read_text_metadata(text: str) -> TextMetadata:
    """Extract title, dateline (outlet, date) and byline (author, outlet, date) from an article text.

    The title and dateline come from the head (first 3,000 characters); a byline with a date from the head,
    else the first byline anywhere that names someone with a capital letter.
    """
    head = text[:3000]
    title = dateline = None
    lines = [plain for plain in map(plain_line, head.splitlines()) if plain and plain.lower() not in NAV_LINES]
    for n, plain in enumerate(lines):
        found = parse_dateline(plain) if n < DATELINE_LINES else None
        dateline = dateline or found
        if title is None and found is None and not is_byline(plain):
            title = plain[:300]
        if title is not None and n + 1 >= DATELINE_LINES:
            break
    byline = published = None
    bylines = [line for line in text.splitlines() if is_byline(line)]
    for line in bylines:
        who, when = _byline_parts(line)
        if when is not None and text.find(line) < len(head):
            byline, published = who, when
            break
    else:
        byline = next((w for w, _ in map(_byline_parts, bylines) if w[:1].isupper() and len(w) <= 80), None)
    author, byline_outlet = split_byline(byline)
    return TextMetadata(
        title=title,
        byline=byline,
        published=(dateline and dateline[1]) or published,
        outlet=(dateline and dateline[0]) or byline_outlet,
        author=author,
    )
