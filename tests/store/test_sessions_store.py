"""Sessions in the store, the due queue's ids and snoozing."""

from __future__ import annotations

import pytest

from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.domain.session import Mark, SessionTally
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from leadboard.store.sessions import SessionStore
from leadboard.store.stats import load_stats
from tests.conftest import NOW


def test_due_ids_in_urgency_order(store: LeadStore) -> None:
    cold = store.add(LeadDraft("Cold", temperature=Temperature.COLD), NOW.subtract(days=9))
    hot_late = store.add(LeadDraft("Hot late", temperature=Temperature.HOT), NOW.subtract(hours=1))
    hot_early = store.add(LeadDraft("Hot early", temperature=Temperature.HOT), NOW.subtract(days=2))
    store.add(LeadDraft("Tomorrow", temperature=Temperature.HOT, next_due=NOW.add(days=1)), NOW)
    assert store.due_ids(NOW) == [hot_early.id, hot_late.id, cold.id]
    assert len(store.due_ids(NOW.add(days=2))) == 4


def test_snooze_moves_due_and_clears_promise(store: LeadStore) -> None:
    lead = store.add(LeadDraft("Sam", next_due=NOW, promised=True), NOW)
    assert lead.id is not None and lead.promised
    snoozed = store.snooze(lead.id, NOW.add(days=3), NOW)
    assert snoozed.next_due == NOW.add(days=3) and not snoozed.promised
    assert store.get(lead.id) == snoozed
    store.set_status(lead.id, Status.WON, NOW)
    with pytest.raises(StoreError):
        store.snooze(lead.id, NOW.add(days=1), NOW)


def test_session_rows_contacts_and_streak(store: LeadStore) -> None:
    sessions = SessionStore(store.db)
    lead = store.add(LeadDraft("Sam"), NOW)
    assert lead.id is not None
    last_week = sessions.start(NOW.subtract(weeks=1), queued=1)
    worked_last_week = SessionTally(NOW.subtract(weeks=1), 1)
    worked_last_week.mark(lead.id, Mark.WON)
    sessions.finish(last_week, worked_last_week, NOW.subtract(weeks=1))
    session_id = sessions.start(NOW, queued=3)
    store.log_contact(
        lead.id, channel=Channel.TEXT, outcome=Outcome.TALKED, now=NOW, session_id=session_id
    )
    store.log_contact(lead.id, channel=Channel.TEXT, outcome=Outcome.TALKED, now=NOW)
    assert sessions.contacts_logged(session_id) == {(Channel.TEXT, Outcome.TALKED): 1}
    tally = SessionTally(NOW, 3)
    tally.logged(lead.id, Channel.TEXT, Outcome.TALKED)
    tally.mark(99, Mark.SKIPPED)
    sessions.finish(session_id, tally, NOW.add(minutes=30))
    row = store.db.execute_sql(
        "SELECT queued, worked, skipped, ended_at FROM followup_session WHERE id = ?",
        (session_id,),
    ).fetchone()
    assert row == (3, 1, 1, "2026-11-23T09:30:00Z")
    assert sessions.streak(NOW, "UTC") == (2, 2)


def test_last_moved_is_the_latest_temperature_change(store: LeadStore) -> None:
    lead = store.add(LeadDraft("Sam", temperature=Temperature.WARM), NOW)
    assert lead.id is not None
    assert store.last_moved(lead.id) is None  # created at a temperature, never moved
    store.move(lead.id, Temperature.COOL, NOW.add(hours=1))
    store.move(lead.id, Temperature.COLD, NOW.add(hours=3))
    assert store.last_moved(lead.id) == NOW.add(hours=3)


def test_an_empty_session_is_no_part_of_the_streak(store: LeadStore) -> None:
    sessions = SessionStore(store.db)
    # Opened and closed, and one with only a skip and a snooze: nothing done in either.
    empty = sessions.start(NOW.subtract(weeks=1), queued=4)
    sessions.finish(empty, SessionTally(NOW.subtract(weeks=1), 4), NOW.subtract(weeks=1))
    idle = SessionTally(NOW, 4)
    idle.mark(1, Mark.SKIPPED)
    idle.mark(2, Mark.SNOOZED)
    sessions.finish(sessions.start(NOW, queued=4), idle, NOW.add(minutes=5))
    assert sessions.streak(NOW, "UTC") == (0, 0)
    # The stats read the same rule.
    assert load_stats(store.db, NOW, "UTC").sessions.streak_weeks == 0
    worked = SessionTally(NOW, 4)
    worked.logged(3, Channel.CALL, Outcome.NO_ANSWER)
    sessions.finish(sessions.start(NOW, queued=4), worked, NOW.add(minutes=9))
    assert sessions.streak(NOW, "UTC") == (1, 1)
    assert load_stats(store.db, NOW, "UTC").sessions.streak_weeks == 1
