"""A column's active leads in an order other than urgency: score, last touched, value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

from leadboard.domain.column_sort import ColumnSort
from leadboard.domain.model import TEMPERATURES, Status, Temperature
from leadboard.store.column_orders import SCORE_ORDER, TOUCHED_ORDER, VALUE_ORDER
from leadboard.store.database import translated_errors
from leadboard.store.lead_queries import in_column, read_ids
from leadboard.store.schema import LeadRow
from leadboard.store.search import found_rows

if TYPE_CHECKING:
    from leadboard.store.lead_reads import LeadReads

_ORDERS = {
    ColumnSort.SCORE: SCORE_ORDER,
    ColumnSort.TOUCHED: TOUCHED_ORDER,
    ColumnSort.VALUE: VALUE_ORDER,
}


def sorted_ids(
    store: LeadReads,
    temperature: Temperature,
    sort: ColumnSort,
    offset: int,
    limit: int,
    search: str = "",
) -> list[int]:
    """Ids of one page of a column in `sort`'s order, under the filter text when given."""
    where = in_column(temperature, store.owner)
    if search:
        where &= LeadRow.id.in_(found_rows(search, store.db))
    # The last-touched and value orders are ranges of their indexes (column_orders); the
    # score order sorts the column's entries of the covering board index.
    query = (
        LeadRow.select(LeadRow.id)
        .where(where)
        .order_by(peewee.SQL(_ORDERS[sort]))
        .limit(limit)
        .offset(offset)
    )
    with translated_errors(store.db):
        return read_ids(query)


def column_values(store: LeadReads, statuses: tuple[Status, ...]) -> dict[Temperature, int]:
    """Each column's summed deal value (minor units) over these statuses, from lead_count."""
    marks = ", ".join("?" for _ in statuses)
    sql = f"SELECT temperature, COALESCE(SUM(value), 0) FROM lead_count WHERE status IN ({marks})"
    params: list[object] = [status.value for status in statuses]
    if store.owner is not None:
        sql += " AND owner = ?"
        params.append(store.owner)
    values = dict.fromkeys(TEMPERATURES, 0)
    with translated_errors(store.db):
        rows = store.db.execute_sql(sql + " GROUP BY temperature", params).fetchall()
    for rank, total in rows:
        values[Temperature.from_rank(int(rank))] = int(total)
    return values
