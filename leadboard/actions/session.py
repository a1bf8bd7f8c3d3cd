"""SessionFlow: what a follow-up session does to leads, its tally and undo, apart from screens."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pendulum import DateTime

from leadboard.actions.contacts import ContactEntry
from leadboard.actions.leads import LeadActions
from leadboard.config import Config
from leadboard.domain.followup import Policy, end_of_local_day
from leadboard.domain.hints import Hint
from leadboard.domain.model import Channel, Direction, Lead, Outcome, Status, Temperature
from leadboard.domain.session import (
    Mark,
    SessionQueue,
    SessionTally,
    next_session_channel,
    quick_channel,
)
from leadboard.domain.session_scope import SessionScope
from leadboard.store.due_queue import due_queue, left_due
from leadboard.store.errors import LeadNotFound
from leadboard.store.leads import LeadStore


@dataclass(frozen=True)
class SessionSummary:
    """The end-of-session report; contact counts come from the database, not from memory."""

    queued: int
    seen: int
    worked: int
    moved: int
    won: int
    lost: int
    snoozed: int
    skipped: int
    minutes: int
    contacts: Counter[tuple[Channel, Outcome]]
    still_overdue: int
    streak_weeks: int
    sessions_total: int
    counts_for_streak: bool
    """False for an empty session (nothing logged, moved or marked): the streak ignores it."""
    left: dict[Temperature, int] = field(default_factory=dict)
    """Due leads per column the session did not work: skipped, not reached, or out of scope."""


@dataclass(frozen=True)
class Undone:
    """What an undo in the session said, and the lead it went back to (None: nothing undone)."""

    message: str
    lead_id: int | None = None


def queue_horizon(now: DateTime, tz: str, week: bool) -> DateTime:
    """The end of today, or of this week (Sunday) when the rep asks for the week."""
    end = end_of_local_day(now, tz)
    if week:
        end = end.in_tz(tz).add(days=7 - now.in_tz(tz).isoweekday()).in_tz("UTC")
    return end


_MARKS = {Status.WON: Mark.WON, Status.LOST: Mark.LOST, Status.INACTIVE: Mark.INACTIVE}


class SessionFlow:
    """Runs one session over the store: logs, moves, snoozes, skips, undo, and the tally."""

    def __init__(
        self,
        store: LeadStore,
        config: Config,
        clock: Callable[[], DateTime],
        lead_ids: list[int],
        horizon: DateTime | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.actions = LeadActions(store, clock)
        self.sessions = store.sessions()
        self.queue = SessionQueue(lead_ids)
        self.horizon = horizon
        """The due moment the queue was read up to; what is due by then at the end was left."""
        self.tally = SessionTally(started_at=clock(), queued=len(lead_ids))
        self.session_id = self.sessions.start(self.tally.started_at, len(lead_ids))
        self._contact_keys: dict[int, tuple[Channel, Outcome]] = {}
        self.finished: SessionSummary | None = None
        self.channel: Channel | None = None
        """The channel the one-key outcomes log on; None for each lead's preferred one."""

    @classmethod
    def start(
        cls,
        store: LeadStore,
        config: Config,
        clock: Callable[[], DateTime],
        *,
        week: bool = False,
        scope: SessionScope | None = None,
    ) -> SessionFlow:
        """A session over the overdue and due-today leads (or due this week) in scope, hot first."""
        horizon = queue_horizon(clock(), config.timezone, week)
        queue = due_queue(store, horizon, scope or SessionScope())
        return cls(store, config, clock, queue, horizon)

    @property
    def policy(self) -> Policy:
        """The follow-up rules in force."""
        return self.config.policy

    @property
    def tz(self) -> str:
        """The rep's time zone."""
        return self.config.timezone

    def current_lead(self) -> Lead | None:
        """The lead at the queue's position, skipping leads that vanished or left the board."""
        while (lead_id := self.queue.current) is not None:
            try:
                lead = self.store.get(lead_id)
            except LeadNotFound:
                lead = None
            # Won, lost or made inactive (here or in another leadboard): nothing left to do.
            if lead is not None and lead.status is Status.ACTIVE:
                return lead
            self.queue.advance()
        return None

    def back(self) -> None:
        """Back to the previous lead still on the board (closed ones are passed over)."""
        while self.queue.position > 0:
            self.queue.back()
            lead_id = self.queue.current
            try:
                if lead_id is not None and self.store.get(lead_id).status is Status.ACTIVE:
                    return
            except LeadNotFound:
                continue

    # -- what the keys do ------------------------------------------------------

    def cycle_channel(self) -> Channel | None:
        """Switch the one-key outcomes to the next channel; None is back to 'preferred'."""
        self.channel = next_session_channel(self.channel)
        return self.channel

    def channel_for(self, lead: Lead, outcome: Outcome) -> Channel:
        """The channel a one-key outcome on this lead is filed under."""
        return quick_channel(self.channel, lead.preferred_channel, outcome)

    def quick(
        self,
        lead: Lead,
        outcome: Outcome,
        *,
        note: str = "",
        next_step: str | None = None,
        meeting_at: DateTime | None = None,
    ) -> Lead:
        """Log a one-key outcome; a meeting's date becomes the promised next due."""
        entry = ContactEntry(
            self.channel_for(lead, outcome),
            Direction.OUT,
            outcome,
            note,
            next_step,
            typed_due=meeting_at,
            promise=meeting_at is not None,
        )
        return self.log_entry(lead, entry)

    def log_entry(self, lead: Lead, entry: ContactEntry) -> Lead:
        """Log a contact in this session; a StoreError passes through with nothing written."""
        after, contact = self.actions.log(lead, entry, self.session_id)
        assert lead.id is not None and contact.id is not None
        self._contact_keys[contact.id] = (entry.channel, entry.outcome)
        self.tally.logged(lead.id, entry.channel, entry.outcome)
        if after.status in (Status.WON, Status.LOST):
            self.tally.mark(lead.id, _MARKS[after.status])
        return after

    def hint(self, lead: Lead) -> Hint | None:
        """The drift hint or inactive proposal to show for a lead."""
        return self.actions.hint(lead)

    def snooze(self, lead: Lead, days: int) -> None:
        """Put the lead off by whole days (local calendar days)."""
        self.actions.snooze(lead, days, self.tz)
        assert lead.id is not None
        self.tally.mark(lead.id, Mark.SNOOZED)

    def skip(self, lead: Lead) -> None:
        """Leave the lead as it is for now."""
        assert lead.id is not None
        if lead.id not in self.tally.marks:
            self.tally.mark(lead.id, Mark.SKIPPED)

    def move(self, lead: Lead, step: int) -> bool:
        """Move one temperature hotter (1) or colder (-1); False at the ends."""
        if self.actions.shift(lead, step) is None:
            return False
        assert lead.id is not None
        self.tally.moved.add(lead.id)
        return True

    def won(self, lead: Lead) -> None:
        """Mark won."""
        self._status(lead, Status.WON, "")

    def lost(self, lead: Lead, reason: str) -> None:
        """Mark lost with a reason."""
        self._status(lead, Status.LOST, reason)

    def inactive(self, lead: Lead) -> None:
        """Mark inactive: the sequence ran out."""
        self._status(lead, Status.INACTIVE, "")

    def _status(self, lead: Lead, status: Status, reason: str) -> None:
        self.actions.set_status(lead, status, reason)
        assert lead.id is not None
        self.tally.mark(lead.id, _MARKS[status])

    def accept_hint(self, lead: Lead, hint: Hint) -> None:
        """Do what the hint suggests: move to its temperature, or mark inactive."""
        if hint.target is None:
            self.inactive(lead)
        else:
            self.move(lead, 1 if hint.target.rank > lead.temperature.rank else -1)

    def undo(self) -> Undone:
        """Undo the last change of this session and go back to its lead; say what was undone."""
        change = self.actions.undo()
        if change is None:
            return Undone("Nothing to undo in this session")
        if change.contact_id is not None and change.contact_id in self._contact_keys:
            self.tally.unlogged(*self._contact_keys.pop(change.contact_id))
        self.tally.marks.pop(change.lead_id, None)
        self.tally.moved.discard(change.lead_id)
        self.queue.go_to(change.lead_id)
        return Undone(f"Undid: {change.description}", change.lead_id)

    def finish(self) -> SessionSummary:
        """Store the session's end and build its summary (once)."""
        if self.finished is not None:
            return self.finished
        now = self.clock()
        self.sessions.finish(self.session_id, self.tally, now)
        streak, total = self.sessions.streak(now, self.tz)
        seen, _ = self.queue.progress
        self.finished = SessionSummary(
            queued=self.tally.queued,
            seen=seen,
            worked=self.tally.worked,
            moved=len(self.tally.moved),
            won=self.tally.count(Mark.WON),
            lost=self.tally.count(Mark.LOST),
            snoozed=self.tally.count(Mark.SNOOZED),
            skipped=self.tally.count(Mark.SKIPPED),
            minutes=self.tally.minutes(now),
            contacts=self.sessions.contacts_logged(self.session_id),
            still_overdue=sum(self.store.count_overdue(now).values()),
            streak_weeks=streak,
            sessions_total=total,
            counts_for_streak=self.tally.worked > 0,
            left=self._left(),
        )
        return self.finished

    def _left(self) -> dict[Temperature, int]:
        """Due leads the session did not work, by column (none counted without a horizon)."""
        if self.horizon is None:
            return {}
        # Skipped leads are still due: they are left, as are the ones the queue never held.
        worked = {lead_id for lead_id, mark in self.tally.marks.items() if mark is not Mark.SKIPPED}
        return left_due(self.store, self.horizon, worked | self.tally.moved)
