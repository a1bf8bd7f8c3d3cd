"""The end of a follow-up session: what was done, what is still overdue, the weekly streak."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from leadboard.actions.session import SessionSummary


def summary_body(summary: SessionSummary) -> Group:
    """The summary as tables of literal Text."""
    numbers = Table.grid(padding=(0, 2))
    numbers.add_column(style="bold", justify="right")
    numbers.add_column()
    rows = [
        (f"{summary.worked}", f"leads worked (of {summary.queued} due, {summary.seen} seen)"),
        (f"{sum(summary.contacts.values())}", "contacts logged"),
        (f"{summary.moved}", "leads moved"),
        (f"{summary.won}", "won"),
        (f"{summary.lost}", "lost"),
        (f"{summary.snoozed}", "snoozed"),
        (f"{summary.skipped}", "skipped"),
        (f"{summary.minutes}", "minutes"),
        (f"{summary.still_overdue}", "still overdue"),
        (f"{summary.streak_weeks}", "weeks in a row with a session"),
    ]
    for number, words in rows:
        numbers.add_row(number, words)
    parts: list[Table | Text] = [numbers]
    if summary.contacts:
        by_kind = Table(box=None, padding=(0, 2, 0, 0))
        by_kind.add_column("channel")
        by_kind.add_column("outcome")
        by_kind.add_column("count", justify="right")
        for (channel, outcome), count in sorted(summary.contacts.items()):
            by_kind.add_row(channel.value, outcome.label, str(count))
        parts.append(Text("\nContacts by channel and outcome", style="bold underline"))
        parts.append(by_kind)
    return Group(*parts)


class SessionSummaryScreen(Screen[None]):
    """Shown when the queue empties or the rep ends the session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,q", "close", "Done"),
    ]

    CSS_PATH = Path(__file__).with_name("session_summary.tcss")

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        """Title, figures, keys."""
        done = "Queue done" if self.summary.seen >= self.summary.queued else "Session ended"
        yield Label(f"{done}: follow-up session summary", id="summary-title", markup=False)
        with VerticalScroll():
            yield Static(summary_body(self.summary))
        yield Footer()

    def action_close(self) -> None:
        """Back to the board (or out, when the session was started from the shell)."""
        self.dismiss(None)
