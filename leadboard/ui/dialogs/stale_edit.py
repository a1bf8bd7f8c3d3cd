"""A lead form's save refused as stale: what the other rep changed, and the rep's edits kept.

The form (dialogs/lead_form.py) shows `refused_text`, then on Reload fills the fields from
the lead as saved now and lays the rep's own changes (`field_values` that differ from the
form as opened) back on top with `put_values`; `reloaded_text` says what both changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widgets import Button, Checkbox, Input, Select, TextArea

from leadboard.domain.lead_changes import FieldChange
from leadboard.domain.model import Lead, LeadDraft
from leadboard.domain.text import clipped
from leadboard.store.errors import StaleLead
from leadboard.ui.dialogs.form_dialog import FormDialog
from leadboard.ui.widgets.forms import fill_input

FIELD_IDS = {"preferred_channel": "channel", "next_due": "due"}
"""The form field of a Lead attribute where its id is not the attribute's name."""

CHANGES_LISTED = 6
"""Another rep's changes listed one a line after a stale save; the rest are counted."""


def field_values(form: DOMNode) -> dict[str, object]:
    """Every field's value by its id."""
    values: dict[str, object] = {}
    for field in form.query("Input, Select, TextArea, Checkbox"):
        if field.id is None:
            continue
        if isinstance(field, TextArea):
            values[field.id] = field.text
        elif isinstance(field, Input | Select | Checkbox):
            values[field.id] = field.value
    return values


def put_values(form: DOMNode, values: dict[str, object]) -> None:
    """Set fields by id to the given values (the rep's own, laid on a reloaded lead)."""
    for id, value in values.items():
        field = form.query_one(f"#{id}")
        if isinstance(field, TextArea):
            field.load_text(str(value))
        elif isinstance(field, Input):
            fill_input(field, str(value))
        elif isinstance(field, Select | Checkbox):
            field.value = value


def changed_fields(now: dict[str, object], opened: dict[str, object]) -> dict[str, object]:
    """The fields the rep changed since the form opened, with what they hold now."""
    return {id: value for id, value in now.items() if value != opened.get(id)}


def refused_text(err: StaleLead) -> str:
    """'not saved: another leadboard saved Ana Ruiz meanwhile:' and their changes, a line each."""
    lines = [f"not saved: another leadboard saved {clipped(err.current.name, 40)} meanwhile:"]
    lines += [f"  {change.describe()}" for change in err.changes[:CHANGES_LISTED]]
    if len(err.changes) > CHANGES_LISTED:
        lines.append(f"  and {len(err.changes) - CHANGES_LISTED} more")
    lines.append("F5 reloads it with your changes on top; Escape cancels.")
    return "\n".join(lines)


def both_changed(err: StaleLead, mine: dict[str, object]) -> list[FieldChange]:
    """The other rep's changes to fields the rep changed too (the rep's value is kept)."""
    theirs = {FIELD_IDS.get(change.field, change.field): change for change in err.changes}
    return [theirs[id] for id in mine if id in theirs]


def reloaded_text(both: list[FieldChange]) -> str:
    """What the form says after a reload: saving works now; which of theirs gave way."""
    message = "Reloaded: the lead as saved now, with your changes on top. F2 saves."
    kept = "; ".join(f"{change.label} (theirs: {change.after!r})" for change in both)
    return f"{message}\nYou both changed {kept}: yours is kept." if kept else message


class ReloadsStale(FormDialog[LeadDraft]):
    """The lead form's part that offers Reload (a button and F5) after a stale save."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Offered (and shown in the footer) only once a save found the lead changed elsewhere.
        Binding("f5", "reload", "Reload"),
    ]

    lead: Lead | None
    stale: StaleLead | None = None
    """Set when a save was refused because another rep saved the lead since: F5 reloads."""
    _opened: dict[str, object]
    """Every field's value as filled from `lead`: what differs now, the rep changed."""

    def _fill(self) -> None:
        """Fill every field from `lead` (the form does)."""
        raise NotImplementedError

    def _refresh_notes(self) -> None:
        """Redraw what follows the fields' values: previews, warnings, sums (the form does)."""
        raise NotImplementedError

    def _offer_reload(self, stale: StaleLead | None) -> None:
        """Show (or hide) the Reload button and key."""
        self.stale = stale
        self.query_one("#reload", Button).display = stale is not None
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F5 is there only after a stale save."""
        if action == "reload":
            return self.stale is not None
        return super().check_action(action, parameters)

    def refused(self, err: StaleLead) -> None:
        """Say what the other rep changed and offer to reload; everything typed stays."""
        self._say(refused_text(err))
        self._offer_reload(err)
        self.query_one("#reload", Button).focus()

    @on(Button.Pressed, "#reload")
    def action_reload(self) -> None:
        """The lead as saved now, with every field the rep changed kept as they typed it."""
        stale = self.stale
        if stale is None or self.saving:
            return
        mine = changed_fields(field_values(self), self._opened)
        # No Changed messages while the fields are refilled: they would clear the message
        # below (the due field's clears the error line); what they update is done after.
        with self.prevent(Input.Changed, Select.Changed):
            self.lead = stale.current
            self._fill()
            put_values(self, mine)
        self._refresh_notes()
        self._offer_reload(None)
        self._say(reloaded_text(both_changed(stale, mine)))
