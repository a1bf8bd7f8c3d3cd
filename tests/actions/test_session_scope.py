"""A session of the right size: the scope narrows the queue, the summary counts what was left."""

from __future__ import annotations

import pytest

from leadboard.actions.session import SessionFlow
from leadboard.config import Config
from leadboard.domain.model import TEMPERATURES, Lead, LeadDraft, Outcome, Temperature
from leadboard.domain.session_scope import SessionScope
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

COLD, COOL, WARM, HOT = TEMPERATURES


@pytest.fixture
def leads(store: LeadStore) -> dict[str, Lead]:
    """Due now: three hot, two warm, one cool, one cold; one hot lead due next week."""
    made: dict[str, Lead] = {}
    for name, temperature in [
        ("hot 1", HOT),
        ("hot 2", HOT),
        ("hot 3", HOT),
        ("warm 1", WARM),
        ("warm 2", WARM),
        ("cool 1", COOL),
        ("cold 1", COLD),
    ]:
        made[name] = store.add(LeadDraft(name=name, temperature=temperature), NOW)
    later = store.add(LeadDraft(name="hot later", temperature=HOT), NOW)
    assert later.id is not None
    store.snooze(later.id, NOW.add(days=9), NOW)
    return made


def start(store: LeadStore, scope: SessionScope | None = None) -> SessionFlow:
    """A session over the store at the fixed clock."""
    return SessionFlow.start(store, Config(), lambda: NOW, scope=scope)


def names(store: LeadStore, flow: SessionFlow) -> list[str]:
    """The queued leads' names, in queue order."""
    return [store.get(lead_id).name for lead_id in flow.queue.lead_ids]


def test_the_scope_narrows_the_queue(store: LeadStore, leads: dict[str, Lead]) -> None:
    assert names(store, start(store)) == [
        "hot 1", "hot 2", "hot 3", "warm 1", "warm 2", "cool 1", "cold 1"
    ]  # fmt: skip
    assert names(store, start(store, SessionScope(HOT))) == ["hot 1", "hot 2", "hot 3"]
    hot_and_warm = start(store, SessionScope(WARM))
    assert names(store, hot_and_warm) == ["hot 1", "hot 2", "hot 3", "warm 1", "warm 2"]
    assert hot_and_warm.tally.queued == 5
    assert names(store, start(store, SessionScope(limit=4))) == [
        "hot 1",
        "hot 2",
        "hot 3",
        "warm 1",
    ]


def test_what_a_hot_session_left_is_every_other_due_lead(
    store: LeadStore, leads: dict[str, Lead]
) -> None:
    flow = start(store, SessionScope(HOT))
    while (lead := flow.current_lead()) is not None:
        flow.quick(lead, Outcome.NO_ANSWER)  # hot cadence: due again tomorrow
        flow.queue.advance()
    summary = flow.finish()
    assert summary.left == {HOT: 0, WARM: 2, COOL: 1, COLD: 1}


def test_skipped_and_unreached_leads_are_left_but_worked_ones_are_not(
    store: LeadStore, leads: dict[str, Lead]
) -> None:
    flow = start(store, SessionScope(limit=3))
    first = flow.current_lead()
    assert first is not None and first.name == "hot 1"
    flow.skip(first)  # still due: left for next time
    flow.queue.advance()
    second = flow.current_lead()
    assert second is not None and second.name == "hot 2"
    flow.quick(second, Outcome.TALKED)
    flow.queue.advance()
    # "hot 3" never reached; the limit left warm, cool and cold out.
    summary = flow.finish()
    assert summary.left == {HOT: 2, WARM: 2, COOL: 1, COLD: 1}
    assert summary.queued == 3


def test_a_worked_lead_still_due_is_not_left(store: LeadStore, leads: dict[str, Lead]) -> None:
    # Moved colder with no contact yet: still due (now warm), but the session worked it.
    flow = start(store, SessionScope(HOT, limit=1))
    lead = flow.current_lead()
    assert lead is not None and lead.id is not None
    assert flow.move(lead, -1)
    assert store.get(lead.id).temperature is WARM
    assert store.get(lead.id).next_due is not None
    summary = flow.finish()
    assert summary.left == {HOT: 2, WARM: 2, COOL: 1, COLD: 1}


def test_a_week_session_leaves_what_is_due_this_week(
    store: LeadStore, leads: dict[str, Lead]
) -> None:
    thursday = store.add(LeadDraft(name="warm thursday", temperature=WARM), NOW)
    assert thursday.id is not None and NOW.isoweekday() == 1
    store.snooze(thursday.id, NOW.add(days=3), NOW)
    today = start(store, SessionScope(COOL)).finish()
    assert today.left == {HOT: 3, WARM: 2, COOL: 1, COLD: 1}
    week = SessionFlow.start(store, Config(), lambda: NOW, week=True, scope=SessionScope(COOL))
    assert "warm thursday" in names(store, week)
    # Ended at once: all of it is left, Thursday's lead too; next week's lead is not.
    assert week.finish().left == {HOT: 3, WARM: 3, COOL: 1, COLD: 1}


def test_a_flow_built_by_hand_says_nothing_was_left(
    store: LeadStore, leads: dict[str, Lead]
) -> None:
    ids = [lead.id for lead in leads.values() if lead.id is not None]
    summary = SessionFlow(store, Config(), lambda: NOW, ids).finish()
    assert summary.left == {}


def test_a_scope_refuses_a_limit_below_one() -> None:
    with pytest.raises(ValueError, match="at least one lead"):
        SessionScope(limit=0)
    assert SessionScope(Temperature.HOT, 1).limit == 1
