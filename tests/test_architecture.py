"""Dependency direction (index ← qa ← {tui, eval}; only tui imports textual), checked by import-linter."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    beside = Path(sys.executable).parent / "lint-imports"  # the venv's, even when it is not on PATH (CI)
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert exe, "import-linter is part of the test extra"
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_facts_layer_contract_is_declared():
    """``qa.facts`` is the lowest layer inside ``qa`` (below relevance, evidence and comparison); the contract
    that says so must stay in ``pyproject.toml`` for ``lint-imports`` (above) to enforce it."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = pyproject["tool"]["importlinter"]["contracts"]
    layered = [c["layers"] for c in contracts if c["type"] == "layers" and c["layers"][-1] == "qa.facts"]
    assert layered, "no import-linter layers contract puts qa.facts at the bottom"
    above = " ".join(layered[0][:-1])
    assert all(name in above for name in ("qa.relevance", "qa.evidence", "qa.compare"))


def test_the_comparison_and_facts_layers_stay_small():
    """Issue 11: ``qa/compare`` plus ``qa/facts`` is smaller than ``qa/compare`` alone was (4,088 lines), and no
    module there passes 400 lines."""
    sizes = {p.relative_to(ROOT): len(p.read_text(encoding="utf-8").splitlines())
             for folder in ("qa/compare", "qa/facts") for p in (ROOT / folder).rglob("*.py")}
    assert sum(sizes.values()) < 4088, f"{sum(sizes.values())} lines"
    assert not {p: n for p, n in sizes.items() if n > 400}
