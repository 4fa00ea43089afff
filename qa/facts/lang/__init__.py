"""Language data: the word lists and tables of one language, read from ``qa/facts/lang/<code>.toml``.

Code holds the rules; the words they match live in one data file per language (negations, hedges, units,
months, titles, stop words, clause breaks …), grouped by the module that reads them ("dates.months"), so a
second language is a data file plus its tests. A list is a TOML array or a string of whitespace-separated words.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

LANG = "en"
"""The language the rules read (the only data file shipped today)."""


@functools.cache
def load(code: str = LANG) -> dict[str, Any]:
    """Every entry of the data file of language ``code``; a clear error when there is none."""
    path = Path(__file__).with_name(f"{code}.toml")
    if not path.is_file():
        raise LookupError(f"no language data for {code!r}: expected {path}")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def entry(name: str, code: str = LANG) -> Any:
    """One entry as stored (a list, a table, a string) by its dotted name ("dates.months")."""
    value: Any = load(code)
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"{name!r} is not in the {code!r} language data")
        value = value[part]
    return value


def words(name: str, code: str = LANG) -> tuple[str, ...]:
    """List ``name`` in its written order."""
    value = entry(name, code)
    return tuple(value.split()) if isinstance(value, str) else tuple(value)


def wordset(name: str, code: str = LANG) -> frozenset[str]:
    """List ``name`` as a set."""
    return frozenset(words(name, code))


def table(name: str, code: str = LANG) -> dict[str, Any]:
    """Table ``name`` (a copy, so callers may extend it)."""
    return dict(entry(name, code))


def alternation(name: str, code: str = LANG) -> str:
    """List ``name`` as a regex alternation in its written order ("about|around|…")."""
    return "|".join(words(name, code))
