"""Snooze a lead: one key for a day, three days or a week."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from leadboard.domain.session import SNOOZE_DAYS
from leadboard.ui.widgets.forms import safe


def days_words(days: int) -> str:
    """'a day', '3 days', 'a week'."""
    return {1: "a day", 7: "a week"}.get(days, f"{days} days")


class SnoozeScreen(ModalScreen[int | None]):
    """Ask how long to put a lead off; dismisses with the days, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(days), f"choose({days})", f"+{days}d") for days in SNOOZE_DAYS),
        Binding("w", "choose(7)", "+1 week", show=False),
        Binding("escape", "choose(0)", "Cancel"),
    ]

    CSS_PATH = Path(__file__).with_name("snooze.tcss")

    def __init__(self, name: str) -> None:
        """`name` is the lead's name, shown literally."""
        super().__init__()
        self.lead_name = name

    def compose(self) -> ComposeResult:
        """The question and the choices."""
        with VerticalGroup(id="dialog"):
            yield Static(safe(f"Snooze {self.lead_name} for..."))
            choices = "   ".join(f"{days}: {days_words(days)}" for days in SNOOZE_DAYS)
            yield Static(safe(choices + "   esc: cancel"))
        yield Footer()

    def action_choose(self, days: int) -> None:
        """Answer with the days (0 means cancel)."""
        self.dismiss(days or None)
