"""The edit-contact dialog: a past contact's outcome, channel and note."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Input, Select

from leadboard.domain.model import Channel, Contact, Outcome
from leadboard.domain.text import printable
from leadboard.store.contact_edits import ContactEdit
from leadboard.ui.dialogs.form_dialog import FormDialog
from leadboard.ui.widgets.forms import (
    FORMS_CSS,
    ErrorLine,
    SteadyFooter,
    fill_input,
    fixed_select,
    row,
    safe,
    save_buttons,
)
from leadboard.ui.writes import Saver

CHANNEL_OPTIONS = [(channel.value, channel) for channel in Channel]
OUTCOME_OPTIONS = [(outcome.label, outcome) for outcome in Outcome]


class ContactEditScreen(FormDialog[ContactEdit]):
    """Change a logged contact; dismisses with a ContactEdit, or None when cancelled."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        FORMS_CSS,
        Path(__file__).with_name("contact_edit.tcss"),
    ]

    def __init__(
        self, name: str, contact: Contact, *, saver: Saver[ContactEdit] | None = None
    ) -> None:
        """Edit `contact` of the lead called `name` (shown literally in the title)."""
        super().__init__(saver)
        self.lead_name = name
        self.contact = contact

    def compose(self) -> ComposeResult:
        """Outcome, note and channel, then Save and Cancel."""
        contact = self.contact
        with VerticalGroup(id="dialog"):
            yield row("Outcome", fixed_select(OUTCOME_OPTIONS, contact.outcome, "outcome"))
            yield row("Note", Input(placeholder="what was said", id="note", compact=True))
            yield row("Channel", fixed_select(CHANNEL_OPTIONS, contact.channel, "channel"))
            yield ErrorLine(id="error", classes="error")
            yield save_buttons()
        yield SteadyFooter()

    def on_mount(self) -> None:
        """Put the contact's values in and start at the outcome."""
        self.query_one("#dialog").border_title = Content("Edit contact: ") + safe(self.lead_name)
        fill_input(self.query_one("#note", Input), printable(self.contact.note, one_line=True))
        self.query_one("#outcome", Select).focus()
        self.remember_fields()

    def _preview(self) -> None:
        """No due field here: nothing to preview."""

    def _result(self) -> ContactEdit | None:
        """The fields as an edit; every value is valid, so there is always one."""
        outcome = self.query_one("#outcome", Select).value
        channel = self.query_one("#channel", Select).value
        assert isinstance(outcome, Outcome) and isinstance(channel, Channel)
        note = self.query_one("#note", Input).value
        # A multi-line note shows on one line here: saved only when the rep changed it.
        kept = note == printable(self.contact.note, one_line=True)
        return ContactEdit(outcome=outcome, channel=channel, note=None if kept else note)
