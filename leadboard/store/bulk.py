"""Fast appends of many leads, contacts and temperature changes in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

import peewee

from leadboard.store.database import translated_errors

LEAD_COLUMNS = (
    "id",
    "name",
    "company",
    "title",
    "email",
    "phone",
    "email_key",
    "phone_key",
    "preferred_channel",
    "source",
    "referred_by",
    "temperature",
    "status",
    "fit",
    "interest",
    "readiness",
    "score",
    "next_step",
    "next_due",
    "promised",
    "sequence_step",
    "notes",
    "owner",
    "lost_reason",
    "created_at",
    "updated_at",
    "last_contact",
    "won_at",
    "lost_at",
    "inactive_at",
)
"""Order of the values in a lead tuple; times are UTC text (domain.dates.to_utc_text)."""

CONTACT_COLUMNS = (
    "lead_id",
    "at",
    "channel",
    "direction",
    "outcome",
    "note",
    "next_step",
    "next_due",
)
"""Order of the values in a contact tuple."""

CHANGE_COLUMNS = ("lead_id", "at", "from_temp", "to_temp")
"""Order of the values in a temperature-change tuple (temperatures as ranks 0..3)."""


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


BULK_TABLES = ("lead", "contact", "temperature_change")


class BulkWriter:
    """Append rows in batches inside one IMMEDIATE transaction: all land, or none.

    Per-row work is set aside while it runs: the count triggers always (the counts
    are recomputed once at the end), and the indexes when the lead table starts
    empty (rebuilt once at the end). Measured on demo data, triggers and indexes
    made a bulk load about three times slower. DDL is transactional in SQLite, so
    a failure rolls back to the schema as it was.
    """

    def __init__(self, db: peewee.SqliteDatabase) -> None:
        self.db = db
        self._transaction: Any = None
        self._cursor: Any = None
        self._set_aside: list[str] = []

    def __enter__(self) -> BulkWriter:
        """Begin the transaction and set triggers (and, on an empty table, indexes) aside."""
        with translated_errors():
            self._transaction = self.db.atomic()
            self._transaction.__enter__()
            self._cursor = self.db.cursor()
            empty = self._cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM lead)").fetchone()[0]
            kinds = ("trigger", "index") if empty else ("trigger",)
            marks = ", ".join("?" for _ in BULK_TABLES)
            rows = self._cursor.execute(
                f"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                f"AND type IN ({', '.join('?' for _ in kinds)}) AND tbl_name IN ({marks})",
                (*kinds, *BULK_TABLES),
            ).fetchall()
            for kind, name, sql in rows:
                self._cursor.execute(f'DROP {kind.upper()} "{name}"')
                self._set_aside.append(sql)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Put indexes and triggers back, recount, commit; roll back everything on error."""
        with translated_errors():
            if kind is None:
                for sql in self._set_aside:
                    self._cursor.execute(sql)
                self._cursor.execute("DELETE FROM lead_count")
                self._cursor.execute(
                    "INSERT INTO lead_count (status, temperature, n) "
                    "SELECT status, temperature, COUNT(*) FROM lead GROUP BY status, temperature"
                )
            self._transaction.__exit__(kind, error, tb)

    def next_lead_id(self) -> int:
        """The first free lead id: bulk rows carry their ids so contacts can point at them."""
        row = self._cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM lead").fetchone()
        return int(row[0])

    def write(
        self,
        leads: Sequence[tuple[Any, ...]],
        contacts: Sequence[tuple[Any, ...]] = (),
        changes: Sequence[tuple[Any, ...]] = (),
    ) -> None:
        """Append one batch of rows."""
        with translated_errors():
            self._cursor.executemany(_insert_sql("lead", LEAD_COLUMNS), leads)
            if contacts:
                self._cursor.executemany(_insert_sql("contact", CONTACT_COLUMNS), contacts)
            if changes:
                self._cursor.executemany(_insert_sql("temperature_change", CHANGE_COLUMNS), changes)
