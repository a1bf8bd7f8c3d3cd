"""Opening the database: targets, pragmas, an owner-only file, migrations, backups."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee

from leadboard.store.errors import DatabaseLocked, NotADatabase, StoreError
from leadboard.store.schema import MIGRATIONS, MODELS, SCHEMA_VERSION


def sqlite_path(target: str) -> Path:
    """The file behind a --db value: a path or a sqlite:/// URL."""
    if target.startswith("sqlite:///"):
        rest = target[len("sqlite:///") :]
        # sqlite:////abs/path is absolute, sqlite:///rel/path relative, as in SQLAlchemy.
        return Path(rest).expanduser()
    if target.startswith(("postgres://", "postgresql://")):
        raise StoreError("PostgreSQL is not supported yet; give a SQLite file or sqlite:/// URL")
    if "://" in target:
        raise StoreError(f"unsupported database URL {target.split('://')[0]}://; use a file path")
    if target in ("", ":memory:"):
        raise StoreError("give a database file, not an in-memory database")
    return Path(target).expanduser()


@contextlib.contextmanager
def translated_errors(path: Path | None = None) -> Iterator[None]:
    """Turn SQLite failures into StoreErrors whose message a user can act on."""
    try:
        yield
    except (peewee.OperationalError, sqlite3.OperationalError) as err:
        text = str(err)
        if "locked" in text or "busy" in text:
            raise DatabaseLocked(
                "the database is locked by another leadboard process; try again in a moment"
            ) from err
        if "unable to open" in text or "readonly" in text:
            raise StoreError(f"cannot open the database {path}: {text}") from err
        raise StoreError(f"database error: {text}") from err
    except (peewee.DatabaseError, sqlite3.DatabaseError) as err:
        if "not a database" in str(err) or "malformed" in str(err):
            raise NotADatabase(f"{path} is not a leadboard database") from err
        raise StoreError(f"database error: {err}") from err


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (the WAL files inherit its mode)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another leadboard created it a moment ago: use theirs
    os.close(fd)


def open_database(target: str, busy_timeout_ms: int = 5000) -> peewee.SqliteDatabase:
    """Open (creating if needed) and migrate the database, and bind the models to it."""
    path = sqlite_path(target)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.exists():
        try:
            _create_private_file(path)
        except OSError as err:
            raise StoreError(f"cannot create the database {path}: {err.strerror}") from err
    db = peewee.SqliteDatabase(
        str(path),
        # journal_mode is set after the file is known to be ours: it rewrites the header.
        pragmas={
            "foreign_keys": 1,
            "busy_timeout": busy_timeout_ms,
            # NORMAL in WAL mode never corrupts; a power cut may lose the last commit only.
            "synchronous": "normal",
        },
        # Writers take the lock when the transaction begins, so two processes never
        # both read, then both fail to upgrade (measured in ENGINEERING.md).
        lock_type="IMMEDIATE",
        timeout=busy_timeout_ms / 1000,
    )
    with translated_errors(path):
        db.connect()
        try:
            migrate(db, path)
            db.execute_sql("PRAGMA journal_mode = wal")
        except BaseException:
            db.close()
            raise
    db.bind(MODELS, bind_refs=False, bind_backrefs=False)
    return db


def schema_version(db: peewee.SqliteDatabase) -> int:
    """The version recorded in the file (0 for a new, empty file)."""
    row = db.execute_sql("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: peewee.SqliteDatabase, path: Path) -> None:
    """Bring the file up to SCHEMA_VERSION, backing it up first when it holds data."""
    version = schema_version(db)
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer leadboard (schema {version}); upgrade leadboard"
        )
    if version > 0:
        backup_to(db, path.with_name(f"{path.name}.schema{version}.bak"))
    with db.atomic():
        # Another process may have migrated (or created) the file since we looked.
        version = schema_version(db)
        if version == SCHEMA_VERSION:
            return
        if version == 0 and db.get_tables():
            raise NotADatabase(f"{path} is not a leadboard database")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                db.execute_sql(statement)
        # PRAGMA takes no parameters; the value is our own integer.
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_to(db: peewee.SqliteDatabase, target: Path) -> None:
    """Copy the open database to `target` with SQLite's online backup (safe while others write)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(str(tmp))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
