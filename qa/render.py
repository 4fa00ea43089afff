"""Rich rendering of an ``Answer`` for the terminal (the CLI's human-readable output)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from qa.models import Answer, OutletAnswer
from qa.sanitize import clean_text


def _safe(text: str) -> str:
    return escape(clean_text(text))


def _outlet_panel(outlet: OutletAnswer) -> Panel:
    date = outlet.published.isoformat() if outlet.published else "date unknown"
    lines = [Text.from_markup(f"[bold]{_safe(outlet.title)}[/]  [dim]{date}[/]")]
    for snippet in outlet.snippets:
        lines.append(Text.from_markup(f"• {_safe(snippet.text)}  [dim]({snippet.score:.2f})[/]"))
    return Panel(Group(*lines), title=_safe(outlet.outlet), title_align="left", border_style="cyan")


def render_answer(answer: Answer, console: Console) -> None:
    """Print ``answer``: disagreements, consensus, one panel per answering outlet, then the silent outlets."""
    console.print(Text.from_markup(f"[bold]Q:[/] {_safe(answer.question)}"))
    if answer.message:
        console.print(Text.from_markup(f"[yellow]{_safe(answer.message)}[/]"))
    for d in answer.disagreements:
        colour = "red" if d.severity == "major" else "yellow"
        console.print(Text.from_markup(f"[{colour}]⚠ {d.kind} ({d.severity})[/] {_safe(d.explanation)}"))
    if answer.consensus:
        console.print(Text.from_markup(f"[green]Consensus:[/] {_safe(answer.consensus)}"))
    for outlet in answer.outlets:
        console.print(_outlet_panel(outlet))
    if answer.silent:
        names = ", ".join(_safe(s.outlet) for s in answer.silent)
        console.print(Text.from_markup(f"[dim]Not reported by: {names}[/]"))
    console.print(Text.from_markup(
        f"[dim]{answer.corpus.n_articles} articles · {answer.corpus.n_outlets} outlets · "
        f"{_safe(answer.corpus.model)} · {answer.latency_ms:.0f} ms[/]"))
