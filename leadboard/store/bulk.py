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


class BulkWriter:
    """Append rows in batches inside one IMMEDIATE transaction: all land, or none."""

    def __init__(self, db: peewee.SqliteDatabase) -> None:
        self.db = db
        self._transaction: Any = None
        self._cursor: Any = None

    def __enter__(self) -> BulkWriter:
        """Begin the transaction."""
        with translated_errors():
            self._transaction = self.db.atomic()
            self._transaction.__enter__()
            self._cursor = self.db.cursor()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Commit when the block ended cleanly, roll back otherwise."""
        with translated_errors():
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
