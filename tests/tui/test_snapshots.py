"""Snapshots of the main screens at 120×40 and 80×24 (pytest-textual-snapshot; textual pinned in pyproject).

Deterministic: a fixed corpus with the hashing encoder, no timings or paths on screen, the cursor not blinking.
Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import QUESTION
from tui.app import FactQAApp
from tui.widgets.outlet_card import OutletCard, SnippetView
from tui.widgets.question_bar import QuestionBar

SIZES = [(120, 40), (80, 24)]


async def _asked(pilot) -> None:
    app = pilot.app
    app.ask_screen.query_one(QuestionBar).cursor_blink = False
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*QUESTION, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(snap_compare, service, size):
    async def run_before(pilot):
        pilot.app.ask_screen.query_one(QuestionBar).cursor_blink = False
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(FactQAApp(service=service), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_answer_with_a_disagreement_opened(snap_compare, service, size):
    async def run_before(pilot):
        await _asked(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()

    assert snap_compare(FactQAApp(service=service), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_claim_matrix(snap_compare, service, size):
    async def run_before(pilot):
        await _asked(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(FactQAApp(service=service), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_at_the_snippet(snap_compare, service, size):
    async def run_before(pilot):
        await _asked(pilot)
        card = next(c for c in pilot.app.screen.query(OutletCard) if c.outlet.outlet == "Alpha News")
        next(s for s in card.query(SnippetView) if "March 3" in str(s.content)).focus()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(FactQAApp(service=service), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, service, size):
    async def run_before(pilot):
        await _asked(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(FactQAApp(service=service), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stories_screen(snap_compare, service, size):
    async def run_before(pilot):
        await _asked(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(FactQAApp(service=service), terminal_size=size, run_before=run_before)
