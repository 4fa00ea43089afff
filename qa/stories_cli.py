"""``factqa stories``: the stories of an index (the events its articles report), newest first."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from index.models import Story


def newest_first(stories: list[Story]) -> list[Story]:
    """``stories`` by latest publication date, newest first (undated last), then by first date and id."""
    return sorted(stories, key=lambda s: (s.last_published is not None, s.last_published or 0,
                                          s.first_published or 0, s.id), reverse=True)


def _dates(story: Story) -> str:
    if story.first_published is None:
        return "undated"
    if story.first_published == story.last_published:
        return story.first_published.isoformat()
    return f"{story.first_published.isoformat()} – {story.last_published.isoformat()}"


def stories_command(
    index: Annotated[Path | None, typer.Option("--index", metavar="DIR",
                                               help="Index folder (default: your per-user index, seeded with the demo corpus).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one Story JSON object per line.")] = False,
) -> None:
    """List the stories of the index: dates, title, outlets, and how many independent reports (wire copies
    count once), newest first.

    Examples:
    \b
      factqa stories
      factqa stories --index ~/my-index --json
    """
    from rich.console import Console
    from rich.table import Table

    from index.settings import get_settings
    from index.store import IndexStore
    from qa.cli import _one_line_errors, open_service

    with _one_line_errors():
        store = IndexStore(index or get_settings().default_index)
        loaded = store.load() if store.exists() or index is not None else open_service(None).index
    stories = newest_first(list(loaded.stories.values()))
    if as_json:
        sys.stdout.writelines(s.model_dump_json() + "\n" for s in stories)
        return
    table = Table(title=f"{len(stories)} stories in {store.root}", show_lines=False)
    for column in ("dates", "title", "outlets", "reports"):
        table.add_column(column, overflow="fold")
    for s in stories:
        reports = f"{s.n_independent} of {len(s.article_ids)}" if s.n_independent != len(s.article_ids) else str(s.n_independent)
        table.add_row(_dates(s), s.title or s.article_ids[0], ", ".join(s.outlets), reports)
    Console(highlight=False).print(table)
