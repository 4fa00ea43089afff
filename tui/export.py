"""Saving an answer: JSON (exactly ``Answer.model_dump_json()``, as ``factqa ask --json``) or Markdown.

Markdown is for people and other tools to render, so the article text in it is neutralised: control
characters and ANSI escapes removed (``clean_text``), newlines folded, and Markdown/HTML syntax escaped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from qa.models import Answer
from qa.render import CONTESTED_NOTE, format_diff
from qa.sanitize import clean_text
from tui.stories import card_stories, silent_label, stories_heading, story_line, uncovered_line, wire_copies, wire_note

ExportFormat = Literal["markdown", "json"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """``text`` as one line of inert Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(clean_text(text).split()))


def answer_markdown(answer: Answer) -> str:
    """A readable Markdown report of ``answer``."""
    out = [f"# {md(answer.question) or '(empty question)'}", ""]
    if answer.message:
        out += [f"*{md(answer.message)}*", ""]
    heading = stories_heading(answer)
    if heading:
        lines = [md(story_line(story)) for story in answer.stories]
        out += [f"**{heading}** {lines[0]}" if len(lines) == 1 else f"**{heading}**", ""]
        if len(lines) > 1:
            out += [f"- {line}" for line in lines] + [""]
    if answer.disagreements:
        out += ["## Disagreements", ""]
        for d in answer.disagreements:
            sides = " · ".join(f"{md(s.outlet)}: **{md(s.value)}**" for s in d.sides)
            inside = "inside the text: " if d.internal else ""
            out.append(f"- **{d.kind}** ({d.severity}) — {inside}{sides}")
            out.append(f"  - {md(d.explanation)}")
            if d.diff:
                out.append(f"  - word diff: {format_diff(d.diff, md, '~~{}~~', '**{}**')}")
        out.append("")
    if answer.consensus:
        out += [f"**Consensus:** {md(answer.consensus)}", ""]
    copies = wire_copies(answer.outlets)
    in_story = card_stories(answer)
    for outlet in answer.outlets:
        date = outlet.published.isoformat() if outlet.published else "date unknown"
        out += [f"## {md(outlet.outlet)}", "", f"*{md(outlet.title)}* — {date}"]
        if outlet.url:
            out.append(f"<{clean_text(outlet.url).replace('>', '%3E').replace(' ', '%20')}>")
        if outlet.outlet in in_story:
            out.append(f"*{md(in_story[outlet.outlet])}*")
        if outlet.outlet in copies:
            out.append(f"*{md(wire_note(copies[outlet.outlet]))}*")
        if outlet.contested:
            out.append(f"*{CONTESTED_NOTE}*")
        out.append("")
        for snippet in outlet.snippets:
            out.append(f"> {md(snippet.shown_text)} (relevance {snippet.score:.2f})")
            out.append(">")
        if outlet.snippets:
            out.pop()
        out.append("")
    if answer.silent:
        out += [f"**{silent_label(answer).strip()}** " + ", ".join(md(s.outlet) for s in answer.silent), ""]
    uncovered = uncovered_line(answer)
    if uncovered:
        out += [f"*{md(uncovered)}*", ""]
    c = answer.corpus
    out.append(f"*{c.n_articles} articles · {c.n_outlets} outlets · {md(c.model)}*")
    return "\n".join(out) + "\n"


def render_export(answer: Answer, fmt: ExportFormat) -> str:
    """The file body of ``answer`` in ``fmt``."""
    return answer.model_dump_json(indent=2) + "\n" if fmt == "json" else answer_markdown(answer)


def format_for(path: Path) -> ExportFormat:
    """JSON for a ``.json`` path, Markdown otherwise."""
    return "json" if path.suffix.lower() == ".json" else "markdown"


def export_answer(answer: Answer, path: Path, fmt: ExportFormat | None = None) -> Path:
    """Write ``answer`` to ``path`` (format from the suffix unless given); return the path written."""
    fmt = fmt or format_for(path)
    path = path.expanduser()
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_export(answer, fmt), encoding="utf-8")
    return path
