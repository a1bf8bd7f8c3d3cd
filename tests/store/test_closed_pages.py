"""Closed leads per column, most recently closed first (store.closed_pages), on both engines."""

from __future__ import annotations

from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.store.closed_pages import closed_counts, closed_ids
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def _add(store: LeadStore, name: str, temperature: Temperature, owner: str = "") -> int:
    lead = store.add(LeadDraft(name=name, temperature=temperature, owner=owner), NOW)
    assert lead.id is not None
    return lead.id


def test_closed_column_pages_newest_closed_first(store: LeadStore) -> None:
    won = _add(store, "Won early", Temperature.WARM)
    lost = _add(store, "Lost later", Temperature.WARM)
    inactive = _add(store, "Inactive last", Temperature.WARM)
    revived = _add(store, "Won then lost", Temperature.WARM)
    active = _add(store, "Still active", Temperature.WARM)
    hot = _add(store, "Lost hot", Temperature.HOT)
    store.set_status(revived, Status.WON, NOW.add(hours=1))
    store.set_status(won, Status.WON, NOW.add(hours=2))
    store.set_status(lost, Status.LOST, NOW.add(hours=3), "price")
    store.set_status(inactive, Status.INACTIVE, NOW.add(hours=4))
    # Won long ago, revived, then lost last: its loss is what counts, not the old win.
    store.set_status(revived, Status.ACTIVE, NOW.add(hours=5))
    store.set_status(revived, Status.LOST, NOW.add(hours=6), "timing")
    store.set_status(hot, Status.LOST, NOW.add(hours=7), "went elsewhere")

    assert closed_ids(store, Temperature.WARM, 0, 10) == [revived, inactive, lost, won]
    assert closed_ids(store, Temperature.WARM, 1, 2) == [inactive, lost]
    assert closed_ids(store, Temperature.HOT, 0, 10) == [hot]
    assert active not in closed_ids(store, Temperature.WARM, 0, 10)
    counts = closed_counts(store)
    assert counts == {
        Temperature.COLD: 0,
        Temperature.COOL: 0,
        Temperature.WARM: 4,
        Temperature.HOT: 1,
    }


def test_closed_leads_of_one_owner(store: LeadStore) -> None:
    mine = _add(store, "Mine", Temperature.COLD, owner="emma")
    theirs = _add(store, "Theirs", Temperature.COLD, owner="raj")
    store.set_status(mine, Status.LOST, NOW, "price")
    store.set_status(theirs, Status.LOST, NOW, "price")
    store.owner = "emma"
    assert closed_ids(store, Temperature.COLD, 0, 10) == [mine]
    assert closed_counts(store)[Temperature.COLD] == 1
    store.owner = None
    assert closed_counts(store)[Temperature.COLD] == 2
    assert closed_ids(store, Temperature.COLD, 0, 10) == [theirs, mine]
