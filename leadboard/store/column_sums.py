"""Each column's leads and their summed deal value, from the counts the triggers keep."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from leadboard.domain.model import TEMPERATURES, Status, Temperature
from leadboard.store.database import translated_errors
from leadboard.store.lead_queries import kept_columns

if TYPE_CHECKING:
    from leadboard.store.lead_reads import LeadReads


def column_sums(
    store: LeadReads, statuses: Iterable[Status]
) -> tuple[dict[Temperature, int], dict[Temperature, int]]:
    """Leads per column and their value (minor units) over these statuses, in the store's scope."""
    counts = dict.fromkeys(TEMPERATURES, 0)
    values = dict.fromkeys(TEMPERATURES, 0)
    with translated_errors(store.db):
        kept = kept_columns(store.db, statuses, store.owner)
    for (_, temperature), (n, value) in kept.items():
        counts[temperature] += n
        values[temperature] += value
    return counts, values


def column_values(store: LeadReads, statuses: Iterable[Status]) -> dict[Temperature, int]:
    """Each column's summed deal value (minor units) over these statuses."""
    return column_sums(store, statuses)[1]
