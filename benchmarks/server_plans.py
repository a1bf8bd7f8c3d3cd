"""EXPLAIN (ANALYZE) on the server of the board's reads, for server_speed.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.server_bench import explain, plan_lines
from benchmarks.server_timing import PAGE, PANEL

if TYPE_CHECKING:
    from leadboard.domain.model import Temperature
    from leadboard.store.leads import LeadStore


def plans(store: LeadStore, biggest: Temperature, half: int) -> None:
    """EXPLAIN (ANALYZE) of the board's page, due list and queue on the server, printed.

    The page and the queue are read from the biggest column, also `half` leads down it.
    """
    import pendulum

    from leadboard.domain.dates import to_utc_text
    from leadboard.domain.followup import end_of_local_day
    from leadboard.domain.model import TEMPERATURES
    from leadboard.store.lead_columns import LEAD_FIELDS
    from leadboard.store.lead_queries import in_column, urgency_order
    from leadboard.store.schema import MODELS, LeadRow

    horizon = to_utc_text(end_of_local_day(pendulum.now("UTC"), store.policy.tz))
    order = urgency_order(within_column=True)
    hottest = TEMPERATURES[-1]
    with store.db.bind_ctx(MODELS, bind_refs=False, bind_backrefs=False):
        column = in_column(biggest, store.owner)
        due = in_column(hottest, store.owner) & (LeadRow.next_due <= horizon)
        top = LeadRow.select(LeadRow.id).where(column).order_by(*order).limit(PAGE)
        ids = [row.id for row in top]
        deep = LeadRow.select(LeadRow.id).where(column).order_by(*order)
        queries = [
            (f"column page ({biggest.value}, top {PAGE} ids)", top),
            (f"column page ({biggest.value}, {PAGE} ids at OFFSET {half:,})",
             deep.limit(PAGE).offset(half)),
            (f"the page's leads by id ({len(ids)})",
             LeadRow.select(*LEAD_FIELDS).where(LeadRow.id.in_(ids))),
            (f"due list ({hottest.value}, limit {PANEL}, whole leads)",
             LeadRow.select(*LEAD_FIELDS).where(due).order_by(*order).limit(PANEL)),
            (f"session queue ({biggest.value}, ids due by tonight)",
             deep.where(LeadRow.next_due <= horizon)),
        ]  # fmt: skip
        owner = "everyone's" if store.owner is None else f"owner {store.owner!r}"
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, {owner}:")
        for label, query in queries:
            print(f"- {label}")
            for line in plan_lines(explain(store.db, query)):
                print(f"    {line}")
