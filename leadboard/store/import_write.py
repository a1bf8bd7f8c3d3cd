"""The SQL an import runs for each row: create or update a lead, add or update a contact.

Called only inside the import's one transaction (store.import_transaction), on
the raw sqlite3 connection, because a 100,000-row import cannot afford an ORM
object per row. The lead each row makes or fills comes from the domain's import
rules (domain.imported); it is written by column name through the one lead-row
mapping (store.lead_columns).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.followup import due_for_new_lead
from leadboard.domain.imported import ContactValues, LeadValues, filled_lead, new_lead
from leadboard.store.kept_counts import (
    ADD_COUNT,
    ADD_DUE,
    INSERT_TRIGGERS,
    count_rows,
    due_bucket,
    due_rows,
)
from leadboard.store.lead_columns import (
    CHANGE_COLUMNS,
    CONTACT_COLUMNS,
    LEAD_COLUMNS,
    contact_record,
    insert_statement,
    lead_from_record,
    lead_record,
)
from leadboard.store.search_index import InsertTriggersAside

_INSERT_LEAD = insert_statement("lead", LEAD_COLUMNS[1:]) + " RETURNING id"
_SELECT_LEAD = f"SELECT {', '.join(LEAD_COLUMNS)} FROM lead WHERE id = ?"
_INSERT_CHANGE = insert_statement("temperature_change", CHANGE_COLUMNS)
_INSERT_CONTACT = insert_statement("contact", CONTACT_COLUMNS[1:]) + " RETURNING id"
CHANGE_BATCH = 1000


def contact_key(lead_id: int, contact: ContactValues) -> tuple[object, ...]:
    """What makes two logged touches the same: lead, moment, channel, direction, outcome."""
    return (
        lead_id,
        to_utc_text(contact.at),
        contact.channel.value,
        contact.direction.value,
        contact.outcome.value,
    )


class RowWriter:
    """Writes rows inside the import's transaction; temperature changes go in batches."""

    def __init__(self, connection: Any, now: DateTime, owner: str = "") -> None:
        self.connection = connection
        self.now = now
        self.owner = owner
        """The owner of a new lead whose row names none: the rep importing."""
        self.now_text = to_utc_text(now)
        # Computed once: a 100,000-row import would otherwise convert `now` 100,000 times.
        self.new_due = due_for_new_lead(now)
        self._changes: list[dict[str, Any]] = []
        self._count_triggers: list[str] = []
        self._search_aside: InsertTriggersAside | None = None
        self.created: Counter[tuple[str, str, int]] = Counter()
        """New leads by (owner, status, temperature), for the column counts (store.kept_counts)."""
        self.created_value: Counter[tuple[str, str, int]] = Counter()
        """Their deal values summed the same way (minor units), for the columns' totals."""
        self.created_due: Counter[tuple[str, int, str]] = Counter()
        """New leads by (owner, temperature, due hour), for the due counts."""

    def suspend_counting(self) -> None:
        """Drop the per-row count triggers for this transaction; finish() puts them back.

        The trigger's upsert measured 60% of a bulk insert's cost. Dropping and
        recreating it inside the import's own transaction keeps all-or-nothing:
        a failed or killed import rolls the drop back with everything else.
        SQLite only: on a server that DDL would lock the team's boards out for
        the whole import, and its triggers run in the server.
        """
        for name in INSERT_TRIGGERS:
            row = self.connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
            ).fetchone()
            if row is not None:
                self._count_triggers.append(str(row[0]))
                self.connection.execute(f"DROP TRIGGER {name}")
        # The search index's insert triggers too (store.search_index): 17 s -> 3 s.
        self._search_aside = InsertTriggersAside(self.connection)

    def finish(self) -> None:
        """Write what is batched and restore the count triggers with the counts they missed."""
        if self._changes:
            self.connection.executemany(_INSERT_CHANGE, self._changes)
            self._changes.clear()
        if self._search_aside is not None:
            self._search_aside.put_back()
            self._search_aside = None
        if self._count_triggers:
            for sql in self._count_triggers:
                self.connection.execute(sql)
            self._count_triggers.clear()
            self.connection.executemany(ADD_DUE, due_rows(self.created_due))
            self.connection.executemany(ADD_COUNT, count_rows(self.created, self.created_value))

    def change(self, lead_id: int, at: str, before: int | None, after: int) -> None:
        """Record a temperature change (creation has `before` None) in the next batch."""
        self._changes.append({"lead_id": lead_id, "at": at, "from_temp": before, "to_temp": after})
        if len(self._changes) >= CHANGE_BATCH:
            self.connection.executemany(_INSERT_CHANGE, self._changes)
            self._changes.clear()

    def create_lead(self, lead: LeadValues) -> int:
        """Insert a new lead from a row (defaults for what it leaves out); its id."""
        return _create_lead(self, lead)

    def update_lead(self, lead_id: int, lead: LeadValues) -> tuple[str, str]:
        """Fill a lead from the row's non-empty cells; the email and phone keys it had before."""
        return _update_lead(self, lead_id, lead)

    def add_contact(self, lead_id: int, contact: ContactValues) -> int:
        """Insert a logged touch as history: the lead's last contact moves forward, nothing else."""
        record = contact_record(contact.contact(lead_id))
        cursor = self.connection.execute(_INSERT_CONTACT, record)
        self.connection.execute(
            "UPDATE lead SET last_contact = :at, updated_at = :now, version = version + 1 "
            "WHERE id = :lead_id AND (last_contact IS NULL OR last_contact < :at)",
            {"at": record["at"], "now": self.now_text, "lead_id": lead_id},
        )
        return int(cursor.fetchone()[0])

    def update_contact(self, contact_id: int, contact: ContactValues) -> None:
        """Fill a logged touch's note, next step and next due from the row's non-empty cells."""
        sets: dict[str, Any] = {}
        if contact.note:
            sets["note"] = contact.note
        if contact.next_step:
            sets["next_step"] = contact.next_step
        if contact.next_due is not None:
            sets["next_due"] = to_utc_text(contact.next_due)
        if sets:
            _update_row(self.connection, "contact", contact_id, sets)


def _update_row(connection: Any, table: str, row_id: int, sets: dict[str, Any]) -> None:
    """UPDATE one row's columns, bound by name."""
    assignments = ", ".join(f"{name} = :{name}" for name in sets)
    connection.execute(f"UPDATE {table} SET {assignments} WHERE id = :id", {**sets, "id": row_id})


def _create_lead(writer: RowWriter, lead: LeadValues) -> int:
    """RowWriter.create_lead: the domain's new lead, inserted by column name."""
    record = lead_record(new_lead(lead, writer.now, writer.new_due))
    if not record["owner"]:
        record["owner"] = writer.owner
    lead_id = int(writer.connection.execute(_INSERT_LEAD, record).fetchone()[0])
    column = (record["owner"], record["status"], record["temperature"])
    writer.created[column] += 1
    writer.created_value[column] += record["value"] or 0
    bucket = due_bucket(record["status"], record["next_due"])
    if bucket is not None:
        writer.created_due[(record["owner"], record["temperature"], bucket)] += 1
    writer.change(lead_id, record["created_at"], None, record["temperature"])
    return lead_id


def _update_lead(writer: RowWriter, lead_id: int, lead: LeadValues) -> tuple[str, str]:
    """RowWriter.update_lead: the domain fills the lead; only the columns that changed are set."""
    cursor = writer.connection.execute(_SELECT_LEAD, (lead_id,))
    stored = dict(zip(LEAD_COLUMNS, cursor.fetchone(), strict=True))
    before = lead_from_record(stored)
    after = filled_lead(before, lead, writer.now)
    old, new = lead_record(before), lead_record(after)
    if after.temperature is not before.temperature:
        writer.change(lead_id, writer.now_text, old["temperature"], new["temperature"])
    sets = {name: value for name, value in new.items() if value != old[name]}
    if sets:
        sets["version"] = before.version + 1  # an open form's save of the old one is refused
        _update_row(writer.connection, "lead", lead_id, sets)
    return str(stored["email_key"]), str(stored["phone_key"])
