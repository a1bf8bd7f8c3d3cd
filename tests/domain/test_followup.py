"""Tests for leadboard.domain.followup: cadence, promises, moves, overdue, urgency, sequence."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from pendulum import DateTime

from leadboard.config import parse_config
from leadboard.domain.followup import (
    DEFAULT_CADENCE,
    SEQUENCE_DONE,
    SEQUENCE_STEPS,
    Policy,
    cadence_due,
    due_after_move,
    due_for_new_lead,
    due_words,
    effect_of_contact,
    end_of_local_day,
    is_due_today,
    is_overdue,
    is_set_due_now,
    next_sequence_step,
    proposes_inactive,
    sequence_label,
    skip_weekend,
    start_of_local_day,
    urgency_key,
)
from leadboard.domain.model import Direction, Lead, Outcome, Status, Temperature
from tests.conftest import NOW

PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"
COLD, COOL, WARM, HOT = Temperature.COLD, Temperature.COOL, Temperature.WARM, Temperature.HOT


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> DateTime:
    """A UTC moment, for expected values."""
    return pendulum.datetime(year, month, day, hour, minute, tz="UTC")


def local(tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> DateTime:
    """A wall-clock moment in a zone."""
    return pendulum.datetime(year, month, day, hour, minute, tz=tz)


def lead(**fields: Any) -> Lead:
    """A lead created at NOW, with the fields given."""
    values: dict[str, Any] = {"name": "Jane Doe", "created_at": NOW, "id": 1}
    values.update(fields)
    return Lead(**values)


def is_utc(moment: DateTime) -> bool:
    """True when the moment carries a zero UTC offset (the rules hand back UTC)."""
    return moment.utcoffset() == pendulum.duration(0)


# -- cadence -------------------------------------------------------------------


@pytest.mark.parametrize(("temperature", "days"), [(COLD, 60), (COOL, 30), (WARM, 14), (HOT, 1)])
def test_default_cadence_matches_the_product(temperature: Temperature, days: int) -> None:
    assert DEFAULT_CADENCE[temperature] == days
    assert Policy().cadence_days(temperature) == days


def test_policy_cadence_override_falls_back_to_defaults_for_the_rest() -> None:
    policy = Policy(cadence={WARM: 7})
    assert policy.cadence_days(WARM) == 7
    assert policy.cadence_days(HOT) == 1
    assert policy.cadence_days(COLD) == 60


def test_config_cadence_reaches_the_policy() -> None:
    policy = parse_config({"cadence": {"warm": 10, "hot": 2}}).policy
    assert policy.cadence_days(WARM) == 10
    assert policy.cadence_days(HOT) == 2
    assert policy.cadence_days(COOL) == 30
    assert cadence_due(NOW, WARM, policy) == NOW.add(days=10)


@pytest.mark.parametrize(
    ("temperature", "expected"),
    [
        (COLD, utc(2027, 1, 22, 9)),
        (COOL, utc(2026, 12, 23, 9)),
        (WARM, utc(2026, 12, 7, 9)),
        (HOT, utc(2026, 11, 24, 9)),
    ],
)
def test_cadence_due_adds_the_cadence(temperature: Temperature, expected: DateTime) -> None:
    due = cadence_due(NOW, temperature, Policy())
    assert due == expected
    assert is_utc(due)


@pytest.mark.parametrize(
    ("tz", "base", "temperature", "expected_utc"),
    [
        # Paris leaves summer time on Sun 25 Oct 2026: 09:00 CEST (07:00Z) + 14 days
        # is 09:00 CET, 08:00Z.
        (PARIS, local(PARIS, 2026, 10, 20, 9), WARM, utc(2026, 11, 3, 8)),
        # Paris enters summer time on Sun 29 Mar 2026: 09:00 CET (08:00Z) -> 09:00 CEST (07:00Z).
        (PARIS, local(PARIS, 2026, 3, 20, 9), WARM, utc(2026, 4, 3, 7)),
        # One day across the night the clocks go back is 25 hours, same wall clock.
        (PARIS, local(PARIS, 2026, 10, 24, 9), HOT, utc(2026, 10, 25, 8)),
        # New York leaves daylight time on Sun 1 Nov 2026: 09:00 EDT (13:00Z) -> 09:00 EST.
        (NEW_YORK, local(NEW_YORK, 2026, 10, 26, 9), WARM, utc(2026, 11, 9, 14)),
        # New York enters daylight time on Sun 8 Mar 2026: 09:00 EST (14:00Z) -> 09:00 EDT.
        (NEW_YORK, local(NEW_YORK, 2026, 3, 1, 9), WARM, utc(2026, 3, 15, 13)),
    ],
)
def test_cadence_due_keeps_the_local_wall_clock_across_dst(
    tz: str, base: DateTime, temperature: Temperature, expected_utc: DateTime
) -> None:
    policy = Policy(tz=tz)
    due = cadence_due(base.in_tz("UTC"), temperature, policy)
    assert due == expected_utc
    assert is_utc(due)
    assert due.in_tz(tz).hour == 9


def test_cadence_due_in_utc_policy_ignores_local_dst() -> None:
    # Same base as the Paris autumn case but the rep's zone is UTC: exactly 14 x 24h.
    base = utc(2026, 10, 20, 7)
    assert cadence_due(base, WARM, Policy(tz="UTC")) == utc(2026, 11, 3, 7)


# -- weekends ------------------------------------------------------------------

WEEKENDS = Policy(skip_weekends=True)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2026, 11, 28, 10, 30), utc(2026, 11, 30, 10, 30)),  # Saturday -> Monday
        (utc(2026, 11, 29, 10, 30), utc(2026, 11, 30, 10, 30)),  # Sunday -> Monday
        (utc(2026, 11, 27, 10, 30), utc(2026, 11, 27, 10, 30)),  # Friday stays
        (utc(2026, 11, 30, 10, 30), utc(2026, 11, 30, 10, 30)),  # Monday stays
        (utc(2026, 11, 28, 23, 59), utc(2026, 11, 30, 23, 59)),  # late Saturday
    ],
)
def test_skip_weekend_moves_saturday_and_sunday_to_monday(
    moment: DateTime, expected: DateTime
) -> None:
    moved = skip_weekend(moment, WEEKENDS)
    assert moved == expected
    assert is_utc(moved)


def test_skip_weekend_off_leaves_saturday_alone() -> None:
    saturday = utc(2026, 11, 28, 10)
    assert skip_weekend(saturday, Policy()) == saturday


def test_skip_weekend_uses_the_local_date_not_the_utc_date() -> None:
    paris = Policy(tz=PARIS, skip_weekends=True)
    # Friday 23:30 UTC is already Saturday 00:30 in Paris: Monday 00:30 Paris.
    assert skip_weekend(utc(2026, 11, 27, 23, 30), paris) == utc(2026, 11, 29, 23, 30)
    # Sunday 23:30 UTC is Monday 00:30 in Paris: a weekday, it stays.
    assert skip_weekend(utc(2026, 11, 29, 23, 30), paris) == utc(2026, 11, 29, 23, 30)
    new_york = Policy(tz=NEW_YORK, skip_weekends=True)
    # Saturday 03:00 UTC is Friday 22:00 in New York: it stays.
    assert skip_weekend(utc(2026, 11, 28, 3), new_york) == utc(2026, 11, 28, 3)
    # Monday 03:00 UTC is Sunday 22:00 in New York: Monday 22:00 New York (Tue 03:00Z).
    assert skip_weekend(utc(2026, 11, 30, 3), new_york) == utc(2026, 12, 1, 3)


def test_skip_weekend_keeps_the_wall_clock_across_dst() -> None:
    paris = Policy(tz=PARIS, skip_weekends=True)
    saturday = local(PARIS, 2026, 10, 24, 10)  # CEST; Monday 26 Oct is CET
    moved = skip_weekend(saturday.in_tz("UTC"), paris)
    assert moved.in_tz(PARIS) == local(PARIS, 2026, 10, 26, 10)
    assert moved == utc(2026, 10, 26, 9)


def test_cadence_due_skips_weekends_when_asked() -> None:
    friday = utc(2026, 11, 27, 9)
    assert cadence_due(friday, HOT, Policy()) == utc(2026, 11, 28, 9)
    assert cadence_due(friday, HOT, WEEKENDS) == utc(2026, 11, 30, 9)
    saturday_two_weeks_on = utc(2026, 11, 14, 9)
    assert cadence_due(saturday_two_weeks_on, WARM, WEEKENDS) == utc(2026, 11, 30, 9)
    # A weekday result is untouched.
    assert cadence_due(NOW, WARM, WEEKENDS) == utc(2026, 12, 7, 9)


# -- new leads -----------------------------------------------------------------


def test_new_lead_is_due_now_in_utc() -> None:
    assert due_for_new_lead(NOW) == NOW
    paris_now = NOW.in_tz(PARIS)
    due = due_for_new_lead(paris_now)
    assert due == NOW
    assert is_utc(due)


# -- logging a contact ---------------------------------------------------------


def test_contact_sets_next_due_by_cadence_from_the_contact() -> None:
    effect = effect_of_contact(
        lead(temperature=WARM, next_due=NOW),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.NO_ANSWER,
        policy=Policy(),
    )
    assert effect.next_due == utc(2026, 12, 7, 9)
    assert effect.promised is False
    assert effect.last_contact == NOW
    assert effect.status is Status.ACTIVE
    assert effect.sequence_step == 2


def test_contact_cadence_follows_the_policy() -> None:
    effect = effect_of_contact(
        lead(temperature=HOT),
        at=utc(2026, 11, 27, 9),  # a Friday
        direction=Direction.OUT,
        outcome=Outcome.TALKED,
        policy=WEEKENDS,
    )
    assert effect.next_due == utc(2026, 11, 30, 9)


def test_typed_due_wins_and_is_not_a_promise_unless_asked() -> None:
    typed = local(PARIS, 2026, 11, 26, 10)
    effect = effect_of_contact(
        lead(temperature=WARM),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.TALKED,
        policy=Policy(),
        typed_due=typed,
    )
    assert effect.next_due == utc(2026, 11, 26, 9)
    assert effect.next_due is not None and is_utc(effect.next_due)
    assert effect.promised is False


def test_typed_due_is_a_promise_when_asked() -> None:
    typed = NOW.add(days=3)
    effect = effect_of_contact(
        lead(temperature=COLD),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.TALKED,
        policy=Policy(),
        typed_due=typed,
        promise=True,
    )
    assert effect.next_due == typed
    assert effect.promised is True


def test_promise_without_typed_date_is_ignored() -> None:
    effect = effect_of_contact(
        lead(temperature=WARM),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.TALKED,
        policy=Policy(),
        promise=True,
    )
    assert effect.promised is False
    assert effect.next_due == NOW.add(days=14)


def test_outstanding_promise_is_kept_when_no_date_is_typed() -> None:
    promised_for = NOW.add(days=5)
    effect = effect_of_contact(
        lead(temperature=HOT, next_due=promised_for, promised=True),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.LEFT_MESSAGE,
        policy=Policy(),
    )
    assert effect.next_due == promised_for
    assert effect.promised is True


def test_typed_date_replaces_an_outstanding_promise() -> None:
    effect = effect_of_contact(
        lead(temperature=WARM, next_due=NOW.add(days=5), promised=True),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.TALKED,
        policy=Policy(),
        typed_due=NOW.add(days=2),
    )
    assert effect.next_due == NOW.add(days=2)
    assert effect.promised is False


def test_expired_promise_gives_way_to_the_cadence() -> None:
    effect = effect_of_contact(
        lead(temperature=WARM, next_due=NOW.subtract(days=1), promised=True),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.TALKED,
        policy=Policy(),
    )
    assert effect.next_due == NOW.add(days=14)
    assert effect.promised is False


def test_backdated_contact_never_moves_last_contact_backwards() -> None:
    latest = NOW.subtract(days=1)
    effect = effect_of_contact(
        lead(temperature=WARM, last_contact=latest, next_due=NOW.add(days=13)),
        at=NOW.subtract(days=3),
        direction=Direction.OUT,
        outcome=Outcome.NO_ANSWER,
        policy=Policy(),
    )
    assert effect.last_contact == latest
    # The cadence counts from the latest touch, not from the backdated one.
    assert effect.next_due == latest.add(days=14)


def test_newer_contact_moves_last_contact_forward() -> None:
    effect = effect_of_contact(
        lead(temperature=COOL, last_contact=NOW.subtract(days=10)),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.NO_ANSWER,
        policy=Policy(),
    )
    assert effect.last_contact == NOW
    assert effect.next_due == NOW.add(days=30)


@pytest.mark.parametrize(
    ("outcome", "status"), [(Outcome.WON, Status.WON), (Outcome.LOST, Status.LOST)]
)
def test_won_and_lost_outcomes_close_the_lead_and_clear_its_due(
    outcome: Outcome, status: Status
) -> None:
    effect = effect_of_contact(
        lead(temperature=HOT, next_due=NOW.add(days=2), promised=True),
        at=NOW,
        direction=Direction.OUT,
        outcome=outcome,
        policy=Policy(),
        typed_due=NOW.add(days=4),
        promise=True,
    )
    assert effect.status is status
    assert effect.next_due is None
    assert effect.promised is False
    assert effect.last_contact == NOW


# -- the sequence --------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "direction", "outcome", "expected"),
    [
        (3, Direction.OUT, Outcome.REPLIED, 1),
        (5, Direction.OUT, Outcome.TALKED, 1),
        (4, Direction.OUT, Outcome.MEETING_BOOKED, 1),
        (6, Direction.OUT, Outcome.REPLIED, 1),
        (3, Direction.IN, Outcome.NO_ANSWER, 1),
        (5, Direction.IN, Outcome.LEFT_MESSAGE, 1),
        (1, Direction.OUT, Outcome.OBJECTION, 4),
        (2, Direction.OUT, Outcome.OBJECTION, 4),
        (5, Direction.OUT, Outcome.OBJECTION, 4),
        (1, Direction.OUT, Outcome.NO_ANSWER, 2),
        (2, Direction.OUT, Outcome.LEFT_MESSAGE, 3),
        (4, Direction.OUT, Outcome.NO_ANSWER, 5),
        (5, Direction.OUT, Outcome.NO_ANSWER, SEQUENCE_DONE),
        (SEQUENCE_DONE, Direction.OUT, Outcome.LEFT_MESSAGE, SEQUENCE_DONE),
        (3, Direction.OUT, Outcome.NOT_INTERESTED, 3),
        (2, Direction.OUT, Outcome.WON, 2),
        (2, Direction.OUT, Outcome.LOST, 2),
    ],
)
def test_next_sequence_step(
    step: int, direction: Direction, outcome: Outcome, expected: int
) -> None:
    assert next_sequence_step(step, direction, outcome) == expected


def test_sequence_done_is_the_step_after_five() -> None:
    assert SEQUENCE_DONE == 6
    assert sorted(SEQUENCE_STEPS) == [1, 2, 3, 4, 5]


def test_five_unanswered_touches_run_the_sequence_out_and_stop_there() -> None:
    step = 1
    seen = []
    for _ in range(8):
        step = next_sequence_step(step, Direction.OUT, Outcome.NO_ANSWER)
        seen.append(step)
    assert seen == [2, 3, 4, 5, 6, 6, 6, 6]


def test_effect_of_contact_carries_the_sequence_step() -> None:
    effect = effect_of_contact(
        lead(sequence_step=2),
        at=NOW,
        direction=Direction.OUT,
        outcome=Outcome.OBJECTION,
        policy=Policy(),
    )
    assert effect.sequence_step == 4


@pytest.mark.parametrize(
    ("step", "label"),
    [
        (1, "confirmation"),
        (2, "first personal message"),
        (3, "reminder tied to their goal"),
        (4, "objection handling"),
        (5, "final clear next step"),
    ],
)
def test_sequence_label_for_each_step(step: int, label: str) -> None:
    assert sequence_label(step) == label


def test_sequence_label_when_done_or_out_of_range() -> None:
    assert sequence_label(6).startswith("sequence done")
    assert sequence_label(9).startswith("sequence done")
    assert sequence_label(0) == "confirmation"


def test_proposes_inactive_only_for_active_leads_past_step_five() -> None:
    assert proposes_inactive(lead(sequence_step=6)) is True
    assert proposes_inactive(lead(sequence_step=5)) is False
    assert proposes_inactive(lead(sequence_step=1)) is False
    assert proposes_inactive(lead(sequence_step=6, status=Status.INACTIVE)) is False
    assert proposes_inactive(lead(sequence_step=6, status=Status.WON)) is False


# -- moving a lead -------------------------------------------------------------


def test_moving_hotter_pulls_the_due_date_in() -> None:
    before = lead(temperature=COOL, next_due=NOW.add(days=20))
    assert due_after_move(before, HOT, Policy(), NOW) == NOW.add(days=1)
    assert due_after_move(before, WARM, Policy(), NOW) == NOW.add(days=14)


def test_moving_hotter_never_makes_the_due_date_later() -> None:
    soon = lead(temperature=COOL, next_due=NOW.add(hours=2))
    assert due_after_move(soon, WARM, Policy(), NOW) == NOW.add(hours=2)
    overdue = lead(temperature=COLD, next_due=NOW.subtract(days=3))
    assert due_after_move(overdue, HOT, Policy(), NOW) == NOW.subtract(days=3)


def test_moving_hotter_without_a_due_date_makes_it_due_now() -> None:
    assert due_after_move(lead(temperature=COOL), HOT, Policy(), NOW) == NOW


def test_moving_colder_pushes_an_unpromised_date_out_from_the_last_contact() -> None:
    before = lead(
        temperature=WARM,
        last_contact=NOW.subtract(days=5),
        next_due=NOW.add(days=9),
    )
    assert due_after_move(before, COLD, Policy(), NOW) == NOW.subtract(days=5).add(days=60)
    assert due_after_move(before, COOL, Policy(), NOW) == NOW.add(days=25)


def test_moving_colder_without_contacts_counts_from_creation() -> None:
    created = NOW.subtract(days=10)
    before = lead(temperature=HOT, created_at=created, next_due=created)
    assert due_after_move(before, WARM, Policy(), NOW) == created.add(days=14)


def test_moving_colder_never_makes_the_due_date_earlier() -> None:
    before = lead(temperature=HOT, last_contact=NOW, next_due=NOW.add(days=40))
    assert due_after_move(before, COOL, Policy(), NOW) == NOW.add(days=40)


@pytest.mark.parametrize("target", [COLD, COOL, HOT])
def test_a_promised_date_is_never_moved(target: Temperature) -> None:
    promised_for = NOW.add(days=9)
    before = lead(temperature=WARM, next_due=promised_for, promised=True, last_contact=NOW)
    assert due_after_move(before, target, Policy(), NOW) == promised_for


def test_moving_to_the_same_temperature_changes_nothing() -> None:
    before = lead(temperature=WARM, next_due=NOW.add(days=3), last_contact=NOW)
    assert due_after_move(before, WARM, Policy(), NOW) == NOW.add(days=3)


def test_moving_a_closed_lead_keeps_it_without_a_due_date() -> None:
    won = lead(temperature=WARM, status=Status.WON, next_due=None)
    assert due_after_move(won, HOT, Policy(), NOW) is None


def test_moving_hotter_keeps_the_wall_clock_in_the_users_zone() -> None:
    paris = Policy(tz=PARIS)
    now = local(PARIS, 2026, 10, 20, 9).in_tz("UTC")
    before = lead(temperature=COOL, next_due=now.add(days=30))
    assert due_after_move(before, WARM, paris, now) == utc(2026, 11, 3, 8)


# -- overdue and today ---------------------------------------------------------


def test_is_overdue_once_the_due_moment_passes() -> None:
    contacted = NOW.subtract(days=3)

    def due(moment: DateTime | None) -> Lead:
        return lead(created_at=NOW.subtract(days=9), next_due=moment, last_contact=contacted)

    assert is_overdue(due(NOW.subtract(seconds=1)), NOW, "UTC") is True
    assert is_overdue(due(NOW.subtract(days=30)), NOW, "UTC") is True
    assert is_overdue(due(NOW), NOW, "UTC") is False
    assert is_overdue(due(NOW.add(seconds=1)), NOW, "UTC") is False
    assert is_overdue(due(None), NOW, "UTC") is False


def test_a_new_lead_due_now_is_due_today_until_the_end_of_the_reps_day() -> None:
    new = lead(created_at=NOW, next_due=due_for_new_lead(NOW))
    assert is_set_due_now(new)
    for later in (NOW.add(minutes=3), NOW.add(hours=14, minutes=59)):
        assert is_overdue(new, later, "UTC") is False
        assert is_due_today(new.next_due, later, "UTC") is True
        assert due_words(new, later, "UTC") == "due now"
    next_day = utc(2026, 11, 24, 0, 0)
    assert is_overdue(new, next_day, "UTC") is True
    assert due_words(new, next_day, "UTC") == "15h overdue"
    assert due_words(new, NOW.add(days=1), "UTC") == "1 day overdue"


def test_the_end_of_the_day_is_the_reps_local_day() -> None:
    # 09:00 UTC is 04:00 in New York: the local day ends at 05:00 UTC the next day.
    new = lead(created_at=NOW, next_due=NOW)
    assert is_overdue(new, utc(2026, 11, 24, 4, 59), NEW_YORK) is False
    assert is_overdue(new, utc(2026, 11, 24, 5, 0), NEW_YORK) is True
    assert is_overdue(new, utc(2026, 11, 24, 0, 0), "UTC") is True


def test_a_due_not_set_as_now_is_overdue_minutes_after_it_passes() -> None:
    contacted = lead(created_at=NOW, next_due=NOW, last_contact=NOW)
    typed = lead(created_at=NOW, next_due=NOW.add(hours=1))
    revived = lead(created_at=NOW.subtract(days=40), next_due=NOW)
    for other in (contacted, revived):
        assert not is_set_due_now(other)
        assert is_overdue(other, NOW.add(minutes=3), "UTC") is True
        assert due_words(other, NOW.add(minutes=3), "UTC") == "3min overdue"
    assert is_overdue(typed, NOW.add(hours=1, minutes=3), "UTC") is True
    assert due_words(typed, NOW.add(minutes=3), "UTC") == "due in 57min"
    assert due_words(lead(next_due=None), NOW, "UTC") == ""


def test_start_of_local_day() -> None:
    assert start_of_local_day(utc(2026, 11, 23, 23, 30), PARIS) == utc(2026, 11, 23, 23, 0)
    assert start_of_local_day(utc(2026, 11, 23, 22, 30), PARIS) == utc(2026, 11, 22, 23, 0)
    assert start_of_local_day(NOW, "UTC") == utc(2026, 11, 23)


def test_is_due_today_in_the_users_zone_around_midnight() -> None:
    # 23:30 UTC on Monday 23 Nov is already 00:30 on Tuesday in Paris.
    now = utc(2026, 11, 23, 23, 30)
    monday_evening = utc(2026, 11, 23, 22)  # Monday 23:00 in Paris
    tuesday_evening = utc(2026, 11, 24, 20)  # Tuesday 21:00 in Paris
    assert is_due_today(monday_evening, now, PARIS) is False
    assert is_due_today(tuesday_evening, now, PARIS) is True
    assert is_due_today(monday_evening, now, "UTC") is True
    assert is_due_today(tuesday_evening, now, "UTC") is False
    # 03:00 UTC on Tuesday is still Monday 22:00 in New York.
    ny_now = utc(2026, 11, 24, 3)
    assert is_due_today(utc(2026, 11, 23, 15), ny_now, NEW_YORK) is True
    assert is_due_today(utc(2026, 11, 24, 15), ny_now, NEW_YORK) is False
    assert is_due_today(None, now, PARIS) is False


def test_end_of_local_day_is_the_users_midnight() -> None:
    end = end_of_local_day(NOW, PARIS)
    assert is_utc(end)
    assert end.in_tz(PARIS).date() == NOW.in_tz(PARIS).date()
    assert end.add(microseconds=1) == local(PARIS, 2026, 11, 24)
    assert end_of_local_day(NOW, "UTC").add(microseconds=1) == utc(2026, 11, 24)


# -- urgency -------------------------------------------------------------------


def test_urgency_hot_before_warm_before_cool_before_cold() -> None:
    leads = [
        lead(id=1, temperature=COLD, next_due=NOW.subtract(days=30), fit=3),
        lead(id=2, temperature=COOL, next_due=NOW.subtract(days=20), fit=3),
        lead(id=3, temperature=WARM, next_due=NOW.subtract(days=10), fit=3),
        lead(id=4, temperature=HOT, next_due=NOW.add(hours=3)),
    ]
    ordered = sorted(reversed(leads), key=urgency_key)
    assert [x.id for x in ordered] == [4, 3, 2, 1]


def test_urgency_most_overdue_first_then_higher_score_then_older() -> None:
    leads = [
        lead(id=1, temperature=WARM, next_due=NOW.subtract(hours=1), fit=1),
        lead(id=2, temperature=WARM, next_due=NOW.subtract(days=3), fit=0),
        lead(id=3, temperature=WARM, next_due=NOW.subtract(hours=1), fit=3, interest=3),
        lead(id=4, temperature=WARM, next_due=NOW.subtract(hours=1), fit=1),
        lead(id=5, temperature=WARM, next_due=None, fit=3),
        lead(id=6, temperature=WARM, next_due=NOW.add(days=1), fit=3),
    ]
    ordered = sorted(reversed(leads), key=urgency_key)
    assert [x.id for x in ordered] == [2, 3, 1, 4, 6, 5]


def test_urgency_compares_moments_not_local_text() -> None:
    # The same instant written in two zones, and an earlier one written in a later-looking zone.
    early_in_tokyo = lead(id=1, temperature=HOT, next_due=local("Asia/Tokyo", 2026, 11, 23, 17))
    later_in_utc = lead(id=2, temperature=HOT, next_due=utc(2026, 11, 23, 9))
    ordered = sorted([later_in_utc, early_in_tokyo], key=urgency_key)
    assert [x.id for x in ordered] == [1, 2]
