"""Pieces of lead queries shared by every read: the urgency ORDER BY, the search, rows by name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.followup import start_of_local_day
from leadboard.domain.model import Contact, Lead, Status, Temperature
from leadboard.store import search
from leadboard.store.lead_columns import contact_from_record, lead_from_record
from leadboard.store.schema import LeadRow

# domain.followup.urgency_key in SQL: tests/store/test_urgency_order.py checks the two
# agree. NULLS LAST keeps an undated lead last, as the key does; SQLite still walks the
# board index (status, temperature, next_due, score DESC, id) for it, in two passes.
_WITHIN_COLUMN: tuple[peewee.Node, ...] = (
    LeadRow.next_due.asc(nulls="LAST"),
    LeadRow.score.desc(),
    LeadRow.id,
)
_ACROSS_COLUMNS: tuple[peewee.Node, ...] = (LeadRow.temperature.desc(), *_WITHIN_COLUMN)
# (LeadReads.find reads a listing column by column: the temperature must stay first.)
# A listing of every status puts the undated (closed) leads of a temperature first,
# as SQLite sorts NULL and as `leadboard list` has always shown them.
_LISTING: tuple[peewee.Node, ...] = (
    LeadRow.temperature.desc(),
    # Said, not left to the engine: PostgreSQL sorts NULLs last unless told.
    LeadRow.next_due.asc(nulls="FIRST"),
    LeadRow.score.desc(),
    LeadRow.id,
)


def urgency_order(*, within_column: bool = False) -> tuple[peewee.Node, ...]:
    """ORDER BY terms for the urgency order: hotter, earlier due, higher score, older id.

    `within_column` leaves the temperature out, for queries that read one column.
    """
    return _WITHIN_COLUMN if within_column else _ACROSS_COLUMNS


def listing_order() -> tuple[peewee.Node, ...]:
    """ORDER BY terms for a list of any status: the urgency order, undated leads first."""
    return _LISTING


def overdue_clause(now: DateTime, tz: str) -> peewee.Expression:
    """domain.followup.is_overdue in SQL: past due, but a due set as now waits for its day's end.

    tests/store/test_overdue_rule.py checks the two agree.
    """
    # Peewee's stubs type `~` as Any.
    return cast(peewee.Expression, (LeadRow.next_due < to_utc_text(now)) & ~held_due_now(now, tz))


def held_due_now(now: DateTime, tz: str) -> peewee.Expression:
    """Leads set due now earlier today (domain.followup.is_set_due_now): past due, not overdue.

    A count of overdue leads is best the covering-index count of `next_due < now` minus
    a count of these: only this range of today's dues reads the table rows, where
    overdue_clause in a SUM read a row for every lead past due (110 ms at 100,000).
    """
    return (
        (LeadRow.next_due >= to_utc_text(start_of_local_day(now, tz)))
        & (LeadRow.next_due < to_utc_text(now))
        & (LeadRow.next_due == LeadRow.created_at)
        & LeadRow.last_contact.is_null()
    )


OVERDUE_SQL = (
    "next_due < :now AND NOT (next_due >= :day_start AND next_due = created_at"
    " AND last_contact IS NULL)"
)
"""overdue_clause as raw SQL, for queries written by hand: bind overdue_params."""


def overdue_params(now: DateTime, tz: str) -> dict[str, str]:
    """The named parameters OVERDUE_SQL takes."""
    return {"now": to_utc_text(now), "day_start": to_utc_text(start_of_local_day(now, tz))}


def kept_count(
    db: peewee.Database,
    status: Status | None,
    temperature: Temperature | None,
    owner: str | None = None,
) -> int:
    """A count of leads from the trigger-kept lead_count table (no scan of the leads).

    `owner` counts one rep's leads; None everyone's (the sum over owners).
    """
    sql = "SELECT COALESCE(SUM(n), 0) FROM lead_count WHERE TRUE"
    params: list[object] = []
    if owner is not None:
        sql += " AND owner = ?"
        params.append(owner)
    if status is not None:
        sql += " AND status = ?"
        params.append(status.value)
    if temperature is not None:
        sql += " AND temperature = ?"
        params.append(temperature.rank)
    return int(db.execute_sql(sql, params).fetchone()[0])


def kept_columns(
    db: peewee.Database, statuses: Iterable[Status], owner: str | None = None
) -> dict[tuple[Status, Temperature], tuple[int, int]]:
    """Leads and their summed deal value (minor units) per (status, column), from lead_count.

    One read of a handful of kept rows, however many leads; `owner` as in kept_count.
    """
    wanted = [status.value for status in statuses]
    marks = ", ".join("?" for _ in wanted)
    sql = (
        "SELECT status, temperature, COALESCE(SUM(n), 0), COALESCE(SUM(value), 0) "
        f"FROM lead_count WHERE status IN ({marks})"
    )
    params: list[object] = list(wanted)
    if owner is not None:
        sql += " AND owner = ?"
        params.append(owner)
    rows = db.execute_sql(sql + " GROUP BY status, temperature", params).fetchall()
    return {
        (Status(status), Temperature.from_rank(int(rank))): (int(n), int(value))
        for status, rank, n, value in rows
    }


def search_clause(text: str, db: peewee.Database) -> peewee.Expression:
    """Leads whose searched text holds the text, in any case (store.search)."""
    return search.search_clause(text, db)


def in_column(temperature: Temperature, owner: str | None) -> peewee.Expression:
    """One board column's active leads: everyone's, or one owner's when `owner` is given."""
    column = (LeadRow.status == Status.ACTIVE.value) & (LeadRow.temperature == temperature.rank)
    return column if owner is None else column & (LeadRow.owner == owner)


def due_in_column(
    temperature: Temperature, horizon: DateTime, owner: str | None, *columns: Any
) -> peewee.ModelSelect[LeadRow]:
    """One column's leads due by `horizon`, in urgency order: a range of the board index."""
    return (
        LeadRow.select(*columns)
        .where(in_column(temperature, owner) & (LeadRow.next_due <= to_utc_text(horizon)))
        .order_by(*urgency_order(within_column=True))
    )


def records(query: peewee.BaseQuery) -> list[dict[str, Any]]:
    """Run a query for rows keyed by column name (Peewee's stubs type them as model rows)."""
    return cast(list[dict[str, Any]], list(query.dicts()))


def named_rows(cursor: Any) -> list[dict[str, Any]]:
    """Every row of a raw DB-API cursor, keyed by column name."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_leads(query: peewee.ModelSelect[Any]) -> list[Lead]:
    """Run a query that selects lead_columns.LEAD_FIELDS, for Leads."""
    # The raw cursor (lead columns are named as their fields): Peewee's dicts and field
    # conversions took half of a page's 1-5 ms, read on every move.
    cursor = query.model._meta.database.execute(query)
    return [lead_from_record(row) for row in named_rows(cursor)]


def read_contacts(query: peewee.BaseQuery) -> list[Contact]:
    """Run a query that selects lead_columns.CONTACT_FIELDS, for Contacts."""
    return [contact_from_record(row) for row in records(query)]


def read_ids(query: peewee.ModelSelect[Any]) -> list[int]:
    """Run a query that selects one id column, for the ids."""
    # The raw cursor: Peewee's row wrapper cost 7 us a row (2 s for a 257,000-lead
    # session queue at a million leads).
    cursor = query.model._meta.database.execute(query)
    return [int(row[0]) for row in cursor]
