"""Help pages that name values as gh, llm and rg do (``PATH...``, ``--index DIR``, ``-k N``), not by Python type.

typer prints each parameter's Python type (``<list[Path]>``, ``--help <bool>``) and wraps required
arguments in braces in the usage line (``{paths}...``). ``PlainHelpGroup`` is the ``factqa`` group's class:
every command it hands out (its own and the plugins') shows its metavar, or nothing for a flag.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup


def _metavar(param: Any) -> str | None:
    """What the help shows for ``param``'s value: its metavar, else its name in capitals; nothing for a flag."""
    if param.param_type_name == "argument":
        name = param.metavar or (param.name or "VALUE").upper()
        return name if param.nargs == 1 or name.endswith("...") else name + "..."
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    return param.metavar or (param.name or "VALUE").upper()


def _plain(param: Any) -> Any:
    """``param`` with its help type and usage piece taken from ``_metavar`` (set once, on the instance)."""
    if getattr(param, "_factqa_plain", False):
        return param
    shown = _metavar(param)
    if param.param_type_name == "argument":
        param.metavar = shown
        usage = shown if param.required else f"[{shown}]"
        param.get_usage_pieces = lambda ctx: [usage]  # type: ignore[method-assign]
        param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]  # the name column says it
    else:
        param.display_type_rich = lambda ctx: shown  # type: ignore[attr-defined]
    param._factqa_plain = True  # type: ignore[attr-defined]
    return param


def _plain_command(command: Any) -> Any:
    """``command`` whose parameters (its help option included, made per context) are shown plainly."""
    if not getattr(command, "_factqa_plain", False):
        own = command.get_params
        command.get_params = lambda ctx: [_plain(p) for p in own(ctx)]  # type: ignore[method-assign]
        command._factqa_plain = True  # type: ignore[attr-defined]
    return command


class PlainHelpGroup(TyperGroup):
    """The ``factqa`` group: its own options and every subcommand's help without Python types."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The group's parameters, shown plainly."""
        return [_plain(p) for p in super().get_params(ctx)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any | None:
        """The subcommand ``cmd_name``, shown plainly."""
        command = super().get_command(ctx, cmd_name)
        return _plain_command(command) if command is not None else None
