"""Editing and deleting a past contact, and putting it back (undo), in one transaction each.

The lead follows by the rules of domain.history: last contact, sequence step and, when the
newest contact changed, next due. LeadStore.change_contact and put_back_contact call these.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pendulum import DateTime

from leadboard.domain.history import recomputed
from leadboard.domain.model import Channel, Contact, Lead, Outcome
from leadboard.domain.text import clean_input
from leadboard.store.errors import StaleLead, StoreError
from leadboard.store.lead_columns import CONTACT_FIELDS, contact_record
from leadboard.store.lead_queries import read_contacts
from leadboard.store.schema import ContactRow

if TYPE_CHECKING:
    from leadboard.store.leads import LeadStore


@dataclass(frozen=True)
class ContactEdit:
    """New values for a past contact; None keeps the old one."""

    outcome: Outcome | None = None
    channel: Channel | None = None
    note: str | None = None
    at: DateTime | None = None


@dataclass(frozen=True)
class HistoryChange:
    """What editing or deleting a contact did: the lead after it, the contact as it was."""

    lead: Lead
    contact: Contact
    session_id: int | None


def _contacts(lead_id: int) -> list[Contact]:
    """All of a lead's contacts (read inside the caller's transaction)."""
    return read_contacts(ContactRow.select(*CONTACT_FIELDS).where(ContactRow.lead == lead_id))


def _newest_id(contacts: list[Contact]) -> int | None:
    """The id of the newest contact (the later id on a tie, as the detail lists them)."""
    newest = max(contacts, key=lambda each: (each.at, each.id or 0), default=None)
    return None if newest is None else newest.id


def change_contact(
    store: LeadStore,
    contact_id: int,
    edit: ContactEdit | None,
    now: DateTime,
    seen: Lead | None = None,
) -> HistoryChange:
    """Apply `edit` to a contact (None deletes it) and recompute its lead.

    The rep saw the lead as `seen`: if it has been saved since, StaleLead says what
    changed and nothing is written. Call inside the store's translated method.
    """
    now = now.in_tz("UTC")
    with store.db.atomic():
        row = (
            ContactRow.select(ContactRow.lead, ContactRow.session_id)
            .where(ContactRow.id == contact_id)
            .tuples()
            .first()
        )
        if row is None:
            raise StoreError(f"no contact with id {contact_id} (deleted meanwhile?)")
        lead_id, session_id = int(row[0]), row[1]
        before = store._read(lead_id, for_update=True)
        if seen is not None and (seen.id != lead_id or before.version != seen.version):
            raise StaleLead(before, seen.version, seen=seen)
        contacts = _contacts(lead_id)
        old = next(each for each in contacts if each.id == contact_id)
        if edit is None:
            remaining = [each for each in contacts if each.id != contact_id]
            ContactRow.delete().where(ContactRow.id == contact_id).execute()
            newest_changed = _newest_id(contacts) == contact_id
        else:
            note = old.note if edit.note is None else clean_input(edit.note, multiline=True)
            new = replace(
                old,
                outcome=edit.outcome or old.outcome,
                channel=edit.channel or old.channel,
                note=note,
                at=old.at if edit.at is None else edit.at.in_tz("UTC"),
            )
            remaining = [new if each.id == contact_id else each for each in contacts]
            record = contact_record(new, session_id)
            ContactRow.update(record).where(ContactRow.id == contact_id).execute()
            # A new note or channel leaves the rules as they were: only when and how it went count.
            ruled = new.outcome is not old.outcome or new.at != old.at
            newest_changed = ruled and contact_id in (_newest_id(contacts), _newest_id(remaining))
        effect = recomputed(before, remaining, newest_changed, store.policy)
        lead = replace(
            before,
            last_contact=effect.last_contact,
            sequence_step=effect.sequence_step,
            next_due=effect.next_due,
            promised=effect.promised,
            updated_at=now,
        )
        lead = store._write(lead, before)
    return HistoryChange(lead, old, session_id)


def put_back(
    store: LeadStore,
    lead: Lead,
    contact: Contact,
    session_id: int | None,
    after_version: int,
    current_version: int | None,
) -> int:
    """Undo an edit or delete: the contact as it was (with its id) and the lead as it was."""
    assert contact.id is not None
    with store.db.atomic():
        record = contact_record(contact, session_id)
        if ContactRow.get_or_none(ContactRow.id == contact.id) is None:
            ContactRow.insert({"id": contact.id, **record}).execute()
        else:
            ContactRow.update(record).where(ContactRow.id == contact.id).execute()
        # restore() checks the versions; its StaleLead rolls the contact back with it.
        return store.restore(lead, after_version=after_version, current_version=current_version)
