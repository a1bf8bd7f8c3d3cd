"""Lost reasons with how many leads each closed, for the reason picker and the stats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadboard.domain.model import Status
from leadboard.domain.stats import ReasonCount, merge_reasons
from leadboard.store.database import translated_errors

if TYPE_CHECKING:
    import peewee

    from leadboard.store.lead_reads import LeadReads

# Grouped by the exact text: spellings that differ only in case are merged in Python
# (domain.stats.merge_reasons), where casefold() knows every alphabet, not SQL's LOWER.
# The board index (status, ...) narrows the read to the lost leads.
_BY_SPELLING = (
    f"SELECT lost_reason, COUNT(*) FROM lead WHERE status = '{Status.LOST.value}'"
    " AND lost_reason <> ''"
)


def reason_rows(db: peewee.Database, owner: str | None = None) -> list[tuple[str, int]]:
    """Lost leads (of `owner` when given) per exact reason text, the empty reason left out.

    Only leads lost now count: a revived lead, whatever reason it still carries, does not.
    """
    sql, params = _BY_SPELLING, []
    if owner is not None:
        sql += " AND owner = ?"
        params.append(owner)
    with translated_errors(db):
        rows = db.execute_sql(sql + " GROUP BY lost_reason", params).fetchall()
    return [(str(reason), int(n)) for reason, n in rows]


def reason_counts(db: peewee.Database, owner: str | None = None) -> tuple[ReasonCount, ...]:
    """Every reason of the lost leads (of `owner` when given), most used first."""
    return merge_reasons(reason_rows(db, owner))


def lost_reasons(store: LeadReads, limit: int) -> list[tuple[str, int]]:
    """The `limit` most used reasons of the store's lost leads (its owner's), with their counts.

    Most used first, then alphabetically; "Price" and "price" count as one, shown in the
    spelling used most. Only leads whose status is lost count: a revived lead keeps no
    place here, even while its old reason is still on it.
    """
    return [(r.reason, r.count) for r in reason_counts(store.db, store.owner)[:limit]]


def lost_reasons_in_thread(store: LeadReads, limit: int) -> list[tuple[str, int]]:
    """lost_reasons from a worker thread: Peewee gives each thread its own connection; close it."""
    with store.db.connection_context():
        return lost_reasons(store, limit)
