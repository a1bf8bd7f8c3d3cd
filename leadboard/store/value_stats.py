"""The money figures' sums in SQL: won value per local month, open value and closes per column.

Two grouped reads, never a row per lead in Python. The won leads are found by the board
index (status first) and bucketed by a CASE on won_at against the months' UTC bounds, so
a month is exactly its local span whatever DST did. Open value and the closed counts per
temperature come from lead_count, the counts the triggers keep (store.kept_counts): a
handful of rows however many leads, and the same totals the column titles show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import Status
from leadboard.domain.value_stats import OUTSIDE, ColumnTally, MonthWindow, ValueTallies, WonTally
from leadboard.store.lead_queries import kept_columns

if TYPE_CHECKING:
    import peewee

_WON = (
    "SELECT {bucket}, COALESCE(SUM(value), 0), COUNT(value), COUNT(*) - COUNT(value)"
    f" FROM lead WHERE status = '{Status.WON.value}'"
)


def _bucket(months: int) -> str:
    """A CASE giving a won_at's month index in the window (OUTSIDE before, after or unset)."""
    whens = " ".join(f"WHEN won_at < ? THEN {i}" for i in range(months))
    # ? 0 is the window's start: before it (and NULL, which no WHEN matches) is OUTSIDE.
    return f"CASE WHEN won_at IS NULL OR won_at < ? THEN {OUTSIDE} {whens} ELSE {OUTSIDE} END"


def won_tallies(
    db: peewee.Database, window: MonthWindow, owner: str | None = None
) -> list[WonTally]:
    """Won leads (of `owner` when given) per month of the window, OUTSIDE for the rest."""
    texts = [to_utc_text(moment) for moment in window.bounds]
    sql = _WON.format(bucket=_bucket(len(window.month_starts)))
    params: list[object] = list(texts)
    if owner is not None:
        sql += " AND owner = ?"
        params.append(owner)
    rows = db.execute_sql(sql + " GROUP BY 1", params).fetchall()
    return [
        WonTally(int(m), int(value), int(valued), int(unvalued))
        for m, value, valued, unvalued in rows
    ]


def column_tallies(db: peewee.Database, owner: str | None = None) -> list[ColumnTally]:
    """Per temperature (of `owner`'s leads when given): active value, won and lost counts."""
    kept = kept_columns(db, (Status.ACTIVE, Status.WON, Status.LOST), owner)
    tallies = []
    for (status, temperature), (n, value) in kept.items():
        if status is Status.ACTIVE:
            tallies.append(ColumnTally(temperature, open_value=value))
        elif status is Status.WON:
            tallies.append(ColumnTally(temperature, won=n))
        else:
            tallies.append(ColumnTally(temperature, lost=n))
    return tallies


def value_tallies(
    db: peewee.Database, window: MonthWindow, owner: str | None = None
) -> ValueTallies:
    """Both reads; the caller holds the read transaction that makes them agree with the rest."""
    return ValueTallies(won=won_tallies(db, window, owner), columns=column_tallies(db, owner))
