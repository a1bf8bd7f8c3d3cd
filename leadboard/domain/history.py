"""Editing the past: what a lead's history says once a contact is changed or deleted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.domain.followup import Policy, cadence_due, next_sequence_step
from leadboard.domain.model import Contact, Lead, Status


@dataclass(frozen=True)
class Recomputed:
    """The lead's fields that follow from its history."""

    last_contact: DateTime | None
    sequence_step: int
    next_due: DateTime | None
    promised: bool


def replay_start(lead: Lead) -> DateTime | None:
    """When the sequence last started over: after the newest close of a lead now active.

    Reviving sets step 1 without recording when, but leaves the close's stamp: contacts
    up to that stamp belong to the closed run and do not count. A closed lead replays
    from the close before its current one (None: from its creation).
    """
    stamps = {Status.WON: lead.won_at, Status.LOST: lead.lost_at, Status.INACTIVE: lead.inactive_at}
    if lead.status is not Status.ACTIVE:
        stamps.pop(lead.status)
    present = [stamp for stamp in stamps.values() if stamp is not None]
    return max(present) if present else None


def replayed_step(lead: Lead, contacts: Sequence[Contact], policy: Policy) -> int:
    """The sequence step the contacts (any order) lead to, from step 1 since replay_start."""
    start = replay_start(lead)
    step = 1
    for contact in sorted(contacts, key=lambda each: (each.at, each.id or 0)):
        if start is None or contact.at > start:
            step = next_sequence_step(step, contact.direction, contact.outcome, policy.sequence)
    return step


def recomputed(
    lead: Lead, remaining: Sequence[Contact], newest_changed: bool, policy: Policy
) -> Recomputed:
    """The lead after a past contact was edited or deleted, by the rules of logging one.

    Last contact is the newest remaining contact; the step is replayed. The due date
    moves only when the newest contact changed (an older one never set it): a promise
    made after the new newest contact stands, else the cadence runs from it, and with
    no contact left the lead is due as a new lead (at its creation). A closed lead
    stays never due.
    """
    last = max((contact.at for contact in remaining), default=None)
    step = replayed_step(lead, remaining, policy)
    due, promised = lead.next_due, lead.promised
    if lead.status is not Status.ACTIVE:
        due, promised = None, False
    elif newest_changed:
        if lead.promised and lead.next_due is not None and (last is None or lead.next_due > last):
            due, promised = lead.next_due, True
        elif last is None:
            due, promised = lead.created_at, False
        else:
            due, promised = cadence_due(last, lead.temperature, policy), False
    return Recomputed(last, step, due, promised)
