"""Drift hints: suggestions to move a lead colder or hotter, never moves by themselves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.domain.followup import is_reply, is_unanswered, proposes_inactive
from leadboard.domain.model import Contact, Direction, Lead, Outcome, Status, Temperature
from leadboard.domain.sequence import DEFAULT_SEQUENCE, FollowUpSequence, touches

UNANSWERED_IN_A_ROW = 3
"""Touches without a reply, newest first, before leadboard suggests a colder column."""


@dataclass(frozen=True)
class Hint:
    """A suggestion the rep accepts with one key: move to `target`, or mark inactive."""

    message: str
    target: Temperature | None = None
    """The temperature to move to; None for the 'mark inactive' proposal."""

    @property
    def action(self) -> str:
        """What accepting it does, for the button: 'Move to warm' or 'Mark inactive'."""
        return f"Move to {self.target.value}" if self.target else "Mark inactive"


_REPLY_WORDS = {Outcome.TALKED: "You talked", Outcome.MEETING_BOOKED: "Meeting booked"}
"""How a hint opens after an answering outcome ('They meeting booked' read wrong)."""


def _what_happened(contact: Contact) -> str:
    """'They replied', 'You talked', 'Meeting booked'."""
    if contact.direction is Direction.IN:
        return "They replied"
    return _REPLY_WORDS.get(contact.outcome, "They replied")


def drift_hint(
    lead: Lead,
    recent: Sequence[Contact],
    moved_at: DateTime | None = None,
    sequence: FollowUpSequence = DEFAULT_SEQUENCE,
) -> Hint | None:
    """The hint for a lead given its contacts, newest first; None when nothing is suggested.

    Touches from before the lead's last move (`moved_at`) were already acted on:
    they never suggest another move.
    """
    if lead.status is not Status.ACTIVE:
        return None
    if moved_at is not None:
        recent = [contact for contact in recent if contact.at > moved_at]
    if recent:
        newest = recent[0]
        replied = is_reply(newest.direction, newest.outcome)
        hotter = lead.temperature.hotter()
        if replied and lead.temperature in (Temperature.COLD, Temperature.COOL) and hotter:
            return Hint(f"{_what_happened(newest)}: move them to {hotter.value}?", hotter)
    if proposes_inactive(lead, sequence):
        after = touches(len(sequence.steps))
        return Hint(f"No reply after {after}: mark inactive? (kept at the ready)")
    latest = recent[:UNANSWERED_IN_A_ROW]
    colder = lead.temperature.colder()
    if (
        colder is not None
        and len(latest) == UNANSWERED_IN_A_ROW
        and all(is_unanswered(c.direction, c.outcome) for c in latest)
    ):
        return Hint(
            f"No reply to the last {UNANSWERED_IN_A_ROW} touches: move to {colder.value}?", colder
        )
    return None
