"""A team's database on a PostgreSQL server: the connection, and its schema made or brought up.

Peewee 4.5's PostgresqlDatabase takes psycopg2 whenever it can import it; the
Psycopg3Database used here always takes psycopg 3. It is told to write `?`
placeholders, as for SQLite, so that every statement of the store is one text for
both engines (store.server_sql turns them into psycopg's). Each connection gets a
lock timeout (the busy timeout a SQLite file has) and an origin, which the change
notifications carry so a board does not redraw for its own writes.
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from leadboard.store.errors import NotADatabase, StoreError
from leadboard.store.peewee_psycopg import Psycopg3Database
from leadboard.store.schema import SCHEMA_VERSION
from leadboard.store.server_schema import (
    SERVER_MIGRATIONS,
    SERVER_SCHEMA,
    SERVER_VERSION,
    VERSION_TABLE,
)
from leadboard.store.server_sql import Params, for_psycopg
from leadboard.store.server_url import ServerTarget

ORIGIN = uuid.uuid4().hex
"""This process, as the change notifications name it (store.live_changes ignores its own)."""


class ServerDatabase(Psycopg3Database):  # type: ignore[misc]  # Peewee's stubs leave it untyped
    """A PostgreSQL database over psycopg 3 that takes the store's SQLite-style placeholders."""

    param = "?"

    def __init__(self, target: ServerTarget, busy_timeout_ms: int) -> None:
        super().__init__(target.shown, autorollback=False)
        self.target = target
        self.shown = target.shown
        self.busy_timeout_ms = busy_timeout_ms

    def _connect(self) -> psycopg.Connection[Any]:
        """A psycopg connection in autocommit (Peewee sends BEGIN), with client-side binding.

        Client-side binding (ClientCursor) lets a parameter stand anywhere a literal
        may, as SQLite's do: server-side binding refuses one in `SET`, in DDL or
        where its type cannot be inferred.
        """
        conn = psycopg.connect(
            self.target.conninfo, autocommit=True, cursor_factory=psycopg.ClientCursor
        )
        conn.execute(
            "SELECT set_config('lock_timeout', %s, false), "
            "set_config('leadboard.origin', %s, false)",
            (f"{int(self.busy_timeout_ms)}ms", ORIGIN),
        )
        return conn

    def _execute_cursor(self, sql: str, params: Params, **options: Any) -> Any:
        """Run one statement, its placeholders first made psycopg's."""
        text, bound = for_psycopg(sql, params)
        return super()._execute_cursor(text, bound, **options)

    def get_tables(self, schema: str | None = None) -> list[str]:
        """Tables of the connection's schema (Peewee's own query is written with %s)."""
        cursor = self.execute_sql(
            "SELECT tablename FROM pg_catalog.pg_tables "
            "WHERE schemaname = COALESCE(?, current_schema()) ORDER BY tablename",
            (schema,),
        )
        return [str(row[0]) for row in cursor.fetchall()]


class RawConnection:
    """The server connection as the importer uses a sqlite3 one: execute, executemany."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Params = None) -> Any:
        """Run one statement; its cursor."""
        text, bound = for_psycopg(sql, params if params is not None else ())
        cursor = self.connection.cursor()
        cursor.execute(text, bound)
        return cursor

    def copy_rows(self, table: str, columns: tuple[str, ...], rows: Any) -> None:
        """Append rows to a table with COPY: many times faster than INSERTs one by one."""
        cursor = self.connection.cursor()
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def executemany(self, sql: str, rows: Any) -> Any:
        """Run one statement for each row of parameters."""
        rows = list(rows)
        if not rows:
            return None
        converted = [for_psycopg(sql, row) for row in rows]
        cursor = self.connection.cursor()
        cursor.executemany(converted[0][0], [bound or () for _, bound in converted])
        return cursor


def schema_version(db: ServerDatabase) -> int:
    """The version the schema records (0 when leadboard has not made its tables yet)."""
    # The catalog read as a table (a fresh snapshot): to_regclass may answer from a cache
    # that has not seen the tables another process made while this one waited for the lock.
    row = db.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'leadboard_schema')"
    ).fetchone()
    if not row[0]:
        return 0
    found = db.execute_sql("SELECT MAX(version) FROM leadboard_schema").fetchone()
    return int(found[0] or 0)


def migrate_server(db: ServerDatabase, *, may_create: bool) -> None:
    """Make the schema, or bring it up to SCHEMA_VERSION, under a lock other processes wait on.

    The advisory lock is the transaction's: two leadboards opening a new database
    at once make it once. Peewee starts the transaction; DDL is transactional, so a
    failure leaves the schema as it was.
    """
    version = schema_version(db)
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{db.shown} was written by a newer leadboard (schema {version}); upgrade leadboard"
        )
    if version == 0 and not may_create:
        from leadboard.store.database import NoDatabase

        raise NoDatabase.for_server(db.shown)
    with db.atomic():
        db.execute_sql(
            "SELECT pg_advisory_xact_lock(hashtext('leadboard schema ' || current_schema()))"
        )
        version = schema_version(db)  # another process may have made it while we waited
        if version == 0:
            _create(db)
            return
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in SERVER_MIGRATIONS[step]:
                db.execute_sql(statement)
        db.execute_sql("UPDATE leadboard_schema SET version = ?", (SCHEMA_VERSION,))


def _create(db: ServerDatabase) -> None:
    """Make every table at the newest version in an empty schema (refuse one holding others)."""
    if "lead" in db.get_tables():
        raise NotADatabase(f"{db.shown} already has a lead table leadboard did not make")
    found = db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
    if found is None:
        try:
            with db.atomic():
                db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as err:
            raise StoreError(
                f"{db.shown} needs the pg_trgm extension for the filter; ask the server's "
                "admin to run CREATE EXTENSION pg_trgm in that database"
            ) from err
    for statement in [*VERSION_TABLE, *SERVER_SCHEMA]:
        db.execute_sql(statement)
    for step in range(SERVER_VERSION + 1, SCHEMA_VERSION + 1):
        for statement in SERVER_MIGRATIONS[step]:
            db.execute_sql(statement)
    db.execute_sql("INSERT INTO leadboard_schema (version) VALUES (?)", (SCHEMA_VERSION,))


def open_server(target: ServerTarget, busy_timeout_ms: int, *, may_create: bool) -> ServerDatabase:
    """Connect to the server database, make or migrate its schema, and bind the models."""
    from leadboard.store.database import translated_errors
    from leadboard.store.schema import MODELS

    db = ServerDatabase(target, busy_timeout_ms)
    with translated_errors(db):
        db.connect()
        try:
            migrate_server(db, may_create=may_create)
        except BaseException:
            db.close()
            raise
    db.bind(MODELS, bind_refs=False, bind_backrefs=False)
    return db
