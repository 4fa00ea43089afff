"""``factqa tui``: the terminal UI. Registered through the ``factqa.commands`` entry point; textual and
the model are imported inside the command so ``factqa --help`` stays instant."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def tui_command(
    index: Annotated[Path | None, typer.Option(
        "--index", help="Index folder (default: your per-user index, seeded with the demo corpus).")] = None,
) -> None:
    """Open the terminal UI: ask, compare the outlets side by side, read the articles at the snippet."""
    from index.settings import get_settings
    from tui.app import FactQAApp
    from tui.history import History
    from tui.loading import open_service

    settings = get_settings()
    if index is not None and not index.is_dir():
        typer.echo(f"error: {index}: no such index folder", err=True)
        raise typer.Exit(2)

    def factory(report):
        return open_service(index, settings, report)

    FactQAApp(service_factory=factory, history=History.in_home(settings.home), index_dir=index,
              default_index_dir=settings.default_index).run()
