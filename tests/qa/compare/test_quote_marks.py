"""Quote marks are paired by where they stand, whatever their style: scraped news mixes curly and straight ones."""

from __future__ import annotations

from qa.compare.quotes import find_quotes, similarity


def _texts(text: str) -> list[str]:
    return [q.text for q in find_quotes(text)]


def test_a_curly_opening_closed_by_a_straight_mark_is_one_quote_with_its_speaker():
    text = '“The county has spent millions of euros to keep the ferry running all winter," Mayor Ines Dorn said on Radio Vell\'s "Morning Line.'
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["The county has spent millions of euros to keep the ferry running all winter"]
    assert quotes[0].speaker == "Ines Dorn"


def test_straight_and_curly_quotes_pair_as_before():
    assert _texts('Dorn said "the ferry stays" and then “the bridge waits,” adding "no more."') == \
        ["the ferry stays", "the bridge waits", "no more"]
    assert _texts("“The ferry stays,” Dorn said. “The bridge waits.”") == ["The ferry stays The bridge waits"]


def test_inch_marks_and_unclosed_quotes_open_nothing():
    assert _texts('The 12" pipe burst. Then “a quote that never closes. Later “the real one here,” she said.') == \
        ["the real one here"]
    assert _texts('He shouted "stop the pumps\nnow" twice.') == []


def test_one_outlets_mixed_marks_no_longer_hide_a_reworded_quote():
    a = find_quotes('Dorn told Radio Vell the county had to "spend millions of euros to try to keep the ferry running."')
    b = find_quotes('“The county has spent millions of euros to try and keep the ferry running," Dorn said.')
    assert a and b and similarity(a[0].text, b[0].text) >= 0.5
