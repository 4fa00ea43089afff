"""Content stems: the words relevance and comparison match on."""

from qa.facts.text import content_stems


def test_a_hyphenated_word_also_names_its_parts():
    stems = content_stems("The H5N1-linked Norovirus-2 outbreak hit Lisbon-Porto trains.")
    assert {"norovir", "lisbon", "porto"} <= stems
    assert "2" not in stems and not {s for s in stems if s.isdigit()}
    assert content_stems("a well-known fact") >= {"well", "know", "fact"}


def test_a_dotted_initialism_is_one_word():
    assert content_stems("U.S. troops left") == content_stems("US troops left") == {"us", "troop", "left"}
    assert "dc" in content_stems("a rally in Washington, D.C., on Saturday")
