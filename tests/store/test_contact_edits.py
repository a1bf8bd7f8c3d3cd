"""Editing and deleting past contacts, on SQLite and PostgreSQL, and undoing it."""

from __future__ import annotations

import pytest

from leadboard.actions.leads import LeadActions
from leadboard.domain.followup import cadence_due
from leadboard.domain.model import Channel, Lead, LeadDraft, Outcome, Temperature
from leadboard.store.contact_edits import ContactEdit
from leadboard.store.errors import StaleLead, StoreError
from leadboard.store.leads import LeadStore
from leadboard.store.sessions import SessionStore
from tests.conftest import NOW


def lead_with_three_touches(store: LeadStore) -> Lead:
    """A warm lead called 9, 5 and 1 days ago: no answer, a reply, no answer (step 2)."""
    lead = store.add(LeadDraft(name="Jane", temperature=Temperature.WARM), NOW.subtract(days=20))
    assert lead.id is not None
    session = SessionStore(store.db).start(NOW.subtract(days=9), 1)
    for days, outcome in ((9, Outcome.NO_ANSWER), (5, Outcome.REPLIED), (1, Outcome.NO_ANSWER)):
        at = NOW.subtract(days=days)
        lead, _ = store.log_contact(
            lead.id, channel=Channel.CALL, outcome=outcome, now=at, at=at, session_id=session
        )
    assert lead.sequence_step == 2
    return lead


def test_deleting_the_newest_contact_recomputes_the_lead(store: LeadStore) -> None:
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    newest = store.contacts(lead.id)[0]
    assert newest.id is not None
    done = store.change_contact(newest.id, None, NOW, seen=lead)
    after = store.get(lead.id)
    assert after == done.lead
    assert [c.outcome for c in store.contacts(lead.id)] == [Outcome.REPLIED, Outcome.NO_ANSWER]
    assert after.last_contact == NOW.subtract(days=5)
    assert after.sequence_step == 1
    assert after.next_due == cadence_due(NOW.subtract(days=5), Temperature.WARM, store.policy)
    assert after.version == lead.version + 1
    assert done.contact == newest


def test_deleting_an_older_contact_keeps_the_due(store: LeadStore) -> None:
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    reply = store.contacts(lead.id)[1]
    assert reply.id is not None
    after = store.change_contact(reply.id, None, NOW, seen=lead).lead
    # No answer twice in a row, with no reply between: step 3.
    assert (after.sequence_step, after.next_due) == (3, lead.next_due)
    assert after.last_contact == lead.last_contact


def test_editing_an_outcome_and_note_replays_the_step(store: LeadStore) -> None:
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    reply = store.contacts(lead.id)[1]
    assert reply.id is not None
    edit = ContactEdit(outcome=Outcome.LEFT_MESSAGE, channel=Channel.EMAIL, note="wrong\x1b[31m")
    after = store.change_contact(reply.id, edit, NOW, seen=lead).lead
    edited = store.contacts(lead.id)[1]
    assert (edited.id, edited.outcome, edited.channel) == (
        reply.id,
        Outcome.LEFT_MESSAGE,
        Channel.EMAIL,
    )
    assert "\x1b" not in edited.note
    assert after.sequence_step == 4
    assert after.next_due == lead.next_due  # not the newest: the due stays


def test_a_stale_edit_changes_nothing(store: LeadStore) -> None:
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    store.snooze(lead.id, NOW.add(days=2), NOW)  # another rep, meanwhile
    contact_id = store.contacts(lead.id)[0].id
    assert contact_id is not None
    with pytest.raises(StaleLead):
        store.change_contact(contact_id, None, NOW, seen=lead)
    assert len(store.contacts(lead.id)) == 3
    with pytest.raises(StoreError, match="no contact with id 999"):
        store.change_contact(999, None, NOW)


def test_undo_brings_a_deleted_contact_back_with_its_id(store: LeadStore) -> None:
    actions = LeadActions(store, lambda: NOW)
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    before = store.contacts(lead.id)
    actions.delete_contact(lead, before[1])
    assert len(store.contacts(lead.id)) == 2
    change = actions.undo()
    assert change is not None and change.description == "delete a contact with Jane"
    assert store.contacts(lead.id) == before
    restored = store.get(lead.id)
    assert (restored.sequence_step, restored.next_due, restored.last_contact) == (
        lead.sequence_step,
        lead.next_due,
        lead.last_contact,
    )
    # The contact's session link came back too, and a new contact gets a new id.
    rows = store.db.execute_sql("SELECT session_id FROM contact ORDER BY id").fetchall()
    assert [row[0] for row in rows] == [rows[0][0]] * 3 and rows[0][0] is not None
    again, contact = store.log_contact(
        lead.id, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW
    )
    assert contact.id not in {each.id for each in before}
    assert again.version == restored.version + 1


def test_undo_of_an_edit_puts_the_old_values_back(store: LeadStore) -> None:
    actions = LeadActions(store, lambda: NOW)
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    before = store.contacts(lead.id)
    edited = actions.edit_contact(lead, before[0], ContactEdit(outcome=Outcome.TALKED, note="hi"))
    assert edited.sequence_step == 1
    assert store.contacts(lead.id)[0].note == "hi"
    actions.undo()
    assert store.contacts(lead.id) == before
    assert store.get(lead.id).sequence_step == 2
    # A second history change and its undo line up with the saved versions.
    again = store.get(lead.id)
    actions.delete_contact(again, before[0])
    actions.undo()
    assert store.contacts(lead.id) == before


def test_undo_after_another_rep_saved_is_refused(store: LeadStore) -> None:
    actions = LeadActions(store, lambda: NOW)
    lead = lead_with_three_touches(store)
    assert lead.id is not None
    actions.delete_contact(lead, store.contacts(lead.id)[0])
    store.snooze(lead.id, NOW.add(days=2), NOW)
    with pytest.raises(StaleLead):
        actions.undo()
    assert len(store.contacts(lead.id)) == 2  # the contact did not come back alone
