"""Extractors on tricky cases: name variants, roles, split quotes, quote variants."""

from qa.facts.entities import find_entities, resolve, roles, same_entity
from qa.compare.quotes import find_quotes, is_same_wording, similarity, word_diff


def test_name_variants():
    assert same_entity("Ana-Tili", "Ana Tili")
    assert same_entity("Kiev", "Kyiv")
    assert same_entity("Scholz", "Olaf Scholz")
    assert same_entity("Zürich", "Zurich")
    assert not same_entity("Paul Seadlund", "Peter Seadlund")
    assert not same_entity("Herschel HaLevi", "Herschel Levi")


def test_role_resolves_the_description_to_the_name():
    text = "Kazakh President Kassym-Jomart Tokayev met German Chancellor Olaf Scholz."
    assert resolve("the German chancellor", roles(text)) == "Olaf Scholz"
    assert [e.text for e in find_entities("The talks ended. Mr Scholz left Astana.")][-1] == "Astana"


def test_quote_split_across_sentences_and_interrupted_is_one_quote_with_speaker():
    text = ('Chancellor Olaf Scholz arrived. “We agree. Trade will grow,” he said. “Sanctions stay.” '
            'Then Ana Smith spoke.')
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text == "We agree. Trade will grow Sanctions stay"
    assert quotes[0].speaker == "Olaf Scholz" and len(quotes[0].spans) == 2


def test_quote_variants_translation_versus_truncation():
    a = "Russia is militarily invincible, and Ukraine hopes to survive the war with the help of its Western allies"
    b = "Russia is militarily invincible, and Ukraine hopes, with the help of Western allies, to withstand the war"
    assert similarity(a, b) >= 0.5 and not is_same_wording(a, b)
    assert is_same_wording("Russia cannot be defeated in the military sense",
                           "It is a fact that Russia cannot be defeated in the military sense")
    ops = word_diff(a, b)
    assert any(op.op != "equal" and "withstand" in op.b for op in ops)


