"""Moving house: every row of one database copied into an empty other, and checked row by row.

The source is read in one read transaction (one snapshot), a page of leads at a
time with their contacts, so memory stays flat; the target is written in the one
transaction of its bulk writer, so a failure or Ctrl+C leaves it as empty as it
was. Ids are kept: contacts point at sessions, fingerprints at leads, and a rep's
`leadboard show 12` must still be lead 12. Before the commit every copied row is
read back and the two sides' checksums compared; a mismatch rolls it all back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import peewee

from leadboard.domain.wording import counted
from leadboard.paths import shown
from leadboard.store.bulk import prepare
from leadboard.store.database import translated_errors
from leadboard.store.dialect import is_server, read_transaction
from leadboard.store.errors import StoreError
from leadboard.store.lead_columns import CHANGE_COLUMNS, CONTACT_COLUMNS, LEAD_COLUMNS
from leadboard.store.schema import SessionRow

if TYPE_CHECKING:
    from leadboard.store.leads import LeadStore

PAGE = 5_000
"""Leads read and written at a time (with their contacts): the demo's batch size."""

Row = Sequence[Any]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Table:
    """A copied table: its columns as selected and written, and the key it is paged by."""

    name: str
    columns: tuple[str, ...]
    key: str = "id"
    noun: str = ""
    """How a row is counted in a message ('lead': '3 leads')."""

    @property
    def selected(self) -> str:
        """The columns to SELECT: a boolean read as 0 or 1 from both engines."""
        return ", ".join(_AS_NUMBER.get(column, column) for column in self.columns)


LEADS = Table("lead", LEAD_COLUMNS, noun="lead")
SESSIONS = Table(
    "followup_session",
    tuple(f.column_name for f in SessionRow._meta.sorted_fields),
    noun="follow-up session",
)
CONTACTS = Table("contact", CONTACT_COLUMNS, noun="contact")
CHANGES = Table("temperature_change", ("id", *CHANGE_COLUMNS), noun="temperature change")
FINGERPRINTS = Table(
    "import_fingerprint", ("fingerprint", "lead_id"), key="fingerprint", noun="import fingerprint"
)

TABLES = (LEADS, CONTACTS, CHANGES, SESSIONS, FINGERPRINTS)
"""Every table a move copies, in the order a report names them; the rest is worked out again."""

_OWNER = LEAD_COLUMNS.index("owner")

_AS_NUMBER = {"promised": "(CASE WHEN promised THEN 1 ELSE 0 END)"}
"""A server's booleans read as a file's integers, so that a row reads alike from both."""


class TargetNotEmpty(StoreError):
    """The target already holds leads (or sessions): a move only fills an empty database."""


class CopyMismatch(StoreError):
    """The rows read back from the target are not the rows read from the source."""


def named(db: peewee.Database) -> str:
    """A database as messages name it: the masked URL of a server, the path of a file."""
    return str(getattr(db, "shown", "")) if is_server(db) else shown(str(db.database))


@dataclass
class Tally:
    """Rows per table and a checksum of them that does not depend on the order they came in.

    Each row's canonical text is hashed (sha256) and the hashes are added up modulo
    2**256: the source is read a page of leads and their contacts at a time, the
    target back by each table's key, and both must come to the same sums.
    """

    rows: dict[str, int] = field(default_factory=lambda: _zeros())
    sums: dict[str, int] = field(default_factory=lambda: _zeros())

    def add(self, table: Table, rows: Sequence[Row]) -> None:
        """Count rows of a table and add them to its checksum."""
        total = self.sums[table.name]
        for row in rows:
            total += int.from_bytes(hashlib.sha256(canonical(row)).digest())
        self.sums[table.name] = total % (1 << 256)
        self.rows[table.name] += len(rows)

    def checksum(self) -> str:
        """'sha256:…' over every table's count and sum."""
        digest = hashlib.sha256()
        for table in TABLES:
            line = f"{table.name}:{self.rows[table.name]}:{self.sums[table.name]:064x}\n"
            digest.update(line.encode())
        return f"sha256:{digest.hexdigest()}"

    def differences(self, other: Tally) -> list[str]:
        """The tables whose rows differ, each with how many rows each side has."""
        return [
            f"{table.name}: {self.rows[table.name]:,} rows read, {other.rows[table.name]:,} written"
            for table in TABLES
            if (self.rows[table.name], self.sums[table.name])
            != (other.rows[table.name], other.sums[table.name])
        ]


def _zeros() -> dict[str, int]:
    return {table.name: 0 for table in TABLES}


def canonical(row: Row) -> bytes:
    """A row's values as one text: texts, whole numbers and None read alike from both engines."""
    # repr of a tuple is made in C: json.dumps took 14 s of a 32 s move of 100,000 leads.
    return repr(tuple(row)).encode()


@dataclass(frozen=True)
class Moved:
    """What a move copied: rows per table name, their checksum, the leads given an owner."""

    rows: dict[str, int]
    checksum: str
    owners_filled: int


def move_house(
    source: LeadStore,
    target: LeadStore,
    *,
    empty_owner: str | None = None,
    progress: Progress | None = None,
) -> Moved:
    """Copy every row of `source` into `target`, which must hold no leads; all or nothing.

    `empty_owner`, if given, becomes the owner of each lead that has none. `progress`
    is called with (rows done, rows in all): each row counts once copied, once checked.
    """
    with translated_errors(source.db), read_transaction(source.db):
        total = 2 * sum(_count(source.db, table) for table in TABLES)
        moving = _Move(source.db, target.db, empty_owner, progress, total)
        with target.bulk_writer() as writer:
            with translated_errors(target.db):
                _refuse_filled(target.db)
            moving.copy(writer)
            with translated_errors(target.db):
                written = moving.read_back()
            differences = moving.read.differences(written)
            if differences:
                raise CopyMismatch(
                    f"the copy in {named(target.db)} does not match the source "
                    f"({'; '.join(differences)}); nothing was moved"
                )
    return Moved(dict(moving.read.rows), moving.read.checksum(), moving.filled)


def _refuse_filled(db: peewee.Database) -> None:
    """TargetNotEmpty when the target holds leads or sessions whose ids a move would reuse."""
    for table in (LEADS, SESSIONS):
        found = _count(db, table)
        if found:
            raise TargetNotEmpty(
                f"{named(db)} already holds {counted(found, table.noun)}; "
                "migrate-to only fills an empty database"
            )


def _count(db: peewee.Database, table: Table) -> int:
    return int(db.execute_sql(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0])


class _Move:
    """One move: reads the source, writes the target, keeps the tally of what was read."""

    def __init__(
        self,
        source: peewee.Database,
        target: peewee.Database,
        empty_owner: str | None,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.source = source
        self.target = target
        self.empty_owner = empty_owner
        self.progress = progress
        self.total = total
        self.done = 0
        self.filled = 0
        self.read = Tally()

    def copy(self, writer: Any) -> None:
        """Sessions first (contacts point at them), then leads a page at a time with their rows."""
        for rows in pages(self.source, SESSIONS):
            self._append(SESSIONS, rows)
        for leads in pages(self.source, LEADS):
            first, last = leads[0][0], leads[-1][0]
            leads = self._owned(leads)
            contacts = _of_leads(self.source, CONTACTS, first, last)
            records = [dict(zip(LEAD_COLUMNS, lead, strict=True)) for lead in leads]
            by_name = [dict(zip(CONTACT_COLUMNS, row, strict=True)) for row in contacts]
            # The writer makes the leads' search texts (contact notes included); the
            # contacts themselves go in below, with their ids.
            batch = prepare(records, by_name)
            writer.write_batch(dataclasses.replace(batch, contacts=[], contact_count=0))
            self._tallied(LEADS, leads)
            self._append(CONTACTS, contacts)
            self._append(CHANGES, _of_leads(self.source, CHANGES, first, last))
            self._append(FINGERPRINTS, _of_leads(self.source, FINGERPRINTS, first, last))

    def _owned(self, leads: list[Row]) -> list[Row]:
        """The leads, each with no owner given `empty_owner` (when there is one)."""
        if self.empty_owner is None:
            return leads
        owned: list[Row] = []
        for lead in leads:
            if lead[_OWNER] == "":
                lead = (*lead[:_OWNER], self.empty_owner, *lead[_OWNER + 1 :])
                self.filled += 1
            owned.append(lead)
        return owned

    def _append(self, table: Table, rows: list[Row]) -> None:
        """Write rows as they are, ids included, in the target's transaction."""
        if rows:
            with translated_errors(self.target):
                write_rows(self.target, table, rows)
        self._tallied(table, rows)

    def _tallied(self, table: Table, rows: Sequence[Row]) -> None:
        self.read.add(table, rows)
        self._advance(len(rows))

    def _advance(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and rows:
            self.progress(self.done, self.total)

    def read_back(self) -> Tally:
        """Every copied row of the target, read in its transaction (before the commit)."""
        written = Tally()
        for table in TABLES:
            for rows in pages(self.target, table):
                written.add(table, rows)
                self._advance(len(rows))
        return written


def write_rows(db: peewee.Database, table: Table, rows: Sequence[Row]) -> None:
    """Append rows with every column of `table`: COPY on a server, executemany on a file."""
    columns = ", ".join(table.columns)
    if is_server(db):
        cursor = db.connection().cursor()
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in table.columns)
    db.cursor().executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", rows)


def pages(db: peewee.Database, table: Table, size: int | None = None) -> Iterator[list[Row]]:
    """A table's rows by its key, a page at a time (each page one query: memory stays flat)."""
    size = PAGE if size is None else size
    at = table.columns.index(table.key)
    last: Any = None
    while True:
        after = "" if last is None else f"WHERE {table.key} > ? "
        rows = db.execute_sql(
            f"SELECT {table.selected} FROM {table.name} {after}ORDER BY {table.key} LIMIT ?",
            (size,) if last is None else (last, size),
        ).fetchall()
        if not rows:
            return
        yield [tuple(row) for row in rows]
        last = rows[-1][at]


def _of_leads(db: peewee.Database, table: Table, first: int, last: int) -> list[Row]:
    """The rows of a table that belong to the leads with ids from first to last."""
    rows = db.execute_sql(
        f"SELECT {table.selected} FROM {table.name} WHERE lead_id BETWEEN ? AND ?",
        (first, last),
    ).fetchall()
    return [tuple(row) for row in rows]


def same_database(one: peewee.Database, other: peewee.Database) -> bool:
    """True when two open databases are one: the same file, or the same server schema."""
    if one is other:
        return True  # one connection: its advisory locks are its own to take again
    if is_server(one) != is_server(other):
        return False
    if not is_server(one):
        try:
            return os.path.samefile(str(one.database), str(other.database))
        except OSError:
            return False
    if _schema(one) != _schema(other):
        return False
    # An advisory lock is the database's, whoever asks: held by one connection, the
    # other cannot take it only if both reach the same database of the same server.
    key = random.getrandbits(62)
    with translated_errors(one):
        one.execute_sql("SELECT pg_advisory_lock(?)", (key,))
    try:
        with translated_errors(other):
            taken = bool(other.execute_sql("SELECT pg_try_advisory_lock(?)", (key,)).fetchone()[0])
            if taken:
                other.execute_sql("SELECT pg_advisory_unlock(?)", (key,))
    finally:
        with translated_errors(one):
            one.execute_sql("SELECT pg_advisory_unlock(?)", (key,))
    return not taken


def _schema(db: peewee.Database) -> tuple[str, str]:
    with translated_errors(db):
        row = db.execute_sql("SELECT current_database(), current_schema()").fetchone()
    return str(row[0]), str(row[1])
