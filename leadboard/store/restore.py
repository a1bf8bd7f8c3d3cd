"""Put a backup back in place of the database, safely: check it first, keep the old one aside.

The backup is checked read-only (a SQLite file, intact, a leadboard schema this
version can read, a lead table) before anything is touched. The current
database is then copied aside with SQLite's online backup, and the backup is
copied *into* the live file the same way, so a board open in another process
sees the restored data instead of writing to a file that was swapped under it.
An older backup is migrated right after.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from leadboard.domain.text import clipped
from leadboard.store.database import (
    _create_private_file,
    backup_to,
    migrate,
    open_database,
    sqlite_path,
    translated_errors,
)
from leadboard.store.errors import NotADatabase, StoreError
from leadboard.store.schema import SCHEMA_VERSION

ProgressCallback = Callable[[int, int], None]
"""Called with (done, total) as work advances; leadboard.progress.Progress is one."""

PAGES_PER_STEP = 256
"""Pages copied between progress reports (1 MiB with 4 KiB pages)."""


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds."""

    path: Path
    schema: int
    leads: int
    contacts: int


def _shown(path: Path) -> str:
    """A path made safe and short enough to quote in a one-line message."""
    return clipped(str(path), 200, mark="")


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """Open a file read-only, leaving no -wal/-shm litter beside it that was not there before."""
    litter = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    before = {extra for extra in litter if extra.exists()}
    connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()
        # A read-only connection writes nothing to the WAL: what it created is only index.
        for extra in litter:
            if extra not in before:
                extra.unlink(missing_ok=True)


def check_backup(path: Path) -> BackupInfo:
    """Check a file is an intact leadboard database this version can read; what it holds."""
    if not path.exists():
        raise StoreError(f"{_shown(path)} does not exist")
    if not path.is_file():
        raise StoreError(f"{_shown(path)} is not a file")
    not_ours = NotADatabase(f"{_shown(path)} is not a leadboard backup")
    try:
        with _read_only(path) as connection:
            checked = connection.execute("PRAGMA integrity_check").fetchall()
            if checked != [("ok",)]:
                raise StoreError(f"{_shown(path)} is damaged ({checked[0][0]}); not restoring it")
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if version == 0 or "lead" not in tables:
                raise not_ours
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{_shown(path)} was written by a newer leadboard (schema {version}); "
                    "upgrade leadboard to restore it"
                )
            leads = int(connection.execute("SELECT COUNT(*) FROM lead").fetchone()[0])
            contacts = int(connection.execute("SELECT COUNT(*) FROM contact").fetchone()[0])
    except sqlite3.DatabaseError as err:
        raise not_ours from err
    return BackupInfo(path, version, leads, contacts)


def _aside_name(path: Path, stamp: str) -> Path:
    """'<db>.before-restore-<stamp>', with -2, -3... if that name is taken."""
    aside = path.with_name(f"{path.name}.before-restore-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.before-restore-{stamp}-{number}")
    return aside


def _copy_into(
    source: Path, destination: sqlite3.Connection, progress: ProgressCallback | None
) -> None:
    """Copy a database file's pages into an open connection with the online backup API."""

    def report(status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    with _read_only(source) as connection:
        connection.backup(destination, pages=PAGES_PER_STEP, progress=report)


def restore_database(
    target: str, backup: Path, stamp: str, progress: ProgressCallback | None = None
) -> tuple[BackupInfo, Path | None]:
    """Replace the database at `target` with `backup`; the checked info and where the old went."""
    path = sqlite_path(target)
    if path.exists() and backup.resolve() == path.resolve():
        raise StoreError("the backup file is the database itself")
    info = check_backup(backup)
    aside = _aside_name(path, stamp) if path.exists() else None
    try:
        db = open_database(target) if path.exists() else None
    except NotADatabase:
        db = None
    if db is None:
        if aside is not None:
            # Not a database we can open: move the file (and its journal files) aside whole.
            for suffix in ("", "-wal", "-shm"):
                extra = path.with_name(path.name + suffix)
                if extra.exists():
                    os.replace(extra, aside.with_name(aside.name + suffix))
        _create_private_file(path)
        connection = sqlite3.connect(str(path))
        try:
            _copy_into(backup, connection, progress)
        finally:
            connection.close()
        db = open_database(target)  # migrates an older backup
        db.close()
        return info, aside
    try:
        with translated_errors(path):
            assert aside is not None
            backup_to(db, aside)
            _copy_into(backup, db.connection(), progress)
            migrate(db, path)
    finally:
        db.close()
    return info, aside
