"""Line-level detection of scraped web boilerplate: navigation, newsletter forms, bylines, photo captions
and sidebars (news feeds, "more news" blocks, related-article teasers).

The raw text is kept as it is; each line gets a label, and passages on labelled lines are not evidence.
The rules are generic web-page patterns, not tied to any one site.
"""

from __future__ import annotations

import re

from index.metadata import is_byline, parse_dateline

Label = str  # one of Passage.boilerplate's values

_NAV = re.compile(
    r"^(skip to (main )?content|edit post|menu|search|home|share( this( article)?)?|print|comments?|"
    r"this (audio|article) (is|was) (created|generated|produced) with ai( assistance)?|advertisement|"
    r"dismiss|close|loading\.*|back to top|listen to (this )?article|follow us.*|read more|"
    r"\d+ min(ute)?s? read|photo:.*|image:.*|cookie.*|accept( all)?( cookies)?)$",
    re.IGNORECASE,
)
_MENU_SEPARATOR = re.compile(r"\s+[|•·»›]\s+")


def _is_menu(line: str) -> bool:
    """A menu bar: three or more short items between separators, no sentence in it ("Home | News | Sport")."""
    items = _MENU_SEPARATOR.split(line)
    return len(items) >= 3 and all(0 < len(item.split()) <= 3 and not item.endswith((".", "!", "?")) for item in items)


_NEWSLETTER = re.compile(
    r"(subscribe|newsletter|sign(ed)? up|indicates required|enter (your|correct) e-?mail|e-?mail address|"
    r"successful+y subscribed|confirmation e-?mail|unsubscribe)",
    re.IGNORECASE,
)
_SIDEBAR_HEADING = re.compile(
    r"^(news ?feed|more news|more from .{1,40}|editors'? picks|related( articles| stories| news)?|"
    r"most (read|popular|viewed)|latest( news)?|recommended( for you)?|top stories|trending( now)?|"
    r"you may also like|also read|read also|see also)$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"^(\d{1,2}:\d{2}\s*(AM|PM|am|pm)?|\d+\s+(minutes?|hours?)\s+ago)$")
_CREDIT = re.compile(
    r"(\((?:[^()]*/)?[^()]*(getty|reuters|afp|ap photo|associated press|picture alliance|shutterstock|"
    r"epa|photo|via )[^()]*\)\s*$)|(\s/\s[A-Z][\w.'-]*(?:\s[\w.'-]+){0,3}\s*$)",
    re.IGNORECASE,
)
CUT_OFF = re.compile(r"(?:…|\.\.\.)\s*$")
"""Text that breaks off with an ellipsis: a teaser's blurb, or an excerpt cut mid-sentence (``index.chunk``)."""
_CLOSING = (".", "!", "?", ":", ";", ",", '"', "”", "’", ")")


def _is_short_fragment(line: str) -> bool:
    """A one- or two-word line without sentence punctuation ("News", "Kazakhstan")."""
    return len(line.split()) <= 2 and not line.rstrip().endswith((".", "!", "?", '"', "”"))


def _teaser_headline(lines: list[tuple[int, int, str]], labels: list[Label], i: int) -> int | None:
    """The line of another story's headline right before the cut-off line ``i``, when there is one: a short line
    without closing punctuation that follows the article's own body. A body paragraph cut off by an ellipsis (an
    excerpt that ends mid-sentence) has body text before it, and is body."""
    before = [j for j in range(i) if lines[j][2]]
    if len(before) < 2:
        return None
    prev = before[-1]
    text = lines[prev][2]
    if labels[prev] or len(text.split()) > 16 or text.endswith(_CLOSING):
        return None
    return prev if any(not labels[j] for j in before[:-1]) else None


def label_lines(text: str) -> list[tuple[int, int, Label]]:
    """Return ``(start, end, label)`` for every line of ``text``; label ``""`` means article body.

    Rules, in order: a sidebar heading or a bare timestamp line opens a sidebar that runs to the end of
    the text; navigation (menu items, a menu bar) and newsletter lines; bylines and datelines (``index.metadata``: "*By Jane Roe*",
    "Valley Radio News — March 15, 2026"); photo captions ending in a credit; another story's teaser after
    the body: a headline line, then a blurb cut off by an ellipsis; one- or two-word fragments after the title.
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    labels: list[Label] = [""] * len(lines)
    in_sidebar = False
    seen_title = False
    for i, (_, _, line) in enumerate(lines):
        if not line:
            continue
        if _SIDEBAR_HEADING.match(line) or _TIMESTAMP.match(line):
            in_sidebar = True
        if in_sidebar:
            labels[i] = "newsletter" if _NEWSLETTER.search(line) else "sidebar"
        elif _NAV.match(line) or _is_menu(line):
            labels[i] = "navigation"
        elif _NEWSLETTER.search(line) and len(line) < 200:
            labels[i] = "newsletter"
        elif is_byline(line) or parse_dateline(line):
            labels[i] = "byline"
        elif _CREDIT.search(line) and len(line) < 400:
            labels[i] = "caption"
        elif CUT_OFF.search(line) and (prev := _teaser_headline(lines, labels, i)) is not None:
            labels[i] = labels[prev] = "sidebar"
        elif seen_title and _is_short_fragment(line):
            labels[i] = "navigation"
        seen_title = seen_title or not labels[i]
    return [(start, end, label) for (start, end, _), label in zip(lines, labels, strict=True)]
