"""After "not interested" in the session: mark lost, move colder or keep, in one key."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from leadboard.ui.widgets.forms import safe


class AfterNo(StrEnum):
    """What the rep does with a lead who said no."""

    LOST = "lost"
    COLDER = "colder"
    KEEP = "keep"


NOT_INTERESTED = "not interested"
"""The lost reason `l` records."""


class AfterNoScreen(ModalScreen[AfterNo]):
    """Three choices, one key each; Enter and Escape keep the lead as it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "choose('lost')", "Mark lost"),
        Binding("c", "choose('colder')", "Move colder"),
        Binding("enter,escape", "choose('keep')", "Keep"),
    ]

    CSS_PATH = Path(__file__).with_name("after_no.tcss")

    def __init__(self, name: str, colder: str | None, keep: str) -> None:
        """`name` is the lead's (shown literally); `colder` what `c` does, None when cold."""
        super().__init__()
        self.lead_name = name
        self.colder = colder
        self.keep = keep

    def compose(self) -> ComposeResult:
        """The lead, then one line per choice."""
        with VerticalGroup(id="dialog") as dialog:
            dialog.border_title = Content("Not interested: ") + safe(self.lead_name)
            lines = [f"l      mark lost (reason: {NOT_INTERESTED})"]
            if self.colder is not None:
                lines.append(f"c      {self.colder}")
            lines.append(f"enter  {self.keep}")
            yield Static(Content("\n".join(lines)), id="choices")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c` does nothing on a cold lead: there is nothing colder."""
        if action == "choose" and parameters == ("colder",):
            return self.colder is not None
        return True

    def action_choose(self, choice: str) -> None:
        """Answer."""
        self.dismiss(AfterNo(choice))
