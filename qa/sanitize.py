"""Neutralising hostile text before it reaches a terminal or a Markdown file.

Article text and questions are data: ANSI escape sequences, C0/C1 control characters (except newline
and tab), Unicode bidi overrides and zero-width characters are removed, so nothing in an article can
move the cursor, recolour the terminal, or reorder what the reader sees. Rich/Textual markup is not
touched here; escape it where markup is rendered (``rich.markup.escape``).
"""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Remove ANSI sequences, control characters, bidi overrides and zero-width characters from ``text``."""
    return _INVISIBLE.sub("", _CONTROL.sub("", _ANSI.sub("", text)))
