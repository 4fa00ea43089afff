"""Language data: the English word lists load from one data file, which ships with the package."""

import tomllib
from pathlib import Path

import pytest

from qa.facts import lang

ROOT = Path(__file__).resolve().parents[3]


def test_lists_read_from_strings_and_arrays_in_written_order():
    assert lang.words("dates.months")[:3] == ("january", "february", "march")
    assert lang.words("numbers.hedges")[:2] == ("about", "around")  # a table's keys, in order
    assert "more than" in lang.words("numbers.hedges")  # a phrase stays one item
    assert lang.alternation("text.clause_break_words").startswith("that|which|")
    assert "not" in lang.wordset("text.negations")


def test_missing_entries_and_languages_fail_with_a_clear_message():
    with pytest.raises(KeyError, match="'dates.no_such_list' is not in the 'en' language data"):
        lang.entry("dates.no_such_list")
    with pytest.raises(LookupError, match="no language data for 'xx'"):
        lang.load("xx")


def test_every_module_table_is_a_table_of_lists_tables_or_strings():
    for module, entries in lang.load().items():
        assert isinstance(entries, dict), module
        for name, value in entries.items():
            assert isinstance(value, (str, list, dict)), f"{module}.{name}"


def test_the_data_file_ships_as_package_data():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.toml" in pyproject["tool"]["setuptools"]["package-data"]["qa.facts.lang"]
