"""What the session asks after `3` (a note, a next step) and `4` (the meeting's date, a next step).

Both fit the burst a rep types without looking: `4 fri Tab send quote Enter`. Enter logs;
Escape logs nothing at all (asking first, as every form does, once something was typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import ClassVar

from pendulum import DateTime
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.widgets import Footer, Input, Static

from leadboard.domain.dates import DateParseError
from leadboard.domain.model import Lead
from leadboard.domain.text import clipped, printable
from leadboard.ui.dialogs.form_dialog import FormDialog
from leadboard.ui.widgets.forms import (
    FORMS_CSS,
    DuePreview,
    ErrorLine,
    read_due,
    row,
    safe,
    save_buttons,
)
from leadboard.ui.writes import Saver

OUTCOME_CSS: list[str | PurePath] = [FORMS_CSS, Path(__file__).with_name("session_outcome.tcss")]

MEETING_EXAMPLES = "fri 10:00, +3d, 2026-12-01 14:00"


@dataclass(frozen=True)
class TouchDetails:
    """What the rep added to a one-key outcome."""

    note: str = ""
    next_step: str | None = None
    """The new next step; None keeps the lead's."""
    meeting_at: DateTime | None = None
    """When the booked meeting is (UTC): the lead's promised next due."""


def _next_step_input(lead: Lead) -> Input:
    """Empty, with the lead's next step as the placeholder: typing replaces it, blank keeps it."""
    current = printable(lead.next_step).strip()
    placeholder = f"keep: {clipped(current, 40)}" if current else "one concrete action"
    return Input(placeholder=placeholder, id="next-step", compact=True)


def _next_step(dialog: FormDialog[TouchDetails]) -> str | None:
    """The typed next step, cleaned; None when left blank (the lead's stays)."""
    typed = printable(dialog.query_one("#next-step", Input).value).strip()
    return typed or None


class TalkedScreen(FormDialog[TouchDetails]):
    """`3`: a note and a next step on one line; Enter on both blank logs the talk alone."""

    CSS_PATH: ClassVar[list[str | PurePath]] = OUTCOME_CSS

    def __init__(self, lead: Lead, *, saver: Saver[TouchDetails] | None = None) -> None:
        """`lead` is shown by name (literally) and lends its next step as the placeholder."""
        super().__init__(saver)
        self.lead = lead

    def compose(self) -> ComposeResult:
        """One line of two fields, a hint, the buttons."""
        with VerticalGroup(id="dialog") as dialog:
            dialog.border_title = Content("Talked with ") + safe(self.lead.name)
            with HorizontalGroup(id="fields"):
                yield row("Note", Input(placeholder="what was said", id="note", compact=True))
                yield row("Next step", _next_step_input(self.lead))
            yield Static(
                "enter logs (blank: no note, next step kept) · tab: next · esc logs nothing",
                classes="hint",
            )
            yield ErrorLine(id="error", classes="error")
            yield save_buttons("Log")  # the keys are on the hint line
        yield Footer()

    def on_mount(self) -> None:
        """Escape asks before throwing typed text away (FormDialog), as the log dialog does."""
        self.remember_fields()

    def _preview(self) -> None:
        """No date here."""

    def _result(self) -> TouchDetails:
        """The note and next step as typed (both may be blank)."""
        note = printable(self.query_one("#note", Input).value).strip()
        return TouchDetails(note=note, next_step=_next_step(self))


class MeetingScreen(FormDialog[TouchDetails]):
    """`4`: when the meeting is (shown resolved as it is typed) and the next step."""

    CSS_PATH: ClassVar[list[str | PurePath]] = OUTCOME_CSS

    def __init__(
        self, lead: Lead, now: DateTime, tz: str, *, saver: Saver[TouchDetails] | None = None
    ) -> None:
        """Dates are read as of `now` in the rep's zone `tz`."""
        super().__init__(saver)
        self.lead = lead
        self.now = now
        self.tz = tz

    def compose(self) -> ComposeResult:
        """The date with its resolved preview, the next step, a hint, the buttons."""
        with VerticalGroup(id="dialog") as dialog:
            dialog.border_title = Content("Meeting booked with ") + safe(self.lead.name)
            yield row("Meeting on", Input(placeholder=MEETING_EXAMPLES, id="due", compact=True))
            yield DuePreview(id="due-preview", classes="preview")
            yield row("Next step", _next_step_input(self.lead))
            yield Static(
                "enter logs: the meeting becomes the promised next due · esc logs nothing",
                classes="hint",
            )
            yield ErrorLine(id="error", classes="error")
            yield save_buttons("Log")  # the keys are on the hint line
        yield Footer()

    def on_mount(self) -> None:
        """Say what to type under the empty date; Escape asks once something was typed."""
        self._preview()
        self.remember_fields()

    def _preview(self) -> None:
        """The typed date resolved, or what to type."""
        text = self.query_one("#due", Input).value
        blank = f"when is it? {MEETING_EXAMPLES}"
        self.query_one(DuePreview).show(text, self.now, self.tz, blank)

    def _result(self) -> TouchDetails | None:
        """The meeting's date (required, not past) and the next step; None after saying why."""
        due = self.query_one("#due", Input)
        try:
            when = read_due(due.value, self.now, self.tz)
        except DateParseError:
            when, problem = None, "fix the meeting's date to log it"
        else:
            problem = f"type when the meeting is: {MEETING_EXAMPLES}"
            if when is not None and when < self.now:
                when, problem = None, "that is in the past: type when the meeting will be"
        if when is None:
            self.query_one(ErrorLine).say(problem)
            due.focus()
            return None
        return TouchDetails(next_step=_next_step(self), meeting_at=when)
