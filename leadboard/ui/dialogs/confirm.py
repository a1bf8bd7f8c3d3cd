"""Small questions: yes or no, and a one-line reason (why a lead was lost)."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from leadboard.domain.text import printable
from leadboard.ui.dialogs.saving import SavingDialog
from leadboard.ui.widgets.forms import FORMS_CSS, ErrorLine, safe
from leadboard.ui.writes import Saver

QUESTION_CSS: list[str | PurePath] = [FORMS_CSS, Path(__file__).with_name("confirm.tcss")]
"""The stylesheets of both dialogs: a small centred box with the form pieces."""


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes-or-no question; dismisses True for yes, False for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    CSS_PATH: ClassVar[list[str | PurePath]] = QUESTION_CSS

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", *, default: bool = True
    ) -> None:
        """`question` may hold a lead's name: it is shown literally, never as markup.

        `default` is the answer Enter gives: False when yes would throw something away.
        """
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.default = default

    def compose(self) -> ComposeResult:
        """The question and two buttons; yes has focus, so enter answers yes."""
        with VerticalGroup(id="dialog"):
            yield Static(safe(self.question, one_line=False), id="question")
            with HorizontalGroup(classes="buttons"):
                yield Button(safe(self.yes), variant="primary", id="yes", compact=True)
                yield Button(safe(self.no), id="no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Focus the default answer: enter then gives it, tab reaches the other."""
        self.query_one("#yes" if self.default else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        """A button answers for itself."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)


class ReasonScreen(SavingDialog[str]):
    """Ask for a short reason; dismisses the trimmed text (maybe empty, once saved), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    CSS_PATH: ClassVar[list[str | PurePath]] = QUESTION_CSS
    RETRY = "Enter tries again, Escape cancels."

    def __init__(
        self, question: str, placeholder: str = "", *, saver: Saver[str] | None = None
    ) -> None:
        """`question` may hold a lead's name: it is shown literally, never as markup."""
        super().__init__(saver)
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """The question, an input and the buttons."""
        with VerticalGroup(id="dialog"):
            yield Static(safe(self.question, one_line=False), id="question")
            yield Input(placeholder=self.placeholder, id="reason")
            yield Static("enter saves, even when empty · esc cancels", classes="hint")
            yield ErrorLine(id="error", classes="error")
            with HorizontalGroup(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        """Return the reason, trimmed and cleaned of control characters."""
        self.submit(printable(self.query_one("#reason", Input).value).strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a reason: the caller does nothing (not while the reason is saved)."""
        if not self.saving:
            self.dismiss(None)
