"""Line labels for scraped boilerplate."""

from __future__ import annotations

from index.boilerplate import label_lines


def _labels(text: str) -> list[str]:
    return [label for start, end, label in label_lines(text) if text[start:end].strip()]


def test_navigation_newsletter_byline_caption():
    text = "\n".join([
        "Skip to content",
        "Leader says the war cannot be won",
        "By Jane Doe and The Daily news desk March 3, 2024 1:24 AM",
        "Officials meet in the capital on March 2, 2024. (Jane Roe/Reuters)",
        "The leader told reporters that talks would continue.",
        "Enter your email to subscribe",
        "* indicates required",
    ])
    assert _labels(text) == ["navigation", "", "byline", "caption", "", "newsletter", "newsletter"]


def test_feed_and_more_news_sidebars_run_to_the_end():
    text = "Headline\nBody sentence one.\nMore news\nUnrelated story headline.\nUnrelated body.\n"
    assert _labels(text) == ["", "", "sidebar", "sidebar", "sidebar"]
    feed = "Headline\nBody.\n9:25 PM\nSomething else happened.\n"
    assert _labels(feed) == ["", "", "sidebar", "sidebar"]


def test_teaser_with_ellipsis_and_its_headline():
    text = "Headline\nBody sentence.\nOther story title\nOther story begins and is cut off…\n"
    assert _labels(text) == ["", "", "sidebar", "sidebar"]


def test_an_excerpt_cut_off_by_an_ellipsis_stays_body():
    cut = "Headline\nThe council voted on Monday to close the pier.\nThe mayor said repairs would cost more than the…\n"
    assert _labels(cut) == ["", "", ""]
    assert _labels("Headline\nThe council voted on Monday to close the pier, and the mayor said that…\n") == ["", ""]
    short_paragraph = "Headline\nThe pier is closed.\nIt was built in 1902\nand the council says it will not…\n"
    assert _labels(short_paragraph) == ["", "", "sidebar", "sidebar"]  # a headline-like line then a cut blurb


def test_body_sentences_mentioning_newsletter_words_in_long_lines_stay_body():
    long_line = "The minister said " + "very " * 60 + "that subscribers to the service would pay more."
    assert _labels("Headline\n" + long_line) == ["", ""]


def test_markdown_bylines_and_datelines_are_not_body():
    text = "\n".join([
        "Valley Radio News — March 15, 2026",
        "# Bridge fails",
        "*By Ingrid Saar, Northern Ledger*",
        "By Jane Roe | Reuters",
        "The old bridge over the river collapsed on Monday.",
    ])
    assert _labels(text) == ["byline", "", "byline", "byline", ""]


def test_sentences_opening_with_by_and_headlines_with_dashes_stay_body():
    text = "\n".join([
        "Rain — and more rain — expected",
        "By Monday, the river had risen by two metres.",
        "By contrast, the hills stayed dry all week.",
    ])
    assert _labels(text) == ["", "", ""]


def test_a_menu_bar_is_navigation_but_a_sentence_with_a_bar_is_not():
    text = "Home | News | Sport | Weather\nHeadline\nThe mayor | said the pier reopens in May, after repairs.\n"
    assert _labels(text) == ["navigation", "", ""]
    assert _labels("Headline\nPolitics · World · Business\nBody sentence.\n") == ["", "navigation", ""]
