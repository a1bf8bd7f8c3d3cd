"""A session's queue narrowed to its scope, and what it left due, on both engines."""

from __future__ import annotations

from typing import Any

import pytest

from leadboard.actions.demo import fill_demo
from leadboard.domain.followup import Policy, end_of_local_day, urgency_key
from leadboard.domain.model import TEMPERATURES, LeadDraft, Status
from leadboard.domain.session_scope import SessionScope
from leadboard.store.due_queue import IDS_PER_QUERY, due_queue, left_due
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.store.test_store import query_plans

COLD, COOL, WARM, HOT = TEMPERATURES
HORIZON = end_of_local_day(NOW, "UTC")


def brute_queue(store: LeadStore, scope: SessionScope) -> list[int]:
    """The scope's queue the slow way: every active lead, the domain's urgency order."""
    leads = [
        lead
        for lead in store.find(status=Status.ACTIVE)
        if lead.next_due is not None
        and lead.next_due <= HORIZON
        and lead.temperature in scope.temperatures
    ]
    ids = [lead.id for lead in sorted(leads, key=urgency_key) if lead.id is not None]
    return ids if scope.limit is None else ids[: scope.limit]


@pytest.mark.parametrize(
    "scope",
    [
        SessionScope(),
        SessionScope(HOT),
        SessionScope(WARM),
        SessionScope(COOL),
        SessionScope(limit=1),
        SessionScope(limit=7),
        SessionScope(WARM, limit=5),
        SessionScope(limit=100_000),
    ],
    ids=lambda scope: scope.words(),
)
def test_the_queue_is_the_scope_of_the_due_leads_in_urgency_order(
    store: LeadStore, scope: SessionScope
) -> None:
    fill_demo(store, 300, NOW)
    expected = brute_queue(store, scope)
    assert expected, "the demo left nothing due in this scope"
    assert due_queue(store, HORIZON, scope) == expected
    if scope.everything:
        assert due_queue(store, HORIZON, scope) == store.due_ids(HORIZON)


def test_a_limit_runs_on_into_colder_columns(store: LeadStore) -> None:
    hot = [store.add(LeadDraft(name=f"hot {i}", temperature=HOT), NOW) for i in range(3)]
    warm = [store.add(LeadDraft(name=f"warm {i}", temperature=WARM), NOW) for i in range(3)]
    store.add(LeadDraft(name="cold", temperature=COLD), NOW)
    queue = due_queue(store, HORIZON, SessionScope(limit=5))
    assert queue == [lead.id for lead in hot] + [lead.id for lead in warm[:2]]
    assert due_queue(store, HORIZON, SessionScope(HOT, limit=5)) == [lead.id for lead in hot]


def test_the_queue_keeps_to_the_owner_of_the_store(store: LeadStore) -> None:
    emma = LeadStore(store.db, Policy(), owner="emma", me="emma")
    mine = emma.add(LeadDraft(name="Emma's", temperature=HOT), NOW)
    store.add(LeadDraft(name="Someone else's", temperature=HOT, owner="noah"), NOW)
    assert due_queue(emma, HORIZON, SessionScope(HOT)) == [mine.id]
    assert len(due_queue(store, HORIZON, SessionScope(HOT))) == 2
    assert left_due(emma, HORIZON, [])[HOT] == 1


def test_left_due_is_the_due_count_less_the_worked_leads_still_due(store: LeadStore) -> None:
    fill_demo(store, 300, NOW)
    due = store.count_due(HORIZON)
    assert left_due(store, HORIZON, []) == due
    queue = due_queue(store, HORIZON, SessionScope())
    worked = set(queue[:10])
    by_temperature = {t: 0 for t in TEMPERATURES}
    for lead_id in worked:
        by_temperature[store.get(lead_id).temperature] += 1
    assert left_due(store, HORIZON, worked) == {t: due[t] - by_temperature[t] for t in TEMPERATURES}
    # A worked lead no longer due (snoozed past the horizon) is not subtracted twice.
    first = store.get(queue[0])
    assert first.id is not None
    store.snooze(first.id, NOW.add(days=3), NOW)
    after = left_due(store, HORIZON, worked)
    assert after == {t: due[t] - by_temperature[t] for t in TEMPERATURES}
    assert sum(store.count_due(HORIZON).values()) == sum(due.values()) - 1


def test_left_due_reads_a_long_list_of_worked_leads_in_parts(store: LeadStore) -> None:
    fill_demo(store, 1_200, NOW)
    queue = due_queue(store, HORIZON, SessionScope())
    worked = list(range(1, 1_300))  # every lead, a few missing ids too
    assert len(worked) > IDS_PER_QUERY * 2
    assert queue, "the demo left nothing due"
    assert left_due(store, HORIZON, worked) == dict.fromkeys(TEMPERATURES, 0)


@pytest.mark.sqlite_only("SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize(
    "read",
    [
        lambda s: due_queue(s, HORIZON, SessionScope(WARM, limit=20)),
        lambda s: due_queue(s, HORIZON, SessionScope()),
        lambda s: left_due(s, HORIZON, [1, 2, 3]),
    ],
    ids=["limited", "all", "left"],
)
def test_the_queue_reads_ranges_of_the_board_index(
    store: LeadStore, monkeypatch: pytest.MonkeyPatch, read: Any
) -> None:
    # What keeps it fast at a million leads: no scan, no sort, and the worked leads read
    # by id, never by walking the board index past every active lead ("(status=?)").
    fill_demo(store, 300, NOW)
    store.db.execute_sql("ANALYZE")
    plans = query_plans(store, monkeypatch, lambda: read(store))
    for plan in plans:
        assert not any(step.strip().startswith("SCAN") for step in plan.split("|")), plan
        assert "TEMP B-TREE" not in plan, plan
        assert "(status=?)" not in plan, plan
        assert "lead_board" in plan or "PRIMARY KEY" in plan, plan
