"""LeadStore: every write of leads and contacts, each one IMMEDIATE transaction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.followup import (
    due_after_move,
    due_for_new_lead,
    effect_of_contact,
    with_status,
)
from leadboard.domain.model import (
    Channel,
    Contact,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Status,
    Temperature,
)
from leadboard.domain.text import clean_input, clipped
from leadboard.domain.validation import check_draft
from leadboard.store import contact_edits
from leadboard.store.contact_edits import ContactEdit, HistoryChange
from leadboard.store.database import backup_to, sqlite_path
from leadboard.store.dialect import is_server
from leadboard.store.duplicates import likely_duplicates
from leadboard.store.errors import LeadClosed, LikelyDuplicate, StaleLead, StoreError
from leadboard.store.lead_columns import contact_record, lead_record
from leadboard.store.lead_reads import LeadReads, translated
from leadboard.store.schema import ContactRow, LeadRow, TemperatureChangeRow


class LeadStore(LeadReads):
    """Reads and writes leads; every write is one IMMEDIATE transaction."""

    # -- writes --------------------------------------------------------------
    def _write(self, lead: Lead, before: Lead) -> Lead:
        """Save a lead read (and locked) in this transaction as `before`: its next version."""
        assert lead.id is not None
        saved = replace(lead, version=before.version + 1)
        LeadRow.update(lead_record(saved)).where(LeadRow.id == lead.id).execute()
        return saved

    def _record_temperature(
        self, lead_id: int, at: DateTime, before: Temperature | None, after: Temperature
    ) -> None:
        TemperatureChangeRow.insert(
            lead=lead_id,
            at=to_utc_text(at),
            from_temp=None if before is None else before.rank,
            to_temp=after.rank,
        ).execute()

    @translated
    def add(self, draft: LeadDraft, now: DateTime, *, allow_duplicate: bool = True) -> Lead:
        """Create a lead from a validated draft; it is due now unless a date was given.

        With allow_duplicate False a lead that looks like a stored one (same email, phone,
        or name and company) is not added: LikelyDuplicate names the stored ones.
        """
        check_draft(draft)
        now = now.in_tz("UTC")
        lead = Lead(
            name=draft.name,
            created_at=now,
            updated_at=now,
            company=draft.company,
            title=draft.title,
            email=draft.email,
            phone=draft.phone,
            preferred_channel=draft.preferred_channel,
            source=draft.source,
            referred_by=draft.referred_by,
            temperature=draft.temperature,
            fit=draft.fit,
            interest=draft.interest,
            readiness=draft.readiness,
            next_step=draft.next_step,
            next_due=draft.next_due.in_tz("UTC") if draft.next_due else due_for_new_lead(now),
            promised=draft.promised and draft.next_due is not None,
            notes=draft.notes,
            owner=draft.owner or self.me,
            value=draft.value,
            tags=draft.tags,
        )
        with self.db.atomic():
            if not allow_duplicate and (twins := likely_duplicates(draft)):
                raise LikelyDuplicate(clipped(lead.name, 40), twins)
            lead_id = LeadRow.insert(lead_record(lead)).execute()
            self._record_temperature(lead_id, now, None, lead.temperature)
        return replace(lead, id=lead_id)

    @translated
    def update(
        self,
        lead_id: int,
        draft: LeadDraft,
        now: DateTime,
        *,
        if_version: int | None = None,
        seen: Lead | None = None,
    ) -> Lead:
        """Save an edited lead; a changed temperature follows the move rules.

        The edit was made on `seen` (the form's lead) or on version `if_version`: if the
        lead has been saved since, StaleLead says what changed and nothing is written.
        """
        check_draft(draft)
        now = now.in_tz("UTC")
        expected = seen.version if seen is not None else if_version
        with self.db.atomic():
            before = self._read(lead_id, for_update=True)
            if expected is not None and before.version != expected:
                raise StaleLead(before, expected, seen=seen)
            lead = replace(
                before,
                name=draft.name,
                company=draft.company,
                title=draft.title,
                email=draft.email,
                phone=draft.phone,
                preferred_channel=draft.preferred_channel,
                source=draft.source,
                referred_by=draft.referred_by,
                fit=draft.fit,
                interest=draft.interest,
                readiness=draft.readiness,
                next_step=draft.next_step,
                notes=draft.notes,
                owner=draft.owner,
                value=draft.value,
                tags=draft.tags,
                updated_at=now,
            )
            if draft.temperature is not before.temperature:
                lead = replace(
                    lead,
                    temperature=draft.temperature,
                    next_due=due_after_move(before, draft.temperature, self.policy, now),
                )
                self._record_temperature(lead_id, now, before.temperature, draft.temperature)
            if draft.next_due is not None and draft.next_due != before.next_due:
                lead = replace(lead, next_due=draft.next_due.in_tz("UTC"), promised=draft.promised)
            elif draft.promised != before.promised:
                lead = replace(lead, promised=draft.promised and lead.next_due is not None)
            lead = self._write(lead, before)
        return lead

    @translated
    def log_contact(
        self,
        lead_id: int,
        *,
        channel: Channel,
        outcome: Outcome,
        now: DateTime,
        direction: Direction = Direction.OUT,
        note: str = "",
        at: DateTime | None = None,
        next_step: str | None = None,
        typed_due: DateTime | None = None,
        promise: bool = False,
        session_id: int | None = None,
        expect_status: Status | None = None,
    ) -> tuple[Lead, Contact]:
        """Record a touch and apply its rules to the lead, in one transaction.

        With `expect_status` (the status the rep saw) a lead whose status has changed since,
        by another process, is left alone: LeadClosed says what happened to it.
        """
        note = clean_input(note, multiline=True)
        if next_step is not None:
            next_step = clean_input(next_step)
        now = now.in_tz("UTC")
        at = (at or now).in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id, for_update=True)
            if expect_status is not None and before.status is not expect_status:
                raise LeadClosed(clipped(before.name, 40), before.status.value)
            effect = effect_of_contact(
                before,
                at=at,
                direction=direction,
                outcome=outcome,
                policy=self.policy,
                typed_due=typed_due,
                promise=promise,
            )
            lead = replace(
                before,
                next_due=effect.next_due,
                promised=effect.promised,
                sequence_step=effect.sequence_step,
                status=effect.status,
                last_contact=effect.last_contact,
                next_step=before.next_step if next_step is None else next_step.strip(),
                updated_at=now,
                won_at=now if effect.status is Status.WON else before.won_at,
                lost_at=now if effect.status is Status.LOST else before.lost_at,
            )
            contact = Contact(
                lead_id=lead_id,
                at=at,
                channel=channel,
                outcome=outcome,
                direction=direction,
                note=note,
                next_step=lead.next_step,
                next_due=lead.next_due,
            )
            contact_id = ContactRow.insert(contact_record(contact, session_id)).execute()
            lead = self._write(lead, before)
        return lead, replace(contact, id=contact_id)

    @translated
    def snooze(self, lead_id: int, until: DateTime, now: DateTime) -> Lead:
        """Put a lead's follow-up off until `until` (not a promise: the cadence may move it)."""
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id, for_update=True)
            if before.status is not Status.ACTIVE:
                raise StoreError(f"lead {lead_id} is {before.status.value}, not on the board")
            lead = replace(before, next_due=until.in_tz("UTC"), promised=False, updated_at=now)
            lead = self._write(lead, before)
        return lead

    @translated
    def move(self, lead_id: int, temperature: Temperature, now: DateTime) -> Lead:
        """Move a lead to a temperature; its due date follows the move rules."""
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id, for_update=True)
            if before.temperature is temperature:
                return before
            lead = replace(
                before,
                temperature=temperature,
                next_due=due_after_move(before, temperature, self.policy, now),
                updated_at=now,
            )
            lead = self._write(lead, before)
            self._record_temperature(lead_id, now, before.temperature, temperature)
        return lead

    @translated
    def set_status(self, lead_id: int, status: Status, now: DateTime, reason: str = "") -> Lead:
        """Mark a lead won, lost (with a reason), inactive, or revive it to active at step 1."""
        reason = clean_input(reason).strip()
        now = now.in_tz("UTC")
        with self.db.atomic():
            before = self._read(lead_id, for_update=True)
            if before.status is status:
                raise StoreError(f"lead {lead_id} is already {status.value}")
            lead = with_status(before, status, now, reason)
            lead = self._write(lead, before)
        return lead

    @translated
    def restore(
        self,
        lead: Lead,
        drop_contact_id: int | None = None,
        after_version: int | None = None,
        current_version: int | None = None,
    ) -> int:
        """Put a lead back exactly as it was (undo), dropping the contact that changed it.

        Only the change that made `lead` version `after_version` is undone: if another rep
        saved the lead before or after it, StaleLead says so and nothing is written. The
        lead must now be at `current_version` (default `after_version`: an undo done
        before this one saved a newer number for the same state). Returns the version saved.
        """
        assert lead.id is not None
        with self.db.atomic():
            current = self._read(lead.id, for_update=True)
            if current.temperature is not lead.temperature:
                # The move being undone recorded a change; drop it so stats never see it.
                latest = (
                    TemperatureChangeRow.select(peewee.fn.MAX(TemperatureChangeRow.id))
                    .where(TemperatureChangeRow.lead == lead.id)
                    .scalar()
                )
                TemperatureChangeRow.delete().where(TemperatureChangeRow.id == latest).execute()
            after = lead.version + 1 if after_version is None else after_version
            now_at = after if current_version is None else current_version
            if current.version != now_at or lead.version + 1 != after:
                # Another rep saved it around the change being undone: theirs must stay.
                raise StaleLead(current, now_at, seen=lead, doing="undone")
            if drop_contact_id is not None:
                ContactRow.delete().where(ContactRow.id == drop_contact_id).execute()
            return self._write(lead, current).version

    @translated
    def change_contact(
        self, contact_id: int, edit: ContactEdit | None, now: DateTime, seen: Lead | None = None
    ) -> HistoryChange:
        """Edit a past contact (None deletes it); the lead is recomputed (store.contact_edits)."""
        return contact_edits.change_contact(self, contact_id, edit, now, seen)

    @translated
    def put_back_contact(
        self,
        lead: Lead,
        contact: Contact,
        session_id: int | None,
        after_version: int,
        current_version: int | None = None,
    ) -> int:
        """Undo a contact's edit or delete: it and the lead as they were; the version saved."""
        return contact_edits.put_back(
            self, lead, contact, session_id, after_version, current_version
        )

    @translated
    def delete(self, lead_id: int) -> None:
        """Remove a lead and its history (only to undo adding it: leads are never deleted)."""
        with self.db.atomic():
            self._read(lead_id, for_update=True)
            LeadRow.delete().where(LeadRow.id == lead_id).execute()

    @translated
    def backup(self, target: Path) -> None:
        """Write a consistent copy of the database to `target` (safe while others write)."""
        if is_server(self.db):
            raise StoreError(
                "a server database is backed up by the server: use pg_dump "
                "(pg_dump -Fc -f leads.dump URL; pg_restore -d URL leads.dump)"
            )
        if target.resolve() == sqlite_path(str(self.db.database)).resolve():
            raise StoreError("the backup file must not be the database itself")
        backup_to(self.db, target)

    def close(self) -> None:
        """Close this thread's connection (and stop listening for other reps' changes)."""
        if self._changes is not None:
            self._changes.stop()
            self._changes = None
        if not self.db.is_closed():
            self.db.close()
