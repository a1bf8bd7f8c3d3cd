"""Errors the store raises, and how a SQLite or OS failure becomes one; str(err) is one line.

A failure is named by its first cause: on a full disk SQLite rolls the
transaction back itself, so Peewee's own ROLLBACK then fails with "cannot
rollback - no transaction is active" (ENGINEERING.md); that second error says
nothing, the SQLITE_FULL before it says everything.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from leadboard.domain.lead_changes import lead_changes
from leadboard.domain.model import Lead
from leadboard.domain.text import clipped
from leadboard.paths import (
    DISK_FULL,
    NOT_ALLOWED,
    disk_full_text,
    low_on_space,
    os_failure,
    shown,
    size_limited,
    too_large_text,
)


class StoreError(Exception):
    """Something about the database stops the command; the message says what."""


class DatabaseLocked(StoreError):
    """Another process held the write lock past the busy timeout."""

    retryable = False
    """A server's lock timeout, serialization failure or deadlock: the write may run again."""


class NotADatabase(StoreError):
    """The file exists but is not a SQLite database (or not a leadboard one)."""


class DatabaseDamaged(StoreError):
    """The file is a leadboard database that SQLite finds damaged: a backup must go back."""


class DiskFull(StoreError):
    """A write found no room: the disk is full (or the file may not grow)."""


class AccessDenied(StoreError):
    """The OS refuses: a read-only file, folder or file system, or no permission."""


class StorageFailure(StoreError):
    """An I/O error: the disk or its connection is failing."""


class LeadNotFound(StoreError):
    """No lead has the id asked for."""


# -- helper E: a write that finds the lead changed, or a likely twin ------------------------


class LeadClosed(StoreError):
    """A contact was being logged on a lead that another process closed (or revived) meanwhile."""

    def __init__(self, name: str, status: str) -> None:
        # 'active' means another leadboard put it back on the board.
        done = "put back on the board" if status == "active" else f"marked {status}"
        super().__init__(f"{name} was {done} by another leadboard; contact not saved")
        self.status = status


class StaleLead(StoreError):
    """A save made from an older version of a lead: another rep saved it since; nothing written."""

    def __init__(
        self, current: Lead, expected: int, *, seen: Lead | None, doing: str = "saved"
    ) -> None:
        self.current = current
        self.expected = expected
        self.changes = lead_changes(seen, current) if seen is not None else []
        what = "; ".join(change.describe() for change in self.changes[:4])
        if len(self.changes) > 4:
            what += f"; and {len(self.changes) - 4} more"
        if not what:
            what = f"it is at version {current.version} now, not {expected}"
        super().__init__(
            f"{clipped(current.name, 40)} was changed by another leadboard ({what}); not {doing}"
        )


class LikelyDuplicate(StoreError):
    """A new lead looks like one already stored; nothing was added."""

    def __init__(self, name: str, twins: list[DuplicateMatch]) -> None:
        first = twins[0]
        more = f" and {len(twins) - 1} more" if len(twins) > 1 else ""
        super().__init__(f"{name} looks like {first.describe()}{more}; not added")
        self.twins = twins


@dataclass(frozen=True)
class DuplicateMatch:
    """A stored lead a new one looks like, and why ('same email')."""

    lead_id: int
    name: str
    company: str
    status: str
    why: str

    def describe(self) -> str:
        """'#123 Hannah Brown, Sunset Wedding Co. (lost; same email)'."""
        company = f", {self.company}" if self.company else ""
        status = "" if self.status == "active" else f"{self.status}; "
        return f"#{self.lead_id} {self.name}{company} ({status}{self.why})"


# Errors that only report that an earlier failure already ended the transaction.
_AFTERMATH = (
    "no transaction is active",
    "while transaction is open",
    "connection not open",
)
# Python 3.11 gives every sqlite3 error its code; these cover an error raised without one.
_BY_TEXT = (
    ("locked", sqlite3.SQLITE_BUSY),
    ("busy", sqlite3.SQLITE_BUSY),
    ("disk is full", sqlite3.SQLITE_FULL),
    ("readonly", sqlite3.SQLITE_READONLY),
    ("unable to open", sqlite3.SQLITE_CANTOPEN),
    ("disk i/o error", sqlite3.SQLITE_IOERR),
    ("malformed", sqlite3.SQLITE_CORRUPT),
    ("not a database", sqlite3.SQLITE_NOTADB),
)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_REFUSED = (
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_AUTH,
)
# I/O errors of a file that must grow: what a file size limit (EFBIG) turns into. The plain
# code is there because FTS5 (the search index) reports a failed write without its extension.
_GROWING = (
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_IOERR_WRITE,
    sqlite3.SQLITE_IOERR_SHMSIZE,
    sqlite3.SQLITE_IOERR_TRUNCATE,
)
SQLITE_HEADER = b"SQLite format 3\x00"
"""How every SQLite database file begins."""


def first_failure(err: BaseException) -> BaseException:
    """The error that started it: inside Peewee's wrapper, before a failed rollback or close."""
    seen: set[int] = set()
    while id(err) not in seen:
        seen.add(id(err))
        # Peewee re-raises a driver error as its own class, the original kept as `orig`.
        original = getattr(err, "orig", None)
        if isinstance(original, BaseException):
            err = original
            continue
        if err.__context__ is not None and any(text in str(err) for text in _AFTERMATH):
            err = err.__context__
            continue
        break
    return err


def _code(err: BaseException) -> int:
    """SQLite's extended result code, 0 when unknown."""
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code
    text = str(err).lower()
    return next((number for words, number in _BY_TEXT if words in text), 0)


def is_damage(err: BaseException) -> bool:
    """True when SQLite says a file is damaged or not a database at all."""
    return _code(err) & 0xFF in _DAMAGED


def access_problem(path: Path) -> str | None:
    """What keeps leadboard from reading and writing the database and its -wal/-shm, if any."""
    folder = path.parent
    try:
        if not folder.exists():
            return f"cannot open {shown(path)}: its folder does not exist"
        if not os.access(folder, os.X_OK):
            return f"cannot open {shown(path)}: permission denied (on the folder {shown(folder)})"
        if path.exists():
            if not os.access(path, os.R_OK):
                return f"cannot open {shown(path)}: permission denied"
            if not os.access(path, os.W_OK):
                return f"{shown(path)} is read-only; leadboard needs to write to it"
        journals = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
        for extra in journals:
            if extra.exists() and not os.access(extra, os.R_OK | os.W_OK):
                return f"{shown(extra)} is read-only; leadboard needs to write to it"
        if not all(extra.exists() for extra in journals) and not os.access(folder, os.W_OK):
            return (
                f"the folder {shown(folder)} is read-only; leadboard writes "
                f"{shown(path.name)}-wal beside the database"
            )
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"{shown(path)} is read-only (a read-only file system)"
    except OSError as err:
        return os_failure(err, path, doing="open")
    return None


def is_leadboard_file(path: Path) -> bool:
    """True when a file SQLite cannot read still shows leadboard's header or tables."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(1 << 20)
    except OSError:
        return False
    if not start.startswith(SQLITE_HEADER):
        return False
    if b"CREATE TABLE" in start:
        return b"CREATE TABLE lead " in start or b'CREATE TABLE "lead"' in start
    # Only the header is left (a file cut short): leadboard always sets user_version.
    return len(start) >= 64 and int.from_bytes(start[60:64], "big") > 0


def from_os(err: OSError, path: Path | None, doing: str = "write") -> StoreError:
    """The StoreError an OS failure on the database or a backup becomes."""
    text = os_failure(err, path, doing)
    if err.errno in DISK_FULL or err.errno == errno.EFBIG:
        return DiskFull(text)
    if err.errno in NOT_ALLOWED:
        return AccessDenied(text)
    if err.errno == errno.EIO:
        return StorageFailure(text)
    return StoreError(text)


def from_sqlite(err: BaseException, path: Path | None) -> StoreError:
    """The StoreError a SQLite failure becomes, named as precisely as the file system allows."""
    code = _code(err)
    primary = code & 0xFF
    where = shown(path) if path is not None else "the database"
    text = str(err)
    folder = path.parent if path is not None else Path(".")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseLocked(
            "the database is locked by another leadboard process; try again in a moment"
        )
    if primary == sqlite3.SQLITE_FULL:
        if size_limited() and not low_on_space(folder):
            return DiskFull(too_large_text(where))
        return DiskFull(disk_full_text(where))
    if primary in _REFUSED:
        problem = access_problem(path) if path is not None else None
        return AccessDenied(problem or f"cannot write {where}: {text}")
    if primary == sqlite3.SQLITE_IOERR:
        return _io_failure(err, code, path)
    if primary in _DAMAGED:
        if path is not None and is_leadboard_file(path):
            return DatabaseDamaged(
                f"{where} is damaged ({text}); put a backup back with `leadboard restore BACKUP`"
            )
        return NotADatabase(f"{where} is not a leadboard database")
    if primary == sqlite3.SQLITE_NOMEM:
        return StoreError("out of memory")
    return StoreError(f"database error: {text}")


def _io_failure(err: BaseException, code: int, path: Path | None) -> StoreError:
    """An I/O error is most often no room, or no permission; else the disk itself."""
    where = shown(path) if path is not None else "the database"
    if low_on_space(path.parent if path is not None else Path(".")):
        return DiskFull(disk_full_text(where))
    if size_limited() and code in _GROWING:
        return DiskFull(too_large_text(where))
    problem = access_problem(path) if path is not None else None
    if problem is not None:
        return AccessDenied(problem)
    name = getattr(err, "sqlite_errorname", "SQLITE_IOERR")
    return StorageFailure(
        f"disk I/O error on {where} ({name}): the disk or its connection may be failing"
    )
