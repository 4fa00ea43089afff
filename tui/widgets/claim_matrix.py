"""The claim × outlet matrix: for each aligned claim and each outlet, a cell says whether the outlet
agrees, differs (with its value), does not state the claim, or is silent on the question.

The data (``build_rows``) has one ``MatrixRow`` per claim: first the answer itself (who answers, who is
party to a disagreement, who is silent), then one row per claim. On screen the table is transposed: one
row per outlet (its full name in a fixed first column), one column per claim, so any number of outlets
fits at 80 columns (the table scrolls down, and sideways past the outlet column when the claims are many);
Enter on a cell opens the outlet's article at that claim's sentence (or its best snippet). A claim groups the disagreements of one kind whose sides share a snippet (the Kyiv
Independent's date sentence disagreeing with bne's and with RT's is one claim). Outlets answering without
being a side are matched by the values appearing in their snippets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from rich.text import Text
from textual.widgets import DataTable

from qa.models import Answer, Disagreement, Side
from qa.sanitize import clean_text
from tui.messages import OpenArticle

VALUE_WIDTH = 22
"""Longer values are cut (the disagreement panel shows them whole)."""

CellState = Literal["agrees", "differs", "unstated", "silent"]


@dataclass(frozen=True)
class Cell:
    """One outlet's position on one claim."""

    state: CellState
    value: str = ""


@dataclass
class MatrixRow:
    """One claim and every outlet's cell."""

    label: str
    cells: dict[str, Cell] = field(default_factory=dict)
    sides: dict[str, Side] = field(default_factory=dict)
    """The disagreement side each party outlet states the claim in (empty for the answer row)."""


def _claims(disagreements: list[Disagreement]) -> list[list[Disagreement]]:
    """Group disagreements of one kind that share a side's snippet (union-find over passage ids)."""
    parent = list(range(len(disagreements)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, str], int] = {}
    for i, d in enumerate(disagreements):
        for side in d.sides:
            key = (d.kind, side.passage_id)
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[Disagreement]] = {}
    for i, d in enumerate(disagreements):
        groups.setdefault(find(i), []).append(d)
    return list(groups.values())


def _claim_row(group: list[Disagreement], answer: Answer) -> MatrixRow:
    sides: dict[str, Side] = {}
    for d in group:
        for side in d.sides:
            sides.setdefault(side.outlet, side)
    values: dict[str, tuple[str, str]] = {o: (s.value, s.normalized) for o, s in sides.items()}
    for outlet in answer.outlets:
        if outlet.outlet in values:
            continue
        text = " ".join(s.text for s in outlet.snippets).casefold()
        for side in sides.values():
            if side.value and side.value.casefold() in text:
                values[outlet.outlet] = (side.value, side.normalized)
                break
    counts = Counter(norm for _, norm in values.values()).most_common()
    majority = counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None
    severity = "major" if any(d.severity == "major" for d in group) else "minor"
    row = MatrixRow(label=f"{group[0].kind} ({severity})", sides=sides)
    for outlet in answer.outlets:
        if outlet.outlet in values:
            value, norm = values[outlet.outlet]
            row.cells[outlet.outlet] = Cell("agrees" if norm == majority else "differs", value)
        else:
            row.cells[outlet.outlet] = Cell("unstated")
    for silent in answer.silent:
        row.cells[silent.outlet] = Cell("silent")
    return row


def build_rows(answer: Answer) -> tuple[list[str], list[MatrixRow]]:
    """Columns (answering outlets, then silent ones) and rows of the matrix for ``answer``."""
    columns = [o.outlet for o in answer.outlets] + [s.outlet for s in answer.silent]
    parties: dict[str, list[str]] = {}
    for d in answer.disagreements:
        for side in d.sides:
            kinds = parties.setdefault(side.outlet, [])
            if d.kind not in kinds:
                kinds.append(d.kind)
    first = MatrixRow(label="answer")
    for outlet in answer.outlets:
        kinds = parties.get(outlet.outlet)
        first.cells[outlet.outlet] = Cell("differs", ", ".join(kinds)) if kinds else Cell("agrees")
    for silent in answer.silent:
        first.cells[silent.outlet] = Cell("silent")
    return columns, [first] + [_claim_row(g, answer) for g in _claims(answer.disagreements)]


def cell_text(cell: Cell) -> Text:
    """How a cell reads: ``✓ agrees``, ``≠ Sept. 16``, ``— not stated``, ``silent``."""
    value = clean_text(cell.value)
    if len(value) > VALUE_WIDTH:
        value = value[: VALUE_WIDTH - 1] + "…"
    if cell.state == "agrees":
        return Text(f"✓ {value or 'agrees'}", style="green")
    if cell.state == "differs":
        return Text(f"≠ {value or 'differs'}", style="bold red")
    if cell.state == "unstated":
        return Text("— not stated", style="dim")
    return Text("silent", style="dim italic")


class ClaimMatrix(DataTable):
    """The matrix as a table: a row per outlet, a column per claim; Enter on a cell opens the article there."""

    DEFAULT_CSS = """
    ClaimMatrix { height: auto; max-height: 16; margin: 0 0 1 0; scrollbar-size-horizontal: 1; }
    ClaimMatrix:focus { background-tint: $accent 6%; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, fixed_columns=1, **kwargs)
        self.outlets: list[str] = []
        self.claims: list[MatrixRow] = []
        self.answer: Answer | None = None

    def show(self, answer: Answer) -> None:
        """Fill the table from ``answer``."""
        self.clear(columns=True)
        self.answer = answer
        self.outlets, self.claims = build_rows(answer)
        self.add_column(Text("outlet", style="bold"), key="outlet")
        for n, claim in enumerate(self.claims):
            self.add_column(Text(claim.label, style="bold"), key=f"c{n}")
        for n, outlet in enumerate(self.outlets):
            self.add_row(Text(clean_text(outlet), style="bold"), *(cell_text(c.cells[outlet]) for c in self.claims),
                         key=f"o{n}")

    def target(self, row: int, column: int) -> OpenArticle | None:
        """Where Enter on the cell at (``row``, ``column``) leads: the claim's sentence or the best snippet."""
        if self.answer is None or not 0 <= row < len(self.outlets):
            return None
        outlet = self.outlets[row]
        claim = self.claims[column - 1] if 1 <= column <= len(self.claims) else None
        side = claim.sides.get(outlet) if claim else None
        if side is not None:
            return OpenArticle(side.article_id, side.snippet_start, side.snippet_start + len(side.snippet),
                               list(side.spans))
        card = next((o for o in self.answer.outlets if o.outlet == outlet), None)
        if card is None or not card.snippets:
            return None
        best = card.snippets[0]
        return OpenArticle(best.article_id, best.start, best.end)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        message = self.target(event.coordinate.row, event.coordinate.column)
        if message is None:
            self.notify("This outlet did not answer: no snippet to open.", markup=False)
            return
        self.post_message(message)
