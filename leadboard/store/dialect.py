"""Where SQLite and PostgreSQL truly differ, asked in one place: everything else is one SQL.

A SQLite file serialises writers with BEGIN IMMEDIATE (open_file's lock_type); a
server lets them run side by side, so a write locks the lead it read (FOR UPDATE)
and reads that must agree with each other take one snapshot (REPEATABLE READ).
"""

from __future__ import annotations

from typing import Any, TypeVar

import peewee

Q = TypeVar("Q", bound=peewee.Select)


def is_server(db: peewee.Database) -> bool:
    """True for a team's PostgreSQL database, False for a SQLite file."""
    return isinstance(db, peewee.PostgresqlDatabase)


def read_transaction(db: peewee.Database) -> Any:
    """A transaction that only reads, all of it from one snapshot, never blocking a writer."""
    if is_server(db):
        return db.atomic(isolation_level="REPEATABLE READ")
    return db.atomic(lock_type="DEFERRED")


def locked(query: Q, db: peewee.Database) -> Q:
    """The query, locking the rows it reads until the transaction ends (on a server)."""
    # On a file the IMMEDIATE transaction already holds the only write lock there is.
    return query.for_update() if is_server(db) else query


def raw_connection(db: peewee.Database) -> Any:
    """The calling thread's connection with sqlite3's execute and executemany."""
    if is_server(db):
        from leadboard.store.server import RawConnection

        return RawConnection(db.connection())
    return db.connection()


def unindexed(column: str, db: peewee.Database) -> peewee.SQL:
    """A column SQLite must not look up by its index here (a unary +); PostgreSQL plans alone."""
    return peewee.SQL(column if is_server(db) else f"+{column}")


def days_between(later: str, earlier: str, db: peewee.Database) -> str:
    """SQL for the days from one stored UTC text to another, fractions included."""
    if is_server(db):
        return f"(EXTRACT(EPOCH FROM ({later})::timestamptz - ({earlier})::timestamptz) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"
