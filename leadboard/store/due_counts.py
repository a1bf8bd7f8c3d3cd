"""Due counts without scanning (schema 8): active leads per column and UTC hour of next due.

How many leads are due before a moment T is the sum of the whole hours before T's
hour, read from this small trigger-kept table, plus one index range of T's own hour
in the board index. At 1,000,000 leads counting the index range itself took
8-25 ms a column (250,000 entries); the table holds one row per column and hour.
Leads set due now and never contacted (domain.followup.is_set_due_now) have a
partial index of their own, so the ones held back from "overdue" are counted too.
BulkWriter sets the triggers aside and calls `rebuild`; the importer adds what
it created itself (`ADD_DUE`), as it does for lead_count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from leadboard.domain.model import TEMPERATURES, Status, Temperature

BUCKET_CHARS = 13
"""'YYYY-MM-DDTHH' of the stored fixed-width UTC text: the bucket of a next due.

An hour, not a day: the demo and a morning's imports put 90,000 of a million leads
due on one day, and the part of T's bucket before T is counted from the index."""

_ACTIVE = f"'{Status.ACTIVE.value}'"

_KEEPS = "{row}.status = " + _ACTIVE + " AND {row}.next_due IS NOT NULL"

_ADD = (
    "INSERT INTO due_count (temperature, hour, n) "
    "SELECT NEW.temperature, substr(NEW.next_due, 1, 13), 1 WHERE "
    + _KEEPS.format(row="NEW")
    + " ON CONFLICT (temperature, hour) DO UPDATE SET n = due_count.n + 1;"
)
_REMOVE = (
    "UPDATE due_count SET n = n - 1 WHERE "
    + _KEEPS.format(row="OLD")
    + " AND temperature = OLD.temperature AND hour = substr(OLD.next_due, 1, 13);"
)

_FILL = f"""INSERT INTO due_count (temperature, hour, n)
    SELECT temperature, substr(next_due, 1, 13), COUNT(*) FROM lead
    WHERE status = {_ACTIVE} AND next_due IS NOT NULL
    GROUP BY temperature, substr(next_due, 1, 13)"""

DUE_COUNT_MIGRATION: list[str] = [
    """CREATE TABLE due_count (
        temperature INTEGER NOT NULL,
        hour TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (temperature, hour)
    ) WITHOUT ROWID""",
    _FILL,
    f"CREATE TRIGGER due_count_insert AFTER INSERT ON lead BEGIN {_ADD} END",
    f"CREATE TRIGGER due_count_delete AFTER DELETE ON lead BEGIN {_REMOVE} END",
    f"""CREATE TRIGGER due_count_update AFTER UPDATE OF status, temperature, next_due ON lead
        WHEN OLD.status IS NOT NEW.status OR OLD.temperature IS NOT NEW.temperature
          OR OLD.next_due IS NOT NEW.next_due
        BEGIN {_REMOVE} {_ADD} END""",
    # The same terms as lead_queries.held_due_now, which SQLite needs to pick this index.
    """CREATE INDEX lead_held ON lead (status, temperature, next_due)
        WHERE next_due = created_at AND last_contact IS NULL""",
]
"""Schema 8: the table, filled from the leads already stored, and the triggers that keep it.

Schema 9 keys it by owner too (store.kept_counts); these are the steps older files take."""


def owner_test(owner: str | None) -> tuple[str, list[str]]:
    """SQL that keeps one owner's rows (nothing when `owner` is None: everyone's), and its value."""
    return ("", []) if owner is None else (" AND owner = ?", [owner])


def count_before(
    db: Any,
    moment: str,
    *,
    inclusive: bool = False,
    owner: str | None = None,
    columns: Sequence[Temperature] = TEMPERATURES,
) -> dict[Temperature, int]:
    """Active leads per column due before (or at, when inclusive) a stored UTC moment.

    `owner` counts one rep's leads only, None everyone's; `columns` the columns asked
    for. Two statements for them all (each a GROUP BY over an index range a column):
    the status line asks on every refresh, and on a server each statement is a round trip.
    """
    hour = moment[:BUCKET_CHARS]
    mine, params = owner_test(owner)
    ranks = ", ".join(str(temperature.rank) for temperature in columns)
    whole_hours = db.execute_sql(
        f"SELECT temperature, COALESCE(SUM(n), 0) FROM due_count "
        f"WHERE temperature IN ({ranks}) AND hour < ?{mine} GROUP BY temperature",
        (hour, *params),
    ).fetchall()
    same_hour = db.execute_sql(
        f"SELECT temperature, COUNT(*) FROM lead WHERE status = {_ACTIVE}"
        f" AND temperature IN ({ranks}) AND next_due >= ?"
        f" AND next_due {'<=' if inclusive else '<'} ?{mine} GROUP BY temperature",
        (hour, moment, *params),
    ).fetchall()
    counts = dict.fromkeys(columns, 0)
    by_rank = {temperature.rank: temperature for temperature in columns}
    for rank, n in [*whole_hours, *same_hour]:
        counts[by_rank[int(rank)]] += int(n)
    return counts
