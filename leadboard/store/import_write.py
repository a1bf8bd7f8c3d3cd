"""The SQL an import runs for each row: create or update a lead, add or update a contact.

Called only inside the import's one transaction (leadboard.store.importer), on
the raw sqlite3 connection, because a 100,000-row import cannot afford an ORM
object per row.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.followup import due_for_new_lead
from leadboard.domain.model import Status, Temperature
from leadboard.files.parsed_rows import ContactValues, LeadValues
from leadboard.store.bulk import CONTACT_COLUMNS, LEAD_COLUMNS

_NEW_LEAD_COLUMNS = LEAD_COLUMNS[1:]
_INSERT_LEAD = (
    f"INSERT INTO lead ({', '.join(_NEW_LEAD_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _NEW_LEAD_COLUMNS)})"
)
_INSERT_CHANGE = (
    "INSERT INTO temperature_change (lead_id, at, from_temp, to_temp) VALUES (?, ?, ?, ?)"
)
_INSERT_CONTACT = (
    f"INSERT INTO contact ({', '.join(CONTACT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in CONTACT_COLUMNS)})"
)
_CLOSED_AT = {Status.WON: "won_at", Status.LOST: "lost_at", Status.INACTIVE: "inactive_at"}
_PLAIN = ("company", "title", "referred_by", "next_step", "owner", "lost_reason")
CHANGE_BATCH = 1000
_COUNT_TRIGGER = "lead_count_insert"
_ADD_COUNT = (
    "INSERT INTO lead_count (status, temperature, n) VALUES (?, ?, ?) "
    "ON CONFLICT (status, temperature) DO UPDATE SET n = n + excluded.n"
)


def _utc(moment: DateTime | None) -> str | None:
    return None if moment is None else to_utc_text(moment)


def _word(value: Any) -> Any:
    """An enum member as its stored word; anything else as it is."""
    return getattr(value, "value", value)


def _merged_notes(old: str, new: str) -> str:
    """Notes from the file join the lead's own; the same text twice is kept once."""
    if not old:
        return new
    if new in old:
        return old
    return f"{old}\n\n{new}"


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

    def __init__(self, connection: sqlite3.Connection, now: DateTime) -> None:
        self.connection = connection
        self.now = now
        self.now_text = to_utc_text(now)
        # Computed once: a 100,000-row import would otherwise convert `now` 200,000 times.
        self.new_due_text = to_utc_text(due_for_new_lead(now))
        self._changes: list[tuple[object, ...]] = []
        self._count_trigger: str | None = None
        self.created: Counter[tuple[str, int]] = Counter()

    def suspend_counting(self) -> None:
        """Drop the per-row lead_count trigger for this transaction; finish() puts it back.

        The trigger's upsert measured 60% of a bulk insert's cost. Dropping and
        recreating it inside the import's own transaction keeps all-or-nothing:
        a failed or killed import rolls the drop back with everything else.
        """
        row = self.connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_COUNT_TRIGGER,)
        ).fetchone()
        if row is not None:
            self._count_trigger = str(row[0])
            self.connection.execute(f"DROP TRIGGER {_COUNT_TRIGGER}")

    def finish(self) -> None:
        """Write what is batched and restore the count trigger with the counts it missed."""
        if self._changes:
            self.connection.executemany(_INSERT_CHANGE, self._changes)
            self._changes.clear()
        if self._count_trigger is not None:
            self.connection.execute(self._count_trigger)
            self._count_trigger = None
            self.connection.executemany(_ADD_COUNT, [(*key, n) for key, n in self.created.items()])

    def change(self, lead_id: int, at: str, before: int | None, after: int) -> None:
        """Record a temperature change (creation has `before` None) in the next batch."""
        self._changes.append((lead_id, at, before, after))
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
        at = to_utc_text(contact.at)
        cursor = self.connection.execute(
            _INSERT_CONTACT,
            (
                lead_id,
                at,
                contact.channel.value,
                contact.direction.value,
                contact.outcome.value,
                contact.note,
                contact.next_step,
                _utc(contact.next_due),
            ),
        )
        self.connection.execute(
            "UPDATE lead SET last_contact = ?, updated_at = ? "
            "WHERE id = ? AND (last_contact IS NULL OR last_contact < ?)",
            (at, self.now_text, lead_id, at),
        )
        return int(cursor.lastrowid or 0)

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
            assignments = ", ".join(f"{name} = ?" for name in sets)
            self.connection.execute(
                f"UPDATE contact SET {assignments} WHERE id = ?", (*sets.values(), contact_id)
            )


# Defaults of a new lead's plain fields; dates and derived columns are worked out below.
_NEW = {
    "company": "",
    "title": "",
    "preferred_channel": None,
    "source": None,
    "referred_by": "",
    "fit": 0,
    "interest": 0,
    "readiness": 0,
    "next_step": "",
    "sequence_step": 1,
    "notes": "",
    "owner": "",
    "lost_reason": "",
}
_RANK = {temperature.value: temperature.rank for temperature in Temperature}


def _create_lead(writer: RowWriter, lead: LeadValues) -> int:
    """RowWriter.create_lead (the import's hot path: plain lookups, no per-row conversions)."""
    g = lead.given
    v = _NEW | g
    status = g.get("status", Status.ACTIVE).value
    rank = _RANK[g.get("temperature", Temperature.COOL).value]
    created = to_utc_text(g["created_at"]) if "created_at" in g else writer.now_text
    updated = to_utc_text(g["updated_at"]) if "updated_at" in g else writer.now_text
    active = status == "active"
    # A new lead is due at once (due_for_new_lead), unless the file says when;
    # closed leads are never due.
    if not active:
        next_due = None
    elif "next_due" in g:
        next_due = to_utc_text(g["next_due"])
    else:
        next_due = writer.new_due_text
    closed = [_utc(g.get(name)) for name in ("won_at", "lost_at", "inactive_at")]
    if not active:
        index = ("won", "lost", "inactive").index(status)
        closed[index] = closed[index] or updated
    fit, interest, readiness = v["fit"], v["interest"], v["readiness"]
    row = (
        lead.name,
        v["company"],
        v["title"],
        g.get("email", ""),
        g.get("phone", ""),
        lead.email_key,
        lead.phone_key,
        _word(v["preferred_channel"]),
        _word(v["source"]),
        v["referred_by"],
        rank,
        status,
        fit,
        interest,
        readiness,
        fit + interest + readiness,
        v["next_step"],
        next_due,
        active and "next_due" in g and bool(g.get("promised")),
        v["sequence_step"],
        v["notes"],
        v["owner"],
        v["lost_reason"],
        created,
        updated,
        _utc(g.get("last_contact")),
        *closed,
    )
    lead_id = int(writer.connection.execute(_INSERT_LEAD, row).lastrowid or 0)
    writer.created[(status, rank)] += 1
    writer.change(lead_id, created, None, rank)
    return lead_id


def _update_lead(writer: RowWriter, lead_id: int, lead: LeadValues) -> tuple[str, str]:
    """RowWriter.update_lead: an empty cell erases nothing."""
    connection, now, g = writer.connection, writer.now, lead.given
    old = connection.execute(
        "SELECT temperature, status, fit, interest, readiness, notes, last_contact, "
        "email_key, phone_key FROM lead WHERE id = ?",
        (lead_id,),
    ).fetchone()
    temp_rank, old_status, fit, interest, readiness, notes, last_contact = old[:7]
    sets: dict[str, Any] = {"name": lead.name, "updated_at": to_utc_text(g.get("updated_at", now))}
    sets.update((name, g[name]) for name in _PLAIN if name in g)
    if "email" in g:
        sets.update(email=g["email"], email_key=lead.email_key)
    if "phone" in g:
        sets.update(phone=g["phone"], phone_key=lead.phone_key)
    for name in ("preferred_channel", "source", "sequence_step"):
        if name in g:
            sets[name] = _word(g[name])
    scores = [g.get("fit", fit), g.get("interest", interest), g.get("readiness", readiness)]
    sets.update(fit=scores[0], interest=scores[1], readiness=scores[2], score=sum(scores))
    if "notes" in g:
        sets["notes"] = _merged_notes(notes, g["notes"])
    if "temperature" in g and g["temperature"].rank != temp_rank:
        sets["temperature"] = g["temperature"].rank
        writer.change(lead_id, writer.now_text, temp_rank, g["temperature"].rank)
    status: Status = g.get("status", Status(old_status))
    if status.value != old_status:
        sets["status"] = status.value
        if status in _CLOSED_AT:
            sets[_CLOSED_AT[status]] = to_utc_text(g.get(_CLOSED_AT[status], now))
        elif "next_due" not in g:
            sets.update(next_due=to_utc_text(due_for_new_lead(now)), sequence_step=1)
    if status is Status.ACTIVE and "next_due" in g:
        sets["next_due"] = to_utc_text(g["next_due"])
        sets["promised"] = bool(g.get("promised"))
    elif status is not Status.ACTIVE:
        sets.update(next_due=None, promised=False)
    if "last_contact" in g and (
        last_contact is None or to_utc_text(g["last_contact"]) > last_contact
    ):
        sets["last_contact"] = to_utc_text(g["last_contact"])
    for name in _CLOSED_AT.values():
        if name in g:
            sets[name] = to_utc_text(g[name])
    assignments = ", ".join(f"{name} = ?" for name in sets)
    connection.execute(f"UPDATE lead SET {assignments} WHERE id = ?", (*sets.values(), lead_id))
    return str(old[7]), str(old[8])
