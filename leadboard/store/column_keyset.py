"""Ids next to a known lead in its column, walking away from it: keyset pages, never OFFSET."""

from __future__ import annotations

from typing import Any

from leadboard.domain.model import Lead
from leadboard.store.lead_columns import stored_moment
from leadboard.store.lead_queries import in_column, read_ids, urgency_order
from leadboard.store.schema import LeadRow


def ids_beside(lead: Lead, limit: int, *, after: bool, owner: str | None = None) -> list[int]:
    """Ids next to a lead in its column, walking away from it (keyset, never OFFSET).

    OFFSET skips index entries one by one: 8.6 ms to reach position 176,000 at a
    million leads, where these few ranges of the board index take well under 1 ms.
    """
    column = in_column(lead.temperature, owner)
    due = stored_moment(lead.next_due)
    same_due = column & (LeadRow.next_due.is_null() if due is None else LeadRow.next_due == due)
    steps: list[tuple[Any, ...]]
    if after:
        steps = [
            (same_due & (LeadRow.score == lead.score) & (LeadRow.id > lead.id), LeadRow.id),
            (same_due & (LeadRow.score < lead.score), LeadRow.score.desc(), LeadRow.id),
        ]
        if due is not None:
            steps.append((column & (LeadRow.next_due > due), *urgency_order(within_column=True)))
            steps.append((column & LeadRow.next_due.is_null(), LeadRow.score.desc(), LeadRow.id))
    else:
        steps = [
            (
                same_due & (LeadRow.score == lead.score) & (LeadRow.id < lead.id),
                LeadRow.id.desc(),
            ),
            (same_due & (LeadRow.score > lead.score), LeadRow.score, LeadRow.id.desc()),
        ]
        if due is None:
            steps.append(
                (
                    column & LeadRow.next_due.is_null(False),
                    LeadRow.next_due.desc(),
                    LeadRow.score,
                    LeadRow.id.desc(),
                )
            )
        else:
            steps.append(
                (
                    column & (LeadRow.next_due < due),
                    LeadRow.next_due.desc(),
                    LeadRow.score,
                    LeadRow.id.desc(),
                )
            )
    found: list[int] = []
    for where, *order in steps:
        if len(found) >= limit:
            break
        query = LeadRow.select(LeadRow.id).where(where).order_by(*order)
        found.extend(read_ids(query.limit(limit - len(found))))
    return found
