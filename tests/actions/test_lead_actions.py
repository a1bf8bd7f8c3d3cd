"""LeadActions on a real SQLite store: each change lands once, and undo puts the lead back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from leadboard.actions.contacts import ContactEntry
from leadboard.actions.leads import LeadActions
from leadboard.domain.hints import Hint
from leadboard.domain.model import (
    Channel,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Status,
    Temperature,
)
from leadboard.store.errors import LeadNotFound
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def same_lead(stored: Lead, expected: Lead | None) -> bool:
    """The lead as expected, but for its version: undo saves a new one, never an old number."""
    assert expected is not None
    return (
        replace(stored, version=expected.version) == expected and stored.version > expected.version
    )


NO_ANSWER = ContactEntry(Channel.CALL, Direction.OUT, Outcome.NO_ANSWER)


@pytest.fixture
def actions(store: LeadStore) -> LeadActions:
    """Actions over the test store with the fixed clock."""
    return LeadActions(store, lambda: NOW)


def test_shift_moves_one_step_and_stops_at_the_ends(actions: LeadActions) -> None:
    lead = actions.add(LeadDraft(name="Ada", temperature=Temperature.WARM))
    hotter = actions.shift(lead, 1)
    assert hotter is not None and hotter.temperature is Temperature.HOT
    assert actions.shift(hotter, 1) is None
    assert actions.store.get(hotter.id or 0).temperature is Temperature.HOT
    cold = actions.add(LeadDraft(name="Bo", temperature=Temperature.COLD))
    assert actions.shift(cold, -1) is None


def test_undo_walks_back_every_kind_of_change(actions: LeadActions) -> None:
    lead = actions.add(LeadDraft(name="Ada", temperature=Temperature.COOL))
    assert lead.id is not None
    moved = actions.move(lead, Temperature.WARM)
    logged, contact = actions.log(moved, NO_ANSWER)
    edited = actions.edit(logged, LeadDraft(name="Ada Lovelace", temperature=Temperature.WARM))
    snoozed = actions.snooze(edited, 3, "Europe/Paris")
    won = actions.set_status(snoozed, Status.WON)
    assert won.status is Status.WON
    assert len(actions.history) == 6

    descriptions = []
    while (change := actions.undo()) is not None:
        descriptions.append(change.description)
        if change.before is not None:
            assert same_lead(actions.store.get(lead.id), change.before)
    assert descriptions == [
        "mark Ada Lovelace won",
        "snooze Ada Lovelace 3d",
        "edit Ada",
        "log contact with Ada",
        "move Ada to warm",
        "add Ada",
    ]
    with pytest.raises(LeadNotFound):
        actions.store.get(lead.id)
    assert contact.id is not None


def test_log_then_undo_drops_the_contact(actions: LeadActions) -> None:
    lead = actions.add(LeadDraft(name="Ada"))
    assert lead.id is not None
    actions.log(lead, NO_ANSWER)
    assert len(actions.store.contacts(lead.id)) == 1
    actions.undo()
    assert actions.store.contacts(lead.id) == []
    assert same_lead(actions.store.get(lead.id), lead)


def test_snooze_counts_local_days(actions: LeadActions) -> None:
    lead = actions.add(LeadDraft(name="Ada"))
    after = actions.snooze(lead, 7, "America/New_York")
    assert after.next_due == NOW.in_tz("America/New_York").add(days=7).in_tz("UTC")
    assert after.promised is False


def test_three_unanswered_touches_offer_a_colder_column(actions: LeadActions) -> None:
    lead = actions.add(LeadDraft(name="Ada", temperature=Temperature.WARM))
    assert actions.hint(lead) is None
    for _ in range(3):
        lead, _contact = actions.log(lead, NO_ANSWER)
    hint = actions.hint(lead)
    assert hint is not None and hint.target is Temperature.COOL
    accepted = actions.accept_hint(lead, hint)
    assert accepted.temperature is Temperature.COOL
    # Touches before the move were acted on: no second suggestion.
    assert actions.hint(accepted) is None


def test_accepting_the_inactive_proposal_marks_inactive(actions: LeadActions) -> None:
    lead = actions.add(LeadDraft(name="Ada"))
    after = actions.accept_hint(lead, Hint("No reply after five touches"))
    assert after.status is Status.INACTIVE
    assert after.next_due is None
