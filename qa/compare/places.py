"""Sovereign countries named in text, from ISO 3166 (pycountry) plus the short names people write.

"southern Venezuela" → VE; "New Mexico", "the Gulf of Mexico" and "Mexico City" are not Mexico (a name joined
to a capitalised word before or after is another place); "Scotland" is in GB. Dependent territories (Puerto
Rico, Greenland, Hong Kong, …) and names that are often something else ("Georgia", "Jordan", "Chad") are
left out, so that two mentions with different codes are two different countries.
"""

from __future__ import annotations

import functools
import re

import pycountry

from qa.facts import lang
from qa.facts.entities import Entity
from qa.facts.text import STOPWORDS

_TERRITORIES = lang.wordset("places.territories")
_AMBIGUOUS = lang.wordset("places.ambiguous")
"""Names that are also a US state, a person, a lake, a river, a bird or a second country."""
_ALIASES = lang.table("places.aliases")


@functools.cache
def _names() -> dict[str, str]:
    names: dict[str, set[str]] = {}
    for c in pycountry.countries:
        if c.alpha_2 in _TERRITORIES:
            continue
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                names.setdefault(name, set()).add(c.alpha_2)
                if ", " in name:
                    names.setdefault(name.split(", ")[0], set()).add(c.alpha_2)
    out = {n: next(iter(codes)) for n, codes in names.items() if len(codes) == 1 and n not in _AMBIGUOUS}
    return out | _ALIASES


@functools.cache
def _pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(_names(), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


_JOINED_BEFORE = re.compile(r"(?P<word>[A-Z][\w'’]*)(?:\s+of(?:\s+the)?\s+|\s+|-)$")
_JOINED_AFTER = re.compile(r"^(?:\s+[A-Z][a-z]|-[A-Za-z])")


@functools.lru_cache(maxsize=4096)
def countries(text: str) -> tuple[Entity, ...]:
    """The countries ``text`` names, in order, each keyed by its ISO 3166-1 alpha-2 code (memoised)."""
    out = []
    names = _names()
    for m in _pattern().finditer(text):
        before, after = text[:m.start()], text[m.end():]
        joined = _JOINED_BEFORE.search(before)
        if joined and joined.group("word").lower() not in STOPWORDS:
            continue  # "New Mexico", "Gulf of Mexico"; but "In Mexico" is Mexico
        if _JOINED_AFTER.match(after):
            continue  # "Mexico City"
        out.append(Entity(m.start(), m.end(), m.group(), names[m.group()]))
    return tuple(out)
