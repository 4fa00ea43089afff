"""The issue's showcase on the bundled seeds with the real model (the one TUI test that loads it)."""

from __future__ import annotations

import pytest

from index.ingest import read_articles
from qa.service import QAService
from tests.conftest import SEEDS
from tests.tui.helpers import ask, async_test
from tui.app import FactQAApp
from tui.widgets.outlet_card import OutletCard


@pytest.mark.model
@async_test
async def test_tokayev_scholz_on_the_seeds(real_encoder):
    service = QAService.from_articles(read_articles([SEEDS]).articles, real_encoder, name="seeds")
    app = FactQAApp(service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(app, pilot, "What did Tokayev tell Scholz?")
        cards = {c.outlet.outlet for c in app.screen.query(OutletCard)}
        assert {"The Kyiv Independent", "bne IntelliNews", "RT"} <= cards
        silent = str(app.screen.query_one("#silent").content)
        assert "2 other outlets in the corpus did not cover these stories" in " ".join(silent.split())
        if app.answer.disagreements:  # once the comparison engine lands: the date disagreement is on top
            assert any(d.kind == "date" for d in app.answer.disagreements)
