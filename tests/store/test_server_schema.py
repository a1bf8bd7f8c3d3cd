"""The server's schema is the file's: the same tables, columns and indexes, at the same version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from leadboard.store.database import open_database
from leadboard.store.schema import SCHEMA_VERSION
from leadboard.store.server_schema import SERVER_VERSION

FILE_ONLY_TABLES = {"sqlite_sequence", "lead_search_data", "lead_search_idx", "lead_search_config",
                    "lead_search_content", "lead_search_docsize"}  # fmt: skip
"""SQLite's own bookkeeping, and FTS5's shadow tables of the search index."""

SERVER_ONLY_TABLES = {"leadboard_schema", "leadboard_change"}
"""The schema version (a file keeps PRAGMA user_version) and the live boards' counter."""


def _file_columns(path: Path) -> dict[str, set[str]]:
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
            for table in tables
            if table not in FILE_ONLY_TABLES
        }


def _file_indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        rows = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
    return {str(row[0]) for row in rows}


def _server_columns(url: str) -> dict[str, set[str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        ).fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(str(table), set()).add(str(column))
    return {table: columns for table, columns in found.items() if table not in SERVER_ONLY_TABLES}


def _server_indexes(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname NOT LIKE '%\\_pkey'"
        ).fetchall()
    return {str(row[0]) for row in rows}


def test_both_engines_make_the_same_tables_and_columns(tmp_path: Path, pg_url: str) -> None:
    path = tmp_path / "file.db"
    open_database(str(path)).close()
    open_database(pg_url).close()
    file_tables, server_tables = _file_columns(path), _server_columns(pg_url)
    # The search index is a virtual table on a file: its one column is the same `doc`.
    assert file_tables.pop("lead_search") == {"doc"}
    assert server_tables.pop("lead_search") == {"rowid", "doc"}
    assert server_tables == file_tables
    # The server's own GIN index stands for FTS5's; every other index has its twin but
    # the sorted columns' per owner (a file's board is never one owner's).
    server_only = {"lead_search_trigram"} | {
        f"lead_owner_{order}" for order in ("score", "touched", "value")
    }
    assert _server_indexes(pg_url) - server_only == _file_indexes(path)


def test_the_server_records_the_newest_version(pg_url: str) -> None:
    assert SERVER_VERSION <= SCHEMA_VERSION
    open_database(pg_url).close()
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT version FROM leadboard_schema").fetchall()
    assert row == [(SCHEMA_VERSION,)]


def test_a_newer_server_schema_is_refused_and_left_alone(pg_url: str) -> None:
    from leadboard.store.errors import StoreError

    open_database(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE leadboard_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer leadboard"):
        open_database(pg_url)


def test_tables_leadboard_did_not_make_are_refused(pg_url: str) -> None:
    from leadboard.store.errors import StoreError

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE lead (x integer)")
    with pytest.raises(StoreError, match="leadboard did not make"):
        open_database(pg_url)


def test_two_processes_opening_a_new_schema_make_it_once(pg_url: str) -> None:
    import subprocess
    import sys

    opener = (
        "import sys; from leadboard.store.database import open_database; "
        "open_database(sys.argv[1]).close(); print('ok')"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", opener, pg_url], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    assert [run.communicate(timeout=60)[0] for run in runs] == ["ok\n"] * 3
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM leadboard_schema").fetchone() == (1,)


def test_a_missing_database_or_server_is_one_clear_line() -> None:
    from urllib.parse import urlsplit, urlunsplit

    from leadboard.store.errors import StoreError
    from tests.postgres import require_server

    base = urlsplit(require_server())
    missing = urlunsplit(base._replace(path="/no_such_leadboard_db", query=""))
    with pytest.raises(StoreError, match=r'"no_such_leadboard_db" does not exist; create it first'):
        open_database(missing)
    closed = urlunsplit(base._replace(netloc="postgres@127.0.0.1:1", query=""))
    with pytest.raises(StoreError, match=r"cannot reach postgresql://postgres@127.0.0.1:1/"):
        open_database(closed)
