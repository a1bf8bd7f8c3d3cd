"""Small questions: yes or no, and a one-line reason (why a lead was lost)."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from leadboard.domain.text import printable
from leadboard.ui.dialogs.reuse import KeptStyles
from leadboard.ui.dialogs.saving import SavingDialog
from leadboard.ui.widgets.forms import FORMS_CSS, ErrorLine, SteadyFooter, fill_input, safe
from leadboard.ui.writes import Saver

QUESTION_CSS: list[str | PurePath] = [FORMS_CSS, Path(__file__).with_name("confirm.tcss")]
"""The stylesheets of both dialogs: a small centred box with the form pieces."""


class ConfirmScreen(KeptStyles, ModalScreen[bool]):
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
        self.prepare(question, yes, no, default=default)

    def prepare(
        self, question: str, yes: str = "Yes", no: str = "No", *, default: bool = True
    ) -> None:
        """Ask `question` (again, when shown once more: see dialogs/reuse.py)."""
        self.question = question
        self.yes = yes
        self.no = no
        self.default = default
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        """The question and two buttons; yes has focus, so enter answers yes."""
        with VerticalGroup(id="dialog"):
            yield Static(safe(self.question, one_line=False), id="question")
            with HorizontalGroup(classes="buttons"):
                yield Button(safe(self.yes), variant="primary", id="yes", compact=True)
                yield Button(safe(self.no), id="no", compact=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Focus the default answer: enter then gives it, tab reaches the other."""
        self.query_one("#yes" if self.default else "#no", Button).focus()

    def _fill(self) -> None:
        """A kept dialog shown again: the new question and answers, as `compose` lays them out."""
        self.query_one("#question", Static).update(safe(self.question, one_line=False))
        self.query_one("#yes", Button).label = safe(self.yes)
        self.query_one("#no", Button).label = safe(self.no)
        self.on_mount()

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
        self.prepare(question, placeholder, saver=saver)

    def prepare(
        self, question: str, placeholder: str = "", *, saver: Saver[str] | None = None
    ) -> None:
        """Ask `question` with an empty reason (again, when shown once more: dialogs/reuse.py)."""
        self.question = question
        self.placeholder = placeholder
        self.saver = saver
        self.saving = False
        if self.is_mounted:
            self._fill()

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
        yield SteadyFooter()

    def _fill(self) -> None:
        """A kept dialog shown again: the new question, an empty reason with the cursor in it."""
        self.query_one("#question", Static).update(safe(self.question, one_line=False))
        reason = self.query_one("#reason", Input)
        reason.placeholder = self.placeholder
        fill_input(reason, "")
        self.query_one(ErrorLine).say("")
        reason.focus()

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


def ask(
    app: App[Any], question: str, yes: str = "Yes", no: str = "No", *, default: bool = True
) -> ConfirmScreen:
    """The app's yes-or-no dialog asking `question`, built once and shown again (reuse.py)."""
    from leadboard.ui.dialogs.reuse import reused

    return reused(
        app,
        ConfirmScreen,
        lambda: ConfirmScreen(question, yes, no, default=default),
        lambda screen: screen.prepare(question, yes, no, default=default),
    )


def ask_reason(
    app: App[Any], question: str, placeholder: str = "", *, saver: Saver[str] | None = None
) -> ReasonScreen:
    """The app's reason dialog asking `question`, built once and shown again (reuse.py)."""
    from leadboard.ui.dialogs.reuse import reused

    return reused(
        app,
        ReasonScreen,
        lambda: ReasonScreen(question, placeholder, saver=saver),
        lambda screen: screen.prepare(question, placeholder, saver=saver),
    )
