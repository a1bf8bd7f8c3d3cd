"""What a rep fills in to log a touch, whichever screen or command it came from."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime

from leadboard.domain.model import Channel, Direction, Outcome


@dataclass(frozen=True)
class ContactEntry:
    """A touch to log; the rules decide the rest (next due, sequence step, status)."""

    channel: Channel
    direction: Direction
    outcome: Outcome
    note: str = ""
    next_step: str | None = None
    """The new next step, or None when the rep left the lead's one as it was."""
    typed_due: DateTime | None = None
    """A date the rep chose (UTC), or None to let the rules decide."""
    promise: bool = False
    at: DateTime | None = None
    """When the touch happened; None for now."""
