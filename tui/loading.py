"""Opening the service in the start-up worker, telling the status line what stage it is at.

The first run takes 20–40 s (the model's ONNX export, then indexing the demo corpus), so the reader is told
what is happening: ``LoadReport`` is the progress callback a ``ServiceFactory`` receives; it is also called
with ``(done, total)`` passages while indexing and has ``stage(text)`` for the stages in between. Both post
messages to the app, so they are safe to call from the worker thread.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

from textual.message import Message

from index.embed import no_stage
from index.settings import Settings
from qa.service import QAService
from tui.messages import LoadProgress, LoadStage

OPENING = "Opening the index…"
"""Shown once the demo corpus is indexed, while the index is loaded."""


class LoadReport:
    """Progress of the service opening: ``report(done, total)`` while indexing, ``report.stage(text)`` otherwise."""

    def __init__(self, post: Callable[[Message], object]) -> None:
        self._post = post

    def __call__(self, done: int, total: int) -> None:
        self._post(LoadProgress(done, total))

    def stage(self, text: str) -> None:
        """Say what the opening is doing now (one short line)."""
        self._post(LoadStage(text))


def accepts(function: Callable, name: str) -> bool:
    """True when ``function`` takes a keyword argument ``name`` (by that name or through ``**kwargs``); lets the
    TUI use a service feature (``stage=``, ``story=``) where the service has it and work without it elsewhere."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == name or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


def open_service(index_dir: Path | None, settings: Settings, report: Callable[[int, int], None],
                 encoder=None) -> QAService:
    """``QAService.open`` telling ``report`` its stages (model export or load, demo indexing) when ``report`` is
    a ``LoadReport``, and the passages indexed so far."""
    stage = getattr(report, "stage", None) or no_stage
    return QAService.open(index_dir, encoder=encoder, settings=settings, progress=report, stage=stage)
