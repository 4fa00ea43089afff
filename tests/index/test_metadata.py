"""What an article's own text says about it."""

from __future__ import annotations

import datetime as dt

from index.metadata import outlet_from_byline, read_text_metadata


def test_byline_with_date():
    meta = read_text_metadata("Skip to content\nTitle here\nby Nate Ostiller and The Kyiv Independent news desk "
                              "September 17, 2024 1:24 AM\nBody.")
    assert meta.title == "Title here"
    assert meta.byline == "Nate Ostiller and The Kyiv Independent news desk"
    assert meta.published == dt.date(2024, 9, 17)
    assert outlet_from_byline(meta.byline) == "The Kyiv Independent"


def test_abbreviated_month():
    assert read_text_metadata("T\nBy Desk Sept. 3, 2023\n").published == dt.date(2023, 9, 3)


def test_outlet_only_when_the_byline_reads_as_one():
    assert outlet_from_byline("bne IntelliNews") == "bne IntelliNews"
    assert outlet_from_byline("AP") == "AP"
    assert outlet_from_byline("Tamilla Hasanova") is None
    assert outlet_from_byline("Jane Doe and John Roe") is None
    assert outlet_from_byline(None) is None


def test_nothing_is_invented():
    meta = read_text_metadata("Just a line of text.")
    assert meta.byline is None and meta.published is None
