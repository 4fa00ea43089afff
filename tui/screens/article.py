"""The article screen: the full text (boilerplate dimmed), scrolled to the snippet, the snippet and its
differing spans highlighted; Escape goes back."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from index.models import Article, Passage
from qa.sanitize import clean_text
from tui.styled import DIFFERS, HIGHLIGHT, Span, styled

_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
"""Runs of non-blank lines: the paragraphs, each shown as its own widget."""


class ArticleScreen(Screen):
    """One article, read at the snippet."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("s", "to_snippet", "Snippet"),
        Binding("home", "scroll_top", "Top", show=False),
    ]

    def __init__(self, article: Article, passages: list[Passage], start: int, end: int,
                 spans: list[tuple[int, int]] | None = None) -> None:
        super().__init__()
        self.article = article
        self.passages = passages
        self.start = start
        self.end = end
        self.spans = spans or []
        self.target: Static | None = None

    def _head(self) -> Text:
        a = self.article
        head = Text(clean_text(a.outlet), style="bold")
        date = a.published.isoformat() if a.published else "date unknown"
        head.append(f"  {date}", style="dim")
        if a.author:
            head.append(f"  {clean_text(a.author)}", style="dim")
        head.append("\n")
        head.append(clean_text(a.title), style="bold italic")
        if a.url:
            head.append("\n")
            head.append(clean_text(a.url), style="dim underline")
        return head

    def _spans(self) -> list[Span]:
        spans: list[Span] = [(p.start, p.end, "dim") for p in self.passages if p.boilerplate]
        spans.append((self.start, self.end, HIGHLIGHT))
        spans += [(s, e, DIFFERS) for s, e in self.spans]
        return spans

    def compose(self) -> ComposeResult:
        yield Static(self._head(), id="article-head")
        spans = self._spans()
        text = self.article.text
        with VerticalScroll(id="article-body"):
            for match in _BLOCK.finditer(text):
                block = match.group().rstrip("\n")
                widget = Static(styled(block, spans, base=match.start()), classes="paragraph")
                widget.offsets = (match.start(), match.start() + len(block))
                if self.target is None and match.start() <= self.start < match.end():
                    self.target = widget
                    widget.add_class("-target")
                yield widget
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-body").focus()
        self.call_after_refresh(self.action_to_snippet)

    def action_scroll_top(self) -> None:
        """Scroll to the top of the article."""
        self.query_one("#article-body", VerticalScroll).scroll_home(animate=False)

    def action_to_snippet(self) -> None:
        """Scroll so the snippet is near the top of the view."""
        body = self.query_one("#article-body", VerticalScroll)
        if self.target is None:
            return
        width = max(self.target.content_region.width, 10)
        base = self.target.offsets[0]
        prefix = Text(clean_text(self.article.text[base:max(self.start, base)]))
        lines_before = max(len(prefix.wrap(self.app.console, width)) - 1, 0) if prefix.plain else 0
        y = self.target.virtual_region.y + lines_before - 2
        body.scroll_to(y=max(y, 0), animate=False, immediate=True)
