"""The log-contact dialog: channel, direction, outcome, note, next step and next due."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, TypeVar

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Input, Select, Static

from leadboard.actions.contacts import ContactEntry
from leadboard.domain.dates import DateParseError
from leadboard.domain.followup import ContactEffect, Policy, effect_of_contact, sequence_label
from leadboard.domain.model import Channel, Direction, Lead, Outcome
from leadboard.domain.text import printable
from leadboard.ui.dialogs.form_dialog import FormDialog
from leadboard.ui.dialogs.reuse import still_open
from leadboard.ui.widgets.forms import (
    FORMS_CSS,
    DuePreview,
    ErrorLine,
    SteadyFooter,
    TickBox,
    app_sequence,
    describe_due,
    due_input_text,
    fill_input,
    fixed_select,
    is_past,
    read_due,
    row,
    safe,
    save_buttons,
)
from leadboard.ui.writes import Saver

if TYPE_CHECKING:
    from leadboard.domain.templates import FilledMessage, TemplateError

T = TypeVar("T")

CHANNEL_OPTIONS = [(channel.value, channel) for channel in Channel]
DIRECTION_OPTIONS = [("out: we reached them", Direction.OUT), ("in: they reached us", Direction.IN)]
OUTCOME_OPTIONS = [(outcome.label, outcome) for outcome in Outcome]


class LogContactScreen(FormDialog[ContactEntry]):
    """Log a touch with a lead; dismisses with a ContactEntry, or None when cancelled."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        FORMS_CSS,
        Path(__file__).with_name("log_contact.tcss"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+y", "copy_message", "Copy message"),
    ]

    def __init__(
        self, lead: Lead, policy: Policy, now: DateTime, *, saver: Saver[ContactEntry] | None = None
    ) -> None:
        """Prepare the dialog for `lead`; `now` is the contact time and the base of every date."""
        super().__init__(saver)
        self.prepare(lead, policy, now, saver=saver)

    def prepare(
        self, lead: Lead, policy: Policy, now: DateTime, *, saver: Saver[ContactEntry] | None = None
    ) -> None:
        """Fill the dialog for `lead` (again, when it is shown once more: see dialogs/reuse.py)."""
        self.lead = lead
        self.policy = policy
        self.now = now
        self.saver = saver
        self.saving = False
        self._next_step = printable(lead.next_step)
        effect = self._rules(Direction.OUT, Outcome.NO_ANSWER)
        self._default_due = due_input_text(effect.next_due, policy.tz)
        self._default_promise = effect.promised
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        """Lay out the fields; `_fill` puts the lead's values and the rules' defaults in."""
        with VerticalGroup(id="dialog"):
            yield Static(id="context", classes="hint")
            # What to send for the lead's step on the chosen channel; ctrl+y copies it.
            yield Static(id="message", classes="hint", markup=False)
            # The outcome first: its list opens downwards over the rows below it and fits
            # inside the dialog (lower down it spilled out past the border). Tab still goes
            # outcome, note, next step, due, as reps type it; channel and direction, which
            # rarely change, come last.
            yield row("Outcome", fixed_select(OUTCOME_OPTIONS, Outcome.NO_ANSWER, "outcome"))
            yield row("Note", Input(placeholder="what was said", id="note", compact=True))
            yield row(
                "Next step",
                Input(placeholder="one concrete action", id="next-step", compact=True),
            )
            yield row(
                "Next due",
                Input(
                    placeholder="tomorrow 3pm, +3d, fri, 24 dec 10:00",
                    id="due",
                    compact=True,
                ),
            )
            yield DuePreview(id="due-preview", classes="preview")
            yield row(
                "Promised",
                TickBox("I promised the lead this date", id="promised", compact=True),
            )
            yield row("Channel", fixed_select(CHANNEL_OPTIONS, Channel.CALL, "channel"))
            yield row("Direction", fixed_select(DIRECTION_OPTIONS, Direction.OUT, "direction"))
            yield ErrorLine(id="error", classes="error")
            yield save_buttons()
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Fill the fields for the lead."""
        if still_open(self):  # not when the app closes as it is built ahead (reuse.warm)
            self._fill()

    def _fill(self) -> None:
        """Every field as for a fresh dialog on `lead`; start at the outcome, the usual change."""
        self.query_one("#dialog").border_title = Content("Log contact: ") + safe(self.lead.name)
        self.query_one("#context", Static).update(self._summary())
        self.query_one("#outcome", Select).value = Outcome.NO_ANSWER
        fill_input(self.query_one("#note", Input), "")
        fill_input(self.query_one("#next-step", Input), self._next_step)
        fill_input(self.query_one("#due", Input), self._default_due)
        self.query_one("#promised", TickBox).value = self._default_promise
        channel = self.lead.preferred_channel or Channel.CALL
        self.query_one("#channel", Select).value = channel
        self.query_one("#direction", Select).value = Direction.OUT
        self.query_one(ErrorLine).say("")
        self._show_message()
        self._preview()
        self.query_one("#outcome", Select).focus()
        self.remember_fields()

    def _summary(self) -> Content:
        """Two lines about the lead: company, temperature and current due; sequence step."""
        parts = [printable(self.lead.company)] if self.lead.company.strip() else []
        parts.append(self.lead.temperature.value)
        if self.lead.next_due is not None:
            parts.append(describe_due(self.lead.next_due, self.now, self.policy.tz))
        step = self.lead.sequence_step
        sequence = f"sequence step {step}: {sequence_label(step, app_sequence())}"
        return Content(" · ".join(parts) + "\n" + sequence)

    def _rules(self, direction: Direction, outcome: Outcome) -> ContactEffect:
        """What the rules would set for this direction and outcome, with no date typed."""
        return effect_of_contact(
            self.lead, at=self.now, direction=direction, outcome=outcome, policy=self.policy
        )

    def _value(self, id: str, kind: type[T]) -> T:
        """The value of a Select that never goes blank."""
        value = self.query_one(f"#{id}", Select).value
        assert isinstance(value, kind)
        return value

    def _preview(self) -> None:
        """Refresh the line under the date field."""
        outcome = self._value("outcome", Outcome)
        blank = "blank: the rules pick the date"
        if outcome in (Outcome.WON, Outcome.LOST):
            blank = f"no follow-up: the lead will be marked {outcome.value}"
        text = self.query_one("#due", Input).value
        if outcome in (Outcome.WON, Outcome.LOST) and text.strip():
            # The rules drop any due date of a closed lead; say so rather than show one.
            text = ""
        self.query_one(DuePreview).show(
            text, self.now, self.policy.tz, blank, skip_weekends=self.policy.skip_weekends
        )

    def _message(self) -> FilledMessage | TemplateError | None:
        """The message for the lead's step on the chosen channel (None outside the app)."""
        from leadboard.ui.message_copy import app_message

        return app_message(self.app, self.lead, self._value("channel", Channel))

    def _show_message(self) -> None:
        """The message block: its first lines, or why the template cannot be used."""
        from leadboard.ui.widgets.session_card import message_lines

        message = self._message()
        block = self.query_one("#message", Static)
        block.display = message is not None
        if message is not None:
            lines = message_lines(message, copy_key="ctrl+y")
            block.update(Content.from_rich_text(lines))

    @on(Select.Changed, "#channel")
    def _channel_changed(self) -> None:
        self._show_message()

    def action_copy_message(self) -> None:
        """ctrl+y: copy the message for the lead's step on the chosen channel."""
        from leadboard.ui.message_copy import copy_message_of

        said, error = copy_message_of(self.app, self.lead, self._message())
        self.notify(said, severity="error" if error else "information", markup=False)

    @on(Select.Changed, "#outcome, #direction")
    def _rules_changed(self) -> None:
        """Follow the rules' new date and promise, unless the rep already changed them."""
        effect = self._rules(self._value("direction", Direction), self._value("outcome", Outcome))
        due_input = self.query_one("#due", Input)
        new_default = due_input_text(effect.next_due, self.policy.tz)
        if due_input.value == self._default_due:
            due_input.value = new_default
        self._default_due = new_default
        promised = self.query_one("#promised", TickBox)
        if promised.value == self._default_promise:
            promised.value = effect.promised
        self._default_promise = effect.promised
        self._preview()

    def _second_thought(self, result: ContactEntry) -> str | None:
        """A typed next due in the past asks before it is saved."""
        due = result.typed_due
        if due is None or not is_past(due, self.now):
            return None
        shown = describe_due(due, self.now, self.policy.tz)
        return f"The next due, {shown}, is in the past. Save it?"

    def _result(self) -> ContactEntry | None:
        """Read the fields into a ContactEntry, or show the error and return None."""
        outcome = self._value("outcome", Outcome)
        text = self.query_one("#due", Input).value
        promise = self.query_one("#promised", TickBox).value
        closed = outcome in (Outcome.WON, Outcome.LOST)
        try:
            typed = None if closed else read_due(text, self.now, self.policy.tz)
        except DateParseError:
            self.query_one(ErrorLine).say("Fix the next due date to save.")
            self.query_one("#due", Input).focus()
            return None
        untouched = text.strip() in ("", self._default_due) and promise == self._default_promise
        if typed is None and promise and not closed:
            # A blank date with "promised" on promises the date the rules give.
            typed = self._rules(self._value("direction", Direction), outcome).next_due
        next_step = printable(self.query_one("#next-step", Input).value).strip()
        return ContactEntry(
            channel=self._value("channel", Channel),
            direction=self._value("direction", Direction),
            outcome=outcome,
            note=printable(self.query_one("#note", Input).value).strip(),
            next_step=None if next_step == self._next_step.strip() else next_step,
            typed_due=None if untouched or closed else typed,
            promise=promise and not closed,
        )
