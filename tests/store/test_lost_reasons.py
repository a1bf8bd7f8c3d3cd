"""Lost reasons with their counts (store.lost_reasons), on SQLite and PostgreSQL."""

from __future__ import annotations

from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.domain.stats import ReasonCount, merge_reasons, top_reasons
from leadboard.store.leads import LeadStore
from leadboard.store.lost_reasons import lost_reasons, reason_counts
from tests.conftest import NOW


def _lose(store: LeadStore, reason: str, owner: str = "emma") -> int:
    draft = LeadDraft(name=f"Lead {reason}", temperature=Temperature.WARM, owner=owner)
    lead = store.add(draft, NOW)
    assert lead.id is not None
    store.set_status(lead.id, Status.LOST, NOW, reason)
    return lead.id


def test_most_used_first_then_alphabetical_case_merged(store: LeadStore) -> None:
    assert lost_reasons(store, 10) == []
    for reason in ("price", "Price", "price", "timing", "Timing", "budget", "zebra", ""):
        _lose(store, reason)
    won = store.add(LeadDraft(name="Won", temperature=Temperature.HOT), NOW)
    assert won.id is not None
    store.set_status(won.id, Status.WON, NOW)
    # Timing and timing tie on spelling: the first alphabetically ("Timing") shows.
    assert lost_reasons(store, 10) == [("price", 3), ("Timing", 2), ("budget", 1), ("zebra", 1)]
    assert lost_reasons(store, 2) == [("price", 3), ("Timing", 2)]
    assert lost_reasons(store, 0) == []


def test_only_leads_lost_now_count(store: LeadStore) -> None:
    revived = _lose(store, "price")
    _lose(store, "price")
    store.set_status(revived, Status.ACTIVE, NOW.add(hours=1))
    assert lost_reasons(store, 10) == [("price", 1)]
    store.set_status(revived, Status.INACTIVE, NOW.add(hours=2))
    assert lost_reasons(store, 10) == [("price", 1)]
    store.set_status(revived, Status.LOST, NOW.add(hours=3), "timing")
    assert lost_reasons(store, 10) == [("price", 1), ("timing", 1)]


def test_the_stores_owner_scope(store: LeadStore) -> None:
    _lose(store, "price", owner="emma")
    _lose(store, "timing", owner="raj")
    _lose(store, "timing", owner="raj")
    store.owner = "emma"
    assert lost_reasons(store, 10) == [("price", 1)]
    store.owner = "raj"
    assert lost_reasons(store, 10) == [("timing", 2)]
    store.owner = None
    assert lost_reasons(store, 10) == [("timing", 2), ("price", 1)]
    assert reason_counts(store.db, "emma") == (ReasonCount("price", 1),)


def test_stats_count_lost_reasons_team_wide(store: LeadStore) -> None:
    _lose(store, "price", owner="emma")
    _lose(store, "PRICE", owner="raj")
    _lose(store, "[b]x", owner="raj")
    store.owner = "emma"  # the stats are the team's either way
    stats = store.stats(NOW, "UTC", 4)
    assert stats.lost_reasons == (ReasonCount("PRICE", 2), ReasonCount("[b]x", 1))
    assert stats.overall.lost == 3


def test_merge_and_top_reasons_by_hand() -> None:
    merged = merge_reasons([("Ça va", 1), ("ça va", 2), ("ÇA VA", 2), ("b", 5), ("", 9)])
    # One reason in three spellings; a tie on count goes alphabetically, as on spelling.
    assert merged == (ReasonCount("b", 5), ReasonCount("ÇA VA", 5))
    reasons = [ReasonCount(f"r{n}", 10 - n) for n in range(10)]
    shown, others = top_reasons(reasons)
    assert [r.reason for r in shown] == [f"r{n}" for n in range(8)]
    assert others == 2 + 1
    assert top_reasons(reasons[:3]) == (tuple(reasons[:3]), 0)
