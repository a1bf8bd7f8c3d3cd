"""Files as older leadboard schemas wrote them, and the backup a migration leaves beside them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from leadboard.store.schema import MIGRATIONS


@contextmanager
def old_file(path: Path, version: int) -> Iterator[sqlite3.Connection]:
    """A new file at schema `version` (every migration up to it): add its rows in the block."""
    con = sqlite3.connect(path)
    try:
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                con.execute(statement)
        yield con
        con.execute(f"PRAGMA user_version = {version}")
        con.commit()
    finally:
        con.close()


@dataclass(frozen=True)
class Backup:
    """What the backup of a migrated file holds."""

    version: int
    tables: set[str]
    leads: int


def backup_of(target: Path, version: int) -> Backup:
    """The backup `migrate` made of `target` when it stood at schema `version`."""
    con = sqlite3.connect(target.with_name(f"{target.name}.schema{version}.bak"))
    try:
        return Backup(
            version=con.execute("PRAGMA user_version").fetchone()[0],
            tables={row[0] for row in con.execute("SELECT name FROM sqlite_master")},
            leads=con.execute("SELECT COUNT(*) FROM lead").fetchone()[0],
        )
    finally:
        con.close()
