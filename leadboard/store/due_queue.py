"""A session's due queue narrowed to its scope, and the due leads it left for next time.

The queue is LeadReads.due_ids's query (lead_queries.due_in_column) with the scope's
columns and limit: one range of the board index (status, temperature, next_due, score
DESC, id) per column, hot first, each read only as far as the limit still needs, so
"the 20 most urgent" reads 20 ids at any size.
"""

from __future__ import annotations

from collections.abc import Collection

from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import TEMPERATURES, Status, Temperature
from leadboard.domain.session_scope import SessionScope
from leadboard.store.due_counts import count_before
from leadboard.store.lead_queries import due_in_column, read_ids
from leadboard.store.lead_reads import LeadReads, translated
from leadboard.store.schema import LeadRow

IDS_PER_QUERY = 500
"""Ids in one IN list: well under SQLite's oldest limit of 999 bound parameters."""


@translated
def due_queue(store: LeadReads, horizon: DateTime, scope: SessionScope) -> list[int]:
    """Ids of the active leads due by `horizon` that the scope takes, in urgency order."""
    ids: list[int] = []
    for temperature in scope.temperatures:
        query = due_in_column(temperature, horizon, store.owner, LeadRow.id)
        if scope.limit is not None:
            remaining = scope.limit - len(ids)
            if remaining <= 0:
                break
            query = query.limit(remaining)
        ids.extend(read_ids(query))
    return ids


@translated
def left_due(
    store: LeadReads, horizon: DateTime, worked: Collection[int]
) -> dict[Temperature, int]:
    """Active leads per column due by `horizon`, less the `worked` ones (a session's own)."""
    # The counts come from the trigger-kept due counts; only the leads the rep worked,
    # a few per key pressed, are read, by id. Tested in SQL, SQLite took the board index
    # over the ids and walked every active lead (146 ms for 500 ids at a million).
    until = to_utc_text(horizon)
    left = count_before(store.db, until, inclusive=True, owner=store.owner)
    ids = sorted(worked)
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start : start + IDS_PER_QUERY]
        query = LeadRow.select(
            LeadRow.temperature, LeadRow.status, LeadRow.next_due, LeadRow.owner
        ).where(LeadRow.id.in_(chunk))
        for rank, status, due, owner in store.db.execute(query.tuples()):
            mine = store.owner is None or owner == store.owner
            if mine and status == Status.ACTIVE.value and due is not None and due <= until:
                left[Temperature.from_rank(int(rank))] -= 1
    return {temperature: max(0, left[temperature]) for temperature in TEMPERATURES}
