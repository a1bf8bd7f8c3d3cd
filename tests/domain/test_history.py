"""Tests for domain.history: the lead's fields replayed from its remaining contacts."""

from __future__ import annotations

from dataclasses import replace

from leadboard.domain.followup import Policy, cadence_due
from leadboard.domain.history import recomputed, replay_start, replayed_step
from leadboard.domain.model import Channel, Contact, Direction, Lead, Outcome, Status, Temperature
from tests.conftest import NOW

POLICY = Policy()
LEAD = Lead(
    name="Jane",
    created_at=NOW.subtract(days=30),
    updated_at=NOW,
    id=1,
    temperature=Temperature.WARM,
    sequence_step=4,
    next_due=NOW.add(days=3),
)


def touch(days_ago: int, outcome: Outcome, contact_id: int, **fields: object) -> Contact:
    """A contact `days_ago` days before NOW."""
    return Contact(
        lead_id=1,
        at=NOW.subtract(days=days_ago),
        channel=Channel.CALL,
        outcome=outcome,
        id=contact_id,
        **fields,  # type: ignore[arg-type]
    )


def test_the_step_replays_from_one_oldest_first() -> None:
    contacts = [
        touch(1, Outcome.NO_ANSWER, 3),
        touch(9, Outcome.NO_ANSWER, 1),
        touch(5, Outcome.REPLIED, 2),
    ]
    # 9 days ago: 1 -> 2; 5 days ago a reply: 1; yesterday: 2.
    assert replayed_step(LEAD, contacts, POLICY) == 2
    assert replayed_step(LEAD, contacts[:2], POLICY) == 3
    assert replayed_step(LEAD, [], POLICY) == 1


def test_an_inbound_touch_resets_and_an_objection_jumps() -> None:
    inbound = touch(2, Outcome.NO_ANSWER, 2, direction=Direction.IN)
    assert replayed_step(LEAD, [touch(3, Outcome.NO_ANSWER, 1), inbound], POLICY) == 1
    assert replayed_step(LEAD, [touch(3, Outcome.OBJECTION, 1)], POLICY) == (
        POLICY.sequence.objection_step
    )


def test_a_revived_lead_replays_only_contacts_after_its_close() -> None:
    revived = replace(LEAD, inactive_at=NOW.subtract(days=4))
    contacts = [touch(9, Outcome.NO_ANSWER, 1), touch(8, Outcome.NO_ANSWER, 2)]
    assert replay_start(revived) == NOW.subtract(days=4)
    assert replayed_step(revived, contacts, POLICY) == 1
    assert replayed_step(revived, [*contacts, touch(1, Outcome.NO_ANSWER, 3)], POLICY) == 2
    # Closed now: its own close stamp is not a restart.
    closed = replace(revived, status=Status.INACTIVE)
    assert replay_start(closed) is None
    assert replayed_step(closed, contacts, POLICY) == 3


def test_last_contact_and_due_follow_the_newest_remaining_contact() -> None:
    older = touch(6, Outcome.NO_ANSWER, 1)
    after = recomputed(LEAD, [older], newest_changed=True, policy=POLICY)
    assert after.last_contact == older.at
    assert after.next_due == cadence_due(older.at, Temperature.WARM, POLICY)
    assert not after.promised
    assert after.sequence_step == 2


def test_an_older_contact_changed_keeps_the_due() -> None:
    after = recomputed(LEAD, [touch(1, Outcome.NO_ANSWER, 2)], newest_changed=False, policy=POLICY)
    assert after.next_due == LEAD.next_due
    assert after.last_contact == NOW.subtract(days=1)


def test_a_promise_still_ahead_stands() -> None:
    promised = replace(LEAD, promised=True)
    after = recomputed(promised, [touch(6, Outcome.TALKED, 1)], newest_changed=True, policy=POLICY)
    assert (after.next_due, after.promised) == (LEAD.next_due, True)


def test_no_contact_left_is_due_as_a_new_lead() -> None:
    after = recomputed(LEAD, [], newest_changed=True, policy=POLICY)
    assert (after.last_contact, after.next_due, after.sequence_step) == (
        None,
        LEAD.created_at,
        1,
    )


def test_a_closed_lead_stays_never_due() -> None:
    won = replace(LEAD, status=Status.WON, next_due=None, won_at=NOW)
    after = recomputed(won, [touch(6, Outcome.TALKED, 1)], newest_changed=True, policy=POLICY)
    assert after.next_due is None
