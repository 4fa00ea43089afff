"""The disagreements panel: one line per flag; selecting one shows both sides' snippets with the differing
spans highlighted and, for quotes, the word diff. Each side's snippet opens its article."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from qa.models import Disagreement
from qa.sanitize import clean_text
from tui.styled import DIFFERS, styled
from tui.widgets.outlet_card import SnippetView

SEVERITY_STYLE = {"major": "bold red", "minor": "yellow"}


def flag_line(d: Disagreement) -> Text:
    """``⚠ date (major) — The Kyiv Independent: Sept. 16 · bne IntelliNews: September 17``."""
    line = Text("⚠ ", style=SEVERITY_STYLE.get(d.severity, ""))
    line.append(f"{d.kind} ({d.severity})", style=SEVERITY_STYLE.get(d.severity, ""))
    line.append(" — ")
    if d.internal:
        line.append("inside the text: ", style="italic")
    for n, side in enumerate(d.sides):
        if n:
            line.append(" · ", style="dim")
        line.append(clean_text(side.outlet), style="bold")
        line.append(": ")
        line.append(clean_text(side.value), style="bold red")
    return line


def diff_text(d: Disagreement) -> Text:
    """The quote's word diff: words only on the first side struck out red, only on the second green."""
    text = Text("word diff: ", style="dim")
    for op in d.diff:
        if op.op == "equal":
            text.append(clean_text(op.a) + " ")
            continue
        if op.a:
            text.append(clean_text(op.a), style="strike red")
            text.append(" ")
        if op.b:
            text.append(clean_text(op.b), style="bold green")
            text.append(" ")
    return text


class DisagreementList(Vertical):
    """Flags on top; the selected flag's two sides below."""

    DEFAULT_CSS = """
    DisagreementList { height: auto; margin: 0 0 1 0; }
    DisagreementList > OptionList { height: auto; max-height: 6; border: none; border-left: blank; padding: 0; }
    DisagreementList > OptionList:focus { border: none; border-left: thick $accent; background-tint: $accent 8%; }
    DisagreementList > #flag-detail { height: auto; padding: 0 0 0 2; }
    DisagreementList > #flag-detail.-hidden { display: none; }
    """

    def __init__(self, disagreements: list[Disagreement], **kwargs) -> None:
        super().__init__(**kwargs)
        self.disagreements = disagreements
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Disagreements ({len(self.disagreements)}) — Enter shows both sides",
                          style="bold"), classes="panel-title")
        yield OptionList(*(Option(flag_line(d), id=str(n)) for n, d in enumerate(self.disagreements)),
                         id="flags")
        yield Vertical(id="flag-detail", classes="-hidden")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.show(int(event.option.id or 0))

    def show(self, n: int) -> None:
        """Show (or, when already shown, hide) the sides of disagreement ``n``."""
        detail = self.query_one("#flag-detail", Vertical)
        detail.remove_children()
        if self.selected == n:
            self.selected = None
            detail.add_class("-hidden")
            return
        self.selected = n
        d = self.disagreements[n]
        widgets = [Static(Text(clean_text(d.explanation), style="italic"))]
        for side in d.sides:
            spans = [(s, e, DIFFERS) for s, e in side.spans]
            body = Text()
            body.append(f"{clean_text(side.outlet)}: ", style="bold")
            body.append_text(styled(side.snippet, spans, base=side.snippet_start))
            widgets.append(SnippetView(body, side.article_id, side.snippet_start,
                                       side.snippet_start + len(side.snippet), list(side.spans)))
        if d.diff:
            widgets.append(Static(diff_text(d)))
        detail.mount_all(widgets)
        detail.remove_class("-hidden")
