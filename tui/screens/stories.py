"""The stories screen (Ctrl+B): every story of the corpus, newest first, and for the selected one its
coverage: which outlets covered it and which did not (the blindspot). Enter asks within that story;
the first row, "All stories", lifts the restriction."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from qa.models import StoryRef
from qa.sanitize import clean_text
from tui.stories import dates, plural, title_of

FIXED_WIDTH = 50
"""Columns of the table besides the headline (dates, counts, cell padding, scrollbar): a headline gets the rest
of the screen's width, at least ``MIN_TITLE``, and is cut beyond (the coverage panel shows it whole)."""
MIN_TITLE = 20

ALL = "all"
"""Row key of the "All stories" row."""


def coverage_text(story: StoryRef | None, outlets: list[str], n_stories: int) -> Text:
    """Who covered ``story`` and who of the corpus's ``outlets`` did not (the whole corpus when None)."""
    text = Text()
    if story is None:
        text.append("All stories", style="bold")
        text.append(f"\n{plural(n_stories, 'story', 'stories')} · {plural(len(outlets), 'outlet')} in the corpus. "
                    "Enter asks across all of them.", style="dim")
        return text
    text.append(f"“{title_of(story)}”", style="bold")
    text.append(f"\n{dates(story.first_published, story.last_published)} · {plural(story.n_articles, 'article')} · "
                f"{plural(story.n_independent, 'independent report')}", style="dim")
    covered = set(story.outlets)
    missing = [o for o in outlets if o not in covered]
    text.append(f"\nCovered by {plural(len(story.outlets), 'outlet')}: ", style="bold green")
    text.append(", ".join(clean_text(o) for o in story.outlets))
    text.append(f"\nDid not cover it ({plural(len(missing), 'outlet')}): ", style="bold yellow")
    text.append(", ".join(clean_text(o) for o in missing) or "none", style="dim")
    text.append("\nEnter asks within this story.", style="dim italic")
    return text


def _cut(title: str, width: int) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


class StoriesScreen(Screen[StoryRef | None]):
    """Pick a story to ask within; dismisses with the story (None: all stories), Escape leaves unchanged."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+b", "back", "Back", show=False),
    ]

    def __init__(self, stories: list[StoryRef], outlets: list[str], current: str | None = None) -> None:
        super().__init__()
        self.stories = stories
        self.outlets = outlets
        self.current = current
        self.by_key = {story.id: story for story in stories}

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Stories ({len(self.stories)}), newest first · reports: independent reports (wire "
                          "copies count once) · Enter asks within the story · Escape goes back", style="bold"),
                     id="stories-title")
        yield DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="stories-coverage"):  # Tab reaches it, so a long blindspot list scrolls by keys
            yield Static(id="coverage")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#stories-table", DataTable)
        table.add_column(Text("dates", style="bold"), key="dates")
        table.add_column(Text("story", style="bold"), key="title")
        table.add_column(Text("outlets", style="bold", justify="right"), key="outlets")
        table.add_column(Text("reports", style="bold", justify="right"), key="independent")
        table.add_row("", Text("All stories", style="italic"), Text(str(len(self.outlets)), justify="right"), "",
                      key=ALL)
        width = max(MIN_TITLE, self.app.size.width - FIXED_WIDTH)
        for story in self.stories:
            mark = "▶ " if story.id == self.current else ""
            table.add_row(dates(story.first_published, story.last_published), mark + _cut(title_of(story), width),
                          Text(str(len(story.outlets)), justify="right"),
                          Text(str(story.n_independent), justify="right"), key=story.id)
        if self.current in self.by_key:
            table.move_cursor(row=table.get_row_index(self.current))
        table.focus()
        self._show(self.current if self.current in self.by_key else ALL)

    def selected(self) -> StoryRef | None:
        """The story under the cursor (None on "All stories")."""
        table = self.query_one("#stories-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.by_key.get(key)

    def _show(self, key: str | None) -> None:
        story = self.by_key.get(key) if key else None
        self.query_one("#coverage", Static).update(coverage_text(story, self.outlets, len(self.stories)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show(event.row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.by_key.get(event.row_key.value))

    def action_back(self) -> None:
        """Back to the ask screen, the restriction unchanged."""
        self.dismiss(self.by_key.get(self.current) if self.current else None)
