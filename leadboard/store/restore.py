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

from leadboard.paths import owner_only, private_file, private_folder, shown
from leadboard.store.database import (
    backup_to,
    migrate,
    open_database,
    sqlite_path,
    translated_errors,
)
from leadboard.store.errors import (
    AccessDenied,
    DatabaseDamaged,
    NotADatabase,
    StoreError,
    from_os,
    from_sqlite,
    is_damage,
    is_leadboard_file,
)
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
    try:
        if not path.exists():
            raise StoreError(f"{shown(path)} does not exist")
        if not path.is_file():
            raise StoreError(f"{shown(path)} is not a file")
        if not os.access(path, os.R_OK):
            raise AccessDenied(f"cannot read {shown(path)}: permission denied")
    except OSError as err:
        raise from_os(err, path, doing="read") from None
    not_ours = NotADatabase(f"{shown(path)} is not a leadboard backup")
    try:
        with _read_only(path) as connection:
            checked = connection.execute("PRAGMA integrity_check").fetchall()
            if checked != [("ok",)]:
                raise DatabaseDamaged(
                    f"{shown(path)} is damaged ({checked[0][0]}); not restoring it"
                )
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if version == 0 or "lead" not in tables:
                raise not_ours
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{shown(path)} was written by a newer leadboard (schema {version}); "
                    "upgrade leadboard to restore it"
                )
            leads = int(connection.execute("SELECT COUNT(*) FROM lead").fetchone()[0])
            contacts = int(connection.execute("SELECT COUNT(*) FROM contact").fetchone()[0])
    except sqlite3.Error as err:
        if not is_damage(err):
            raise from_sqlite(err, path) from err
        if is_leadboard_file(path):
            raise DatabaseDamaged(f"{shown(path)} is damaged ({err}); not restoring it") from err
        raise not_ours from err
    except OSError as err:
        raise from_os(err, path, doing="read") from err
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
    try:
        present = path.exists()
        if present and backup.resolve() == path.resolve():
            raise StoreError("the backup file is the database itself")
    except OSError as err:
        raise from_os(err, path, doing="open") from None
    info = check_backup(backup)
    aside = _aside_name(path, stamp) if present else None
    try:
        db = open_database(target) if present else None
    except (NotADatabase, DatabaseDamaged):
        db = None
    if db is None:
        _restore_into_new_file(path, backup, aside, progress)
        db = open_database(target)  # migrates an older backup
        db.close()
        return info, aside
    try:
        with translated_errors(path):
            assert aside is not None
            backup_to(db, aside)
            try:
                _copy_into(backup, db.connection(), progress)
            except BaseException:
                # The backup API rolled the copy back: the database is as it was.
                aside.unlink(missing_ok=True)
                raise
            migrate(db, path)
    finally:
        db.close()
    return info, aside


def _restore_into_new_file(
    path: Path, backup: Path, aside: Path | None, progress: ProgressCallback | None
) -> None:
    """Put a damaged or foreign file aside whole (journal files too), copy the backup in anew.

    If the copy fails, the new file goes and the old one comes back: nothing changed.
    """
    moved: list[tuple[Path, Path]] = []
    with translated_errors(path):
        try:
            if aside is not None:
                for suffix in ("", "-wal", "-shm"):
                    extra = path.with_name(path.name + suffix)
                    if extra.exists():
                        kept = aside.with_name(aside.name + suffix)
                        os.replace(extra, kept)
                        moved.append((kept, extra))
                        owner_only(kept)  # whatever mode it had, it holds personal data
            private_folder(path.parent)
            private_file(path)
            connection = sqlite3.connect(str(path))
            try:
                _copy_into(backup, connection, progress)
            finally:
                connection.close()
        except BaseException:
            for suffix in ("", "-journal", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            for kept, original in moved:
                os.replace(kept, original)
            raise
