"""Fast appends of many leads, contacts and temperature changes in one transaction."""

from __future__ import annotations

import contextlib
import json
import operator
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from types import TracebackType
from typing import Any

import peewee

from leadboard.store.database import translated_errors
from leadboard.store.kept_counts import REBUILD as COUNT_REBUILD
from leadboard.store.lead_columns import (
    CHANGE_COLUMNS,
    CONTACT_COLUMNS,
    LEAD_COLUMNS,
)
from leadboard.store.search_index import bulk_marks, phone_digits, refresh_after_bulk, tag_text

Record = Mapping[str, Any]
"""A row by column name: lead_columns.lead_record plus `id`, contact_record, or a change."""

_SEPARATOR = "\x1f"
"""search_index.SEPARATOR (char(31)) as Python text."""

_INDEX_BATCH = (
    "INSERT INTO lead_search (rowid, doc) "
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)"
)
"""Search texts in one statement: row by row, FTS5 flushes its index at every
statement (see search_index.INSERT_TRIGGERS)."""

INDEX_EVERY = 100_000
"""Search texts held back and indexed in one statement: FTS5 writes a segment at the end of
each statement and merges them as they pile up; at a million demo leads, a statement per
5,000 took 36 s of CPU, one per 100,000 (with the bigger hash below) 27 s, and searches
were as fast."""

_INDEX_HASH = 64 << 20
"""FTS5's 'hashsize' while a bulk write runs: the pending index of INDEX_EVERY texts fits
before it is written out (the default, 1 MiB, writes many small segments to merge)."""

_DEFAULT_HASH = 1 << 20
"""FTS5's own default 'hashsize', put back when the file had none of its own."""

_SET_CONFIG = "INSERT INTO lead_search (lead_search, rank) VALUES (?, ?)"


_BOUND_AT_MOST = 999
"""Values one statement may bind: SQLITE_MAX_VARIABLE_NUMBER of SQLite before 3.32."""


class _RecordInsert:
    """An INSERT of records, many rows a statement: each value picked by its column name.

    Rows go in as one multi-row VALUES of as many rows as fit in _BOUND_AT_MOST
    values: a statement per row (executemany) cost 40% more of the demo's writing
    process. Named parameters (':name') made it a third slower again; an itemgetter
    picks the values in C, as fast as writing tuples by hand.
    """

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        self.head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        self.row = f"({', '.join('?' * len(columns))})"
        self.width = len(columns)
        self.per_statement = _BOUND_AT_MOST // len(columns)
        self.values = operator.itemgetter(*columns)
        self._sql: dict[int, str] = {}

    def rows(self, records: Sequence[Record]) -> list[list[Any]]:
        """The records' values, a flat list per statement; a record missing a column: KeyError."""
        values = list(map(self.values, records))
        step = self.per_statement
        return [
            list(chain.from_iterable(values[at : at + step])) for at in range(0, len(values), step)
        ]

    def run(self, cursor: Any, statements: list[list[Any]]) -> None:
        """Insert the rows that `rows` made."""
        for values in statements:
            count = len(values) // self.width
            sql = self._sql.get(count)
            if sql is None:
                sql = self._sql[count] = self.head + ", ".join([self.row] * count)
            cursor.execute(sql, values)


_LEADS = _RecordInsert("lead", LEAD_COLUMNS)
_CONTACTS = _RecordInsert("contact", CONTACT_COLUMNS[1:])
_CHANGES = _RecordInsert("temperature_change", CHANGE_COLUMNS)

BULK_TABLES = ("lead", "contact", "temperature_change")


@dataclass(frozen=True)
class Batch:
    """Records as values to bind, with the leads' search texts: what BulkWriter.write_batch writes.

    Made by `prepare`, which needs no database, so another process can make the
    next batch while SQLite writes this one (actions.demo.producer).
    """

    leads: list[list[Any]]
    contacts: list[list[Any]]
    changes: list[list[Any]]
    """Each a flat list of values per INSERT statement."""
    search: str | None
    """JSON [[lead id, text], ...]; None when a contact is for a lead outside the batch."""
    lead_count: int
    contact_count: int


def prepare(
    leads: Sequence[Record], contacts: Sequence[Record] = (), changes: Sequence[Record] = ()
) -> Batch:
    """A batch of records ready to write; the search texts are search_index.LEAD_TEXT_SQL's."""
    notes: dict[int, list[Record]] = {lead["id"]: [] for lead in leads}
    search: str | None = None
    try:
        for contact in contacts:
            if contact["note"]:
                notes[contact["lead_id"]].append(contact)
    except KeyError:
        pass  # a contact for an older lead: BulkWriter indexes the batch with SQL instead
    else:
        texts = [[lead["id"], _search_text(lead, notes[lead["id"]])] for lead in leads]
        search = json.dumps(texts, ensure_ascii=False, check_circular=False)
    return Batch(
        _LEADS.rows(leads),
        _CONTACTS.rows(contacts),
        _CHANGES.rows(changes),
        search,
        lead_count=len(leads),
        contact_count=len(contacts),
    )


def _search_text(lead: Record, contacts: list[Record]) -> str:
    """LEAD_TEXT_SQL for one lead: contact notes newest first, as contact_lead_at gives them."""
    # sorted() keeps equal moments in the order given, the index's order (by id) too.
    newest_first = sorted(contacts, key=operator.itemgetter("at"), reverse=True)
    phone = lead["phone"]
    return _SEPARATOR.join((
        lead["name"], lead["company"], lead["email"], phone, phone_digits(phone),
        lead["next_step"], lead["notes"], _SEPARATOR.join(c["note"] for c in newest_first),
    )) + tag_text(lead["tags"])  # fmt: skip


class BatchWriting:
    """What both bulk writers share: the next id, and records made into a batch."""

    def _execute(self, sql: str) -> Any:
        """Run a statement in the writer's transaction (each writer's own cursor)."""
        raise NotImplementedError

    def write_batch(self, batch: Batch) -> None:
        """Append one batch made by `prepare`, with its leads' search texts."""
        raise NotImplementedError

    _transaction: Any

    def _finish(self) -> None:
        """What is left to write before the commit (the counts, the indexes)."""
        raise NotImplementedError

    def _end(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        """Finish and commit; on an error, or one while finishing, roll everything back."""
        if kind is None:
            try:
                self._finish()
            except BaseException as failure:
                # Rolled back here: a transaction left open would hold the lock.
                self._transaction.__exit__(type(failure), failure, failure.__traceback__)
                raise
        self._transaction.__exit__(kind, error, tb)

    def next_lead_id(self) -> int:
        """The first free lead id: bulk rows carry their ids so contacts can point at them."""
        row = self._execute("SELECT COALESCE(MAX(id), 0) + 1 FROM lead").fetchone()
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
        self.write_batch(prepare(leads, contacts, changes))


class BulkWriter(BatchWriting):
    """Append rows in batches inside one IMMEDIATE transaction: all land, or none.

    Per-row work is set aside while it runs: the count triggers always (the counts
    are recomputed once at the end), and the indexes when the lead table starts
    empty (rebuilt once at the end). Measured on demo data, triggers and indexes
    made a bulk load about three times slower. DDL is transactional in SQLite, so
    a failure rolls back to the schema as it was. Into a file with no leads, the
    load journals to a rollback file instead of the WAL (see _rollback_journal).
    """

    def __init__(self, db: peewee.Database) -> None:
        self.db = db
        self._transaction: Any = None
        self._cursor: Any = None
        self._set_aside: list[str] = []
        self._search_marks = (0, 0)
        self._unindexed = False
        self._texts: list[str] = []
        self._held = 0
        self._hash_size = _DEFAULT_HASH
        self._journal_switched = False

    def __enter__(self) -> BulkWriter:
        """Begin the transaction and set triggers (and, on an empty table, indexes) aside."""
        with translated_errors(self.db):
            self._cursor = self.db.cursor()
            self._journal_switched = self._rollback_journal()
            self._transaction = self.db.atomic()
            self._transaction.__enter__()
            self._search_marks = bulk_marks(self._cursor)
            row = self._cursor.execute(
                "SELECT v FROM lead_search_config WHERE k = 'hashsize'"
            ).fetchone()
            self._hash_size = int(row[0]) if row is not None else _DEFAULT_HASH
            self._cursor.execute(_SET_CONFIG, ("hashsize", _INDEX_HASH))
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
        try:
            with translated_errors(self.db):
                self._end(kind, error, tb)
        finally:
            if self._journal_switched:
                self._wal_again()

    def _finish(self) -> None:
        """Index what is held back, put the schema back and recount, before the commit."""
        cursor = self._cursor
        self._index_held()
        cursor.execute(_SET_CONFIG, ("hashsize", self._hash_size))
        for sql in self._set_aside:
            cursor.execute(sql)
        for sql in COUNT_REBUILD:  # the count triggers were set aside
            cursor.execute(sql)
        if self._unindexed:
            # The search index's triggers were set aside too: index what was added.
            refresh_after_bulk(cursor, self._search_marks)

    def _rollback_journal(self) -> bool:
        """Into a file with no leads, journal the load to a rollback file; True if switched.

        In WAL mode every page of a million-lead load is written twice (to the WAL, then
        into the file) and the WAL is left as big as the file. A rollback journal keeps
        the one transaction whole just the same (a killed load is undone on the next
        open) while new pages go straight into the file. Only when no other connection
        holds the file, and never inside a transaction.
        """
        cursor = self._cursor
        if self.db.in_transaction():
            return False
        if cursor.execute("SELECT EXISTS (SELECT 1 FROM lead)").fetchone()[0]:
            return False
        if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            return False
        timeout = int(cursor.execute("PRAGMA busy_timeout").fetchone()[0])
        try:
            cursor.execute("PRAGMA busy_timeout = 0")  # another process has it open: stay in WAL
            mode = str(cursor.execute("PRAGMA journal_mode = delete").fetchone()[0]).lower()
        except sqlite3.OperationalError:
            return False
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {timeout}")
        if mode != "delete":
            return False
        # NORMAL syncs enough in WAL mode only: with a rollback journal FULL is the safe one.
        cursor.execute("PRAGMA synchronous = full")
        return True

    def _wal_again(self) -> None:
        """Back to WAL and NORMAL syncing, as database.open_database sets them."""
        cursor = self.db.cursor()
        cursor.execute("PRAGMA synchronous = normal")
        # Another process may have opened the file meanwhile: the next open sets WAL again.
        with contextlib.suppress(sqlite3.OperationalError):
            cursor.execute("PRAGMA journal_mode = wal")

    def _execute(self, sql: str) -> Any:
        return self._cursor.execute(sql)

    def write_batch(self, batch: Batch) -> None:
        """Append one batch made by `prepare`, with its leads' search texts."""
        with translated_errors(self.db):
            cursor = self._cursor
            _LEADS.run(cursor, batch.leads)
            _CONTACTS.run(cursor, batch.contacts)
            _CHANGES.run(cursor, batch.changes)
            if batch.search is None:
                self._unindexed = True
            elif batch.lead_count:
                self._texts.append(batch.search)
                self._held += batch.lead_count
                if self._held >= INDEX_EVERY:
                    self._index_held()

    def _index_held(self) -> None:
        """Index the search texts held back, in one statement."""
        if self._texts:
            # Each is a JSON array: their items, joined, are one array of them all.
            joined = "[" + ",".join(text[1:-1] for text in self._texts) + "]"
            self._texts, self._held = [], 0
            self._cursor.execute(_INDEX_BATCH, (joined,))
