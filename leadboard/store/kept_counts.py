"""The counts triggers keep on a SQLite file, per owner (schema 9): leads per column, dues per hour.

Schema 2 counted leads per (status, temperature) and schema 8 dues per
(temperature, hour); a team's board shows one rep's leads, so from schema 9 both
are kept per owner too, and "everyone's" is their sum over owners (a handful of
rows). Schema 10 keeps each column's summed deal value beside its count.
The server's triggers (store.server_schema) keep the same tables.
BulkWriter sets the triggers aside and runs REBUILD; the importer drops the
insert triggers for its transaction and adds what it created (ADD_COUNT, ADD_DUE).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from leadboard.domain.model import Status
from leadboard.store.due_counts import BUCKET_CHARS

_ACTIVE = f"'{Status.ACTIVE.value}'"

_ADD_LEAD_9 = (
    "INSERT INTO lead_count (owner, status, temperature, n) "
    "VALUES (NEW.owner, NEW.status, NEW.temperature, 1) "
    "ON CONFLICT (status, temperature, owner) DO UPDATE SET n = lead_count.n + 1;"
)
_REMOVE_LEAD_9 = (
    "UPDATE lead_count SET n = n - 1 WHERE owner = OLD.owner AND status = OLD.status "
    "AND temperature = OLD.temperature;"
)
"""Schema 9's column count: leads only (schema 10 adds their deal values)."""
_ADD_LEAD = (
    "INSERT INTO lead_count (owner, status, temperature, n, value) "
    "VALUES (NEW.owner, NEW.status, NEW.temperature, 1, COALESCE(NEW.value, 0)) "
    "ON CONFLICT (status, temperature, owner) DO UPDATE SET n = lead_count.n + 1, "
    "value = lead_count.value + excluded.value;"
)
_REMOVE_LEAD = (
    "UPDATE lead_count SET n = n - 1, value = value - COALESCE(OLD.value, 0) "
    "WHERE owner = OLD.owner AND status = OLD.status AND temperature = OLD.temperature;"
)
_ADD_DUE_ROW = (
    "INSERT INTO due_count (owner, temperature, hour, n) "
    "SELECT NEW.owner, NEW.temperature, substr(NEW.next_due, 1, 13), 1 "
    f"WHERE NEW.status = {_ACTIVE} AND NEW.next_due IS NOT NULL "
    "ON CONFLICT (temperature, hour, owner) DO UPDATE SET n = due_count.n + 1;"
)
_REMOVE_DUE_ROW = (
    "UPDATE due_count SET n = n - 1 "
    f"WHERE OLD.status = {_ACTIVE} AND OLD.next_due IS NOT NULL AND owner = OLD.owner "
    "AND temperature = OLD.temperature AND hour = substr(OLD.next_due, 1, 13);"
)

_COUNT_LEADS_9 = """INSERT INTO lead_count (owner, status, temperature, n)
    SELECT owner, status, temperature, COUNT(*) FROM lead GROUP BY owner, status, temperature"""

REBUILD: list[str] = [
    "DELETE FROM lead_count",
    """INSERT INTO lead_count (owner, status, temperature, n, value)
       SELECT owner, status, temperature, COUNT(*), COALESCE(SUM(value), 0) FROM lead
       GROUP BY owner, status, temperature""",
    "DELETE FROM due_count",
    f"""INSERT INTO due_count (owner, temperature, hour, n)
        SELECT owner, temperature, substr(next_due, 1, 13), COUNT(*) FROM lead
        WHERE status = {_ACTIVE} AND next_due IS NOT NULL
        GROUP BY owner, temperature, substr(next_due, 1, 13)""",
]
"""Count every lead again (after a bulk load that set the triggers aside)."""

INSERT_TRIGGERS = ("lead_count_insert", "due_count_insert")
"""The per-row triggers an import drops for its transaction (its counts come from ADD_*)."""

OWNER_COUNTS_MIGRATION: list[str] = [
    # Version 9: each lead's version (a stale save is refused), and counts per owner.
    "ALTER TABLE lead ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    *(
        f"DROP TRIGGER {name}"
        for name in (
            "lead_count_insert",
            "lead_count_delete",
            "lead_count_update",
            "due_count_insert",
            "due_count_delete",
            "due_count_update",
        )
    ),
    "DROP TABLE lead_count",
    "DROP TABLE due_count",
    """CREATE TABLE lead_count (
        owner TEXT NOT NULL,
        status TEXT NOT NULL,
        temperature INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (status, temperature, owner)
    ) WITHOUT ROWID""",
    """CREATE TABLE due_count (
        owner TEXT NOT NULL,
        temperature INTEGER NOT NULL,
        hour TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (temperature, hour, owner)
    ) WITHOUT ROWID""",
    _COUNT_LEADS_9,
    REBUILD[3],
    f"CREATE TRIGGER lead_count_insert AFTER INSERT ON lead BEGIN {_ADD_LEAD_9} END",
    f"CREATE TRIGGER lead_count_delete AFTER DELETE ON lead BEGIN {_REMOVE_LEAD_9} END",
    f"""CREATE TRIGGER lead_count_update AFTER UPDATE OF owner, status, temperature ON lead
        WHEN OLD.owner IS NOT NEW.owner OR OLD.status IS NOT NEW.status
          OR OLD.temperature IS NOT NEW.temperature
        BEGIN {_REMOVE_LEAD_9} {_ADD_LEAD_9} END""",
    f"CREATE TRIGGER due_count_insert AFTER INSERT ON lead BEGIN {_ADD_DUE_ROW} END",
    f"CREATE TRIGGER due_count_delete AFTER DELETE ON lead BEGIN {_REMOVE_DUE_ROW} END",
    f"""CREATE TRIGGER due_count_update
        AFTER UPDATE OF owner, status, temperature, next_due ON lead
        WHEN OLD.owner IS NOT NEW.owner OR OLD.status IS NOT NEW.status
          OR OLD.temperature IS NOT NEW.temperature OR OLD.next_due IS NOT NEW.next_due
        BEGIN {_REMOVE_DUE_ROW} {_ADD_DUE_ROW} END""",
    # A rep's own column is a range of this index, as everyone's is of lead_board, and
    # their leads set due now of this one, as everyone's are of lead_held.
    "CREATE INDEX lead_owner_board ON lead (owner, status, temperature, next_due, score DESC, id)",
    """CREATE INDEX lead_owner_held ON lead (owner, status, temperature, next_due)
        WHERE next_due = created_at AND last_contact IS NULL""",
]
"""Schema 9: lead.version, both count tables keyed by owner too, and a rep's board index."""

VALUE_COUNTS_MIGRATION: list[str] = [
    # Version 10: each column's open deal value, kept beside its count, for the title's total.
    "ALTER TABLE lead_count ADD COLUMN value INTEGER NOT NULL DEFAULT 0",
    *(f"DROP TRIGGER lead_count_{kind}" for kind in ("insert", "delete", "update")),
    f"CREATE TRIGGER lead_count_insert AFTER INSERT ON lead BEGIN {_ADD_LEAD} END",
    f"CREATE TRIGGER lead_count_delete AFTER DELETE ON lead BEGIN {_REMOVE_LEAD} END",
    f"""CREATE TRIGGER lead_count_update AFTER UPDATE OF owner, status, temperature, value ON lead
        WHEN OLD.owner IS NOT NEW.owner OR OLD.status IS NOT NEW.status
          OR OLD.temperature IS NOT NEW.temperature OR OLD.value IS NOT NEW.value
        BEGIN {_REMOVE_LEAD} {_ADD_LEAD} END""",
]
"""Schema 10's counts: lead_count.value sums the deal values (minor units) of its leads."""

ADD_COUNT = (
    "INSERT INTO lead_count (owner, status, temperature, n, value) "
    "VALUES (:owner, :status, :temperature, :n, :value) "
    "ON CONFLICT (status, temperature, owner) DO UPDATE SET n = lead_count.n + excluded.n, "
    "value = lead_count.value + excluded.value"
)
ADD_DUE = (
    "INSERT INTO due_count (owner, temperature, hour, n) VALUES (:owner, :temperature, :hour, :n) "
    "ON CONFLICT (temperature, hour, owner) DO UPDATE SET n = due_count.n + excluded.n"
)
"""Add what an import created while INSERT_TRIGGERS were set aside (named parameters)."""


def due_bucket(status: str, next_due: str | None) -> str | None:
    """The hour a lead row counts under, or None when it is not counted (closed, undated)."""
    if status != Status.ACTIVE.value or next_due is None:
        return None
    return next_due[:BUCKET_CHARS]


def count_rows(
    created: Counter[tuple[str, str, int]], values: Counter[tuple[str, str, int]]
) -> list[dict[str, Any]]:
    """ADD_COUNT's parameters for leads gathered as (owner, status, temperature rank)."""
    return [
        {"owner": owner, "status": status, "temperature": rank, "n": n}
        | {"value": values[(owner, status, rank)]}
        for (owner, status, rank), n in created.items()
    ]


def due_rows(created: Counter[tuple[str, int, str]]) -> list[dict[str, Any]]:
    """ADD_DUE's parameters for dues gathered as (owner, temperature rank, hour)."""
    return [
        {"owner": owner, "temperature": rank, "hour": hour, "n": n}
        for (owner, rank, hour), n in created.items()
    ]
