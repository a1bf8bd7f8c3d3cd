"""The side panel: due and overdue leads in urgency order, with how late each is."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pendulum import DateTime
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Label

from leadboard.domain.followup import due_words, is_overdue
from leadboard.domain.model import Lead
from leadboard.domain.text import fit_width, printable
from leadboard.domain.wording import number

PANEL_LIMIT = 200
"""Leads listed at most: the panel is a to-do list, not an archive."""

ITEM_HEIGHT = 2
"""Lines per lead: name, then how late."""

OVERDUE_PANEL_CSS = Path(__file__).with_name("overdue_panel.tcss")
"""The panel's look; the screen that shows the panel loads it."""

TEMP_SHORT = {"hot": "HOT ", "warm": "warm", "cool": "cool", "cold": "cold"}


class DueList(ScrollView, can_focus=True, inherit_bindings=False):
    """Leads two lines each, drawn with the Line API (no widget, no markup per lead)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("enter", "choose", "Jump to lead", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "due-list--item",
        "due-list--cursor",
        "due-list--temp",
        "due-list--overdue",
        "due-list--soon",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.leads: list[Lead] = []
        self.cursor = 0
        self.now: DateTime | None = None
        self.tz = "UTC"

    def show(self, leads: list[Lead], now: DateTime, tz: str = "UTC") -> None:
        """Replace the list, keeping the cursor's position; the same list is not redrawn."""
        # Every board change asks again; most leave the due list as it was.
        before = self.now
        same_minute = before is not None and now.replace(second=0, microsecond=0) == (
            before.replace(second=0, microsecond=0)
        )
        if leads == self.leads and tz == self.tz and same_minute:
            return
        self.leads = leads
        self.now = now
        self.tz = tz
        self.cursor = max(0, min(self.cursor, len(leads) - 1))
        size = Size(0, len(leads) * ITEM_HEIGHT)
        if size != self.virtual_size:
            # Without its watchers: virtual_size is a layout reactive (a pass of the board).
            self.set_reactive(DueList.virtual_size, size)
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        """Move the cursor one lead up or down."""
        if not self.leads:
            return
        self.cursor = max(0, min(self.cursor + step, len(self.leads) - 1))
        self.scroll_to_region(
            Region(0, self.cursor * ITEM_HEIGHT, 1, ITEM_HEIGHT),
            animate=False,
            immediate=True,
        )
        self.refresh()

    def action_choose(self) -> None:
        """Enter: ask the board to jump to the lead under the cursor."""
        if self.leads and self.leads[self.cursor].id is not None:
            lead_id = self.leads[self.cursor].id
            assert lead_id is not None
            self.post_message(OverduePanel.Jump(lead_id))

    def render_line(self, y: int) -> Strip:
        """One line of one lead."""
        width = self.scrollable_content_region.width
        index, row = divmod(self.scroll_offset.y + y, ITEM_HEIGHT)
        base = self.get_component_rich_style("due-list--item")
        if index >= len(self.leads) or self.now is None:
            return Strip.blank(width, base)
        if index == self.cursor and self.has_focus:
            base = base + self.get_component_rich_style("due-list--cursor", partial=True)
        lead = self.leads[index]
        if row == 0:
            temp = TEMP_SHORT[lead.temperature.value]
            segments = [
                Segment(" " + temp + " ", base + self._part("temp")),
                Segment(fit_width(printable(lead.name), max(width - 6, 1)), base),
            ]
        else:
            due = due_words(lead, self.now, self.tz)
            late = "overdue" if is_overdue(lead, self.now, self.tz) else "soon"
            segments = [Segment("      ", base), Segment(due, base + self._part(late))]
        return Strip(segments).adjust_cell_length(width, base)

    def _part(self, name: str) -> Style:
        return self.get_component_rich_style(f"due-list--{name}", partial=True)

    def on_focus(self) -> None:
        """The cursor shows only while the list has focus."""
        self.refresh()

    def on_blur(self) -> None:
        """The cursor shows only while the list has focus."""
        self.refresh()


class OverduePanel(Vertical):
    """Due and overdue leads, most urgent first; enter jumps to the lead on the board."""

    class Jump(Message):
        """The rep chose a lead in the panel."""

        def __init__(self, lead_id: int) -> None:
            super().__init__()
            self.lead_id = lead_id

    _title = ""

    def compose(self) -> ComposeResult:
        """A title and the list."""
        yield Label(id="panel-title", markup=False)
        yield DueList(id="panel-list")

    def show(
        self, leads: list[Lead], total: int, overdue: int, now: DateTime, tz: str = "UTC"
    ) -> None:
        """Replace the list with these leads (the first PANEL_LIMIT of `total`)."""
        title = f"Due {number(total)}  overdue {number(overdue)}"
        if total > len(leads):
            title += f"  (top {number(len(leads))})"
        label = self.query_one("#panel-title", Label)
        if title != self._title:
            self._title = title
            label.update(title, layout=False)
        self.query_one(DueList).show(leads, now, tz)
