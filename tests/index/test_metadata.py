"""What an article's own text says about it."""

from __future__ import annotations

import datetime as dt

from index.metadata import (
    is_byline, parse_dateline, plain_line, read_text_metadata, split_byline,
)


def test_byline_with_date():
    meta = read_text_metadata("Skip to content\nTitle here\nby Nate Ostiller and The Kyiv Independent news desk "
                              "September 17, 2024 1:24 AM\nBody.")
    assert meta.title == "Title here"
    assert meta.byline == "Nate Ostiller and The Kyiv Independent news desk"
    assert meta.published == dt.date(2024, 9, 17)
    assert split_byline(meta.byline)[1] == "The Kyiv Independent"


def test_abbreviated_month():
    assert read_text_metadata("T\nBy Desk Sept. 3, 2023\n").published == dt.date(2023, 9, 3)


def test_outlet_only_when_the_byline_reads_as_one():
    assert split_byline("bne IntelliNews")[1] == "bne IntelliNews"
    assert split_byline("AP")[1] == "AP"
    assert split_byline("Tamilla Hasanova")[1] is None
    assert split_byline("Jane Doe and John Roe")[1] is None
    assert split_byline(None)[1] is None


def test_nothing_is_invented():
    meta = read_text_metadata("Just a line of text.")
    assert meta.byline is None and meta.published is None


# Corpus of the rules (duckling-style): every line below is run through every rule it could match.

DATELINES = {  # line -> (outlet, date) it must read as
    "Valley Radio News — March 15, 2026": ("Valley Radio News", dt.date(2026, 3, 15)),
    "Valley Radio News—March 15, 2026": ("Valley Radio News", dt.date(2026, 3, 15)),
    "Northern Ledger | Sunday, 15 March 2026": ("Northern Ledger", dt.date(2026, 3, 15)),
    "The Harbour Gazette - Mar. 3, 2025, 9:40 AM": ("The Harbour Gazette", dt.date(2025, 3, 3)),
    "Voice of the Delta Broadcasting – 2024-11-02": ("Voice of the Delta Broadcasting", dt.date(2024, 11, 2)),
    "March 15, 2026 — Lakeside Times": ("Lakeside Times", dt.date(2026, 3, 15)),
    "*Valley Radio News — March 15, 2026*": ("Valley Radio News", dt.date(2026, 3, 15)),
    "AP — Sept. 9, 2023": ("AP", dt.date(2023, 9, 9)),
}
NOT_DATELINES = [
    "Rain — and more rain — expected",
    "Bridge fails — what we know",
    "Prices rose 3% — the most since March 15, 2026",
    "The vote — March 15, 2026",
    "KYIV — March 15, 2026",  # a place, not an outlet
    "Valley Radio News — March 15, 2026 — Bridge fails",
    "Valley Radio News — Marchember 15, 2026",
    "Valley Radio News — February 30, 2026",
    "Valley Radio News",
    "Valley Radio News Staff Writer — March 15, 2026",
]


def test_dateline_corpus():
    for line, expected in DATELINES.items():
        assert parse_dateline(line) == expected, line
    for line in NOT_DATELINES:
        assert parse_dateline(line) is None, line


BYLINES = [
    "By Jane Roe | Reuters",
    "*By Ingrid Saar, Northern Ledger*",
    "**By Ingrid Saar**",
    "by Nate Ostiller and The Kyiv Independent news desk September 17, 2024 1:24 AM 2 min read",
    "By Jane Roe and John Doe, Staff Writers.",
    "BY PAT LEE",
]
NOT_BYLINES = [
    "By Monday, the bridge had collapsed.",
    "By contrast, prices in the north rose sharply.",
    "Byron Bay council met on Tuesday.",
    "Written by Jane Roe",
    "Bridge fails",
]


def test_byline_corpus():
    for line in BYLINES:
        assert is_byline(line), line
    for line in NOT_BYLINES:
        assert not is_byline(line), line


def test_bylines_split_into_author_and_outlet():
    assert split_byline("Jane Roe | Reuters") == ("Jane Roe", "Reuters")
    assert split_byline("Ingrid Saar, Northern Ledger") == ("Ingrid Saar", "Northern Ledger")
    assert split_byline("Jane Roe, London") == ("Jane Roe, London", None)  # a place is no outlet
    assert split_byline("Jane Roe, Staff Writer") == ("Jane Roe, Staff Writer", None)
    assert split_byline("Jane Roe | Senior Correspondent") == ("Jane Roe | Senior Correspondent", None)
    assert split_byline("Nate Ostiller and The Kyiv Independent news desk") == (None, "The Kyiv Independent")
    assert split_byline("Tamilla Hasanova") == ("Tamilla Hasanova", None)


def test_plain_line_drops_markdown_marks_only():
    assert plain_line("# Bridge fails") == "Bridge fails"
    assert plain_line("### Bridge fails ##") == "Bridge fails"
    assert plain_line("**Bridge fails**") == "Bridge fails"
    assert plain_line("#1 seed wins") == "#1 seed wins"  # no space after '#': not a heading
    assert plain_line("* indicates required") == "* indicates required"  # a lone star is no emphasis


def test_dateline_first_line_gives_outlet_and_date_not_title():
    meta = read_text_metadata("Valley Radio News — March 15, 2026\n# Bridge fails\n\nThe old bridge collapsed.")
    assert meta.outlet == "Valley Radio News"
    assert meta.published == dt.date(2026, 3, 15)
    assert meta.title == "Bridge fails"


def test_dateline_under_the_title_and_byline_first():
    meta = read_text_metadata("By Jane Roe | Reuters\n\n## Harbour reopens\nLakeside Times — 2 May 2025\nBody text.")
    assert meta.title == "Harbour reopens"
    assert meta.outlet == "Lakeside Times"  # the dateline names the outlet before the byline does
    assert meta.author == "Jane Roe"
    assert meta.published == dt.date(2025, 5, 2)


def test_headline_with_a_dash_is_a_title_not_a_dateline():
    meta = read_text_metadata("Rain — and more rain — expected\nForecasters said so on Monday.")
    assert meta.title == "Rain — and more rain — expected"
    assert meta.outlet is None and meta.published is None


def test_dateline_deep_in_the_body_is_not_read():
    text = "Title\n" + "\n".join(f"Body sentence {n}." for n in range(6)) + "\nValley Radio News — March 15, 2026\n"
    meta = read_text_metadata(text)
    assert meta.outlet is None and meta.published is None
