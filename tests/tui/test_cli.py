"""``factqa tui`` is registered, starts fast, and refuses a missing index folder before loading anything."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from qa.cli import _register_plugins, app


def test_tui_command_is_registered_and_refuses_a_missing_index(tmp_path):
    _register_plugins()
    runner = CliRunner()
    result = runner.invoke(app, ["tui", "--help"])
    assert result.exit_code == 0 and "--index" in result.output
    result = runner.invoke(app, ["tui", "--index", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such index folder" in result.output


def test_importing_the_command_does_not_import_textual_or_torch():
    code = ("import sys, tui.cli; bad = [m for m in ('textual', 'torch', 'faiss') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
