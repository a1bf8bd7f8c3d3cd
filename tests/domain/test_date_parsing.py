"""Tests for leadboard.domain.date_parsing: the dates reps type, read as UTC moments."""

from __future__ import annotations

from datetime import time

import pendulum
import pytest
from pendulum import DateTime

from leadboard.domain.date_parsing import EXAMPLES, examples, parse_when
from leadboard.domain.dates import DateParseError, DateReading

PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"

# Friday 27 Nov 2026, 15:00 in Paris (14:00 UTC): 09:00 has passed.
FRIDAY = pendulum.datetime(2026, 11, 27, 15, 0, tz=PARIS)
MONTH_FIRST = DateReading(day_first=False)
# Wednesday 25 Nov 2026, 08:00 in Paris: 09:00 is still ahead.
WEDNESDAY_EARLY = pendulum.datetime(2026, 11, 25, 8, 0, tz=PARIS)


def utc(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> DateTime:
    """Build a UTC moment, for expected values."""
    return pendulum.datetime(year, month, day, hour, minute, second, microsecond, tz="UTC")


def paris(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> DateTime:
    """Build a Paris wall-clock moment, for expected values."""
    return pendulum.datetime(year, month, day, hour, minute, second, microsecond, tz=PARIS)


def read(
    text: str, now: DateTime = FRIDAY, tz: str = PARIS, reading: DateReading | None = None
) -> DateTime:
    """parse_when, also checking the result is in UTC."""
    result = parse_when(text, now, tz) if reading is None else parse_when(text, now, tz, reading)
    assert result.tzinfo is pendulum.UTC
    return result


# --- parse_when: words -------------------------------------------------------


def test_now_is_now_in_utc() -> None:
    assert read("now") == FRIDAY
    assert read("now").hour == 14


def test_today_before_nine_is_nine_local() -> None:
    assert read("today", WEDNESDAY_EARLY) == paris(2026, 11, 25, 9)


def test_today_after_nine_is_now() -> None:
    assert read("today") == FRIDAY


def test_today_at_exactly_nine_is_now() -> None:
    nine = paris(2026, 11, 25, 9)
    assert read("today", nine) == nine


def test_tomorrow_and_yesterday_are_nine_local() -> None:
    assert read("tomorrow") == paris(2026, 11, 28, 9)
    assert read("yesterday") == paris(2026, 11, 26, 9)


def test_words_use_the_local_date_not_the_utc_date() -> None:
    # 23:30 UTC on the 27th is already 00:30 on the 28th in Paris.
    late = utc(2026, 11, 27, 23, 30)
    assert read("tomorrow", late) == paris(2026, 11, 29, 9)
    assert read("tomorrow", late, "UTC") == utc(2026, 11, 28, 9)


def test_now_in_any_zone_gives_the_same_answer() -> None:
    in_tokyo = FRIDAY.in_tz("Asia/Tokyo")
    for text in ("today", "tomorrow", "fri", "+3d", "+4h", "2026-12-01"):
        assert read(text, in_tokyo) == read(text, FRIDAY)


@pytest.mark.parametrize("text", ["TOMORROW", "  tomorrow  ", "\ttomorrow\n", "ToMoRrOw"])
def test_case_and_surrounding_whitespace_are_ignored(text: str) -> None:
    assert read(text) == paris(2026, 11, 28, 9)


# --- parse_when: offsets -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3d", paris(2026, 11, 30, 15)),
        ("+1d", paris(2026, 11, 28, 15)),
        ("+2w", paris(2026, 12, 11, 15)),
        ("+1m", paris(2026, 12, 27, 15)),
        ("+4h", paris(2026, 11, 27, 19)),
        ("+30min", paris(2026, 11, 27, 15, 30)),
        ("-2d", paris(2026, 11, 25, 15)),
        ("-1w", paris(2026, 11, 20, 15)),
        ("-3h", paris(2026, 11, 27, 12)),
        ("-15min", paris(2026, 11, 27, 14, 45)),
        ("+0d", FRIDAY),
        ("+3 days", paris(2026, 11, 30, 15)),
        ("+1 day", paris(2026, 11, 28, 15)),
        ("+ 3 d", paris(2026, 11, 30, 15)),
        ("+2 weeks", paris(2026, 12, 11, 15)),
        ("+1 month", paris(2026, 12, 27, 15)),
        ("+2 hours", paris(2026, 11, 27, 17)),
        ("+45 minutes", paris(2026, 11, 27, 15, 45)),
        ("+10 mins", paris(2026, 11, 27, 15, 10)),
        ("in 3 days", paris(2026, 11, 30, 15)),
        ("in 2 weeks", paris(2026, 12, 11, 15)),
        ("in 2 hours", paris(2026, 11, 27, 17)),
        ("in 30min", paris(2026, 11, 27, 15, 30)),
        ("3 days ago", paris(2026, 11, 24, 15)),
        ("1 week ago", paris(2026, 11, 20, 15)),
        ("2 months ago", paris(2026, 9, 27, 15)),
        ("2 hours ago", paris(2026, 11, 27, 13)),
        ("In 3 Days", paris(2026, 11, 30, 15)),
        ("3  days   ago", paris(2026, 11, 24, 15)),
    ],
)
def test_offsets(text: str, expected: DateTime) -> None:
    assert read(text) == expected


def test_m_is_months_and_min_is_minutes() -> None:
    assert read("+1m") == paris(2026, 12, 27, 15)
    assert read("+1min") == paris(2026, 11, 27, 15, 1)


def test_offsets_keep_microseconds_of_now() -> None:
    now = FRIDAY.add(microseconds=123)
    assert read("+1d", now).microsecond == 123


def test_month_offset_from_january_31_lands_on_last_day_of_february() -> None:
    jan31 = paris(2026, 1, 31, 10)
    assert read("+1m", jan31) == paris(2026, 2, 28, 10)
    assert read("+1m", paris(2028, 1, 31, 10)) == paris(2028, 2, 29, 10)
    assert read("-1m", paris(2026, 3, 31, 10)) == paris(2026, 2, 28, 10)


def test_offset_across_the_year_end() -> None:
    assert read("+1w", paris(2026, 12, 28, 10)) == paris(2027, 1, 4, 10)


# --- parse_when: DST ---------------------------------------------------------

# Saturday before the spring change: on 2026-03-29 Paris goes 02:00 -> 03:00.
PARIS_SPRING_EVE = paris(2026, 3, 28, 12)


def test_plus_one_day_keeps_wall_clock_across_spring_change() -> None:
    result = read("+1d", PARIS_SPRING_EVE)
    assert result.in_tz(PARIS).hour == 12
    assert result == utc(2026, 3, 29, 10)


def test_plus_24_hours_is_exact_across_spring_change() -> None:
    result = read("+24h", PARIS_SPRING_EVE)
    assert result.in_tz(PARIS).hour == 13
    assert result == utc(2026, 3, 29, 11)


def test_plus_one_week_keeps_wall_clock_across_spring_change() -> None:
    assert read("+1w", PARIS_SPRING_EVE).in_tz(PARIS).hour == 12


def test_days_ago_keeps_wall_clock_across_spring_change() -> None:
    after = paris(2026, 3, 30, 12)
    assert read("2 days ago", after).in_tz(PARIS).hour == 12
    assert read("-48h", after).in_tz(PARIS).hour == 11


def test_tomorrow_across_spring_change_is_nine_summer_time() -> None:
    assert read("tomorrow", PARIS_SPRING_EVE) == utc(2026, 3, 29, 7)


def test_local_time_in_the_spring_gap_moves_forward() -> None:
    result = read("2026-03-29 02:30", PARIS_SPRING_EVE)
    assert result == utc(2026, 3, 29, 1, 30)
    assert result.in_tz(PARIS).hour == 3
    assert result.in_tz(PARIS).minute == 30
    assert read("tomorrow 2:30", PARIS_SPRING_EVE) == result


def test_plus_one_day_into_the_spring_gap_moves_forward() -> None:
    result = read("+1d", paris(2026, 3, 28, 2, 30))
    assert result == utc(2026, 3, 29, 1, 30)


# Saturday before the autumn change: on 2026-11-01 New York goes 02:00 -> 01:00.
NEW_YORK_FALL_EVE = pendulum.datetime(2026, 10, 31, 12, tz=NEW_YORK)


def test_plus_one_day_keeps_wall_clock_across_fall_back() -> None:
    result = read("+1d", NEW_YORK_FALL_EVE, NEW_YORK)
    assert result.in_tz(NEW_YORK).hour == 12
    assert result == utc(2026, 11, 1, 17)


def test_plus_24_hours_is_exact_across_fall_back() -> None:
    result = read("+24h", NEW_YORK_FALL_EVE, NEW_YORK)
    assert result.in_tz(NEW_YORK).hour == 11
    assert result == utc(2026, 11, 1, 16)


def test_ambiguous_local_time_at_fall_back_is_the_second_one() -> None:
    # 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    assert read("2026-11-01 01:30", NEW_YORK_FALL_EVE, NEW_YORK) == utc(2026, 11, 1, 6, 30)


def test_tomorrow_across_fall_back_is_nine_winter_time() -> None:
    assert read("tomorrow", NEW_YORK_FALL_EVE, NEW_YORK) == utc(2026, 11, 1, 14)


# --- parse_when: weekdays ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("sat", 28),
        ("sun", 29),
        ("mon", 30),
        ("tue", 1),
        ("wed", 2),
        ("thu", 3),
        ("fri", 4),
        ("saturday", 28),
        ("sunday", 29),
        ("monday", 30),
        ("tuesday", 1),
        ("tues", 1),
        ("wednesday", 2),
        ("thursday", 3),
        ("thurs", 3),
        ("friday", 4),
        ("Fri", 4),
        ("FRIDAY", 4),
    ],
)
def test_weekday_is_the_next_one_strictly_after_today(text: str, day: int) -> None:
    month = 11 if day > 27 else 12
    assert read(text) == paris(2026, month, day, 9)


def test_weekday_on_the_same_weekday_is_a_week_ahead() -> None:
    assert FRIDAY.day_of_week == pendulum.FRIDAY
    assert read("fri") == paris(2026, 12, 4, 9)


def test_weekday_from_midweek() -> None:
    assert read("fri", WEDNESDAY_EARLY) == paris(2026, 11, 27, 9)
    assert read("wed", WEDNESDAY_EARLY) == paris(2026, 12, 2, 9)
    assert read("tue", WEDNESDAY_EARLY) == paris(2026, 12, 1, 9)


def test_next_weekday_is_the_coming_one_as_most_people_read_it() -> None:
    tuesday = pendulum.datetime(2026, 11, 24, 11, 0, tz=PARIS)
    assert read("next fri", tuesday) == paris(2026, 11, 27, 9)
    assert read("fri", tuesday) == read("next fri", tuesday)
    assert read("this fri", tuesday) == paris(2026, 11, 27, 9)
    assert read("next fri", WEDNESDAY_EARLY) == paris(2026, 11, 27, 9)
    # Typed on the day itself it is a week ahead, as `fri` is.
    assert read("next fri") == paris(2026, 12, 4, 9)
    assert read("next monday") == paris(2026, 11, 30, 9)
    assert read("NEXT  Fri") == paris(2026, 12, 4, 9)


def test_weekday_uses_the_local_day() -> None:
    # Thursday 23:30 UTC is already Friday in Paris, so "fri" is next week's.
    late_thursday = utc(2026, 11, 26, 23, 30)
    assert read("fri", late_thursday) == paris(2026, 12, 4, 9)
    assert read("fri", late_thursday, "UTC") == utc(2026, 11, 27, 9)


# --- parse_when: day followed by a time --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 10:00", paris(2026, 11, 28, 10)),
        ("tomorrow 10:00:30", paris(2026, 11, 28, 10, 0, 30)),
        ("tomorrow 0:00", paris(2026, 11, 28, 0)),
        ("tomorrow 2pm", paris(2026, 11, 28, 14)),
        ("tomorrow 2 pm", paris(2026, 11, 28, 14)),
        ("tomorrow 2:15PM", paris(2026, 11, 28, 14, 15)),
        ("tomorrow 12am", paris(2026, 11, 28, 0)),
        ("tomorrow 12pm", paris(2026, 11, 28, 12)),
        ("tomorrow 10:00 pm", paris(2026, 11, 28, 22)),
        ("yesterday 16:45", paris(2026, 11, 26, 16, 45)),
        ("fri 14:30", paris(2026, 12, 4, 14, 30)),
        ("friday 9:30am", paris(2026, 12, 4, 9, 30)),
        ("mon 9am", paris(2026, 11, 30, 9)),
        ("next fri 10:00", paris(2026, 12, 4, 10)),
        ("today 17:00", paris(2026, 11, 27, 17)),
        ("+3d 10:00", paris(2026, 11, 30, 10)),
        ("in 2 weeks 8am", paris(2026, 12, 11, 8)),
        ("2 days ago 11:00", paris(2026, 11, 25, 11)),
        ("2026-12-01 9:05", paris(2026, 12, 1, 9, 5)),
        ("2026-12-01 2pm", paris(2026, 12, 1, 14)),
    ],
)
def test_day_with_time(text: str, expected: DateTime) -> None:
    assert read(text) == expected


def test_today_with_a_time_that_has_passed_keeps_that_time() -> None:
    assert read("today 10:00") == paris(2026, 11, 27, 10)
    assert read("today 10:00") < FRIDAY


# --- parse_when: ISO ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", paris(2026, 12, 1, 9)),
        ("2026-12-01 10:00", paris(2026, 12, 1, 10)),
        ("2026-12-01T10:00", paris(2026, 12, 1, 10)),
        ("2026-12-01t10:00", paris(2026, 12, 1, 10)),
        ("2026-12-01 10:00:30", paris(2026, 12, 1, 10, 0, 30)),
        ("2026-12-01T10:00:30", paris(2026, 12, 1, 10, 0, 30)),
        ("2026-06-01 10:00", utc(2026, 6, 1, 8)),
        ("2028-02-29", paris(2028, 2, 29, 9)),
        ("2020-01-15", paris(2020, 1, 15, 9)),
    ],
)
def test_iso_without_offset_is_read_in_tz(text: str, expected: DateTime) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01T10:00Z", utc(2026, 12, 1, 10)),
        ("2026-12-01T10:00z", utc(2026, 12, 1, 10)),
        ("2026-12-01 10:00Z", utc(2026, 12, 1, 10)),
        ("2026-12-01T10:00:30Z", utc(2026, 12, 1, 10, 0, 30)),
        ("2026-12-01T10:00+01:00", utc(2026, 12, 1, 9)),
        ("2026-12-01T10:00-05:00", utc(2026, 12, 1, 15)),
        ("2026-12-01T10:00+0530", utc(2026, 12, 1, 4, 30)),
        ("2026-12-01T10:00+02", utc(2026, 12, 1, 8)),
        ("2026-12-01T10:00:30+00:00", utc(2026, 12, 1, 10, 0, 30)),
    ],
)
def test_iso_with_explicit_offset_wins_over_tz(text: str, expected: DateTime) -> None:
    assert read(text) == expected
    assert read(text, tz=NEW_YORK) == expected


# --- parse_when: errors ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "xyz",
        "2026-13-45",
        "2026-02-29",
        "2026-12-01 24:00",
        "2026-12-01 10:60",
        "2026-12-01T10:00+25:00",
        "2026-12-01T10",
        "2026-12-01 10:00 +01:00",
        "2026/12/01",
        "+3x",
        "+3",
        "3d",
        "3 days",
        "+3d ago",
        "in -3d",
        "in 3 days ago",
        "+ d",
        "+1.5d",
        "+mon",
        "fri 25:00",
        "fri 10",
        "fri 13pm",
        "fri 0am",
        "fri 10:75",
        "fri 10:00:75",
        "fri 14:00pm",
        "now 10:00",
        "+4h 10:00",
        "next",
        "next 3d",
        "next tomorrow",
        "next fri fri",
        "fri mon",
        "32/12",
        "13/13",
        "0/12",
        "24/12/202",
        "24/12-2026",
        "24 foo",
        "smarch 3",
        "29 feb 2027",
        "10",
        "25:00",
        "noon noon",
        "+a week",
        "a week",
        "next week fri",
        "+999999m",
        "+999999w",
        "-999999d",
        "+\u0663d",
        "tomorrow\x00",
        "x" * 500,
    ],
)
def test_unreadable_input_raises(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text, FRIDAY, PARIS)


def test_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


def test_error_message_quotes_input_and_gives_examples() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("xyz", FRIDAY, PARIS)
    assert str(caught.value) == (
        'can\'t read "xyz" as a date; try now, today, tomorrow 3pm, fri, next week, '
        "24 dec, 24/12, +3d or 2026-12-01 10:00"
    )


def test_error_message_gives_the_numeric_example_in_the_readings_order() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("xyz", FRIDAY, PARIS, MONTH_FIRST)
    assert "24 dec, 12/24, +3d" in str(caught.value)
    assert examples(MONTH_FIRST) == str(caught.value).split("; ", 1)[1]
    assert examples() == EXAMPLES


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13-45", "(no such day)"),
        ("2026-02-30 10:00", "(no such day)"),
        ("fri 25:00", "(no such time)"),
        ("2026-12-01 24:00", "(no such time)"),
        ("2026-12-01T10:00+25:00", "(no such offset)"),
        ("+999999m", "(out of range)"),
    ],
)
def test_error_message_says_why_when_it_can(text: str, reason: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when(text, FRIDAY, PARIS)
    assert str(caught.value) == f'can\'t read "{text}" as a date {reason}; {EXAMPLES}'


def test_error_message_for_empty_input() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("", FRIDAY, PARIS)
    assert str(caught.value) == f'can\'t read "" as a date; {EXAMPLES}'


def test_error_message_strips_control_characters() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("ab\x1b[31mcd\x07\r\nef\u202e\u2028", FRIDAY, PARIS)
    message = str(caught.value)
    assert message.startswith('can\'t read "ab[31mcdef" as a date;')
    assert "\n" not in message
    assert all(ch.isprintable() for ch in message)


def test_error_message_cuts_long_input_to_40_characters() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("y" * 100, FRIDAY, PARIS)
    shown = str(caught.value).split('"')[1]
    assert len(shown) == 40
    assert shown == "y" * 37 + "..."


def test_error_message_keeps_input_of_exactly_40_characters() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("z" * 40, FRIDAY, PARIS)
    assert str(caught.value).split('"')[1] == "z" * 40


def test_error_message_shows_the_input_trimmed_not_lowercased() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("  Next Wek  ", FRIDAY, PARIS)
    assert '"Next Wek"' in str(caught.value)


def test_unknown_zone_raises() -> None:
    with pytest.raises(DateParseError, match='unknown time zone "Mars/Olympus"'):
        parse_when("tomorrow", FRIDAY, "Mars/Olympus")


# --- calendar dates, times alone, the reading ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "24/12",
        "24.12",
        "24-12",
        "dec 24",
        "24 dec",
        "December 24",
        "24 december",
        "24th Dec",
        "dec 24th",
        "dec. 24",
        "24/12/2026",
        "24.12.26",
        "24 dec 2026",
        "dec 24, 2026",
    ],
)
def test_calendar_dates_day_first(text: str) -> None:
    assert read(text) == paris(2026, 12, 24, 9)


@pytest.mark.parametrize("text", ["12/24", "12/24/2026", "12-24-26", "dec 24", "24 dec"])
def test_calendar_dates_month_first(text: str) -> None:
    assert read(text, reading=MONTH_FIRST) == paris(2026, 12, 24, 9)


def test_an_ambiguous_numeric_date_follows_the_reading() -> None:
    assert read("4/12") == paris(2026, 12, 4, 9)
    assert read("4/12", reading=MONTH_FIRST) == paris(2027, 4, 12, 9)
    assert read("1/2/2027") == paris(2027, 2, 1, 9)
    assert read("1/2/2027", reading=MONTH_FIRST) == paris(2027, 1, 2, 9)


def test_a_numeric_date_only_one_order_can_read_is_read_that_way() -> None:
    assert read("24/12", reading=MONTH_FIRST) == paris(2026, 12, 24, 9)
    assert read("12/24") == paris(2026, 12, 24, 9)


def test_a_date_without_a_year_that_has_passed_is_next_years() -> None:
    christmas_day = pendulum.datetime(2026, 12, 25, 10, 0, tz=PARIS)
    assert read("24 dec", christmas_day) == paris(2027, 12, 24, 9)
    assert read("24/12", christmas_day) == paris(2027, 12, 24, 9)
    assert read("26 dec", christmas_day) == paris(2026, 12, 26, 9)
    # With a year it is taken as given, even in the past.
    assert read("24 dec 2026", christmas_day) == paris(2026, 12, 24, 9)
    assert read("26 nov") == paris(2027, 11, 26, 9)


def test_todays_date_named_is_read_as_today() -> None:
    assert read("27 nov") == FRIDAY
    assert read("27/11") == FRIDAY
    assert read("2026-11-27") == FRIDAY
    assert read("25 nov", WEDNESDAY_EARLY) == paris(2026, 11, 25, 9)


def test_29_february_without_a_year_is_the_next_one_that_exists() -> None:
    with pytest.raises(DateParseError, match="no such day"):
        read("29 feb")  # neither 2026 nor 2027 has one
    in_2027 = pendulum.datetime(2027, 3, 1, 10, 0, tz=PARIS)
    assert read("29/2", in_2027) == paris(2028, 2, 29, 9)


def test_next_week_is_monday_of_next_week() -> None:
    assert read("next week") == paris(2026, 11, 30, 9)
    monday = pendulum.datetime(2026, 11, 23, 8, 0, tz=PARIS)
    assert read("next week", monday) == paris(2026, 11, 30, 9)
    sunday = pendulum.datetime(2026, 11, 29, 20, 0, tz=PARIS)
    assert read("next week", sunday) == paris(2026, 11, 30, 9)
    assert read("next week 10:30") == paris(2026, 11, 30, 10, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 3pm", paris(2026, 11, 28, 15)),
        ("3pm tomorrow", paris(2026, 11, 28, 15)),
        ("tomorrow at 3pm", paris(2026, 11, 28, 15)),
        ("tomorrow at 10:00", paris(2026, 11, 28, 10)),
        ("10:00 fri", paris(2026, 12, 4, 10)),
        ("fri, 10:00", paris(2026, 12, 4, 10)),
        ("tomorrow noon", paris(2026, 11, 28, 12)),
        ("24 dec 10:00", paris(2026, 12, 24, 10)),
        ("dec 24 2pm", paris(2026, 12, 24, 14)),
        ("24/12 9:30am", paris(2026, 12, 24, 9, 30)),
        ("in a week", paris(2026, 12, 4, 15)),
        ("an hour ago", paris(2026, 11, 27, 14)),
    ],
)
def test_days_with_times_either_way_round(text: str, expected: DateTime) -> None:
    assert read(text) == expected


def test_a_time_alone_is_today_while_ahead_else_tomorrow() -> None:
    # FRIDAY is 15:00 in Paris.
    assert read("16:30") == paris(2026, 11, 27, 16, 30)
    assert read("10:00") == paris(2026, 11, 28, 10)
    assert read("3pm") == paris(2026, 11, 28, 15)  # exactly now: the next one
    assert read("noon") == paris(2026, 11, 28, 12)
    assert read("noon", WEDNESDAY_EARLY) == paris(2026, 11, 25, 12)
    assert read("2pm", WEDNESDAY_EARLY) == paris(2026, 11, 25, 14)


def test_the_default_time_comes_from_the_reading() -> None:
    eight_thirty = DateReading(day_first=True, default_time=time(8, 30))
    assert read("tomorrow", reading=eight_thirty) == paris(2026, 11, 28, 8, 30)
    assert read("24 dec", reading=eight_thirty) == paris(2026, 12, 24, 8, 30)
    assert read("2026-12-01", reading=eight_thirty) == paris(2026, 12, 1, 8, 30)
    assert read("fri", reading=eight_thirty) == paris(2026, 12, 4, 8, 30)
    assert read("next week", reading=eight_thirty) == paris(2026, 11, 30, 8, 30)
    # A typed time still wins.
    assert read("tomorrow 10:00", reading=eight_thirty) == paris(2026, 11, 28, 10)
    early = pendulum.datetime(2026, 11, 25, 8, 0, tz=PARIS)
    assert read("today", early, reading=eight_thirty) == paris(2026, 11, 25, 8, 30)


def test_numeric_dates_can_be_refused_for_files() -> None:
    for text in ("12/01/2026", "11/23/2026", "24/12", "24.12.26"):
        with pytest.raises(DateParseError):
            parse_when(text, FRIDAY, PARIS, numeric_dates=False)
    assert parse_when("24 dec", FRIDAY, PARIS, numeric_dates=False) == paris(2026, 12, 24, 9)


def test_a_moment_that_happened_reads_backwards() -> None:
    """For when a contact took place: weekdays, yearless dates and bare times look back."""
    now = pendulum.datetime(2026, 12, 1, 15, 0, tz="UTC")  # a Tuesday
    day_first = DateReading(day_first=True, default_time=time(9, 0))
    assert parse_when("fri", now, "UTC", day_first, past=True) == pendulum.datetime(
        2026, 11, 27, 9, 0, tz="UTC"
    )
    assert parse_when("last tue", now, "UTC", day_first) == pendulum.datetime(
        2026, 11, 24, 9, 0, tz="UTC"
    )
    assert parse_when("20/11", now, "UTC", day_first, past=True) == pendulum.datetime(
        2026, 11, 20, 9, 0, tz="UTC"
    )
    assert parse_when("24 dec", now, "UTC", day_first, past=True) == pendulum.datetime(
        2025, 12, 24, 9, 0, tz="UTC"
    )
    assert parse_when("16:00", now, "UTC", day_first, past=True) == pendulum.datetime(
        2026, 11, 30, 16, 0, tz="UTC"
    )
    assert parse_when("20/11", now, "UTC", day_first) == pendulum.datetime(
        2027, 11, 20, 9, 0, tz="UTC"
    )
