"""Term normalisation for BM25 and term matching: irregular English word forms, then Snowball stemming.

Snowball leaves irregular forms apart ("told" vs "tell", "said" vs "say", "men" vs "man"), which hides
that a sentence reporting what someone *told* answers a question about what they *tell*. The table maps
common irregular verb forms and plurals to their base form before stemming.
"""

from __future__ import annotations

from functools import lru_cache

_IRREGULAR = """
arise arose arisen|awake awoke awoken|be was were been being is are am|bear bore borne born|beat beaten|
become became|begin began begun|bend bent|bet|bid|bind bound|bite bit bitten|bleed bled|blow blew blown|
break broke broken|breed bred|bring brought|build built|burn burnt|buy bought|catch caught|choose chose chosen|
come came|cost|cut|deal dealt|dig dug|do did done does|draw drew drawn|dream dreamt|drink drank drunk|
drive drove driven|eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|find found|flee fled|fly flew flown|
forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|
give gave given|go went gone goes|grow grew grown|hang hung|have had has|hear heard|hide hid hidden|hit|hold held|
hurt|keep kept|know knew known|lay laid|lead led|leave left|lend lent|let|lie lay lain|lose lost|make made|
mean meant|meet met|pay paid|put|quit|read|ride rode ridden|ring rang rung|rise rose risen|run ran|say said says|
see saw seen|seek sought|sell sold|send sent|set|shake shook shaken|shoot shot|show showed shown|shut|sing sang sung|
sink sank sunk|sit sat|sleep slept|speak spoke spoken|spend spent|stand stood|steal stole stolen|stick stuck|
strike struck|swear swore sworn|sweep swept|swim swam swum|take took taken|teach taught|tear tore torn|tell told|
think thought|throw threw thrown|understand understood|wake woke woken|wear wore worn|win won|withdraw withdrew withdrawn|
write wrote written|man men|woman women|child children|person people|foot feet|tooth teeth|mouse mice
"""


@lru_cache(maxsize=1)
def _base_forms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _IRREGULAR.replace("\n", "").split("|"):
        words = group.split()
        for form in words[1:]:
            table.setdefault(form, words[0])
    return table


@lru_cache(maxsize=1)
def _snowball():
    import Stemmer

    return Stemmer.Stemmer("english")


def normalise_words(words: list[str]) -> list[str]:
    """Map irregular forms to their base form, then Snowball-stem (the callable bm25s expects)."""
    base = _base_forms()
    return _snowball().stemWords([base.get(w, w) for w in words])
