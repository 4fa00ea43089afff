"""The question history of the TUI, kept across runs in the per-user data folder.

One JSON string a line (``tui-history.jsonl`` under ``Settings.home``); the newest question last.
A damaged line is skipped, an unwritable file costs the history, never the session.
"""

from __future__ import annotations

import json
from pathlib import Path

HISTORY_FILE = "tui-history.jsonl"
MAX_ENTRIES = 500


class HistoryError(OSError):
    """The history file could not be written."""


class History:
    """Questions asked, oldest first, with a cursor for walking back (↑) and forward (↓)."""

    def __init__(self, path: Path | None, limit: int = MAX_ENTRIES):
        self.path = path
        self.limit = limit
        self.entries: list[str] = self._read() if path else []
        self._cursor = len(self.entries)
        self._draft = ""

    @classmethod
    def in_home(cls, home: Path) -> History:
        """The history stored in the per-user data folder ``home``."""
        return cls(home / HISTORY_FILE)

    def _read(self) -> list[str]:
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        except OSError:
            return []
        entries: list[str] = []
        for line in lines:
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, str) and value.strip():
                entries.append(" ".join(value.split()))
        return entries[-self.limit:]

    def add(self, question: str) -> None:
        """Record ``question`` (not repeating the last one) and reset the cursor; raise ``HistoryError`` if unsaved."""
        question = " ".join(question.split())
        self.reset()
        if not question or (self.entries and self.entries[-1] == question):
            return
        self.entries.append(question)
        trimmed = len(self.entries) > self.limit
        self.entries = self.entries[-self.limit:]
        self.reset()
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if trimmed:
                body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries)
                self.path.write_text(body, encoding="utf-8")
            else:
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(question, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise HistoryError(f"history not saved to {self.path}: {exc.strerror or exc}") from None

    def reset(self, draft: str = "") -> None:
        """Put the cursor after the newest entry, remembering the text being typed."""
        self._cursor = len(self.entries)
        self._draft = draft

    def previous(self, current: str) -> str | None:
        """The entry before the cursor (↑), or None at the oldest."""
        if self._cursor == len(self.entries):
            self._draft = current
        if self._cursor == 0:
            return None
        self._cursor -= 1
        return self.entries[self._cursor]

    def next(self) -> str | None:
        """The entry after the cursor (↓); the draft after the newest; None when already there."""
        if self._cursor >= len(self.entries):
            return None
        self._cursor += 1
        return self._draft if self._cursor == len(self.entries) else self.entries[self._cursor]
