"""The quick-entry line: one line at the bottom that logs a touch, showing what it will do.

The preview is worked out on a worker thread (the lead is looked up in the store) and only the
answer for the text as it is now is drawn. Enter never uses the preview: the screen plans the
line again on the writer thread when it logs it, so a burst typed faster than the previews
logs exactly what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from leadboard.ui.quick_planner import Planned

if TYPE_CHECKING:
    from leadboard.actions.quick import QuickPlan

EXAMPLE = "emma call talked +3d send the quote"

HOW = (
    "lead · channel · outcome · date (! promised) · next step ; note"
    f"    e.g. {EXAMPLE}    Enter logs · Esc closes"
)
"""What the preview says before anything is typed."""


class QuickLine(Vertical):
    """`:` opens it; Enter asks the screen to log the line; Escape leaves nothing behind."""

    DEFAULT_CSS = """
    QuickLine {
        dock: bottom;
        height: auto;
        display: none;
        background: $panel;
        padding: 0 1;
        margin-bottom: 1;
    }
    QuickLine #quick-preview { height: auto; max-height: 3; color: $text-muted; }
    QuickLine #quick-preview.ready { color: $text; text-style: bold; }
    QuickLine #quick-preview.problem { color: $warning; }
    QuickLine Input { border: none; height: 1; padding: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the quick line", show=False),
    ]

    class Entered(Message):
        """Enter on a line with text: the screen logs it."""

        def __init__(self, line: QuickLine, text: str) -> None:
            super().__init__()
            self.line = line
            self.text = text

        @property
        def control(self) -> QuickLine:
            """The line that was entered."""
            return self.line

    class Closed(Message):
        """The line closed (Escape, or logged): the screen takes focus back."""

    def __init__(
        self,
        planner: Callable[[str], Planned],
        describe: Callable[[QuickPlan], str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._planner = planner
        self._describe = describe
        self._serial = 0

    def compose(self) -> ComposeResult:
        """The preview above the line the rep types in."""
        yield Static(HOW, id="quick-preview", markup=False)
        yield Input(placeholder=EXAMPLE, id="quick-input", compact=True, select_on_focus=False)

    @property
    def is_open(self) -> bool:
        """True while the line is shown."""
        return bool(self.display)

    @property
    def text(self) -> str:
        """What is typed in the line now."""
        return self.query_one(Input).value

    def open(self, planner: Callable[[str], Planned] | None = None) -> None:
        """Show the line and type into it; `planner` for the lead selected now."""
        if planner is not None:
            self._planner = planner
        self.display = True
        box = self.query_one(Input)
        box.focus()
        self._preview(box.value)

    def close(self) -> None:
        """Empty and hide the line: nothing typed stays behind."""
        self._serial += 1  # a preview on its way is for text that is gone
        box = self.query_one(Input)
        with box.prevent(Input.Changed):
            box.value = ""
        self.display = False
        self._show(Content(HOW), "")
        self.post_message(self.Closed())

    def action_close(self) -> None:
        """Escape: close without logging."""
        self.close()

    def show(self, planned: Planned) -> None:
        """Draw what a line comes to (also the answer the screen got when it tried to log it)."""
        from leadboard.actions.quick import QuickPlan, QuickProblem

        if isinstance(planned, QuickPlan):
            words = "Enter logs: " + self._describe(planned)
            if planned.past_due:
                words += "  (the date is in the past: Enter asks first)"
            self._show(Content(words), "ready")
        elif isinstance(planned, QuickProblem):
            self._show(Content(planned.summary()), "problem")
        else:
            self._show(Content(f"could not look the lead up: {planned}"), "problem")

    def _show(self, content: Content, kind: str) -> None:
        preview = self.query_one("#quick-preview", Static)
        preview.set_classes(kind)
        preview.update(content)

    @on(Input.Changed, "#quick-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._preview(event.value)

    @on(Input.Submitted, "#quick-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Entered(self, event.value))

    def _preview(self, text: str) -> None:
        """Work out what `text` would log, on a worker; only the newest answer is drawn."""
        self._serial += 1
        serial = self._serial
        if not text.strip():
            self._show(Content(HOW), "")
            return
        planner = self._planner

        def work() -> None:
            if serial != self._serial:
                return  # superseded before it started
            planned = planner(text)
            if serial == self._serial:
                self.app.call_from_thread(self._previewed, serial, planned)

        self.run_worker(work, thread=True, group="quick-preview", exit_on_error=False)

    def _previewed(self, serial: int, planned: Planned) -> None:
        if serial == self._serial and self.is_open:
            self.show(planned)
