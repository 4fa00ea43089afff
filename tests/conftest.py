"""Shared fixtures: every user path under tmp_path, a fast hashing encoder, one real model per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.embed import HashingEncoder
from index.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Point FACTQA_HOME (index, history) at a temporary folder for every test."""
    monkeypatch.setenv("FACTQA_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def hashing_encoder() -> HashingEncoder:
    """A deterministic, model-free encoder."""
    return HashingEncoder(64)


@pytest.fixture(scope="session")
def real_encoder(tmp_path_factory):
    """The packaged all-MiniLM-L6-v2 (ONNX export made in a temporary folder), loaded once per session."""
    from index.embed import load_encoder

    return load_encoder(cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    """The seeds gold questions (copied from ../shared/eval)."""
    return [json.loads(line) for line in (FIXTURES / "seeds-gold.jsonl").read_text().splitlines() if line.strip()]


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent (a user's fresh clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only beside the project in CI and dev sessions)")
    return path
