"""The side panel: due and overdue leads in urgency order, with how late each is."""

from __future__ import annotations

from pendulum import DateTime
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from leadboard.domain.dates import humanize_due
from leadboard.domain.followup import is_overdue
from leadboard.domain.model import Lead
from leadboard.domain.text import printable

PANEL_LIMIT = 200
"""Leads listed at most: the panel is a to-do list, not an archive."""

TEMP_SHORT = {"hot": "HOT ", "warm": "warm", "cool": "cool", "cold": "cold"}


class OverduePanel(Vertical):
    """Due and overdue leads, most urgent first; enter jumps to the lead on the board."""

    class Jump(Message):
        """The rep chose a lead in the panel."""

        def __init__(self, lead_id: int) -> None:
            super().__init__()
            self.lead_id = lead_id

    def compose(self) -> ComposeResult:
        """A title and the list."""
        yield Label(id="panel-title", markup=False)
        yield OptionList(id="panel-list")

    def show(self, leads: list[Lead], total: int, overdue: int, now: DateTime) -> None:
        """Replace the list with these leads (the first PANEL_LIMIT of `total`)."""
        title = f"Due {total}  overdue {overdue}"
        if total > len(leads):
            title += f"  (top {len(leads)})"
        self.query_one("#panel-title", Label).update(title)
        options = self.query_one("#panel-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for lead in leads:
            due = humanize_due(lead.next_due, now) if lead.next_due else ""
            late = is_overdue(lead.next_due, now)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(TEMP_SHORT[lead.temperature.value] + " ", style="bold")
            line.append(printable(lead.name))
            line.append("\n     ")
            line.append(due, style="bold red" if late else "yellow")
            options.add_option(Option(line, id=str(lead.id)))
        if leads:
            options.highlighted = min(highlighted or 0, len(leads) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a lead: ask the board to jump to it."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(int(event.option.id)))
