"""A follow-up session: the queue of due leads, one at a time, and the tally of what was done."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from pendulum import DateTime

from leadboard.domain.model import Channel, Outcome

QUICK_OUTCOMES: tuple[tuple[str, Outcome], ...] = (
    ("1", Outcome.NO_ANSWER),
    ("2", Outcome.LEFT_MESSAGE),
    ("3", Outcome.TALKED),
    ("4", Outcome.MEETING_BOOKED),
    ("5", Outcome.OBJECTION),
    ("6", Outcome.NOT_INTERESTED),
)
"""One key per common outcome: logs a contact on the session's channel and moves on."""

SESSION_CHANNELS: tuple[Channel | None, ...] = (
    None,
    Channel.CALL,
    Channel.EMAIL,
    Channel.TEXT,
    Channel.VIDEO,
    Channel.MEETING,
    Channel.SOCIAL,
    Channel.POSTCARD,
    Channel.OTHER,
)
"""What the channel key cycles through; None is each lead's preferred channel.

Voicemail is left out: a message left on a call is filed as voicemail by itself.
"""


def next_session_channel(current: Channel | None) -> Channel | None:
    """The channel after `current` in the cycle (back to 'preferred' after the last)."""
    index = SESSION_CHANNELS.index(current) if current in SESSION_CHANNELS else 0
    return SESSION_CHANNELS[(index + 1) % len(SESSION_CHANNELS)]


def quick_channel(chosen: Channel | None, preferred: Channel | None, outcome: Outcome) -> Channel:
    """The channel a one-key outcome is filed under.

    The session's channel when the rep chose one, else the lead's preferred one, else a
    call; a message left on a call is a voicemail, so "reply rate by channel" sees it there.
    """
    channel = chosen or preferred or Channel.CALL
    if channel is Channel.CALL and outcome is Outcome.LEFT_MESSAGE:
        return Channel.VOICEMAIL
    return channel


SNOOZE_DAYS: tuple[int, ...] = (1, 3, 7)
"""Snooze choices: a day, three days, a week."""


class Mark(StrEnum):
    """What happened to a lead in the session (the last thing counts)."""

    LOGGED = "logged"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    WON = "won"
    LOST = "lost"
    INACTIVE = "inactive"


@dataclass
class SessionTally:
    """What the rep did in one session, kept as they go; the summary reads it."""

    started_at: DateTime
    queued: int
    marks: dict[int, Mark] = field(default_factory=dict)
    moved: set[int] = field(default_factory=set)
    contacts: Counter[tuple[Channel, Outcome]] = field(default_factory=Counter)

    def mark(self, lead_id: int, mark: Mark) -> None:
        """Record what was done with a lead (won/lost override a logged contact)."""
        self.marks[lead_id] = mark

    def logged(self, lead_id: int, channel: Channel, outcome: Outcome) -> None:
        """Record a contact logged in the session."""
        self.contacts[(channel, outcome)] += 1
        if self.marks.get(lead_id) not in (Mark.WON, Mark.LOST):
            self.marks[lead_id] = Mark.LOGGED

    def unlogged(self, channel: Channel, outcome: Outcome) -> None:
        """Forget a contact that was undone."""
        if self.contacts[(channel, outcome)] > 0:
            self.contacts[(channel, outcome)] -= 1

    def count(self, mark: Mark) -> int:
        """How many leads ended the session with this mark."""
        return sum(1 for value in self.marks.values() if value is mark)

    @property
    def worked(self) -> int:
        """Leads that got a contact, a move or a status (not only skipped or snoozed)."""
        touched = {
            lead_id
            for lead_id, value in self.marks.items()
            if value not in (Mark.SKIPPED, Mark.SNOOZED)
        }
        return len(touched | self.moved)

    def minutes(self, now: DateTime) -> int:
        """Whole minutes since the session started."""
        return max(0, int((now - self.started_at).total_seconds() // 60))


@dataclass
class SessionQueue:
    """Lead ids in urgency order and where the rep is; going back is allowed."""

    lead_ids: list[int]
    position: int = 0

    @property
    def current(self) -> int | None:
        """The lead on screen, or None when the queue is done."""
        return self.lead_ids[self.position] if self.position < len(self.lead_ids) else None

    @property
    def done(self) -> bool:
        """True when every lead has been seen."""
        return self.position >= len(self.lead_ids)

    def advance(self) -> int | None:
        """Move to the next lead; return it (None at the end)."""
        self.position = min(self.position + 1, len(self.lead_ids))
        return self.current

    def go_to(self, lead_id: int) -> bool:
        """Put the queue back on a lead it holds (after an undo); False when it is not queued."""
        if lead_id not in self.lead_ids:
            return False
        self.position = self.lead_ids.index(lead_id)
        return True

    def back(self) -> int | None:
        """Move to the previous lead (stays on the first)."""
        self.position = max(self.position - 1, 0)
        return self.current

    @property
    def progress(self) -> tuple[int, int]:
        """(leads seen, leads queued) for the progress bar."""
        return min(self.position, len(self.lead_ids)), len(self.lead_ids)
