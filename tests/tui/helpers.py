"""Driving the app in tests: start it on a service, ask, read what a widget shows."""

from __future__ import annotations

import asyncio
import functools

from textual.geometry import Region
from textual.widget import Widget

from tui.app import FactQAApp
from tui.widgets.question_bar import QuestionBar


def async_test(test):
    """Run an ``async def`` test in a fresh event loop (no async pytest plugin is a dependency)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


async def settle(app: FactQAApp, pilot) -> None:
    """Wait for running workers and the messages they posted."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def ask(app: FactQAApp, pilot, question: str) -> None:
    """Type ``question`` in the question bar, press Enter, wait for the answer."""
    await settle(app, pilot)
    app.ask_screen.query_one(QuestionBar).focus()
    await pilot.press(*question, "enter")
    await settle(app, pilot)


def screen_text(widget: Widget) -> str:
    """The characters on screen inside ``widget``'s region (children included), lines right-stripped."""
    region: Region = widget.region
    strips = widget.screen._compositor.render_strips()
    lines = strips[region.y:region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text.rstrip() for strip in lines)


class Notes:
    """Records the app's notifications."""

    def __init__(self, app: FactQAApp):
        self.items: list[tuple[str, str]] = []
        original = app.notify

        def notify(message, *, title="", severity="information", timeout=None, markup=True):
            self.items.append((severity, message))
            original(message, title=title, severity=severity, timeout=timeout, markup=markup)

        app.notify = notify

    def errors(self) -> list[str]:
        return [m for s, m in self.items if s == "error"]
