"""Dedupe lookups for an import: which lead (or earlier row of the file) a row is the same as.

Emails and phones are found through the lead table's own indexes. Name +
company has no index, so a temporary table holds the key of every lead
(computed once per import), and the keys of rows already planned: that table
lives in SQLite's temp store, so memory stays flat however long the file.
Targets are lead ids (> 0) or, in a preview where nothing is written, minus the
row number of the file row that would create the lead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from leadboard.domain.imported import name_key

_SEED = """
    INSERT INTO temp.import_key (k, target, n)
    SELECT 'n' || leadboard_name_key(name, company) AS key, MIN(id), COUNT(*)
    FROM lead GROUP BY key
"""

_SEED_NAMES = """
    INSERT INTO temp.import_key (k, target, n)
    SELECT 'm' || leadboard_name_key(name, '') AS key, MIN(id), COUNT(*)
    FROM lead GROUP BY key
"""

# One statement per row: the email, then the phone, in the lead indexes and then among
# the rows already planned; then the name + company. The first hit wins.
_FIND = """
    SELECT * FROM (
        SELECT 'email', id, 1 FROM lead
        WHERE ?1 != '' AND email_key = ?1 AND email_key != '' ORDER BY id LIMIT 1)
    UNION ALL SELECT 'email', target, n FROM temp.import_key WHERE ?1 != '' AND k = 'e' || ?1
    UNION ALL SELECT * FROM (
        SELECT 'phone', id, 1 FROM lead
        WHERE ?2 != '' AND phone_key = ?2 AND phone_key != '' ORDER BY id LIMIT 1)
    UNION ALL SELECT 'phone', target, n FROM temp.import_key WHERE ?2 != '' AND k = 'p' || ?2
    UNION ALL SELECT 'name and company', target, n FROM temp.import_key
        WHERE ?3 != '' AND k = 'n' || ?3
    LIMIT 1
"""

_REMEMBER = "INSERT OR IGNORE INTO temp.import_key (k, target, n) VALUES (?, ?, 1)"


@dataclass(frozen=True, slots=True)
class Match:
    """A row's twin: its target, which key matched, and how many leads share that key."""

    target: int
    why: str
    shared_by: int = 1

    def describe(self) -> str:
        """'same email as lead #12' or 'same phone as row 4'."""
        twin = f"lead #{self.target}" if self.target > 0 else f"row {-self.target}"
        return f"same {self.why} as {twin}"


class KeyIndex:
    """The temp table of keys, and the lookups that consult it and the lead indexes."""

    def __init__(self, connection: sqlite3.Connection, names_alone: bool = False) -> None:
        self.connection = connection
        connection.create_function("leadboard_name_key", 2, name_key, deterministic=True)
        connection.execute("DROP TABLE IF EXISTS temp.import_key")
        connection.execute(
            "CREATE TEMP TABLE import_key "
            "(k TEXT PRIMARY KEY, target INTEGER NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID"
        )
        connection.execute(_SEED)
        if names_alone:
            # A contact log often names the lead only: "Ann Lee", no company.
            connection.execute(_SEED_NAMES)

    def close(self) -> None:
        """Drop the temp table (before the import's transaction commits)."""
        self.connection.execute("DROP TABLE IF EXISTS temp.import_key")

    def _kept(self, key: str) -> tuple[int, int] | None:
        row = self.connection.execute(
            "SELECT target, n FROM temp.import_key WHERE k = ?", (key,)
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def find(self, email: str, phone: str, name: str) -> Match | None:
        """The lead or earlier row sharing the email, else the phone, else the name + company."""
        found = self.connection.execute(_FIND, (email, phone, name)).fetchone()
        return None if found is None else Match(int(found[1]), found[0], int(found[2]))

    def find_name(self, name: str) -> Match | None:
        """The lead with this name alone (name_key(name, '')), and how many share it."""
        kept = self._kept("m" + name)
        return None if kept is None else Match(kept[0], "name", kept[1])

    def remember(self, target: int, email: str, phone: str, name: str, written: bool) -> None:
        """Point a row's keys at its target so later rows of the file find it.

        A row written to the database is found there by email and phone: only its
        name + company key (which has no index on the lead table) is kept here.
        """
        if written:
            if name:
                self.connection.execute(_REMEMBER, ("n" + name, target))
            return
        keys = [("e" + email, target), ("p" + phone, target), ("n" + name, target)]
        self.connection.executemany(
            _REMEMBER,
            [pair for pair, value in zip(keys, (email, phone, name), strict=True) if value],
        )

    def lead_exists(self, lead_id: int) -> str | None:
        """The name of the lead with this id, or None."""
        row = self.connection.execute("SELECT name FROM lead WHERE id = ?", (lead_id,)).fetchone()
        return None if row is None else str(row[0])

    def contact_twin(self, key: tuple[object, ...]) -> int | None:
        """A contact already logged (or planned) with the same lead, moment, channel and outcome."""
        row = self.connection.execute(
            "SELECT MIN(id) FROM contact WHERE lead_id = ? AND at = ? AND channel = ? "
            "AND direction = ? AND outcome = ?",
            key,
        ).fetchone()
        if row[0] is not None:
            return int(row[0])
        kept = self._kept("c" + "\x1f".join(map(str, key)))
        return None if kept is None else kept[0]

    def remember_contact(self, key: tuple[object, ...], target: int) -> None:
        """Note a planned contact so the same touch later in the file is a duplicate."""
        self.connection.execute(_REMEMBER, ("c" + "\x1f".join(map(str, key)), target))
