"""Dedupe lookups for an import: which lead (or earlier row of the file) a row is the same as.

Emails and phones are found through the lead table's own indexes. Name +
company has no index, so a temporary table holds the key of every lead
(computed once per import), and the keys of rows already planned: that table
lives in SQLite's temp store, so memory stays flat however long the file.
Targets are lead ids (> 0) or, in a preview where nothing is written, minus the
row number of the file row that would create the lead.

A row's fingerprint (leadboard.files.fingerprint; only rows with no email, phone
or company have one) is looked up first: the import_fingerprint table remembers
the rows leads were made or updated from, and the temp table the rows of this
file not written (a preview, a skipped row).
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

# One statement per row: the fingerprint (the same row imported before, or earlier in
# the file); the email, then the phone, in the lead indexes and then among the rows
# already planned; then the name + company. The first hit wins.
_FIND = """
    SELECT 'row', lead_id, 1 FROM import_fingerprint WHERE fingerprint = ?4
    UNION ALL SELECT 'row', target, n FROM temp.import_key WHERE k = 'f' || ?4
    UNION ALL SELECT * FROM (
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
_REMEMBER_ROW = "INSERT OR IGNORE INTO import_fingerprint (fingerprint, lead_id) VALUES (?, ?)"
ROW_BATCH = 1000
"""Fingerprints of written rows inserted together (executemany): a statement per row costs more."""


@dataclass(frozen=True, slots=True)
class Match:
    """A row's twin: its target, which key matched, and how many leads share that key."""

    target: int
    why: str
    """'row' (the fingerprint), 'email', 'phone', 'name and company' or 'name'."""
    shared_by: int = 1
    name: str = ""
    """The target lead's name ('' for a row of the file)."""
    before: bool = True
    """The target lead was in the database before this import began."""

    def describe(self) -> str:
        """'same email as #12 Emma Hughes', 'already #12 Emma Hughes (imported before)'."""
        twin = f"#{self.target} {self.name}".rstrip() if self.target > 0 else f"row {-self.target}"
        if self.why != "row":
            return f"same {self.why} as {twin}"
        if self.target > 0 and self.before:
            return f"already {twin} (imported before)"
        if self.target < 0:
            return f"same cells as {twin}"
        return f"same cells as an earlier row: {twin}"


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
        # Ids only grow (AUTOINCREMENT): a lead above this one was made by this import.
        seq = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'lead'").fetchone()
        self.last_before = int(seq[0]) if seq is not None else 0
        self._rows: dict[int, int] = {}
        """Fingerprints of rows written, not yet inserted (ROW_BATCH at most)."""
        if names_alone:
            # A contact log often names the lead only: "Ann Lee", no company.
            connection.execute(_SEED_NAMES)

    def close(self) -> None:
        """Write the fingerprints batched, drop the temp table (before the transaction commits)."""
        self._write_rows()
        self.connection.execute("DROP TABLE IF EXISTS temp.import_key")

    def _write_rows(self) -> None:
        if self._rows:
            self.connection.executemany(_REMEMBER_ROW, self._rows.items())
            self._rows.clear()

    def _kept(self, key: str) -> tuple[int, int] | None:
        row = self.connection.execute(
            "SELECT target, n FROM temp.import_key WHERE k = ?", (key,)
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def find(
        self, email: str, phone: str, name: str, fingerprint: int | None = None
    ) -> Match | None:
        """The lead or earlier row with this fingerprint, else the email, phone, name + company."""
        batched = None if fingerprint is None else self._rows.get(fingerprint)
        if batched is not None:
            found: tuple[str, int, int] | None = ("row", batched, 1)
        else:
            found = self.connection.execute(_FIND, (email, phone, name, fingerprint)).fetchone()
        if found is None:
            return None
        target = int(found[1])
        named = (self.lead_exists(target) or "") if target > 0 else ""
        return Match(target, found[0], int(found[2]), named, target <= self.last_before)

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

    def remember_row(self, fingerprint: int, target: int, written: bool) -> None:
        """Point a row's fingerprint at its lead: in the database when the row was written to it.

        A preview's rows, and rows skipped, are kept for this import only: a
        later row with the same cells is then found as the real import finds it.
        """
        if written:
            self._rows.setdefault(fingerprint, target)
            if len(self._rows) >= ROW_BATCH:
                self._write_rows()
        else:
            self.connection.execute(_REMEMBER, (f"f{fingerprint}", target))

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
