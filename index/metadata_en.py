"""English words the metadata rules (``index.metadata``) read article heads with: data only, no code.

Kept apart from the rules, like spaCy's ``lang/en`` data, so another language is a second module of the
same names plus its examples in the tests.
"""

from __future__ import annotations

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
"""Month names and abbreviations, as a regex alternation."""

WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
"""Weekday names and abbreviations, as a regex alternation (a dateline may print one before the date)."""

BYLINE_WORD = "by"
"""The word a byline opens with ("By Jane Roe")."""

NAV_LINES = frozenset({"skip to content", "edit post", "menu", "home"})
"""Lines of scraped navigation that are never a title."""

MEDIA_WORDS = frozenset({
    "news", "radio", "tv", "television", "times", "post", "ledger", "herald", "journal", "gazette", "tribune",
    "daily", "press", "chronicle", "observer", "courier", "telegraph", "guardian", "review", "wire", "media",
    "network", "broadcasting", "broadcast", "independent", "mail", "express", "mirror", "monitor", "standard",
    "record", "dispatch", "bulletin", "weekly", "magazine", "agency", "newspaper", "newswire", "channel",
    "inquirer", "examiner", "sentinel", "register", "argus", "advertiser", "insider", "report",
})
"""Words that mark a name as a news outlet's ("Valley Radio News", "Northern Ledger"); lower case."""

NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "on", "de", "la", "le", "el", "al", "du", "der", "van"})
"""Lower-case words allowed inside a proper name ("The Voice of the Valley")."""

ROLE_WORDS = frozenset({
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
    "contributor", "columnist", "photographer", "producer", "bureau", "chief", "senior", "special", "desk",
})
"""Words that name a byline's role, not an outlet ("Staff Writer", "Senior Correspondent"); lower case."""
