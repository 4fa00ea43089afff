"""Language data: the word lists and tables of one language, read from ``qa/facts/lang/<code>.toml``.

Code holds the rules; the words they match live in one data file per language (negations, hedges, units,
months, titles, stop words, clause breaks …), so a second language is a data file plus its tests. A list is a
TOML array, or a string of words split on whitespace; a table is a TOML table. Entries are grouped by the
module that reads them ("dates.months").
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

LANG = "en"
"""The language the rules read (the only data file shipped today)."""
_HERE = Path(__file__).resolve().parent


@functools.cache
def load(code: str = LANG) -> dict[str, Any]:
    """Every entry of the data file of language ``code``; a clear error when there is none."""
    path = _HERE / f"{code}.toml"
    if not path.is_file():
        raise LookupError(f"no language data for {code!r}: expected {path}")
    with path.open("rb") as f:
        return tomllib.load(f)


def entry(name: str, code: str = LANG) -> Any:
    """One entry as stored (a list, a table, a string) by its dotted name ("dates.months"); a clear error when
    it is missing."""
    value: Any = load(code)
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"{name!r} is not in the {code!r} language data ({_HERE / f'{code}.toml'})")
        value = value[part]
    return value


def words(name: str, code: str = LANG) -> tuple[str, ...]:
    """List ``name`` in its written order (an array, or a string split on whitespace)."""
    value = entry(name, code)
    return tuple(value.split()) if isinstance(value, str) else tuple(value)


def wordset(name: str, code: str = LANG) -> frozenset[str]:
    """List ``name`` as a set."""
    return frozenset(words(name, code))


def table(name: str, code: str = LANG) -> dict[str, Any]:
    """Table ``name`` (a copy, so callers may extend it)."""
    return dict(entry(name, code))


def alternation(name: str, code: str = LANG, escape: bool = False) -> str:
    """List ``name`` as a regex alternation in its written order ("about|around|…"), each item escaped when
    ``escape``."""
    return "|".join(re.escape(w) if escape else w for w in words(name, code))
