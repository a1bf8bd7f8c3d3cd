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
from leadboard.domain.session_scope import left_words
from leadboard.domain.wording import counted, number


def _figure(
    count: int, singular: str, plural: str | None = None, rest: str = ""
) -> tuple[str, str]:
    """('1', 'lead worked'), ('3,661', 'leads worked'): the number and its word, from counted()."""
    figure, word = counted(count, singular, plural).split(" ", 1)
    return figure, word + rest


def summary_body(summary: SessionSummary) -> Group:
    """The summary as tables of literal Text."""
    numbers = Table.grid(padding=(0, 2))
    numbers.add_column(style="bold", justify="right")
    numbers.add_column()
    of = f" (of {number(summary.queued)} due, {number(summary.seen)} seen)"
    rows = [
        _figure(summary.worked, "lead worked", "leads worked", of),
        _figure(sum(summary.contacts.values()), "contact logged", "contacts logged"),
        _figure(summary.moved, "lead moved", "leads moved"),
        (number(summary.won), "won"),
        (number(summary.lost), "lost"),
        (number(summary.snoozed), "snoozed"),
        (number(summary.skipped), "skipped"),
        _figure(summary.minutes, "minute"),
        (number(summary.still_overdue), "still overdue"),
        _figure(summary.streak_weeks, "week", rest=" in a row with a session"),
    ]
    for figure, words in rows:
        numbers.add_row(figure, words)
    parts: list[Table | Text] = [numbers]
    if summary.left:
        # Skipped, not reached, or outside the scope the rep chose: what the next session finds.
        parts.append(Text(f"\nLeft for next time: {left_words(summary.left)}"))
    if not summary.counts_for_streak:
        # Said here, or the rep wonders why the streak did not grow.
        parts.append(
            Text(
                "\nNothing was logged, moved or marked: this session does not count for the streak."
            )
        )
    if summary.contacts:
        by_kind = Table(box=None, padding=(0, 2, 0, 0))
        by_kind.add_column("channel")
        by_kind.add_column("outcome")
        by_kind.add_column("count", justify="right")
        for (channel, outcome), count in sorted(summary.contacts.items()):
            by_kind.add_row(channel.value, outcome.label, number(count))
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
