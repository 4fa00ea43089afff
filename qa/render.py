"""Rich rendering of an ``Answer`` for the terminal (the CLI's human-readable output)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from qa.models import Answer, DiffOp, Disagreement, OutletAnswer, Side, StoryRef
from qa.sanitize import clean_text


def _safe(text: str) -> str:
    return escape(clean_text(text))


CONTESTED_NOTE = "Not a close match for the question, shown because it contradicts another outlet."


def _outlet_panel(outlet: OutletAnswer, copy_of: str | None = None) -> Panel:
    date = outlet.published.isoformat() if outlet.published else "date unknown"
    lines = [Text.from_markup(f"[bold]{_safe(outlet.title)}[/]  [dim]{date}[/]")]
    if outlet.contested:
        lines.append(Text.from_markup(f"[yellow]{CONTESTED_NOTE}[/]"))
    if copy_of:
        lines.append(Text.from_markup(f"[yellow]Wire copy: the same report as {_safe(copy_of)} (not independent).[/]"))
    for snippet in outlet.snippets:
        lines.append(Text.from_markup(f"• {_safe(snippet.shown_text)}  [dim]({snippet.score:.2f})[/]"))
    return Panel(Group(*lines), title=_safe(outlet.outlet), title_align="left", border_style="cyan")


def _highlighted(side: Side, colour: str) -> str:
    """The side's sentence with its differing spans in bold ``colour`` (text escaped piece by piece)."""
    text, base = side.snippet, side.snippet_start
    cuts = sorted((max(0, s - base), min(len(text), e - base)) for s, e in side.spans if e > base and s < base + len(text))
    out, pos = [], 0
    for s, e in cuts:
        if s < pos:
            continue
        out.append(_safe(text[pos:s]) + f"[bold {colour}]{_safe(text[s:e])}[/]")
        pos = e
    return "".join(out) + _safe(text[pos:])


def format_diff(ops: list[DiffOp], escape_text: Callable[[str], str], deleted: str, inserted: str) -> str:
    """Words of a quote diff joined by spaces: equal words escaped, deletions in the ``deleted`` pattern and
    insertions in the ``inserted`` pattern (each with one ``{}`` for the escaped words)."""
    parts = []
    for op in ops:
        if op.op == "equal":
            parts.append(escape_text(op.a))
            continue
        if op.a:
            parts.append(deleted.format(escape_text(op.a)))
        if op.b:
            parts.append(inserted.format(escape_text(op.b)))
    return " ".join(p for p in parts if p)


COLOUR_DIFF = ("[red strike]{}[/]", "[green]{}[/]")
PLAIN_DIFF = (escape("[-") + "{}" + escape("-]"), "{{+{}+}}")
"""Without colour (piped output, NO_COLOR), removed words read ``[-this-]`` and added ones ``{+the+}``, as in
``git diff --word-diff=plain``."""


def _disagreement(d: Disagreement, colour_diff: bool = True) -> Group:
    colour = "red" if d.severity == "major" else "yellow"
    inside = "inside the text: " if d.internal else ""
    lines = [Text.from_markup(f"[{colour}]⚠ {d.kind} ({d.severity})[/] {inside}{_safe(d.explanation)}")]
    if d.kind == "quote" and d.diff:
        deleted, inserted = COLOUR_DIFF if colour_diff else PLAIN_DIFF
        lines.append(Text.from_markup("   " + format_diff(d.diff, _safe, deleted, inserted)))
    else:
        for side in d.sides:
            lines.append(Text.from_markup(f"   [dim]{_safe(side.outlet)}:[/] {_highlighted(side, colour)}"))
    return Group(*lines)


def _span(story: StoryRef) -> str:
    first, last = story.first_published, story.last_published
    if first is None:
        return "undated"
    return first.isoformat() if first == last or last is None else f"{first.isoformat()} – {last.isoformat()}"


def story_lines(answer: Answer) -> list[str]:
    """Plain lines naming the answer's stories: title, dates, coverage, independent reports; a note when the answer
    spans several (their outlets are not compared with each other)."""
    lines = []
    for n, story in enumerate(answer.stories):
        lead = "Story" if n == 0 else "Later coverage"
        reports = "report" if story.n_independent == 1 else "independent reports"
        outlets = "outlet" if len(story.outlets) == 1 else "outlets"
        lines.append(f"{lead}: “{clean_text(story.title)}” ({_span(story)}) · {len(story.outlets)} {outlets}, "
                     f"{story.n_independent} {reports}")
    if len(answer.stories) > 1:
        lines.append(f"The answer spans {len(answer.stories)} stories; outlets are compared only within their story.")
    return lines


def independence_line(answer: Answer) -> str | None:
    """"5 answering outlets, 2 independent reports: …" when wire copies answer, else None."""
    copies = [o for o in answer.outlets if o.source]
    if not copies:
        return None
    reports = len({o.source or o.article_id for o in answer.outlets})
    return (f"{len(answer.outlets)} answering outlets, {reports} independent reports: wire copies agreeing "
            "with each other are one source, not corroboration.")


def _copy_of(answer: Answer, outlet: OutletAnswer) -> str | None:
    """The first other answering outlet carrying the same wire report as ``outlet``."""
    if not outlet.source:
        return None
    return next((o.outlet for o in answer.outlets if o is not outlet and o.source == outlet.source), None)


def render_answer(answer: Answer, console: Console) -> None:
    """Print ``answer``: its stories, disagreements, consensus, one panel per answering outlet, then the silent
    outlets of its stories and a count of the outlets that did not cover them."""
    console.print(Text.from_markup(f"[bold]Q:[/] {_safe(answer.question)}"))
    for line in story_lines(answer):
        console.print(Text(line, style="bold blue"))
    if answer.message:
        console.print(Text.from_markup(f"[yellow]{_safe(answer.message)}[/]"))
    colour = console.color_system is not None and not console.no_color
    for d in answer.disagreements:
        console.print(_disagreement(d, colour_diff=colour))
    if answer.consensus:
        console.print(Text.from_markup(f"[green]Consensus:[/] {_safe(answer.consensus)}"))
    independence = independence_line(answer)
    if independence:
        console.print(Text(independence, style="yellow"))
    for outlet in answer.outlets:
        console.print(_outlet_panel(outlet, _copy_of(answer, outlet)))
    if answer.silent:
        names = ", ".join(_safe(s.outlet) for s in answer.silent)
        which = "these stories" if len(answer.stories) > 1 else "the story"
        console.print(Text.from_markup(f"[dim]Covered {which} but do not answer: {names}[/]"))
    if answer.n_uncovered_outlets:
        noun = "outlet" if answer.n_uncovered_outlets == 1 else "outlets"
        which = "these stories" if len(answer.stories) > 1 else "this story"
        console.print(Text(f"{answer.n_uncovered_outlets} other {noun} in the corpus did not cover {which}.",
                           style="dim"))
    console.print(Text.from_markup(
        f"[dim]{answer.corpus.n_articles} articles · {answer.corpus.n_outlets} outlets · "
        f"{_safe(answer.corpus.model)} · {answer.latency_ms:.0f} ms[/]"))
