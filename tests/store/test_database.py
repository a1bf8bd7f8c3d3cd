"""Tests for open_database: targets, refusing foreign files, migrations and locks."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
import pytest

from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store import database
from leadboard.store.database import open_database, schema_version, sqlite_path
from leadboard.store.errors import DatabaseLocked, NotADatabase, StoreError
from leadboard.store.leads import LeadStore
from leadboard.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import NOW


@pytest.fixture
def opened() -> Iterator[list[peewee.Database]]:
    """Databases a test opened, closed at the end."""
    dbs: list[peewee.Database] = []
    yield dbs
    for db in dbs:
        db.close()


def user_version(path: Path) -> int:
    """PRAGMA user_version of a file, read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on a file, read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        return list(con.execute(sql).fetchall())
    finally:
        con.close()


# -- targets -------------------------------------------------------------------


def test_sqlite_path_forms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert sqlite_path("sqlite:///rel/leads.db") == Path("rel/leads.db")
    assert sqlite_path("sqlite:////abs/leads.db") == Path("/abs/leads.db")
    assert sqlite_path("/abs/leads.db") == Path("/abs/leads.db")
    assert sqlite_path("leads.db") == Path("leads.db")
    assert sqlite_path("~/leads.db") == tmp_path / "leads.db"


def test_open_relative_sqlite_url(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened: list[peewee.Database]
) -> None:
    monkeypatch.chdir(tmp_path)
    opened.append(open_database("sqlite:///sub/rel.db"))
    assert (tmp_path / "sub" / "rel.db").exists()
    assert user_version(tmp_path / "sub" / "rel.db") == SCHEMA_VERSION


def test_open_absolute_sqlite_url(tmp_path: Path, opened: list[peewee.Database]) -> None:
    target = tmp_path / "abs.db"
    url = f"sqlite:///{target}"
    assert url.startswith("sqlite:////")
    opened.append(open_database(url))
    assert user_version(target) == SCHEMA_VERSION


def test_open_plain_path_creates_parents(tmp_path: Path, opened: list[peewee.Database]) -> None:
    target = tmp_path / "a" / "b" / "leads.db"
    opened.append(open_database(str(target)))
    assert target.is_file()
    tables = {row[0] for row in query(target, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"lead", "contact", "temperature_change"} <= tables


def test_an_empty_existing_file_becomes_a_database(
    tmp_path: Path, opened: list[peewee.Database]
) -> None:
    target = tmp_path / "empty.db"
    target.touch()
    opened.append(open_database(str(target)))
    assert user_version(target) == SCHEMA_VERSION


@pytest.mark.parametrize(
    "url", ["postgresql://user:secret@db.example/leads", "postgres://user:secret@db/leads"]
)
def test_a_password_in_a_command_line_url_is_refused_clearly(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_database(url, from_command_line=True)
    message = str(caught.value)
    assert "process list" in message
    assert "secret" not in message


def test_other_urls_and_memory_are_refused() -> None:
    with pytest.raises(StoreError, match=r"unsupported database URL mysql://") as caught:
        open_database("mysql://user:secret@host/db")
    assert "secret" not in str(caught.value)
    with pytest.raises(StoreError, match="in-memory"):
        open_database(":memory:")
    with pytest.raises(StoreError):
        open_database("")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a directory") as caught:
        open_database(str(folder))
    assert not isinstance(caught.value, NotADatabase)
    assert list(folder.iterdir()) == []


def test_a_text_file_is_not_a_database_and_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    content = "This is my shopping list, not a database.\n" * 50
    target.write_text(content)
    with pytest.raises(NotADatabase, match="is not a leadboard database"):
        open_database(str(target))
    assert target.read_text() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def make_foreign_sqlite(path: Path) -> bytes:
    """A SQLite file of another application; returns its bytes."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
    con.executemany("INSERT INTO photos (file) VALUES (?)", [("a.jpg",), ("b.jpg",)])
    con.commit()
    con.close()
    return path.read_bytes()


def test_a_sqlite_file_of_another_app_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "photos.db"
    make_foreign_sqlite(target)
    with pytest.raises(NotADatabase, match="is not a leadboard database"):
        open_database(str(target))
    assert query(target, "SELECT file FROM photos ORDER BY id") == [("a.jpg",), ("b.jpg",)]
    assert user_version(target) == 0


def test_a_sqlite_file_of_another_app_is_unchanged_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "photos.db"
    original = make_foreign_sqlite(target)
    with pytest.raises(NotADatabase):
        open_database(str(target))
    assert target.read_bytes() == original
    assert query(target, "PRAGMA journal_mode") == [("delete",)]


def test_a_file_from_a_newer_leadboard_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "future.db"
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE lead (id INTEGER PRIMARY KEY, name TEXT, hologram TEXT)")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer leadboard") as caught:
        open_database(str(target))
    assert not isinstance(caught.value, NotADatabase)
    assert user_version(target) == SCHEMA_VERSION + 1
    columns = [row[1] for row in query(target, "PRAGMA table_info(lead)")]
    assert columns == ["id", "name", "hologram"]


# -- migration -----------------------------------------------------------------


def make_version_1(path: Path) -> None:
    """A file as leadboard schema 1 wrote it: two leads, three contacts."""
    con = sqlite3.connect(path)
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    con.executemany(
        "INSERT INTO lead (name, company, temperature, status, fit, score, next_due, "
        "created_at, updated_at, last_contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                "Old Ann",
                "Acme",
                3,
                "active",
                2,
                2,
                "2026-11-24T09:00:00Z",
                "2026-01-05T10:00:00Z",
                "2026-11-23T09:00:00Z",
                "2026-11-23T09:00:00Z",
            ),
            (
                "Old Bob",
                "",
                0,
                "lost",
                0,
                0,
                None,
                "2025-12-01T08:30:00Z",
                "2026-02-01T08:30:00Z",
                None,
            ),
        ],
    )
    con.executemany(
        "INSERT INTO contact (lead_id, at, channel, direction, outcome, note) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (1, "2026-11-20T09:00:00Z", "call", "out", "no_answer", "first"),
            (1, "2026-11-23T09:00:00Z", "email", "in", "replied", "second"),
            (2, "2026-01-10T09:00:00Z", "call", "out", "lost", "gone"),
        ],
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def test_migration_from_version_1(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_1(target)
    db = open_database(str(target))
    store = LeadStore(db, Policy())
    try:
        assert schema_version(db) == SCHEMA_VERSION
        ann, bob = store.find(status=None)
        assert (ann.name, ann.company, ann.temperature, ann.status) == (
            "Old Ann",
            "Acme",
            Temperature.HOT,
            Status.ACTIVE,
        )
        assert ann.next_due == NOW.add(days=1)
        assert ann.owner == ""
        assert (bob.name, bob.status, bob.next_due) == ("Old Bob", Status.LOST, None)
        assert [c.note for c in store.contacts(1)] == ["second", "first"]
        assert [c.outcome for c in store.contacts(2)] == [Outcome.LOST]
        assert store.counts() == {
            Temperature.COLD: 0,
            Temperature.COOL: 0,
            Temperature.WARM: 0,
            Temperature.HOT: 1,
        }
        assert store.count(status=Status.LOST) == 1
        assert store.count() == 2
        # The new version still writes.
        store.log_contact(1, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW)
        store.add(LeadDraft(name="New", owner="me"), NOW)
        assert store.count() == 3
        assert store.counts()[Temperature.COOL] == 1
    finally:
        store.close()
    assert user_version(target) == SCHEMA_VERSION
    changes = query(
        target, "SELECT lead_id, at, from_temp, to_temp FROM temperature_change ORDER BY id"
    )
    assert changes[:2] == [
        (1, "2026-01-05T10:00:00Z", None, 3),
        (2, "2025-12-01T08:30:00Z", None, 0),
    ]
    columns = [row[1] for row in query(target, "PRAGMA table_info(lead)")]
    assert "owner" in columns
    assert query(target, "SELECT owner FROM lead WHERE name = 'New'") == [("me",)]


def test_migration_backs_up_the_old_file_first(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_1(target)
    open_database(str(target)).close()
    backup = tmp_path / "old.db.schema1.bak"
    assert backup.is_file()
    assert user_version(backup) == 1
    assert query(backup, "SELECT name FROM lead ORDER BY id") == [("Old Ann",), ("Old Bob",)]
    assert query(backup, "SELECT COUNT(*) FROM contact") == [(3,)]
    tables = {row[0] for row in query(backup, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "temperature_change" not in tables
    assert os.stat(backup).st_mode & 0o077 == 0


def test_a_migrated_file_opens_again_without_a_second_migration(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_1(target)
    open_database(str(target)).close()
    backup = tmp_path / "old.db.schema1.bak"
    backup.unlink()
    open_database(str(target)).close()
    assert not backup.exists()
    assert query(target, "SELECT COUNT(*) FROM temperature_change") == [(2,)]


def test_migration_raced_by_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.db"
    make_version_1(target)
    real_backup = database.backup_to

    def backup_then_lose_the_race(db: peewee.SqliteDatabase, to: Path) -> None:
        real_backup(db, to)
        # Another leadboard process finishes the same migration meanwhile.
        other = sqlite3.connect(target, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        for step in range(2, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                other.execute(statement)
        other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        other.execute("COMMIT")
        other.close()

    monkeypatch.setattr(database, "backup_to", backup_then_lose_the_race)
    open_database(str(target)).close()
    assert query(target, "SELECT COUNT(*) FROM temperature_change") == [(2,)]


def test_new_database_raced_by_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.db"
    real_version = database.schema_version
    raced: list[bool] = []

    def version_then_lose_the_race(db: peewee.SqliteDatabase) -> int:
        version = real_version(db)
        if not raced:
            raced.append(True)
            other = sqlite3.connect(target, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            for step in sorted(MIGRATIONS):
                for statement in MIGRATIONS[step]:
                    other.execute(statement)
            other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            other.execute("COMMIT")
            other.close()
        return version

    monkeypatch.setattr(database, "schema_version", version_then_lose_the_race)
    open_database(str(target)).close()
    assert user_version(target) == SCHEMA_VERSION


def test_new_file_created_by_another_process_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.db"
    real_create = database._create_private_file

    def create_after_another(path: Path) -> None:
        path.touch(mode=0o600)  # the other process won
        real_create(path)

    monkeypatch.setattr(database, "_create_private_file", create_after_another)
    open_database(str(target)).close()
    assert user_version(target) == SCHEMA_VERSION


# -- locks ---------------------------------------------------------------------


def test_a_locked_database_raises_database_locked_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "busy.db"
    setup = LeadStore(open_database(str(target)), Policy())
    lead = setup.add(LeadDraft(name="Ann", temperature=Temperature.WARM), NOW)
    setup.close()
    assert lead.id is not None
    locker = sqlite3.connect(target, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    store = LeadStore(open_database(str(target), busy_timeout_ms=100), Policy())
    try:
        writes = [
            lambda: store.add(LeadDraft(name="Bob"), NOW),
            lambda: store.log_contact(
                lead.id or 0, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW
            ),
            lambda: store.move(lead.id or 0, Temperature.HOT, NOW),
            lambda: store.set_status(lead.id or 0, Status.WON, NOW),
        ]
        for write in writes:
            started = time.monotonic()
            with pytest.raises(DatabaseLocked, match="locked by another leadboard process"):
                write()
            assert time.monotonic() - started < 2.0
        # Readers are never blocked by a writer in WAL mode.
        assert [x.name for x in store.find()] == ["Ann"]
        assert store.get(lead.id) == lead
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert query(target, "SELECT COUNT(*) FROM lead") == [(1,)]
    assert query(target, "SELECT COUNT(*) FROM contact") == [(0,)]
    assert query(target, "SELECT COUNT(*) FROM temperature_change") == [(1,)]
    # Once the lock is gone the same store writes again.
    try:
        store.move(lead.id, Temperature.HOT, NOW)
        assert store.get(lead.id).temperature is Temperature.HOT
    finally:
        store.close()


@pytest.mark.parametrize("target", ["postgresql:/db.example/leads", "sqlite:/leads.db"])
def test_a_url_with_one_slash_is_refused_not_made_a_file(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="looks like a URL"):
        open_database(target)
    assert list(tmp_path.iterdir()) == []
