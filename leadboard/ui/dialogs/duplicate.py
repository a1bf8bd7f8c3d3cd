"""The question a likely duplicate asks before it is added: open the stored lead, add, or back."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from leadboard.store.errors import LikelyDuplicate
from leadboard.ui.widgets.forms import FORMS_CSS, safe

OPEN = "open"
ADD = "add"


class DuplicateScreen(ModalScreen[str | None]):
    """Dismisses OPEN (show the stored lead), ADD (add anyway) or None (back to the form)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "answer('open')", "Open it"),
        Binding("a", "answer('add')", "Add anyway"),
        Binding("escape,b", "answer('')", "Back"),
    ]

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        FORMS_CSS,
        Path(__file__).with_name("confirm.tcss"),
    ]

    def __init__(self, name: str, duplicate: LikelyDuplicate) -> None:
        """`name` is the new lead's; both it and the stored leads are shown literally."""
        super().__init__()
        self.lead_name = name
        self.twins = duplicate.twins

    def compose(self) -> ComposeResult:
        """What it looks like, then the three answers; Back has focus: nothing is lost."""
        lines = [f"{self.lead_name} looks like"]
        lines += [f"  {twin.describe()}" for twin in self.twins]
        lines.append("Open it instead, or add a second lead?")
        with VerticalGroup(id="dialog"):
            yield Static(safe("\n".join(lines), one_line=False), id="question")
            with HorizontalGroup(classes="buttons"):
                yield Button("Open it", variant="primary", id="open", compact=True)
                yield Button("Add anyway", id="add", compact=True)
                yield Button("Back", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Back is the default: the form and what was typed stay."""
        self.query_one("#back", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        """A button answers for itself."""
        self.action_answer(event.button.id or "")

    def action_answer(self, answer: str) -> None:
        """Close with the answer (Back is None)."""
        self.dismiss(answer if answer in (OPEN, ADD) else None)
