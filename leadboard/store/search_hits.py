"""What the board's filter finds, read once: every matching active lead's id, column by column.

The board asks for counts, pages and positions under a filter many times per key; the
index is asked once per query (usually on a worker thread), and the board answers the
rest from these arrays. Ids are in the column's urgency order, so a column's leads due
by the horizon are the first `due[temperature]` of its ids.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import TEMPERATURES, Status, Temperature
from leadboard.store.dialect import unindexed
from leadboard.store.lead_queries import in_column, read_ids, urgency_order
from leadboard.store.schema import LeadRow
from leadboard.store.search import found_rows, text_test


@dataclass(frozen=True)
class SearchHits:
    """The active leads a filter text matches, per column in urgency order."""

    text: str
    ids: dict[Temperature, array[int]]
    due: dict[Temperature, int]
    """How many of each column's first ids are due by the horizon they were read for."""
    partial: bool = False
    """Only each column's first matches (read_first): counts and positions are not known."""
    values: dict[Temperature, int] | None = None
    """Each column's matches' summed deal value (minor units); None when not all are read."""

    def count(self, temperature: Temperature) -> int:
        """Matches in a column."""
        return len(self.ids[temperature])

    def position(self, temperature: Temperature, lead_id: int) -> int | None:
        """Where a lead sits among its column's matches, or None when it does not match."""
        try:
            return self.ids[temperature].index(lead_id)
        except ValueError:
            return None

    def page(self, temperature: Temperature, offset: int, limit: int) -> list[int]:
        """The ids at positions offset .. offset+limit of a column."""
        return list(self.ids[temperature][offset : offset + limit])

    def due_ids(self, limit: int) -> list[int]:
        """Ids of matches due by the horizon, hottest column first, at most `limit`."""
        found: list[int] = []
        for temperature in reversed(TEMPERATURES):
            found.extend(self.ids[temperature][: min(self.due[temperature], limit - len(found))])
        return found


def read_hits(
    db: peewee.Database, text: str, horizon: DateTime, owner: str | None = None
) -> SearchHits:
    """Read the matches of a filter text on the calling thread's connection: one owner's or all."""
    matching = (unindexed("status", db) == Status.ACTIVE.value) & LeadRow.id.in_(
        found_rows(text, db)
    )
    if owner is not None:
        matching &= LeadRow.owner == owner
    query = (
        LeadRow.select(LeadRow.temperature, LeadRow.id, LeadRow.next_due, LeadRow.value)
        # A unary + on status keeps SQLite off the board index here: walking a million
        # index entries to probe the matches took 250 ms where looking each match up by
        # id took 95 ms (26,800 matches at a million leads).
        .where(matching)
        .order_by(LeadRow.temperature, *urgency_order(within_column=True))
        .tuples()
    )
    by_rank = {temperature.rank: temperature for temperature in TEMPERATURES}
    ids: dict[Temperature, array[int]] = {t: array("q") for t in TEMPERATURES}
    due = dict.fromkeys(TEMPERATURES, 0)
    values = dict.fromkeys(TEMPERATURES, 0)
    bound = to_utc_text(horizon)
    # The raw cursor: Peewee would turn every next_due into a DateTime (a million at worst).
    cursor = db.execute(query)
    for rank, lead_id, next_due, value in cursor:
        temperature = by_rank[rank]
        ids[temperature].append(lead_id)
        if next_due is not None and next_due <= bound:
            due[temperature] += 1
        if value:
            values[temperature] += value
    return SearchHits(text, ids, due, values=values)


FIRST_WALK = 2000
"""Leads of each column, from the top, that read_first tests for the text."""


def read_first(db: peewee.Database, text: str, limit: int, owner: str | None = None) -> SearchHits:
    """Each column's first matches among its FIRST_WALK most urgent leads: the top of a page.

    The full answer (read_hits) for a text found in half a million leads takes about a
    second at a million leads, most of it putting the matches in order; the first page
    of each column is known long before. The board draws these first.
    """
    test, params = text_test(text, db)
    ids: dict[Temperature, array[int]] = {}
    for temperature in TEMPERATURES:
        column = in_column(temperature, owner)
        walked = read_ids(
            LeadRow.select(LeadRow.id)
            .where(column)
            .order_by(*urgency_order(within_column=True))
            .limit(FIRST_WALK)
        )
        found: set[int] = set()
        if walked:
            marks = ", ".join("?" for _ in walked)
            rows = db.execute_sql(
                f"SELECT rowid FROM lead_search WHERE rowid IN ({marks}) AND {test}",
                [*walked, *params],
            )
            found = {int(row[0]) for row in rows}
        ids[temperature] = array("q", [i for i in walked if i in found][:limit])
    return SearchHits(text, ids, dict.fromkeys(TEMPERATURES, 0), partial=True)
