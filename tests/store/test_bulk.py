"""BulkWriter: all rows or none, indexes and triggers put back, counts kept right."""

from __future__ import annotations

import pytest

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.store.lead_columns import LEAD_COLUMNS
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def lead_row(lead_id: int, temperature: int, status: str = "active") -> dict[str, object]:
    """A minimal valid lead record: every column of LEAD_COLUMNS by name."""
    values: dict[str, object] = dict.fromkeys(LEAD_COLUMNS, "")
    text = to_utc_text(NOW)
    values.update(
        id=lead_id,
        name=f"Lead {lead_id}",
        preferred_channel=None,
        source=None,
        temperature=temperature,
        status=status,
        fit=0,
        interest=0,
        readiness=0,
        score=0,
        version=1,
        value=None,
        next_due=text if status == "active" else None,
        promised=0,
        sequence_step=1,
        created_at=text,
        updated_at=text,
        last_contact=None,
        won_at=None,
        lost_at=None,
        inactive_at=None,
    )
    return values


def schema_objects(store: LeadStore) -> set[str]:
    """Names of every index and trigger."""
    rows = store.db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    return {row[0] for row in rows}


@pytest.mark.sqlite_only("the file's schema in sqlite_master")
def test_bulk_into_empty_and_existing_tables_keeps_schema_and_counts(store: LeadStore) -> None:
    before = schema_objects(store)
    with store.bulk_writer() as writer:
        first = writer.next_lead_id()
        writer.write([lead_row(first + i, i % 4) for i in range(40)])
    assert schema_objects(store) == before
    assert store.counts() == dict.fromkeys(Temperature, 10)
    store.add(LeadDraft("Added by hand", temperature=Temperature.HOT), NOW)
    with store.bulk_writer() as writer:
        first = writer.next_lead_id()
        writer.write([lead_row(first, 3), lead_row(first + 1, 0, status="won")])
    assert schema_objects(store) == before
    assert store.counts()[Temperature.HOT] == 12
    assert store.count(status=Status.WON) == 1
    # The triggers are back: an ordinary change is counted again.
    lead = store.find(temperature=Temperature.HOT, limit=1)[0]
    assert lead.id is not None
    store.move(lead.id, Temperature.COLD, NOW)
    assert store.counts()[Temperature.COLD] == 11


@pytest.mark.sqlite_only("the file's schema in sqlite_master")
def test_failure_half_way_rolls_back_rows_and_schema(store: LeadStore) -> None:
    before = schema_objects(store)
    with pytest.raises(RuntimeError), store.bulk_writer() as writer:
        writer.write([lead_row(1, 1), lead_row(2, 2)])
        raise RuntimeError("disk full, say")
    assert store.count() == 0
    assert schema_objects(store) == before
    assert sum(store.counts().values()) == 0
