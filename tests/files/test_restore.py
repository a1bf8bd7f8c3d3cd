"""Restore: check the backup before touching anything, keep the old database aside, migrate."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft
from leadboard.store.database import open_database
from leadboard.store.errors import NotADatabase, StoreError
from leadboard.store.leads import LeadStore
from leadboard.store.restore import check_backup, restore_database
from leadboard.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import NOW

STAMP = "20261123-090000"


def names(path: Path) -> list[str]:
    """Lead names in a database file, read directly."""
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM lead ORDER BY id")]
    finally:
        con.close()


def make_db(path: Path, *lead_names: str) -> None:
    """A current leadboard database with these leads."""
    store = LeadStore(open_database(str(path)), Policy())
    for name in lead_names:
        store.add(LeadDraft(name=name), NOW)
    store.close()


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """The database in use: Ann and Bob."""
    path = tmp_path / "leadboard.db"
    make_db(path, "Ann", "Bob")
    return path


def test_restore_puts_the_backup_back_and_keeps_the_old_aside(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    store = LeadStore(open_database(str(live)), Policy())
    store.backup(backup)
    store.add(LeadDraft(name="Added after the backup"), NOW)
    store.close()

    seen: list[tuple[int, int]] = []
    info, aside = restore_database(str(live), backup, STAMP, lambda d, t: seen.append((d, t)))
    assert (info.leads, info.contacts, info.schema) == (2, 0, SCHEMA_VERSION)
    assert aside == tmp_path / f"leadboard.db.before-restore-{STAMP}"
    assert names(live) == ["Ann", "Bob"]
    assert names(aside) == ["Ann", "Bob", "Added after the backup"]
    assert seen and seen[-1][0] == seen[-1][1]
    # The backup is untouched and nothing was left beside it.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == [
        "backup.db"
    ]
    # A second restore in the same second keeps both old copies.
    _, again = restore_database(str(live), backup, STAMP)
    assert again == tmp_path / f"leadboard.db.before-restore-{STAMP}-2"


def test_restore_while_another_connection_is_open(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    make_db(backup, "Only in the backup")
    board = LeadStore(open_database(str(live)), Policy())  # the board, open meanwhile
    try:
        restore_database(str(live), backup, STAMP)
        assert [lead.name for lead in board.find()] == ["Only in the backup"]
    finally:
        board.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Name,Email\nAnn,a@x\n", "is not a leadboard backup"),
        (b"", "is not a leadboard backup"),
    ],
)
def test_files_that_are_not_backups_change_nothing(
    live: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    before = live.read_bytes()
    with pytest.raises(NotADatabase, match=message):
        restore_database(str(live), bogus, STAMP)
    assert live.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_sqlite_files_that_are_not_ours_or_too_new(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.execute("PRAGMA user_version = 3")
    con.close()
    with pytest.raises(NotADatabase):
        check_backup(other)
    newer = tmp_path / "newer.db"
    make_db(newer, "Ann")
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="written by a newer leadboard"):
        check_backup(newer)
    with pytest.raises(StoreError, match="does not exist"):
        check_backup(tmp_path / "missing.db")


def test_a_damaged_backup_is_refused(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "damaged.db"
    make_db(backup, *(f"Lead {i}" for i in range(400)))
    data = bytearray(backup.read_bytes())
    data[4096 * 2 : 4096 * 2 + 64] = b"\xff" * 64  # scribble over a b-tree page
    backup.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"damaged|not a leadboard backup"):
        restore_database(str(live), backup, STAMP)
    assert names(live) == ["Ann", "Bob"]


def test_restore_refuses_the_database_itself(live: Path) -> None:
    with pytest.raises(StoreError, match="is the database itself"):
        restore_database(str(live), live, STAMP)


def test_an_older_backup_is_migrated(live: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    con = sqlite3.connect(old)
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    con.execute(
        "INSERT INTO lead (name, temperature, created_at, updated_at) "
        "VALUES ('From v1', 2, '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    restore_database(str(live), old, STAMP)
    store = LeadStore(open_database(str(live)), Policy())
    try:
        assert [lead.name for lead in store.find()] == ["From v1"]
        assert sum(store.counts().values()) == 1  # the counts of version 2 were built
    finally:
        store.close()


def test_a_database_that_cannot_be_opened_is_moved_aside(tmp_path: Path) -> None:
    live = tmp_path / "leadboard.db"
    live.write_bytes(b"this was a database once" * 100)
    backup = tmp_path / "backup.db"
    make_db(backup, "Saved")
    _, aside = restore_database(str(live), backup, STAMP)
    assert names(live) == ["Saved"]
    assert aside is not None and aside.read_bytes().startswith(b"this was a database once")


def test_restore_without_a_database_yet(tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    make_db(backup, "Saved")
    live = tmp_path / "new" / "leadboard.db"
    live.parent.mkdir()
    info, aside = restore_database(str(live), backup, STAMP)
    assert aside is None and info.leads == 1 and names(live) == ["Saved"]
