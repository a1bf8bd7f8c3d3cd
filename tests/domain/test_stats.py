"""The stats' arithmetic, by hand: rates, weeks in the user's zone, medians, streaks."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest
from pendulum import DateTime

from leadboard.domain.conversion import Conversion, rate
from leadboard.domain.followup import is_reply
from leadboard.domain.model import Channel, Direction, Outcome, Source, Temperature
from leadboard.domain.stats import (
    MAX_WEEKS,
    ChannelStat,
    ClosedTally,
    ContactTally,
    Moves,
    Sessions,
    StatsTallies,
    channel_stats,
    compute_stats,
    conversions,
    median_days,
    rate_text,
    session_stats,
    stats_window,
    week_start,
)
from tests.conftest import NOW

NEW_YORK = "America/New_York"


def utc(text: str) -> DateTime:
    """A UTC moment from '2026-11-02T04:30'."""
    parsed = pendulum.parse(text + ":00Z")
    assert isinstance(parsed, DateTime)
    return parsed


@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize("outcome", list(Outcome))
def test_a_reply_is_inbound_or_an_answering_outcome(direction: Direction, outcome: Outcome) -> None:
    answered = outcome in (Outcome.REPLIED, Outcome.TALKED, Outcome.MEETING_BOOKED)
    refused = outcome in (Outcome.NOT_INTERESTED, Outcome.LOST)  # a no is never a reply
    assert is_reply(direction, outcome) is (not refused and (direction is Direction.IN or answered))


def test_rates_never_divide_by_zero() -> None:
    assert rate(0, 0) is None
    assert rate(1, 4) == 0.25
    assert Conversion().rate is None
    assert Conversion(won=0, lost=3).rate == 0.0
    assert Conversion(won=2, lost=1).closed == 3
    assert ChannelStat(Channel.CALL).reply_rate is None
    assert rate_text(None) == "-"
    assert rate_text(2 / 3) == "67%"
    assert rate_text(2 / 3, 1) == "66.7%"
    assert rate_text(1.0) == "100%"


def test_week_start_is_the_local_monday() -> None:
    # Sunday 22 Nov 23:30 UTC is Monday 23 Nov 00:30 in Paris.
    assert week_start(utc("2026-11-22T23:30"), "UTC") == date(2026, 11, 16)
    assert week_start(utc("2026-11-22T23:30"), "Europe/Paris") == date(2026, 11, 23)
    # New Year's Day 2027 is a Friday in ISO week 53 of 2026.
    assert week_start(utc("2027-01-01T12:00"), NEW_YORK) == date(2026, 12, 28)
    # 23:30 EST on the night summer time ended is still Sunday 1 Nov.
    assert week_start(utc("2026-11-02T04:30"), NEW_YORK) == date(2026, 10, 26)
    assert week_start(utc("2026-11-02T05:30"), NEW_YORK) == date(2026, 11, 2)


def test_window_is_local_weeks_with_dst_in_the_bounds() -> None:
    window = stats_window(NOW, "Europe/Paris", 12)
    assert window.week_starts[0] == date(2026, 9, 7)
    assert window.week_starts[-1] == date(2026, 11, 23)
    assert len(window.bounds) == 13
    assert window.start == utc("2026-09-06T22:00")  # midnight CEST
    # Monday 26 Oct starts at midnight CET: the week before was 169 hours long.
    assert window.bounds[7] == utc("2026-10-25T23:00")
    assert (window.bounds[7] - window.bounds[6]).in_hours() == 169
    assert window.bounds[-1] == utc("2026-11-29T23:00")


def test_window_of_one_week_and_limits() -> None:
    window = stats_window(NOW, "UTC", 1)
    assert window.week_starts == (date(2026, 11, 23),)
    assert window.bounds == (utc("2026-11-23T00:00"), utc("2026-11-30T00:00"))
    for weeks in (0, -1, MAX_WEEKS + 1):
        with pytest.raises(ValueError, match="weeks must be"):
            stats_window(NOW, "UTC", weeks)


def test_window_across_the_new_year() -> None:
    window = stats_window(utc("2027-01-06T12:00"), NEW_YORK, 3)
    assert window.week_starts == (date(2026, 12, 21), date(2026, 12, 28), date(2027, 1, 4))


def test_conversions_by_source_and_temperature_at_creation() -> None:
    overall, by_source, by_temperature = conversions(
        [
            ClosedTally(Source.REFERRAL, True, Temperature.WARM, 3),
            ClosedTally(Source.REFERRAL, False, Temperature.COLD, 1),
            ClosedTally(None, False, Temperature.WARM, 2),
            ClosedTally(Source.EVENT, True, None, 1),  # no creation record
        ]
    )
    assert overall == Conversion(won=4, lost=3)
    assert list(by_source) == [*(s.value for s in Source), "unknown"]
    assert by_source["referral"] == Conversion(3, 1)
    assert by_source["unknown"] == Conversion(0, 2)
    assert by_source["event"] == Conversion(1, 0)
    assert by_source["website"] == Conversion()
    assert by_temperature == {
        Temperature.COLD: Conversion(0, 1),
        Temperature.COOL: Conversion(),
        Temperature.WARM: Conversion(3, 2),
        Temperature.HOT: Conversion(),
    }


def test_channel_stats_every_channel_in_enum_order() -> None:
    stats = channel_stats(
        [
            ContactTally(Channel.EMAIL, Direction.OUT, Outcome.NO_ANSWER, 5),
            ContactTally(Channel.EMAIL, Direction.IN, Outcome.LOST, 1),
            ContactTally(Channel.EMAIL, Direction.OUT, Outcome.MEETING_BOOKED, 2),
            ContactTally(Channel.CALL, Direction.OUT, Outcome.OBJECTION, 4),
        ]
    )
    assert [s.channel for s in stats] == list(Channel)
    email = stats[list(Channel).index(Channel.EMAIL)]
    # The inbound "lost" is a no, not a reply: only the two meetings count.
    assert (email.contacts, email.replies, email.reply_rate) == (8, 2, 2 / 8)
    call = stats[0]
    assert (call.contacts, call.replies, call.reply_rate) == (4, 0, 0.0)


def test_median_days() -> None:
    assert median_days([]) is None
    assert median_days([3.0]) == 3.0
    assert median_days([29.5, 10.0, 5.5]) == 10.0
    assert median_days([29.5, 10.0, 5.5, 20.0]) == 15.0


def test_streak_counts_back_from_this_week_or_last_week() -> None:
    tz = NEW_YORK
    ended = [utc("2027-01-04T15:00"), utc("2026-12-31T15:00"), utc("2026-12-22T15:00")]
    # Wednesday 6 Jan: this week, week 53 of 2026, and the week of 21 Dec.
    assert session_stats(ended, utc("2027-01-06T12:00"), tz) == Sessions(3, 1, 3)
    # Monday 11 Jan, nothing yet this week: the streak still stands from last week.
    assert session_stats(ended, utc("2027-01-11T12:00"), tz) == Sessions(3, 0, 3)
    # Monday 18 Jan: last week had none, so the streak is over.
    assert session_stats(ended, utc("2027-01-18T12:00"), tz) == Sessions(0, 0, 3)
    two_this_week = [*ended, utc("2027-01-05T15:00")]
    assert session_stats(two_this_week, utc("2027-01-06T12:00"), tz) == Sessions(3, 2, 4)
    assert session_stats([], NOW, tz) == Sessions()


def test_streak_reads_weeks_in_the_users_zone_across_dst() -> None:
    # Sun 1 Nov 23:30 EST (summer time ended that night) and Mon 9 Nov.
    ended = [utc("2026-11-02T04:30"), utc("2026-11-09T15:00")]
    now = utc("2026-11-10T12:00")
    assert session_stats(ended, now, NEW_YORK).streak_weeks == 1
    assert session_stats(ended, now, "UTC").streak_weeks == 2


def _tallies(touches: list[int], days_to_win: tuple[float, ...] = ()) -> StatsTallies:
    return StatsTallies(
        closed=[],
        days_to_win=days_to_win,
        contacts=[],
        touches=touches,
        warmed=Moves(1, 2),
        cooled=Moves(0, 3),
        overdue=2,
        overdue_days=5.54,
        sessions_ended=[],
    )


def test_compute_stats_rounds_debt_and_names_the_weeks() -> None:
    window = stats_window(NOW, "UTC", 2)
    stats = compute_stats(_tallies([4, 0]), window, NOW, "UTC")
    assert stats.followup_debt_days == 5.5
    assert [(w.week_start, w.touches) for w in stats.touches_per_week] == [
        (date(2026, 11, 16), 4),
        (date(2026, 11, 23), 0),
    ]
    assert stats.weeks == 2
    assert (stats.warmed, stats.cooled, stats.overdue) == (Moves(1, 2), Moves(0, 3), 2)
    assert stats.median_days_to_conversion is None


def test_compute_stats_never_reports_negative_days_to_a_win() -> None:
    # Imported data can carry a win dated before the lead was created.
    window = stats_window(NOW, "UTC", 1)
    stats = compute_stats(_tallies([0], days_to_win=(-2.0,)), window, NOW, "UTC")
    assert stats.median_days_to_conversion == 0.0


def test_compute_stats_wants_one_count_per_week() -> None:
    with pytest.raises(ValueError, match="one count per week"):
        compute_stats(_tallies([1, 2, 3]), stats_window(NOW, "UTC", 2), NOW, "UTC")
