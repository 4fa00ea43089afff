"""Names of people, places and organisations: found as capitalised spans, compared through variant keys.

No NER model: the only offline spaCy English model (a third-party re-upload) labels "Scholz" a place and
"Kassym-Jomart Tokayev" an organisation, and comparison needs names, not their labels. Variants are folded
("Ana-Tili"/"Ana Tili", accents, possessives), transliteration pairs are mapped ("Kiev"/"Kyiv"), a short name
matches the full one ("Scholz"/"Olaf Scholz"), and a role written before a name in the same article
("German Chancellor Olaf Scholz") lets "the German chancellor" stand for that name.

Sovereign countries are found by name, from ISO 3166 (pycountry) plus the short names people write, and keyed
by their code: "southern Venezuela" → VE; "New Mexico", "the Gulf of Mexico" and "Mexico City" are not Mexico (a
name joined to a capitalised word before or after is another place); "Scotland" is in GB. Dependent territories
(Puerto Rico, Greenland, Hong Kong, …) and names that are often something else ("Georgia", "Jordan", "Chad") are
left out, so that two mentions with different codes are two different countries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from qa.facts import lang
from qa.facts.dates import MONTHS, WEEKDAYS
from qa.facts.text import STOPWORDS, fold

_CAP = r"[A-Z\u00C0-\u00DE][\w'’-]*"
_GAP = r"[ \u00a0]"
"""One space between the words of a name: a tab or a run of spaces is a table's column gap, not a name."""
_LINK = rf"(?:{_GAP}(?:{lang.alternation('entities.name_links')})(?={_GAP}[A-Z]))?"
_NAME = re.compile(rf"(?<![\w'’-]){_CAP}(?:{_LINK}{_GAP}{_CAP})*")
_FUNCTION = lang.wordset("entities.function_words") | frozenset(MONTHS) | frozenset(WEEKDAYS)
VARIANTS = lang.table("entities.variants")
GENERIC_HEADS = lang.wordset("entities.generic_heads")
BODY_WORDS = lang.wordset("entities.body_words")
ROLE_WORDS = lang.wordset("entities.role_words")


@dataclass(frozen=True, slots=True)
class Entity:
    """A capitalised name as written, with its comparison key."""

    start: int
    end: int
    text: str
    key: str


@functools.lru_cache(maxsize=16384)
def key(name: str) -> str:
    """Comparison key: accents, case, hyphens, possessives and a leading "the" folded; exonyms mapped."""
    k = fold(name).replace("'s", "").replace("-", " ").replace(".", " ").strip()
    k = re.sub(r"^the\s+", "", k)
    k = " ".join(k.split())
    return VARIANTS.get(k, k)


@functools.lru_cache(maxsize=8192)
def find_entities(text: str) -> tuple[Entity, ...]:
    """Capitalised name spans in ``text`` (sentence-initial function words and month names dropped); memoised."""
    out = []
    for m in _NAME.finditer(text):
        tokens = m.group().rstrip(".,'’").split()
        while tokens and fold(tokens[0]).strip("'’") in _FUNCTION:
            tokens = tokens[1:]
        while len(tokens) > 1 and fold(tokens[-1]).strip("'’") in _FUNCTION:
            tokens = tokens[:-1]  # "Maxi Curran The manager of …": the next sentence's first word
        if not tokens:
            continue
        name = " ".join(tokens)
        start = m.start() + m.group().index(tokens[0])
        k = key(name)
        if len(k) > 1 and k not in _FUNCTION:
            out.append(Entity(start, start + len(name), name, k))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def same_entity(a: str, b: str) -> bool:
    """True when two names can refer to the same entity ("Scholz"/"Olaf Scholz", "Ana-Tili"/"Ana Tili", "Kiev"/"Kyiv")."""
    ka, kb = key(a), key(b)
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    ta, tb = ka.split(), kb.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 and len(long_) > 1 and short[0] == long_[-1] and short[0] in GENERIC_HEADS:
        return False  # "Stadium" (a table's label) is not short for "Birsa Munda Football Stadium"
    # The words of the shorter name, ending alike, or a one-word mention of a longer name ("Brazil" in "Brazil-China").
    return bool(short) and all(t in long_ for t in short) and short[-1] == long_[-1] or (
        len(short) == 1 and short[0] in long_ and len(short[0]) > 3)


def is_role(word: str) -> bool:
    """True for a role word ("Chancellor", "President-elect")."""
    return any(part in ROLE_WORDS for part in fold(word).split("-"))


def _role_and_name(name: str) -> tuple[str, str] | None:
    """A name written after a role ("German Chancellor Olaf Scholz"), split after the role's last word ("German
    Chancellor", "Olaf Scholz"); None when no role word comes before the name."""
    words = name.split()
    cut = max((i for i, w in enumerate(words) if is_role(w)), default=-1)
    return (" ".join(words[:cut + 1]), " ".join(words[cut + 1:])) if 0 <= cut < len(words) - 1 else None


@functools.lru_cache(maxsize=1024)
def roles(text: str) -> Mapping[str, str]:
    """Roles written before a name in ``text`` ("German Chancellor Olaf Scholz"), as {"german chancellor": "Olaf
    Scholz"} (read-only: it is memoised)."""
    return MappingProxyType({key(split[0]): split[1] for e in find_entities(text)
                             if (split := _role_and_name(e.text)) is not None})


def resolve(name: str, article_roles: Mapping[str, str]) -> str:
    """The named entity behind ``name``, using the article's roles ("the German chancellor" → "Olaf Scholz")."""
    k = key(name)
    for role, person in article_roles.items():
        if k == role or (k and role.endswith(k) and is_role(k.split()[-1])):
            return person
    split = _role_and_name(name)
    return split[1] if split else name


def person_like(name: str, article: str) -> bool:
    """False for a name that is a place's or body's ("Belfairs Methodist Church", "Food and Drug Administration", "Team
    Biden", "Disease Control and Prevention", an acronym such as "CDC") or has a digit ("Covid-19"). A one-word name is
    a person's only as the surname of a fuller name in the ``article`` ("Biden" after "Joe Biden"; not "Covid")."""
    folded = [fold(w) for w in name.split()]
    acronym = len(name) >= 3 and name.isalpha() and name.isupper()  # "CDC", "FBI"
    if folded[-1] in GENERIC_HEADS or BODY_WORDS & set(folded) or "and" in folded or acronym \
            or any(c.isdigit() for c in name):
        return False
    return len(folded) > 1 or any(len(e.text.split()) > 1 and fold(e.text.split()[-1]) == folded[0]
                                  for e in find_entities(article))


_TERRITORIES = lang.wordset("places.territories")
_AMBIGUOUS = lang.wordset("places.ambiguous")
_ALIASES = lang.table("places.aliases")


@functools.cache
def _country_names() -> dict[str, str]:
    """Country name as written → ISO 3166-1 alpha-2 code."""
    import pycountry  # read once, on the first text checked for countries

    names: dict[str, set[str]] = {}
    for c in pycountry.countries:
        if c.alpha_2 in _TERRITORIES:
            continue
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                names.setdefault(name, set()).add(c.alpha_2)
                if ", " in name:
                    names.setdefault(name.split(", ")[0], set()).add(c.alpha_2)
    return {n: next(iter(codes)) for n, codes in names.items() if len(codes) == 1 and n not in _AMBIGUOUS} | _ALIASES


@functools.cache
def _country_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(_country_names(), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


_JOINED_BEFORE = re.compile(r"(?P<word>[A-Z][\w'’]*)(?:\s+of(?:\s+the)?\s+|\s+|-)$")
_JOINED_AFTER = re.compile(r"^(?:\s+[A-Z][a-z]|-[A-Za-z])")


@functools.lru_cache(maxsize=4096)
def countries(text: str) -> tuple[Entity, ...]:
    """The countries ``text`` names, in order, each keyed by its ISO 3166-1 alpha-2 code (memoised)."""
    out = []
    names = _country_names()
    for m in _country_pattern().finditer(text):
        joined = _JOINED_BEFORE.search(text[:m.start()])
        if joined and joined.group("word").lower() not in STOPWORDS:
            continue  # "New Mexico", "Gulf of Mexico"; but "In Mexico" is Mexico
        if _JOINED_AFTER.match(text[m.end():]):
            continue  # "Mexico City"
        out.append(Entity(m.start(), m.end(), m.group(), names[m.group()]))
    return tuple(out)
