"""The follow-up rules: cadence, next due, promises, moves, overdue, urgency and the sequence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from pendulum import DateTime

from leadboard.domain.dates import humanize_due
from leadboard.domain.model import Direction, Lead, Outcome, Status, Temperature
from leadboard.domain.sequence import DEFAULT_SEQUENCE, DEFAULT_STEPS, FollowUpSequence

DEFAULT_CADENCE: Mapping[Temperature, int] = MappingProxyType(
    {Temperature.COLD: 60, Temperature.COOL: 30, Temperature.WARM: 14, Temperature.HOT: 1}
)
"""Days between touches for each temperature (PRODUCT.md section 2)."""

SEQUENCE_STEPS: Mapping[int, str] = MappingProxyType(dict(enumerate(DEFAULT_STEPS, start=1)))
"""What each touch of the default five-step sequence calls for."""

SEQUENCE_DONE = DEFAULT_SEQUENCE.done
"""The step after the default sequence's fifth: it ran out with no reply."""

REPLY_OUTCOMES = frozenset({Outcome.REPLIED, Outcome.TALKED, Outcome.MEETING_BOOKED})
"""Outcomes that mean the lead answered: the sequence starts over."""

REFUSAL_OUTCOMES = frozenset({Outcome.NOT_INTERESTED, Outcome.LOST})
"""Outcomes that say no: never a reply, even when the lead wrote or rang to say it."""

UNANSWERED_OUTCOMES = frozenset({Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE})
"""Outcomes of a touch that got no reply: the sequence moves one step on."""


@dataclass(frozen=True)
class Policy:
    """How the rules are tuned: cadence per temperature, the user's zone, weekends, sequence."""

    cadence: Mapping[Temperature, int] = field(default_factory=lambda: DEFAULT_CADENCE)
    tz: str = "UTC"
    skip_weekends: bool = False
    sequence: FollowUpSequence = DEFAULT_SEQUENCE

    def cadence_days(self, temperature: Temperature) -> int:
        """Days between touches at this temperature."""
        return self.cadence.get(temperature, DEFAULT_CADENCE[temperature])


def skip_weekend(moment: DateTime, policy: Policy) -> DateTime:
    """Push a moment that falls on a local Saturday or Sunday to Monday, when the policy says so."""
    if not policy.skip_weekends:
        return moment
    local = moment.in_tz(policy.tz)
    weekday = local.isoweekday()  # 6 Saturday, 7 Sunday
    if weekday >= 6:
        # add(days=...) keeps the local wall-clock time across a DST change.
        local = local.add(days=8 - weekday)
    return local.in_tz("UTC")


def cadence_due(base: DateTime, temperature: Temperature, policy: Policy) -> DateTime:
    """The next touch after `base` at this temperature's cadence, in calendar days."""
    local = base.in_tz(policy.tz).add(days=policy.cadence_days(temperature))
    return skip_weekend(local, policy).in_tz("UTC")


def due_for_new_lead(now: DateTime) -> DateTime:
    """A new lead is due at once: the speed of the first reply matters most."""
    return now.in_tz("UTC")


@dataclass(frozen=True)
class ContactEffect:
    """What logging a contact changes on its lead."""

    next_due: DateTime | None
    promised: bool
    sequence_step: int
    status: Status
    last_contact: DateTime


def is_reply(direction: Direction, outcome: Outcome) -> bool:
    """A contact got a reply when the lead reached us (inbound) or answered (replied, talked, met).

    The one definition of a reply: the sequence starts over on it, a drift hint
    suggests a warmer column on it, and every reply rate counts it. A no ("not
    interested", lost) is none of those, inbound or not: counted as a reply it
    restarted the sequence and raised the reply rate of the channel that heard it.
    """
    if outcome in REFUSAL_OUTCOMES:
        return False
    return direction is Direction.IN or outcome in REPLY_OUTCOMES


def is_unanswered(direction: Direction, outcome: Outcome) -> bool:
    """A touch we made that got no reply (no answer, a message left)."""
    return direction is Direction.OUT and outcome in UNANSWERED_OUTCOMES


def next_sequence_step(
    step: int,
    direction: Direction,
    outcome: Outcome,
    sequence: FollowUpSequence = DEFAULT_SEQUENCE,
) -> int:
    """The step after a touch: a reply resets, an objection jumps to its step, silence advances."""
    # An objection calls for objection handling even when they raised it themselves.
    if outcome is Outcome.OBJECTION:
        return sequence.objection_step
    if is_reply(direction, outcome):
        return 1
    if outcome in UNANSWERED_OUTCOMES:
        return min(step + 1, sequence.done)
    return step


def effect_of_contact(
    lead: Lead,
    *,
    at: DateTime,
    direction: Direction,
    outcome: Outcome,
    policy: Policy,
    typed_due: DateTime | None = None,
    promise: bool = False,
) -> ContactEffect:
    """Apply the rules for a logged contact: next due, promise, sequence step and status."""
    last_contact = at if lead.last_contact is None else max(lead.last_contact, at)
    status = lead.status
    if outcome is Outcome.WON:
        status = Status.WON
    elif outcome is Outcome.LOST:
        status = Status.LOST
    if typed_due is not None:
        next_due: DateTime | None = typed_due.in_tz("UTC")
        promised = promise
    elif lead.promised and lead.next_due is not None and lead.next_due > at:
        # A date promised to the lead still stands: the cadence never moves a promise.
        next_due, promised = lead.next_due, True
    else:
        next_due, promised = cadence_due(last_contact, lead.temperature, policy), False
    if status is not Status.ACTIVE:
        next_due, promised = None, False
    step = next_sequence_step(lead.sequence_step, direction, outcome, policy.sequence)
    return ContactEffect(next_due, promised, step, status, last_contact)


def due_after_move(
    lead: Lead, new_temperature: Temperature, policy: Policy, now: DateTime
) -> DateTime | None:
    """The due date after a move: hotter pulls it in, colder pushes an unpromised date out."""
    if lead.promised or lead.status is not Status.ACTIVE:
        return lead.next_due
    current = lead.next_due if lead.next_due is not None else now.in_tz("UTC")
    if new_temperature.rank > lead.temperature.rank:
        return min(current, cadence_due(now, new_temperature, policy))
    if new_temperature.rank < lead.temperature.rank:
        base = lead.last_contact or lead.created_at
        return max(current, cadence_due(base, new_temperature, policy))
    return lead.next_due


def with_status(lead: Lead, status: Status, now: DateTime, reason: str = "") -> Lead:
    """The lead revived or closed as of `now`.

    Reviving makes it active at step 1 and due at once (due_for_new_lead), with no
    promise and no lost reason. Closing (won, lost with a reason, inactive) leaves it
    never due and unpromised, stamped with when it was closed.
    """
    now = now.in_tz("UTC")
    if status is Status.ACTIVE:
        return replace(
            lead,
            status=status,
            sequence_step=1,
            next_due=due_for_new_lead(now),
            promised=False,
            lost_reason="",
            updated_at=now,
        )
    return replace(
        lead,
        status=status,
        next_due=None,
        promised=False,
        updated_at=now,
        won_at=now if status is Status.WON else lead.won_at,
        lost_at=now if status is Status.LOST else lead.lost_at,
        inactive_at=now if status is Status.INACTIVE else lead.inactive_at,
        lost_reason=reason.strip() if status is Status.LOST else lead.lost_reason,
    )


def is_set_due_now(lead: Lead) -> bool:
    """True for a due set as "now" when the lead was added: due at its creation, never contacted.

    Derived, not stored: a new lead's due is due_for_new_lead(created_at) (`add`, the
    board's `a`, `add --due now`, an imported row with no created date), and the
    first logged contact or a typed date ends it, since either sets a last contact or
    another due. A lead revived to active, or imported with its own created date, is
    due at once but not "set due now": its due is overdue once passed.
    """
    return (
        lead.last_contact is None and lead.next_due is not None and lead.next_due == lead.created_at
    )


def is_overdue(lead: Lead, now: DateTime, tz: str) -> bool:
    """True when the lead's due moment has passed: the one rule every count and word follows.

    A due set as "now" (is_set_due_now) is the exception: "a new lead is due now"
    means "act on it today", so it stays due today until the end of the rep's local
    day it was set on, and is overdue from the next day. Every other due is overdue
    as soon as its moment passes. The SQL form is store.lead_queries.overdue_clause.
    """
    due = lead.next_due
    if due is None or due >= now:
        return False
    if is_set_due_now(lead):
        return due < start_of_local_day(now, tz)
    return True


def due_words(lead: Lead, now: DateTime, tz: str) -> str:
    """How far off the lead's due is, as is_overdue sees it: '3 days overdue', 'due in 2h'.

    A due set as "now" that is not overdue reads "due now" all day, never "3min overdue".
    """
    if lead.next_due is None:
        return ""
    if lead.next_due < now and not is_overdue(lead, now, tz):
        return "due now"
    return humanize_due(lead.next_due, now)


def start_of_local_day(now: DateTime, tz: str) -> DateTime:
    """The first moment of today in the user's zone, in UTC."""
    return now.in_tz(tz).start_of("day").in_tz("UTC")


def is_due_today(due: DateTime | None, now: DateTime, tz: str) -> bool:
    """True when the due moment falls on today's date in the user's zone."""
    return due is not None and due.in_tz(tz).date() == now.in_tz(tz).date()


def end_of_local_day(now: DateTime, tz: str) -> DateTime:
    """The last moment of today in the user's zone, in UTC: the horizon of 'due today'."""
    return now.in_tz(tz).end_of("day").in_tz("UTC")


def urgency_key(lead: Lead) -> tuple[int, str, int, int]:
    """Sort key: hotter, then most overdue (earliest due), then higher score, then oldest."""
    due = lead.next_due.in_tz("UTC").isoformat() if lead.next_due else "9999"
    return (-lead.temperature.rank, due, -lead.score, lead.id or 0)


def sequence_label(step: int, sequence: FollowUpSequence = DEFAULT_SEQUENCE) -> str:
    """What the step calls for, or that the sequence ran out."""
    return sequence.label(step)


def proposes_inactive(lead: Lead, sequence: FollowUpSequence = DEFAULT_SEQUENCE) -> bool:
    """After the last touch with no reply, leadboard proposes marking the lead inactive."""
    return lead.status is Status.ACTIVE and lead.sequence_step >= sequence.done
