"""The store names every failure by its first cause and keeps every file it makes owner-only.

A full database is made for real at the SQLite layer: `PRAGMA max_page_count`
makes SQLite itself fail with SQLITE_FULL (and, in a bulk write, roll the
transaction back so that Peewee's own ROLLBACK fails after it, as on a full
disk). Damaged files are real leadboard files cut short or overwritten.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import peewee
import pytest

from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft
from leadboard.store.bulk import BulkWriter
from leadboard.store.database import backup_to, open_database, translated_errors
from leadboard.store.errors import (
    AccessDenied,
    DatabaseDamaged,
    DatabaseLocked,
    DiskFull,
    NotADatabase,
    StorageFailure,
    StoreError,
    first_failure,
    from_sqlite,
)
from leadboard.store.leads import LeadStore
from leadboard.store.restore import check_backup, restore_database
from tests.conftest import NOW
from tests.store.test_bulk import lead_row
from tests.store.test_database import make_version_1


def mode(path: Path) -> int:
    """The permission bits of a file or folder."""
    return stat.S_IMODE(os.stat(path).st_mode)


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as con:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: list(con.execute(f'SELECT * FROM "{name}" ORDER BY 1')) for name in names}


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of a file."""
    with closing(sqlite3.connect(path)) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[LeadStore]:
    """A store holding 200 leads (several pages), closed at the end."""
    store = LeadStore(open_database(str(tmp_path / "seeded.db")), Policy())
    with BulkWriter(store.db) as writer:
        first = writer.next_lead_id()
        writer.write([lead_row(first + i, i % 4) for i in range(200)])
    yield store
    store.close()


def cap_pages(db: peewee.Database, extra: int) -> None:
    """Let the file grow by `extra` pages at most: SQLite then fails with SQLITE_FULL."""
    pages = int(db.execute_sql("PRAGMA page_count").fetchone()[0])
    db.execute_sql(f"PRAGMA max_page_count = {pages + extra}")


def chain_text(err: BaseException) -> str:
    """Every message in an exception's causes and contexts."""
    seen: list[BaseException] = []
    todo = [err]
    while todo:
        each = todo.pop()
        if each in seen:
            continue
        seen.append(each)
        todo += [e for e in (each.__cause__, each.__context__) if e is not None]
    return " | ".join(str(e) for e in seen)


# -- the first failure, not the rollback after it --------------------------------


def test_a_full_bulk_write_is_named_by_sqlite_full_not_by_the_failed_rollback(
    seeded: LeadStore,
) -> None:
    path = Path(seeded.db.database)
    before = rows(path)
    cap_pages(seeded.db, 5)
    with pytest.raises(DiskFull) as caught, BulkWriter(seeded.db) as writer:
        first = writer.next_lead_id()
        writer.write([lead_row(first + i, i % 4) for i in range(5000)])
    assert str(caught.value) == f"the disk is full ({path})"
    # BulkWriter writes many rows a statement, so SQLite now undoes the failed statement
    # and Peewee's rollback succeeds; test_first_failure_walks_back_over_aftermath_only
    # covers a rollback that fails after SQLite's own. Either way the disk is named.
    assert "database or disk is full" in chain_text(caught.value)
    seeded.db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert rows(path) == before
    assert integrity(path) == "ok"
    seeded.add(LeadDraft(name="Still writable"), NOW)  # the store goes on after it


def test_a_full_single_write_is_named_and_changes_nothing(seeded: LeadStore) -> None:
    path = Path(seeded.db.database)
    cap_pages(seeded.db, 0)
    count = seeded.count()
    with pytest.raises(DiskFull, match=r"^the disk is full \(.*seeded\.db\)$"):
        for _ in range(50):
            seeded.add(LeadDraft(name="N" * 200, next_step="s" * 200), NOW)
    assert integrity(path) == "ok"
    assert seeded.count() >= count


def test_first_failure_walks_back_over_aftermath_only() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    try:
        try:
            raise full
        except sqlite3.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active") from None
    except peewee.OperationalError as err:
        assert first_failure(err) is full
    # An unrelated earlier error (handled, then a new failure) is not blamed.
    try:
        try:
            raise NotADatabase("x is not a leadboard database")
        except NotADatabase:
            raise sqlite3.OperationalError("database or disk is full") from None
    except sqlite3.OperationalError as err:
        assert first_failure(err) is err


def test_an_os_failure_in_the_store_is_one_named_line(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    full = pytest.raises(DiskFull, match=rf"^the disk is full \({re.escape(str(target))}\)$")
    with full, translated_errors(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    failing = pytest.raises(StorageFailure, match=r"^disk I/O error on .*x\.db: the disk")
    with failing, translated_errors(target):
        raise OSError(errno.EIO, "Input/output error")
    denied = pytest.raises(AccessDenied, match=r"^cannot write .*x\.db: permission denied$")
    with denied, translated_errors(target):
        raise PermissionError(errno.EACCES, "Permission denied")


def sqlite_failure(text: str, code: int) -> sqlite3.OperationalError:
    """A driver error as SQLite reports it, with its extended result code."""
    err = sqlite3.OperationalError(text)
    err.sqlite_errorcode = code  # what sqlite3 sets when SQLite raises it
    err.sqlite_errorname = "SQLITE_IOERR_READ"
    return err


def test_sqlite_failures_are_named_from_their_code_and_the_file_system(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    target.write_bytes(b"")
    io = from_sqlite(sqlite_failure("disk I/O error", sqlite3.SQLITE_IOERR_READ), target)
    assert isinstance(io, StorageFailure)
    assert str(io) == (
        f"disk I/O error on {target} (SQLITE_IOERR_READ): the disk or its connection may be failing"
    )
    nowhere = tmp_path / "gone" / "x.db"
    cannot = from_sqlite(
        sqlite_failure("unable to open database file", sqlite3.SQLITE_CANTOPEN), nowhere
    )
    assert (type(cannot), str(cannot)) == (
        AccessDenied,
        f"cannot open {nowhere}: its folder does not exist",
    )
    busy = from_sqlite(sqlite_failure("database is locked", sqlite3.SQLITE_BUSY), target)
    assert isinstance(busy, DatabaseLocked)
    full = from_sqlite(sqlite_failure("database or disk is full", sqlite3.SQLITE_FULL), None)
    assert str(full) == "the disk is full (the database)"


def test_a_backup_that_does_not_fit_leaves_no_part_file(
    seeded: LeadStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect

    def tiny_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        # At the sqlite3 layer: the backup's target may hold two pages only.
        connection: sqlite3.Connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 2")
        return connection

    folder = tmp_path / "backups"
    folder.mkdir()
    monkeypatch.setattr(sqlite3, "connect", tiny_connect)
    with pytest.raises(DiskFull, match=r"^the disk is full \(.*copy\.db\)$"):
        seeded.backup(folder / "copy.db")
    monkeypatch.undo()
    assert list(folder.iterdir()) == []


def test_a_part_file_of_a_killed_backup_goes_one_being_written_stays(
    seeded: LeadStore, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = tmp_path / f".copy.db.{int(gone.stdout)}.abcd1234.part"
    dead.write_bytes(b"half a copy")
    dead.with_name(dead.name + "-journal").write_bytes(b"its journal")
    writing = tmp_path / f".copy.db.{os.getpid()}.efgh5678.part"  # a live process's
    writing.write_bytes(b"being written")
    seeded.backup(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy")) == [
        writing.name
    ]
    assert rows(target) == rows(Path(seeded.db.database))


# -- damaged and foreign files ---------------------------------------------------


def root_page(con: sqlite3.Connection) -> int:
    """The lead table's root page: every read of leads goes through it."""
    return int(con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'lead'").fetchone()[0])


def damaged_copies(source: Path, folder: Path) -> dict[str, bytes]:
    """A real leadboard file cut to 100 bytes, to one page, to half, and with a page overwritten."""
    data = source.read_bytes()
    page = 4096
    with closing(sqlite3.connect(source)) as con:
        root = root_page(con)
    middle = bytearray(data)
    middle[page * (root - 1) : page * (root - 1) + 2048] = b"\xde\xad" * 1024
    return {
        "first-100-bytes": data[:100],
        "first-page": data[:page],
        "half": data[: len(data) // 2],
        "page-overwritten": bytes(middle),
    }


@pytest.fixture
def seeded_file(seeded: LeadStore) -> Path:
    """The seeded store's file, closed and checkpointed."""
    seeded.close()
    return Path(seeded.db.database)


@pytest.mark.parametrize("kind", ["first-100-bytes", "first-page", "half", "page-overwritten"])
def test_a_damaged_leadboard_file_says_damaged_and_points_at_restore(
    seeded_file: Path, tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "damaged"
    folder.mkdir()
    target = folder / "leads.db"
    data = damaged_copies(seeded_file, tmp_path)[kind]
    target.write_bytes(data)
    with pytest.raises(DatabaseDamaged) as caught:
        store = LeadStore(open_database(str(target)), Policy())
        try:
            store.find(limit=500)
            store.count()
            store.add(LeadDraft(name="On a damaged file"), NOW)
        finally:
            store.close()
    message = str(caught.value)
    assert message.startswith(f"{target} is damaged")
    assert "leadboard restore BACKUP" in message
    assert "\n" not in message
    assert target.read_bytes() == data
    # SQLite may keep its (empty) WAL index beside a file it could not checkpoint; nothing else.
    assert {p.name for p in folder.iterdir()} <= {"leads.db", "leads.db-wal", "leads.db-shm"}
    wal = folder / "leads.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_random_bytes_are_not_a_leadboard_database(tmp_path: Path) -> None:
    target = tmp_path / "random.db"
    data = os.urandom(64 * 1024)
    target.write_bytes(data)
    with pytest.raises(NotADatabase, match=r"random\.db is not a leadboard database$"):
        open_database(str(target))
    assert target.read_bytes() == data


def test_a_damaged_backup_is_refused_as_damaged(seeded_file: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    backup.write_bytes(damaged_copies(seeded_file, tmp_path)["half"])
    with pytest.raises(DatabaseDamaged, match=r"backup\.db is damaged"):
        check_backup(backup)


def test_a_damaged_older_file_is_not_migrated_and_gets_no_backup_beside_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "old.db"
    make_version_1(target)
    with closing(sqlite3.connect(target)) as con:
        for number in range(100):
            con.execute(
                "INSERT INTO lead (name, company, temperature, status, fit, score, created_at, "
                "updated_at) VALUES (?, ?, 1, 'active', 0, 0, '2026-01-01T00:00:00Z', "
                "'2026-01-01T00:00:00Z')",
                (f"Lead {number} " + "x" * 400, "Acme"),
            )
        con.commit()
        root = root_page(con)
    data = bytearray(target.read_bytes())
    data[4096 * (root - 1) : 4096 * (root - 1) + 512] = b"\xff" * 512
    target.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match=r"old\.db is damaged"):
        open_database(str(target))
    assert target.read_bytes() == bytes(data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_restore_replaces_a_damaged_database(seeded_file: Path, tmp_path: Path) -> None:
    good = tmp_path / "good-backup.db"
    good.write_bytes(seeded_file.read_bytes())
    live = tmp_path / "live.db"
    live.write_bytes(damaged_copies(seeded_file, tmp_path)["half"])
    live.chmod(0o644)
    info, aside = restore_database(str(live), good, "20261123-090000")
    assert info.leads == 200
    assert aside is not None and mode(aside) == 0o600
    assert integrity(live) == "ok"
    assert mode(live) == 0o600


# -- owner-only, whatever existed ------------------------------------------------


@pytest.fixture(params=[0o022, 0o000, 0o077], ids=["umask-022", "umask-000", "umask-077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under a umask, restored afterwards."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_a_new_database_and_every_folder_made_for_it_are_owner_only(
    tmp_path: Path, umask: int
) -> None:
    target = tmp_path / "a" / "b" / "leads.db"
    store = LeadStore(open_database(str(target)), Policy())
    try:
        store.add(LeadDraft(name="Ann"), NOW)
        assert mode(tmp_path / "a") == 0o700
        assert mode(tmp_path / "a" / "b") == 0o700
        for name in ("leads.db", "leads.db-wal", "leads.db-shm"):
            assert mode(target.with_name(name)) == 0o600, name
    finally:
        store.close()


def test_an_empty_file_made_by_someone_else_is_narrowed_before_the_wal_exists(
    tmp_path: Path,
) -> None:
    target = tmp_path / "touched.db"
    target.touch()
    target.chmod(0o644)
    store = LeadStore(open_database(str(target)), Policy())
    try:
        store.add(LeadDraft(name="Ann"), NOW)
        for name in ("touched.db", "touched.db-wal", "touched.db-shm"):
            assert mode(tmp_path / name) == 0o600, name
    finally:
        store.close()


def test_an_existing_world_readable_database_and_its_journals_are_narrowed(
    seeded_file: Path,
) -> None:
    journals = [seeded_file.with_name(seeded_file.name + s) for s in ("-wal", "-shm")]
    seeded_file.chmod(0o644)
    for extra in journals:  # left by a crash, readable by all
        extra.touch()
        extra.chmod(0o666)
    store = LeadStore(open_database(str(seeded_file)), Policy())
    try:
        store.add(LeadDraft(name="Ann"), NOW)
        assert [mode(p) for p in (seeded_file, *journals)] == [0o600, 0o600, 0o600]
    finally:
        store.close()


def test_a_read_only_database_stays_read_only_and_says_so(seeded_file: Path) -> None:
    seeded_file.chmod(0o444)
    try:
        if os.access(seeded_file, os.W_OK):
            pytest.skip(
                "as root a 0444 file is writable; tests/cli/test_failures.py drops root's powers"
            )
        with pytest.raises(AccessDenied, match=r"seeded\.db is read-only"):
            open_database(str(seeded_file))
        assert mode(seeded_file) == 0o400
    finally:
        seeded_file.chmod(0o600)


def test_backups_and_their_new_folders_are_owner_only(
    seeded: LeadStore, tmp_path: Path, umask: int
) -> None:
    target = tmp_path / "new" / "folder" / "copy.db"
    seeded.backup(target)
    assert mode(tmp_path / "new") == 0o700
    assert mode(tmp_path / "new" / "folder") == 0o700
    assert mode(target) == 0o600
    assert rows(target) == rows(Path(seeded.db.database))


def test_a_migration_backup_is_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_1(target)
    target.chmod(0o644)
    open_database(str(target)).close()
    assert mode(tmp_path / "old.db.schema1.bak") == 0o600
    assert mode(target) == 0o600


def test_restore_keeps_the_old_database_aside_owner_only(seeded_file: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    backup.write_bytes(seeded_file.read_bytes())
    live = tmp_path / "live.db"
    LeadStore(open_database(str(live)), Policy()).close()
    _, aside = restore_database(str(live), backup, "20261123-090000")
    assert aside is not None
    assert mode(aside) == 0o600
    assert mode(live) == 0o600


def test_restore_over_a_foreign_file_keeps_it_aside_owner_only(
    seeded_file: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    backup.write_bytes(seeded_file.read_bytes())
    live = tmp_path / "live.db"
    live.write_text("not a database\n")
    live.chmod(0o644)
    _, aside = restore_database(str(live), backup, "20261123-090000")
    assert aside is not None
    assert aside.read_text() == "not a database\n"
    assert mode(aside) == 0o600
    assert mode(live) == 0o600


def test_backup_to_refuses_nothing_it_should_not(seeded: LeadStore, tmp_path: Path) -> None:
    # Guards the tests above: the plain path works and leaves exactly one file.
    backup_to(seeded.db, tmp_path / "plain.db")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("plain")] == ["plain.db"]
    other = pytest.raises(StoreError, match=r"^database error: some other failure$")
    with other, translated_errors(tmp_path / "x.db"):
        raise sqlite3.OperationalError("some other failure")
