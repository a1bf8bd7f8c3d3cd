"""A column in score, last-touched and value order, and its totals, on both engines."""

from __future__ import annotations

from leadboard.domain.column_sort import ColumnSort
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store.column_sums import column_values
from leadboard.store.leads import LeadStore
from leadboard.store.sorted_pages import sorted_ids
from tests.conftest import NOW

WARM = Temperature.WARM


def seeded(store: LeadStore) -> dict[str, int]:
    """Four warm leads: values with a gap, scores, touches at known times; one hot lead."""
    drafts = {
        "ana": LeadDraft(name="Ana", temperature=WARM, value=500_000, fit=1, tags=("vip",)),
        "ben": LeadDraft(name="Ben", temperature=WARM, fit=3, interest=3),
        "cy": LeadDraft(name="Cy", temperature=WARM, value=9_000_000, fit=2),
        "dia": LeadDraft(name="Dia", temperature=WARM, value=500_000, tags=("vip",)),
        "eve": LeadDraft(name="Eve", temperature=Temperature.HOT, value=100),
    }
    ids = {}
    for key, draft in drafts.items():
        lead = store.add(draft, NOW)
        assert lead.id is not None
        ids[key] = lead.id
    # Cy touched long ago, Ana lately; Ben and Dia never.
    for key, days in (("cy", 30), ("ana", 1)):
        at = NOW.subtract(days=days)
        store.log_contact(ids[key], channel=Channel.CALL, outcome=Outcome.TALKED, at=at, now=at)
    return ids


def names(store: LeadStore, ids: dict[str, int], sort: ColumnSort, search: str = "") -> list[str]:
    """The warm column's keys in `sort`'s order."""
    by_id = {lead_id: key for key, lead_id in ids.items()}
    return [by_id[i] for i in sorted_ids(store, WARM, sort, 0, 10, search)]


def test_each_order_and_where_leads_without_a_value_or_touch_go(store: LeadStore) -> None:
    ids = seeded(store)
    assert names(store, ids, ColumnSort.VALUE) == ["cy", "ana", "dia", "ben"]  # none last
    assert names(store, ids, ColumnSort.TOUCHED) == ["ben", "dia", "cy", "ana"]  # never first
    assert names(store, ids, ColumnSort.SCORE) == ["ben", "cy", "ana", "dia"]
    assert names(store, ids, ColumnSort.VALUE, search="#vip") == ["ana", "dia"]
    assert sorted_ids(store, WARM, ColumnSort.VALUE, 1, 2) == [ids["ana"], ids["dia"]]


def test_closed_leads_leave_the_order_and_the_totals_follow(store: LeadStore) -> None:
    ids = seeded(store)
    assert column_values(store, (Status.ACTIVE,))[WARM] == 10_000_000
    store.set_status(ids["cy"], Status.WON, NOW)
    assert names(store, ids, ColumnSort.VALUE) == ["ana", "dia", "ben"]
    assert column_values(store, (Status.ACTIVE,))[WARM] == 1_000_000
    assert column_values(store, (Status.WON,))[WARM] == 9_000_000
    assert column_values(store, (Status.ACTIVE,))[Temperature.HOT] == 100


def test_one_owners_column_on_a_team(store: LeadStore) -> None:
    ids = seeded(store)
    store.db.execute_sql("UPDATE lead SET owner = 'sam' WHERE id = ?", (ids["cy"],))
    store.owner = "sam"
    assert names(store, ids, ColumnSort.VALUE) == ["cy"]
    assert column_values(store, (Status.ACTIVE,))[WARM] == 9_000_000
