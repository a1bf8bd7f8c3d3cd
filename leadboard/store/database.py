"""Opening the database: targets, pragmas, an owner-only file, migrations, backups, failures."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import peewee

from leadboard.domain.text import printable
from leadboard.paths import owner_only, private_file, private_folder, private_temp, shown
from leadboard.store.errors import (
    SQLITE_HEADER,
    AccessDenied,
    DatabaseDamaged,
    NotADatabase,
    StoreError,
    access_problem,
    first_failure,
    from_os,
    from_sqlite,
    is_damage,
)
from leadboard.store.schema import MIGRATIONS, MODELS, SCHEMA_VERSION

_URL_LIKE = re.compile(r"(?:postgres|postgresql|sqlite|mysql|https?):/", re.IGNORECASE)
"""A scheme and one slash: a URL mistyped, not a file path."""


def sqlite_path(target: str) -> Path:
    """The file behind a --db value: a path or a sqlite:/// URL."""
    if target.startswith("sqlite:///"):
        rest = target[len("sqlite:///") :]
        # sqlite:////abs/path is absolute, sqlite:///rel/path relative, as in SQLAlchemy.
        return Path(rest).expanduser()
    if "://" in target:
        raise StoreError(f"unsupported database URL {target.split('://')[0]}://; use a file path")
    if _URL_LIKE.match(target):
        # 'postgresql:/host/db' (one slash) would become a file in a folder 'postgresql:'.
        scheme = target.split(":", 1)[0]
        raise StoreError(
            f"{printable(target)[:80]} looks like a URL but is not one; "
            f"write {scheme}://… (two slashes), or a file path"
        )
    if target in ("", ":memory:"):
        raise StoreError("give a database file, not an in-memory database")
    return Path(target).expanduser()


Create = Literal["anywhere", "in_folder", "never"]
"""May a missing database file be made: with its folders, only in a folder that exists, or never."""


class NoDatabase(StoreError):
    """The database file is missing and this command may not create one."""

    def __init__(self, path: Path | str, named_by: str = "") -> None:
        self.path = path
        origin = f" (named by {named_by})" if named_by else ""
        where = path if isinstance(path, str) else shown(path)
        super().__init__(
            f"no database at {where}{origin}; `leadboard add`, `import` or `demo` creates one"
        )

    @classmethod
    def for_server(cls, where: str) -> NoDatabase:
        """A server database whose schema has no leadboard tables yet."""
        return cls(f"{where} (no leadboard tables in it yet)")


def check_creatable(path: Path, create: Create, real: Path | None = None) -> None:
    """Refuse to create a missing file, or the folder it would go in, unless `create` allows.

    `real` is the file a symbolic link at `path` points to (default: `path`).
    """
    real = path if real is None else real
    if create == "never":
        raise NoDatabase(path)
    # A mistyped folder must not become a new, empty tree of folders.
    if create == "in_folder" and not real.parent.exists() and not real.parent.is_symlink():
        raise StoreError(
            f"cannot create {shown(path)}: the folder {shown(real.parent)} does not exist"
        )


_last_opened: Path | None = None
"""The file open_database opened last: what a failure names when its caller gave no database."""


def _path_of(where: Path | peewee.Database | None) -> Path | None:
    """The file a failure happened on, as far as the caller said."""
    if isinstance(where, peewee.Database):
        return Path(str(where.database))
    return where if where is not None else _last_opened


def _server_named(where: Path | peewee.Database | None) -> str | None:
    """How a failure names the server database it happened on (None: not a server's)."""
    shown_url = getattr(where, "shown", None)
    if isinstance(shown_url, str):
        return shown_url
    return _last_server if where is None else None


_last_server: str | None = None
"""The server database opened last, as failures name it."""


def _server_error(err: BaseException) -> bool:
    """True for a psycopg error (psycopg is imported only once a server URL is opened)."""
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(err, psycopg.Error)


@contextlib.contextmanager
def translated_errors(where: Path | peewee.Database | None = None) -> Iterator[None]:
    """Turn SQLite and OS failures into StoreErrors named by their first cause.

    `where` is the file (or the database) the block works on: the message names
    it, and a read-only or damaged verdict is checked on it.
    """
    try:
        yield
    except BrokenPipeError:
        raise  # the reader of stdout went away: the command line's business
    except Exception as err:
        if not isinstance(err, peewee.PeeweeException | sqlite3.Error | OSError) and not (
            _server_error(err)
        ):
            raise
        first = first_failure(err)
        if isinstance(first, StoreError):
            raise first from first.__cause__  # named already, by the block itself
        if _server_error(first):
            from leadboard.store.server_errors import from_server

            raise from_server(first, _server_named(where) or "the server database") from err
        path = _path_of(where)
        if isinstance(first, OSError) and not isinstance(first, BrokenPipeError):
            raise from_os(first, path) from err
        if isinstance(first, peewee.PeeweeException | sqlite3.Error):
            raise from_sqlite(first, path) from err
        # A failure of ours (not the database's) before the rollback that failed after it.
        raise first from first.__cause__


def _create_private_file(path: Path) -> None:
    """Create an empty 0600 file in 0700 folders (the WAL files inherit its mode)."""
    private_folder(path.parent)
    private_file(path)  # False: another leadboard made it a moment ago; use theirs


def _starts_like_sqlite(path: Path) -> bool:
    """True for an empty file or one that begins with SQLite's header."""
    with open(path, "rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
    return not start or start == SQLITE_HEADER


def _prepare_file(path: Path, create: Create) -> None:
    """Make sure the database file exists, is owner-only, and can be read and written.

    A symbolic link is followed (SQLite keeps the -wal beside the file it points at).
    """
    try:
        real = path.resolve() if path.is_symlink() else path
        if real.is_dir():
            raise StoreError(f"{shown(path)} is a directory, not a database file")
        if not real.exists():
            check_creatable(path, create, real)
            try:
                _create_private_file(real)
            except OSError as err:
                raise from_os(err, path, doing="create") from None
        elif not real.is_file():
            raise StoreError(f"{shown(path)} is not a regular file, so not a database")
        elif not _starts_like_sqlite(real):
            # SQLite would take a file shorter than its header for an empty database and
            # write over it: refuse before it looks.
            raise NotADatabase(f"{shown(path)} is not a leadboard database")
        # SQLite gives the -wal and -shm files the database's mode: narrow it first.
        for suffix in ("", "-wal", "-shm"):
            owner_only(real.with_name(real.name + suffix))
    except OSError as err:
        raise from_os(err, path, doing="open") from None
    problem = access_problem(real)
    if problem is not None:
        raise AccessDenied(problem)


def close_after_failure(db: peewee.Database) -> None:
    """Close after a failure without letting a second error hide the first.

    A generator the failed command left suspended (an export's rows) may still
    hold its read transaction, and Peewee refuses to close under it: the
    connection is then left to that generator, which rolls back and lets go as
    soon as the failure is dealt with, and is closed when it is collected.
    """
    with contextlib.suppress(Exception):
        db.close()


def open_database(
    target: str,
    busy_timeout_ms: int = 5000,
    create: Create = "anywhere",
    *,
    from_command_line: bool = False,
    config_password: str | None = None,
) -> peewee.Database:
    """Open and migrate the database, and bind the models to it; `create` says if it may be made.

    A postgresql:// URL opens a team's server database (store.server); anything else
    is a SQLite file. `from_command_line` says the URL came from argv (no password in
    it, then); `config_password` is the config file's, for a URL that needs one.
    """
    from leadboard.store.server_url import is_server_target

    if is_server_target(target):
        return _open_server(target, busy_timeout_ms, create, from_command_line, config_password)
    return open_file(target, busy_timeout_ms, create)


def _open_server(
    target: str,
    busy_timeout_ms: int,
    create: Create,
    from_command_line: bool,
    config_password: str | None,
) -> peewee.Database:
    """open_database for a postgresql:// URL."""
    global _last_server
    from leadboard.store.server_url import server_target

    named = server_target(
        target, from_command_line=from_command_line, config_password=config_password
    )
    _last_server = named.shown
    try:
        from leadboard.store.server import open_server
    except ImportError as err:  # pragma: no cover - psycopg is a dependency
        raise StoreError(f"cannot open a PostgreSQL database: {err}") from None
    return open_server(named, busy_timeout_ms, may_create=create != "never")


def open_file(
    target: str, busy_timeout_ms: int = 5000, create: Create = "anywhere"
) -> peewee.SqliteDatabase:
    """open_database for a SQLite file."""
    global _last_opened
    path = sqlite_path(target)
    _prepare_file(path, create)
    _last_opened = path
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
            close_after_failure(db)
            raise
    db.bind(MODELS, bind_refs=False, bind_backrefs=False)
    return db


def schema_version(db: peewee.Database) -> int:
    """The version recorded in the file (0 for a new, empty file)."""
    row = db.execute_sql("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: peewee.Database, path: Path) -> None:
    """Bring the file up to SCHEMA_VERSION, checking it and backing it up first if it holds data.

    A damaged file is not upgraded (that would build on the damage). The backup
    is removed again if the migration fails: its one transaction rolled back, so
    the file is as it was.
    """
    version = schema_version(db)
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{shown(path)} was written by a newer leadboard (schema {version}); upgrade leadboard"
        )
    saved: Path | None = None
    if version > 0:
        checked = str(db.execute_sql("PRAGMA quick_check").fetchone()[0])
        if checked != "ok":
            raise DatabaseDamaged(
                f"{shown(path)} is damaged ({shown(checked)}); not upgrading it; "
                "put a backup back with `leadboard restore BACKUP`"
            )
        saved = path.with_name(f"{path.name}.schema{version}.bak")
        backup_to(db, saved)
    try:
        _run_migrations(db, path)
    except BaseException:
        if saved is not None:
            saved.unlink(missing_ok=True)
        raise


def _run_migrations(db: peewee.Database, path: Path) -> None:
    """Every step from the file's version to SCHEMA_VERSION, in one transaction."""
    with db.atomic():
        # Another process may have migrated (or created) the file since we looked.
        version = schema_version(db)
        if version == SCHEMA_VERSION:
            return
        if version == 0 and db.get_tables():
            raise NotADatabase(f"{shown(path)} is not a leadboard database")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                db.execute_sql(statement)
        # PRAGMA takes no parameters; the value is our own integer.
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_to(db: peewee.Database, target: Path) -> None:
    """Copy the open database to `target` with SQLite's online backup (safe while others write).

    The copy is written to a private temporary file beside `target` and renamed
    over it only when complete; a failure (a full disk) removes it again, so
    `target` is either the whole copy or untouched. Failures name `target`.
    """
    with translated_errors(target):
        private_folder(target.parent)
        fd, part = private_temp(target)
        os.close(fd)
        try:
            dest = sqlite3.connect(str(part))
            try:
                db.connection().backup(dest)
            finally:
                dest.close()
            os.replace(part, target)
        except sqlite3.DatabaseError as err:
            _remove_part(part)
            if is_damage(err):  # the pages that could not be read are the database's
                raise from_sqlite(err, _path_of(db)) from err
            raise
        except BaseException:
            _remove_part(part)
            raise


def _remove_part(part: Path) -> None:
    """Remove an unfinished copy and the journal SQLite may have left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        part.with_name(part.name + suffix).unlink(missing_ok=True)
