"""Small questions: yes or no, and a one-line reason (why a lead was lost)."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from leadboard.domain.text import printable
from leadboard.ui.dialogs.lost_reason import PICKER_CSS, PastReasons, ReasonLoader
from leadboard.ui.dialogs.reuse import KeptStyles
from leadboard.ui.dialogs.saving import SavingDialog
from leadboard.ui.widgets.forms import (
    FORMS_CSS,
    ErrorLine,
    SteadyFooter,
    fill_input,
    safe,
    save_buttons,
)
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
    """Ask for a short reason; dismisses the trimmed text (maybe empty, once saved), or None.

    Given a loader of past reasons, they are offered under the input (dialogs/lost_reason.py):
    typing narrows them, up and down pick one, Enter takes it (or the typed text when none is).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "pick(1)", "Next reason", show=False),
        Binding("up", "pick(-1)", "Previous reason", show=False),
    ]

    CSS_PATH: ClassVar[list[str | PurePath]] = [*QUESTION_CSS, PICKER_CSS]
    RETRY = "Enter tries again, Escape cancels."
    HINT = "enter saves, even when empty · esc cancels"
    PICK_HINT = "↑↓ picks a past reason · enter saves · esc cancels"

    loading = False
    """True while the past reasons are read: keys typed meanwhile wait (holds_key)."""

    def __init__(
        self,
        question: str,
        placeholder: str = "",
        *,
        saver: Saver[str] | None = None,
        reasons: ReasonLoader | None = None,
    ) -> None:
        """`question` may hold a lead's name: it is shown literally, never as markup."""
        super().__init__(saver)
        self._asked = 0
        self.prepare(question, placeholder, saver=saver, reasons=reasons)

    def prepare(
        self,
        question: str,
        placeholder: str = "",
        *,
        saver: Saver[str] | None = None,
        reasons: ReasonLoader | None = None,
    ) -> None:
        """Ask `question` with an empty reason (again, when shown once more: dialogs/reuse.py)."""
        self.question = question
        self.placeholder = placeholder
        self.saver = saver
        self.saving = False
        self.reasons = reasons
        self.loading = reasons is not None
        self._asked += 1
        if self.is_mounted:
            self._fill()

    def holds_key(self, event: events.Key) -> bool:
        """Keys wait while the reason is saved, and while the past reasons are read."""
        return self.saving or self.loading

    def compose(self) -> ComposeResult:
        """The question, an input, the past reasons and the buttons."""
        with VerticalGroup(id="dialog"):
            yield Static(safe(self.question, one_line=False), id="question")
            yield Input(placeholder=self.placeholder, id="reason")
            yield PastReasons()
            yield Static(self.HINT, classes="hint", id="reason-hint")
            yield ErrorLine(id="error", classes="error")
            yield save_buttons()
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Read the past reasons, if there are any to offer."""
        self._offer([])
        self._read_reasons()

    def _fill(self) -> None:
        """A kept dialog shown again: the new question, an empty reason with the cursor in it."""
        self.query_one("#question", Static).update(safe(self.question, one_line=False))
        reason = self.query_one("#reason", Input)
        reason.placeholder = self.placeholder
        fill_input(reason, "")
        self.query_one(ErrorLine).say("")
        self._offer([])
        reason.focus()
        self._read_reasons()

    def _read_reasons(self) -> None:
        """Read the past reasons on a thread; keys wait until they are offered."""
        load, asked, app = self.reasons, self._asked, self.app
        if load is None:
            self.loading = False
            return

        def read() -> None:
            try:
                found = list(load())
            except Exception:
                # The list only helps: a locked or broken file leaves the dialog as it was.
                found = []
            with suppress(RuntimeError):  # the app closed meanwhile: nobody to offer them to
                app.call_from_thread(self._loaded, asked, found)

        self.run_worker(read, thread=True, group="past-reasons", exit_on_error=False)

    def _loaded(self, asked: int, found: list[tuple[str, int]]) -> None:
        """On the UI thread: offer the reasons read for this question, then let keys go on."""
        if asked != self._asked or not self.is_mounted:
            return  # read for an earlier question of this kept dialog, or it is gone
        self._offer(found)
        self.loading = False
        from leadboard.ui.typeahead import OrderedKeysApp

        if isinstance(self.app, OrderedKeysApp):
            self.app.settle_keys()

    def _offer(self, found: list[tuple[str, int]]) -> None:
        self.query_one(PastReasons).fill(found, self.query_one("#reason", Input).value)
        self.query_one("#reason-hint", Static).update(self.PICK_HINT if found else self.HINT)

    @on(Input.Changed, "#reason")
    def _typed(self, event: Input.Changed) -> None:
        """Narrow the past reasons to what is typed."""
        self.query_one(PastReasons).narrow(event.value)

    def action_pick(self, step: int) -> None:
        """Move the highlight in the past reasons (narrowed to the text typed by now)."""
        picker = self.query_one(PastReasons)
        picker.narrow(self.query_one("#reason", Input).value)
        picker.move(step)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        """Return the highlighted past reason, else the typed one, trimmed and cleaned."""
        typed = self.query_one("#reason", Input).value
        picker = self.query_one(PastReasons)
        picker.narrow(typed)
        self.submit(picker.chosen() or printable(typed).strip())

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
    app: App[Any],
    question: str,
    placeholder: str = "",
    *,
    saver: Saver[str] | None = None,
    reasons: ReasonLoader | None = None,
) -> ReasonScreen:
    """The app's reason dialog asking `question`, built once and shown again (reuse.py)."""
    from leadboard.ui.dialogs.reuse import reused

    return reused(
        app,
        ReasonScreen,
        lambda: ReasonScreen(question, placeholder, saver=saver, reasons=reasons),
        lambda screen: screen.prepare(question, placeholder, saver=saver, reasons=reasons),
    )
