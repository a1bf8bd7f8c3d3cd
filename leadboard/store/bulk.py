"""Fast appends of many leads, contacts and temperature changes in one transaction."""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

import peewee

from leadboard.store.database import translated_errors
from leadboard.store.lead_columns import (
    CHANGE_COLUMNS,
    CONTACT_COLUMNS,
    LEAD_COLUMNS,
)
from leadboard.store.search_index import bulk_marks, refresh_after_bulk

Record = Mapping[str, Any]
"""A row by column name: lead_columns.lead_record plus `id`, contact_record, or a change."""


class _RecordInsert:
    """An INSERT of records: each value is picked by its column name, then bound by position.

    Named parameters (':name') made the demo's bulk load a third slower; an
    itemgetter picks the values in C, as fast as writing tuples by hand.
    """

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        self.sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        )
        self.values = operator.itemgetter(*columns)

    def run(self, cursor: Any, records: Sequence[Record]) -> None:
        """Insert every record; a record without one of the columns is a KeyError."""
        cursor.executemany(self.sql, map(self.values, records))


_LEADS = _RecordInsert("lead", LEAD_COLUMNS)
_CONTACTS = _RecordInsert("contact", CONTACT_COLUMNS[1:])
_CHANGES = _RecordInsert("temperature_change", CHANGE_COLUMNS)

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
        self._search_marks = (0, 0)

    def __enter__(self) -> BulkWriter:
        """Begin the transaction and set triggers (and, on an empty table, indexes) aside."""
        with translated_errors(self.db):
            self._transaction = self.db.atomic()
            self._transaction.__enter__()
            self._cursor = self.db.cursor()
            self._search_marks = bulk_marks(self._cursor)
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
        with translated_errors(self.db):
            if kind is None:
                for sql in self._set_aside:
                    self._cursor.execute(sql)
                self._cursor.execute("DELETE FROM lead_count")
                self._cursor.execute(
                    "INSERT INTO lead_count (status, temperature, n) "
                    "SELECT status, temperature, COUNT(*) FROM lead GROUP BY status, temperature"
                )
                # The search index's triggers were set aside too: index what was added.
                refresh_after_bulk(self._cursor, self._search_marks)
            self._transaction.__exit__(kind, error, tb)

    def next_lead_id(self) -> int:
        """The first free lead id: bulk rows carry their ids so contacts can point at them."""
        row = self._cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM lead").fetchone()
        return int(row[0])

    def write(
        self,
        leads: Sequence[Record],
        contacts: Sequence[Record] = (),
        changes: Sequence[Record] = (),
    ) -> None:
        """Append one batch of records: leads with every column of LEAD_COLUMNS, `id` included.

        Contacts have every contact column but `id`; changes have CHANGE_COLUMNS.
        """
        with translated_errors(self.db):
            _LEADS.run(self._cursor, leads)
            if contacts:
                _CONTACTS.run(self._cursor, contacts)
            if changes:
                _CHANGES.run(self._cursor, changes)
