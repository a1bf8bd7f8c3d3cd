"""PostgreSQL for tests: the server from LEADBOARD_TEST_PG and a fresh schema per test."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest

ENV = "LEADBOARD_TEST_PG"
"""The variable that names the test server's database, set by .ci/postgres.sh."""

NO_SERVER = f"no PostgreSQL server: set {ENV} (bash .ci/postgres.sh start DIR)"

ENGINES = ("sqlite", "postgresql")
"""The store's engines, in the order parametrised tests run them."""


def server_url() -> str | None:
    """The test server's URL, or None when none is configured."""
    return os.environ.get(ENV) or None


def require_server() -> str:
    """The test server's URL; skip without one locally, fail without one in CI."""
    url = server_url()
    if url is not None:
        return url
    # CI must prove the PostgreSQL half: a silently skipped half would pass for nothing.
    if os.environ.get("CI"):
        pytest.fail(f"{NO_SERVER}; CI needs it", pytrace=False)
    pytest.skip(NO_SERVER)


def with_search_path(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to schema, then public."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    # public stays on the path: pg_trgm's functions and operators live there.
    option = f"-csearch_path={schema},public"
    kept = [(key, value) for key, value in query if key != "options"]
    existing = [value for key, value in query if key == "options"]
    options = " ".join([*existing, option])
    new_query = urlencode([*kept, ("options", options)], quote_via=quote, safe=",")
    return urlunsplit(parts._replace(query=new_query))


@contextmanager
def fresh_schema(base_url: str) -> Iterator[str]:
    """A new empty schema t_<12 hex> in base_url's database, dropped after; yields its URL."""
    import psycopg
    from psycopg import sql

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield with_search_path(base_url, schema)
    finally:
        drop_schema(base_url, schema)


def drop_schema(base_url: str, schema: str) -> None:
    """Drop schema and everything in it, ending sessions a test left holding its locks."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(base_url, autocommit=True) as conn:
        # A connection left idle in a transaction would block DROP forever: end it.
        conn.execute(
            "SELECT pg_terminate_backend(l.pid) FROM pg_locks l"
            " JOIN pg_class c ON c.oid = l.relation"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND l.pid <> pg_backend_pid()",
            (schema,),
        )
        conn.execute("SET lock_timeout = '10s'")
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@contextmanager
def db_target_for(engine: str, tmp_path: Path) -> Iterator[str]:
    """Where a test's store lives: a SQLite file under tmp_path, or a fresh schema's URL."""
    if engine == "sqlite":
        yield str(tmp_path / "store.db")
    elif engine == "postgresql":
        with fresh_schema(require_server()) as url:
            yield url
    else:
        raise ValueError(f"unknown engine {engine!r}")


def write_elsewhere(store: Any, sql: str, params: tuple[object, ...] = ()) -> None:
    """Commit a statement from another connection to the store's database (another process's)."""
    from leadboard.store.dialect import is_server

    if is_server(store.db):
        import psycopg

        from leadboard.store.server_sql import for_psycopg

        with psycopg.connect(store.db.target.conninfo, autocommit=True) as conn:
            text, bound = for_psycopg(sql, params)
            conn.cursor().execute(text, bound)
        return
    import sqlite3

    other = sqlite3.connect(str(store.db.database))
    try:
        other.execute(sql, params)
        other.commit()
    finally:
        other.close()


def changed_within(store: Any, first: int, seconds: float) -> bool:
    """True once the store's data_version moves from `first`, within `seconds`."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if store.data_version() != first:
            return True
        time.sleep(0.05)
    return bool(store.data_version() != first)


def server_snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a server schema, read directly (as a test's snapshot)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            str(row[0])
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        ]
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for table in sorted(tables):
            query = sql.SQL("SELECT * FROM {} ORDER BY 1").format(sql.Identifier(table))
            dump[table] = [tuple(row) for row in conn.execute(query).fetchall()]
        return dump
