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

from dataclasses import dataclass
from typing import Any

from leadboard.domain.imported import name_key

_SEED = """
    INSERT INTO import_key (k, target, n)
    SELECT 'n' || leadboard_name_key(name, company) AS key, MIN(id), COUNT(*)
    FROM lead GROUP BY key
"""

_SEED_NAMES = """
    INSERT INTO import_key (k, target, n)
    SELECT 'm' || leadboard_name_key(name, '') AS key, MIN(id), COUNT(*)
    FROM lead GROUP BY key
"""

_SEED_FROM_KEYS = """
    INSERT INTO import_key (k, target, n)
    SELECT k, MIN(target), COUNT(*) FROM import_name_key GROUP BY k
"""
"""A server cannot call Python: the keys are worked out here and grouped there."""

_SEED_BATCH = 10_000

# One statement per row: the fingerprint (the same row imported before, or earlier in
# the file); the email, then the phone, in the lead indexes and then among the rows
# already planned; then the name + company. The first hit wins.
_FIND = """
    SELECT 'row', lead_id, 1 FROM import_fingerprint WHERE fingerprint = ?4
    UNION ALL SELECT 'row', target, n FROM import_key WHERE k = 'f' || ?4
    UNION ALL SELECT * FROM (
        SELECT 'email', id, 1 FROM lead
        WHERE ?1 != '' AND email_key = ?1 AND email_key != '' ORDER BY id LIMIT 1) AS by_email
    UNION ALL SELECT 'email', target, n FROM import_key WHERE ?1 != '' AND k = 'e' || ?1
    UNION ALL SELECT * FROM (
        SELECT 'phone', id, 1 FROM lead
        WHERE ?2 != '' AND phone_key = ?2 AND phone_key != '' ORDER BY id LIMIT 1) AS by_phone
    UNION ALL SELECT 'phone', target, n FROM import_key WHERE ?2 != '' AND k = 'p' || ?2
    UNION ALL SELECT 'name and company', target, n FROM import_key
        WHERE ?3 != '' AND k = 'n' || ?3
    LIMIT 1
"""

_REMEMBER = "INSERT INTO import_key (k, target, n) VALUES (?, ?, 1) ON CONFLICT DO NOTHING"
_REMEMBER_ROW = (
    "INSERT INTO import_fingerprint (fingerprint, lead_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
)
ROW_BATCH = 1000
"""Fingerprints of written rows inserted together (executemany): a statement per row costs more."""


def _drop(connection: Any) -> None:
    """Drop this import's temp table (unqualified: both engines look in their temp schema first)."""
    connection.execute("DROP TABLE IF EXISTS import_key")


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

    def __init__(self, connection: Any, *, server: bool, names_alone: bool = False) -> None:
        self.connection = connection
        self.server = server
        _drop(connection)
        text = 'TEXT COLLATE "C"' if server else "TEXT"
        connection.execute(
            f"CREATE TEMP TABLE import_key (k {text} PRIMARY KEY, target INTEGER NOT NULL, "
            f"n INTEGER NOT NULL){'' if server else ' WITHOUT ROWID'}"
        )
        # Ids only grow (AUTOINCREMENT, an identity): a lead above this one is this import's.
        last = connection.execute("SELECT COALESCE(MAX(id), 0) FROM lead").fetchone()
        self.last_before = int(last[0])
        self._rows: dict[int, int] = {}
        """Fingerprints of rows written, not yet inserted (ROW_BATCH at most)."""
        # A contact log often names the lead only ("Ann Lee", no company): names_alone.
        if server:
            self._seed_here(names_alone)
            return
        connection.create_function("leadboard_name_key", 2, name_key, deterministic=True)
        connection.execute(_SEED)
        if names_alone:
            connection.execute(_SEED_NAMES)

    def _seed_here(self, names_alone: bool) -> None:
        """Key every lead by name in Python and let the server group the keys (no UDFs there)."""
        self.connection.execute(
            'CREATE TEMP TABLE import_name_key (k TEXT COLLATE "C" NOT NULL, target INTEGER)'
        )
        after = 0
        while True:
            rows = self.connection.execute(
                "SELECT id, name, company FROM lead WHERE id > ? ORDER BY id LIMIT ?",
                (after, _SEED_BATCH),
            ).fetchall()
            if not rows:
                break
            keys = [("n" + name_key(name, company), lead_id) for lead_id, name, company in rows]
            if names_alone:
                keys += [("m" + name_key(name, ""), lead_id) for lead_id, name, _ in rows]
            self.connection.copy_rows("import_name_key", ("k", "target"), keys)
            after = int(rows[-1][0])
        self.connection.execute(_SEED_FROM_KEYS)
        self.connection.execute("DROP TABLE import_name_key")

    def close(self) -> None:
        """Write the fingerprints batched, drop the temp table (before the transaction commits)."""
        self._write_rows()
        _drop(self.connection)

    def _write_rows(self) -> None:
        if self._rows:
            self.connection.executemany(_REMEMBER_ROW, self._rows.items())
            self._rows.clear()

    def _kept(self, key: str) -> tuple[int, int] | None:
        row = self.connection.execute(
            "SELECT target, n FROM import_key WHERE k = ?", (key,)
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
