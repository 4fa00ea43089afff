"""What the TUI says about the open corpus: its name on the status line and the example question.

The labels say plainly which corpus is open: "Demo corpus" (the per-user index holding only the bundled
seeds), "Your index ~/…" (the per-user index with articles of your own), "Index ~/my-index" (a folder
opened with ``--index`` or Ctrl+O), else the service's name (an in-memory corpus).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from qa.sanitize import clean_text
from qa.service import SEEDS_DIR

TOPIC_WIDTH = 60
"""Longer article titles are cut (with an ellipsis) in the question bar's placeholder."""

NO_CORPUS_PLACEHOLDER = "Ask a question about the news in the corpus"


@cache
def seed_ids() -> frozenset[str]:
    """Article ids of the bundled demo corpus (empty when the seeds are missing or unreadable)."""
    try:
        manifest = json.loads((SEEDS_DIR / "manifest.json").read_text(encoding="utf-8"))
        return frozenset(str(a["id"]) for a in manifest["articles"])
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()


def tilde(path: Path) -> str:
    """``path`` with the home folder written ``~``."""
    text, home = str(path), str(Path.home())
    return "~" + text[len(home):] if home != "/" and (text == home or text.startswith(home + "/")) else text


def _article_ids(service) -> set[str]:
    index = getattr(service, "index", None)
    return set(getattr(index, "articles", {}) or {})


def corpus_label(service, index_dir: Path | None, default_index_dir: Path | None, label: str | None = None) -> str:
    """The name of the open corpus as the status line shows it."""
    if label:
        return label
    if index_dir is not None and index_dir != default_index_dir:
        return f"Index {tilde(index_dir)}"
    if index_dir is not None or default_index_dir is not None:
        ids = _article_ids(service)
        if ids and ids <= seed_ids():
            return "Demo corpus"
        return f"Your index {tilde(index_dir or default_index_dir)}"
    return service.name


def newest_title(service) -> str | None:
    """Title of the most recently published article of the corpus (the first article when none is dated)."""
    index = getattr(service, "index", None)
    articles = list((getattr(index, "articles", None) or {}).values())
    if not articles:
        return None
    dated = [a for a in articles if a.published is not None and clean_text(a.title).strip()]
    pool = dated or [a for a in articles if clean_text(a.title).strip()]
    if not pool:
        return None
    best = max(pool, key=lambda a: a.published or dt.date.min) if dated else pool[0]
    return " ".join(clean_text(best.title).split())


def placeholder(service) -> str:
    """The question bar's hint: ``Ask about: <newest headline>`` (cut at a word to ``TOPIC_WIDTH``)."""
    title = newest_title(service) if service is not None else None
    if not title:
        return NO_CORPUS_PLACEHOLDER
    if len(title) > TOPIC_WIDTH:
        cut = title[: TOPIC_WIDTH - 1]
        title = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "…"
    return f"Ask about: {title}"
