"""LeadActions: every change a rep makes to a lead, and its undo, for board, session and CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pendulum import DateTime

from leadboard.actions.contacts import ContactEntry
from leadboard.actions.undo import Change, UndoHistory
from leadboard.domain.hints import Hint, drift_hint
from leadboard.domain.model import Contact, Lead, LeadDraft, Status, Temperature
from leadboard.domain.text import clipped
from leadboard.store.contact_edits import ContactEdit, HistoryChange
from leadboard.store.errors import DatabaseLocked
from leadboard.store.leads import LeadStore

HINT_CONTACTS = 5
"""Newest contacts a drift hint looks at (three unanswered in a row, or a reply)."""


def short(lead: Lead) -> str:
    """A lead's name made safe and cut for a message."""
    return clipped(lead.name, 40)


@dataclass(frozen=True)
class ContactChange(Change):
    """An edited or deleted past contact: undo puts it back (with its id) and the lead."""

    contact: Contact = field(kw_only=True)
    session_id: int | None = field(default=None, kw_only=True)


def lead_id_of(lead: Lead) -> int:
    """The id of a stored lead (a lead from the store always has one)."""
    if lead.id is None:
        raise ValueError("the lead has not been stored")
    return lead.id


class LeadActions:
    """Changes to leads through the store, each remembered for undo; store errors pass through."""

    def __init__(
        self,
        store: LeadStore,
        clock: Callable[[], DateTime],
        history: UndoHistory | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.history = history if history is not None else UndoHistory()
        self._undone: dict[tuple[int, int], int] = {}
        """(lead id, version) -> the version an undo saved for that same state."""

    def shift(self, lead: Lead, step: int) -> Lead | None:
        """Move one temperature hotter (+1) or colder (-1); None when already at that end."""
        target = lead.temperature.hotter() if step > 0 else lead.temperature.colder()
        return None if target is None else self.move(lead, target)

    def move(self, lead: Lead, target: Temperature) -> Lead:
        """Move to a temperature; the due date follows the move rules."""
        lead_id = lead_id_of(lead)
        moved = self.store.move(lead_id, target, self.clock())
        self.history.push(
            Change(f"move {short(lead)} to {target.value}", lead_id, lead, None, moved.version)
        )
        return moved

    def set_status(self, lead: Lead, status: Status, reason: str = "") -> Lead:
        """Mark won, lost (with a reason) or inactive, or revive to active."""
        lead_id = lead_id_of(lead)
        after = self.store.set_status(lead_id, status, self.clock(), reason)
        self.history.push(
            Change(f"mark {short(lead)} {status.value}", lead_id, lead, None, after.version)
        )
        return after

    def log(
        self, lead: Lead, entry: ContactEntry, session_id: int | None = None
    ) -> tuple[Lead, Contact]:
        """Log a touch; the rules set next due, sequence step and status."""
        lead_id = lead_id_of(lead)
        after, contact = self.store.log_contact(
            lead_id,
            channel=entry.channel,
            outcome=entry.outcome,
            direction=entry.direction,
            note=entry.note,
            at=entry.at,
            next_step=entry.next_step,
            typed_due=entry.typed_due,
            promise=entry.promise,
            now=self.clock(),
            session_id=session_id,
            # The status the caller saw: a lead closed meanwhile elsewhere is not touched.
            expect_status=lead.status,
        )
        self.history.push(
            Change(f"log contact with {short(lead)}", lead_id, lead, contact.id, after.version)
        )
        return after, contact

    def hint(self, lead: Lead) -> Hint | None:
        """The drift hint or inactive proposal to offer for a lead, if any."""
        lead_id = lead_id_of(lead)
        recent = self.store.contacts(lead_id, limit=HINT_CONTACTS)
        moved = self.store.last_moved(lead_id)
        return drift_hint(lead, recent, moved, self.store.policy.sequence)

    def accept_hint(self, lead: Lead, hint: Hint) -> Lead:
        """Do what a hint suggests: move to its temperature, or mark inactive."""
        if hint.target is None:
            return self.set_status(lead, Status.INACTIVE)
        return self.move(lead, hint.target)

    def add(self, draft: LeadDraft, *, allow_duplicate: bool = True) -> Lead:
        """Create a lead; it is due now unless the draft says when.

        With allow_duplicate False, a likely twin of a stored lead raises LikelyDuplicate.
        """
        lead = self.store.add(draft, self.clock(), allow_duplicate=allow_duplicate)
        self.history.push(Change(f"add {short(lead)}", lead_id_of(lead), None))
        return lead

    def edit(self, lead: Lead, draft: LeadDraft) -> Lead:
        """Save an edited lead; a changed temperature follows the move rules."""
        lead_id = lead_id_of(lead)
        # Saved over the lead the rep edited, or refused (StaleLead) if another rep saved since.
        after = self.store.update(lead_id, draft, self.clock(), seen=lead)
        self.history.push(Change(f"edit {short(lead)}", lead_id, lead, None, after.version))
        return after

    def snooze(self, lead: Lead, days: int, tz: str) -> Lead:
        """Put the follow-up off by whole calendar days in the rep's zone (not a promise)."""
        lead_id = lead_id_of(lead)
        now = self.clock()
        # add(days=...) keeps the local wall-clock time across a DST change.
        until = now.in_tz(tz).add(days=days).in_tz("UTC")
        after = self.store.snooze(lead_id, until, now)
        self.history.push(
            Change(f"snooze {short(lead)} {days}d", lead_id, lead, None, after.version)
        )
        return after

    def undo(self) -> Change | None:
        """Undo the newest change; it stays to undo again only if the database was locked."""
        change = self.history.pop()
        if change is None:
            return None
        try:
            if change.before is None:
                self.store.delete(change.lead_id)
            elif isinstance(change, ContactChange):
                saved = self.store.put_back_contact(
                    change.before,
                    change.contact,
                    change.session_id,
                    change.after_version or 0,
                    self._undone.get((change.lead_id, change.after_version or 0)),
                )
                self._undone[(change.lead_id, change.before.version)] = saved
            else:
                after = change.after_version
                saved = self.store.restore(
                    change.before,
                    drop_contact_id=change.contact_id,
                    after_version=after,
                    current_version=self._undone.get((change.lead_id, after or 0)),
                )
                # This undo saved `saved` for the state `before.version` named: the next
                # undo of the same lead finds it there.
                self._undone[(change.lead_id, change.before.version)] = saved
        except DatabaseLocked:
            # Nothing was written (the lock was never had): the same key must undo it later.
            self.history.push(change)
            raise
        return change

    def edit_contact(self, lead: Lead, contact: Contact, edit: ContactEdit) -> Lead:
        """Change a past contact's outcome, channel, note or time; the lead is recomputed."""
        return self._change_contact(lead, contact, edit, "edit").lead

    def delete_contact(self, lead: Lead, contact: Contact) -> Lead:
        """Delete a past contact; the lead is recomputed, and undo brings the contact back."""
        return self._change_contact(lead, contact, None, "delete").lead

    def _change_contact(
        self, lead: Lead, contact: Contact, edit: ContactEdit | None, verb: str
    ) -> HistoryChange:
        """Edit (or, with None, delete) a contact of the lead the rep saw; remembered for undo."""
        lead_id = lead_id_of(lead)
        if contact.id is None:
            raise ValueError("the contact has not been stored")
        done = self.store.change_contact(contact.id, edit, self.clock(), seen=lead)
        self.history.push(
            ContactChange(
                f"{verb} a contact with {short(lead)}",
                lead_id,
                lead,
                after_version=done.lead.version,
                contact=done.contact,
                session_id=done.session_id,
            )
        )
        return done
