"""A column's active leads in an order other than urgency: score, last touched, value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

from leadboard.domain.column_sort import ColumnSort
from leadboard.domain.model import Temperature
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
