"""Read the dates reps type ('tomorrow 3pm', '24/12', 'next fri 10:00') as UTC moments."""

from __future__ import annotations

import re
from datetime import time

import pendulum
from pendulum import Date, DateTime, FixedTimezone, Timezone

from leadboard.domain.date_forms import (
    DAY_MONTH,
    EXACT_UNITS,
    ISO,
    ISO_DATE,
    MONTH_DAY,
    MONTHS,
    NUMERIC_DATE,
    OFFSET,
    TIME,
    TIME_FIRST,
    UNITS,
    WEEKDAYS,
    WITH_TIME,
)
from leadboard.domain.dates import (
    DEFAULT_READING,
    UTC,
    DateParseError,
    DateReading,
    shown_input,
    zone_named,
)

EXAMPLES = "try now, today, tomorrow 3pm, fri, next week, 24 dec, 24/12, +3d or 2026-12-01 10:00"
"""The hint shown with a date field, for the default day-first reading."""

# A paste accident of megabytes should not be run through the regexes at all.
_INPUT_MAX = 200

_MINUTE = 60
_HOUR = 60 * _MINUTE


def examples(reading: DateReading = DEFAULT_READING) -> str:
    """The hint for a date field, with the numeric example in the reading's order."""
    return EXAMPLES if reading.day_first else EXAMPLES.replace("24/12", "12/24")


class _Unreadable(Exception):
    """Internal signal that the input is not a date, with an optional reason."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


def parse_when(
    text: str,
    now: DateTime,
    tz: str,
    reading: DateReading = DEFAULT_READING,
    *,
    numeric_dates: bool = True,
    past: bool = False,
) -> DateTime:
    """Read a date the rep typed ('tomorrow 3pm', '24 dec', 'fri', '2026-12-01 10:00') as UTC.

    Case, commas, a joining 'at' and surrounding whitespace are ignored; words and local
    times are read in the zone `tz`, and the result is a UTC DateTime. "The default
    time" below is `reading.default_time` (the `default_time` setting, 09:00).

    - `now`; `today` is today at the default time, or now once that has passed;
      `tomorrow` and `yesterday` are that day at the default time.
    - Offsets from now: `+3d`, `-2d`, `+2w`, `+1m` (calendar months), `+4h`,
      `+30min`, also `+3 days`, `in 3 days`, `in a week`, `3 days ago`. Days, weeks
      and months keep the local wall-clock time across DST changes; hours and minutes
      are exact.
    - Weekdays `mon`..`sun` or in full: the nearest such day strictly after today, so
      `fri` typed on a Friday is a week ahead. `next fri` and `this fri` mean the
      same, as most people read them: typed on a Tuesday, the Friday 3 days on.
    - `next week`: Monday of next week.
    - Calendar dates: `24 dec`, `dec 24`, `december 24th`, `24 dec 2026`; numeric
      `24/12`, `24.12.2026`, `24-12-26`, read day first or month first as
      `reading.day_first` says (the `date_order` setting). When only one order makes a
      real date (`24/12` read month first) that one is taken. A date without a year
      that has already passed this year is next year's.
    - ISO: `2026-12-01`, `2026-12-01 10:00`, `2026-12-01T10:00:30`, and with `Z` or
      `+01:00`, which then wins over `tz`.
    - A day with no time gets the default time; today's date named any way is read
      as `today` (the default time, or now once it has passed).
    - Any day above but `now` may be followed or preceded by a time, `10:00`, `2pm`,
      `9:30am` or `noon` (`tomorrow 3pm`, `3pm tomorrow`, `fri at 10:00`), which is
      used as given even when it has passed (`today 17:00`).
    - A time alone (`10:00`, `3pm`, `noon`) is its next occurrence: today if it is
      still ahead, else tomorrow. A rep typing `10:00` in the afternoon means the next
      10:00, not one that has gone.

    `numeric_dates=False` refuses the numeric forms (`24/12`): a file's `12/01/2026`
    is read in no order the file does not state, so an import reports it, not guesses.

    `past=True` reads for a moment that has happened (when a contact took place): a
    weekday is the latest such day before today, a date without a year this year's or,
    if still ahead, last year's, and a time alone today's or, if still ahead, yesterday's.

    Raises DateParseError, whose message quotes the input and gives examples.
    """
    zone = zone_named(tz)
    cleaned = " ".join(text.lower().replace(",", " ").split())
    cleaned = cleaned.replace(" at ", " ").removeprefix("at ")
    if not cleaned or len(cleaned) > _INPUT_MAX:
        raise _error(text, "", reading)
    try:
        return _Reader(now, zone, reading, numeric_dates, past).read(cleaned)
    except _Unreadable as exc:
        raise _error(text, exc.reason, reading) from None
    except (ValueError, OverflowError):
        # Offsets such as "+999999m" run past the calendar pendulum can represent.
        raise _error(text, "out of range", reading) from None


class _Reader:
    """The work of parse_when for one moment, zone and reading."""

    def __init__(
        self,
        now: DateTime,
        zone: Timezone | FixedTimezone,
        reading: DateReading,
        numeric_dates: bool,
        past: bool = False,
    ) -> None:
        self.now = now
        self.zone = zone
        self.reading = reading
        self.numeric_dates = numeric_dates
        self.past = past
        self.local_now = now.in_tz(zone)
        self.today = self.local_now.date()

    def read(self, text: str) -> DateTime:
        """Read lower-cased, whitespace-collapsed text."""
        if text == "now":
            return self.now.in_tz(UTC)

        iso = ISO.fullmatch(text)
        if iso is not None:
            return self._from_iso(iso)

        offset = _read_offset(text)
        if offset is not None:
            amount, unit = offset
            if unit in EXACT_UNITS:
                return self.now.in_tz(UTC).add(**{unit: amount})
            return self.local_now.add(**{unit: amount}).in_tz(UTC)

        for pattern in (WITH_TIME, TIME_FIRST):
            match = pattern.fullmatch(text)
            if match is None:
                continue
            day = self._read_day(match["day"])
            if day is not None:
                return _at(day, _read_time(match["time"]), self.zone)

        if TIME.fullmatch(text) is not None or text == "noon":
            return self._next_time(_read_time(text, alone=True))

        day = self._read_day(text)
        if day is None:
            raise _Unreadable()
        return self._at_default_time(day)

    def _at_default_time(self, day: Date) -> DateTime:
        """A day with no time: the default time, but today's date once that passed is now."""
        moment = _at(day, self.reading.default_time, self.zone)
        if day == self.today and moment <= self.now:
            return self.now.in_tz(UTC)
        return moment

    def _next_time(self, clock: time) -> DateTime:
        """A time alone: today if it is still ahead, else tomorrow."""
        moment = _at(self.today, clock, self.zone)
        if self.past:
            if moment <= self.now:
                return moment
            return _at(self.today.subtract(days=1), clock, self.zone)
        if moment > self.now:
            return moment
        return _at(self.today.add(days=1), clock, self.zone)

    def _read_day(self, text: str) -> Date | None:
        """Find the local date of a day word, weekday, date or calendar offset, else None."""
        today = self.today
        if text == "today":
            return today
        if text == "tomorrow":
            return today.add(days=1)
        if text == "yesterday":
            return today.subtract(days=1)
        if text == "next week":
            return today.add(days=7 - today.weekday())

        words = text.split(" ")
        if len(words) == 2 and words[0] in ("next", "this") and words[1] in WEEKDAYS:
            return _next_weekday(today, WEEKDAYS[words[1]])
        if len(words) == 2 and words[0] == "last" and words[1] in WEEKDAYS:
            return _last_weekday(today, WEEKDAYS[words[1]])
        if text in WEEKDAYS:
            if self.past:
                return _last_weekday(today, WEEKDAYS[text])
            return _next_weekday(today, WEEKDAYS[text])

        iso = ISO_DATE.fullmatch(text)
        if iso is not None:
            return _checked_date(int(iso["y"]), int(iso["mo"]), int(iso["d"]))

        calendar = self._calendar_date(text)
        if calendar is not None:
            return calendar

        offset = _read_offset(text)
        if offset is not None:
            amount, unit = offset
            if unit in EXACT_UNITS:
                # "+4h 10:00" names no day the time could sit on.
                raise _Unreadable()
            return self.local_now.add(**{unit: amount}).date()
        return None

    def _calendar_date(self, text: str) -> Date | None:
        """'24 dec', 'dec 24', '24/12', '24/12/2026' as a date, or None for another form."""
        numeric = NUMERIC_DATE.fullmatch(text)
        if numeric is not None and not self.numeric_dates:
            raise _Unreadable()
        if numeric is not None:
            first, second = int(numeric["a"]), int(numeric["b"])
            day, month = (first, second) if self.reading.day_first else (second, first)
            if month > 12 >= day:
                # Only the other order makes a date ("24/12" read month first).
                day, month = month, day
            return self._dated(day, month, numeric["y"])
        for pattern in (DAY_MONTH, MONTH_DAY):
            named = pattern.fullmatch(text)
            if named is not None and named["mon"] in MONTHS:
                return self._dated(int(named["d"]), MONTHS[named["mon"]], named["y"])
        return None

    def _dated(self, day: int, month: int, year_text: str | None) -> Date:
        """The date of a day and month; with no year, this year's or, once passed, next year's."""
        if year_text is not None:
            year = int(year_text)
            return _checked_date(year + 2000 if len(year_text) == 2 else year, month, day)
        try:
            this_year = Date(self.today.year, month, day)
        except ValueError:
            # 29 Feb outside a leap year: next year's may exist, else no such day.
            return _checked_date(self.today.year + 1, month, day)
        if self.past and this_year > self.today:
            return _checked_date(self.today.year - 1, month, day)
        if not self.past and this_year < self.today:
            return _checked_date(self.today.year + 1, month, day)
        return this_year

    def _from_iso(self, match: re.Match[str]) -> DateTime:
        """Turn a matched ISO date or date-time into a UTC moment."""
        day = _checked_date(int(match["y"]), int(match["mo"]), int(match["d"]))
        if match["h"] is None:
            return self._at_default_time(day)
        hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise _Unreadable("no such time")
        written = match["tz"]
        zone = self.zone if written is None else _fixed_zone(written)
        return _at(day, time(hour, minute, second), zone)


def _read_offset(text: str) -> tuple[int, str] | None:
    """Read '+3d', 'in 3 days' or '3 days ago' as a signed amount and pendulum unit."""
    match = OFFSET.fullmatch(text)
    if match is None:
        return None
    unit = UNITS.get(match["unit"])
    if unit is None:
        # Not a unit: "24 dec" and "2pm" are other forms.
        return None
    markers = [match["in"], match["sign"], match["ago"]]
    # Exactly one of "in", a sign or "ago" says which way; "in -3 days" is nonsense.
    if sum(marker is not None for marker in markers) != 1:
        raise _Unreadable()
    if match["one"] is not None and match["sign"] is not None:
        raise _Unreadable()
    amount = 1 if match["one"] is not None else int(match["n"])
    if match["sign"] == "-" or match["ago"] is not None:
        amount = -amount
    return amount, unit


def _next_weekday(today: Date, weekday: int) -> Date:
    """Find the nearest date strictly after today on weekday (0 Monday .. 6 Sunday)."""
    ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today.add(days=ahead)


def _last_weekday(today: Date, weekday: int) -> Date:
    """Find the nearest date strictly before today on weekday (0 Monday .. 6 Sunday)."""
    back = (today.weekday() - weekday - 1) % 7 + 1
    return today.subtract(days=back)


def _read_time(text: str, *, alone: bool = False) -> time:
    """The time of '14:30', '14:30:15', '2pm', '9:30 am' or 'noon'.

    `alone` says no day was typed with it, so a bare hour ('10') is not taken for one.
    """
    if text == "noon":
        return time(12)
    match = TIME.fullmatch(text)
    if match is None:
        raise _Unreadable("no such time")
    hour = int(match["h"])
    minute = int(match["mi"] or 0)
    second = int(match["s"] or 0)
    ampm = match["ampm"]
    if ampm is None:
        # A bare "10" after a day is more likely a typo than a time.
        if match["mi"] is None or hour > 23:
            if alone:
                raise _Unreadable()
            raise _Unreadable("no such time")
    else:
        if not 1 <= hour <= 12:
            raise _Unreadable("no such time")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if minute > 59 or second > 59:
        raise _Unreadable("no such time")
    return time(hour, minute, second)


def _fixed_zone(written: str) -> FixedTimezone:
    """Read an ISO zone suffix: 'z', '+01', '+0100' or '+01:00'."""
    if written == "z":
        return FixedTimezone(0)
    digits = written[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise _Unreadable("no such offset")
    seconds = hours * _HOUR + minutes * _MINUTE
    return FixedTimezone(-seconds if written[0] == "-" else seconds)


def _checked_date(year: int, month: int, day: int) -> Date:
    """Build a real calendar date, or say why it is not one."""
    try:
        return Date(year, month, day)
    except ValueError:
        raise _Unreadable("no such day") from None


def _at(day: Date, clock: time, zone: Timezone | FixedTimezone) -> DateTime:
    """Place a local wall-clock time on day in zone, as a UTC moment.

    A time in a DST gap (02:30 on a spring-forward night) moves forward by the
    gap, to 03:30. A time that happens twice (01:30 on a fall-back night) is read
    as the second one, after the clocks go back: pendulum's default fold=1.
    """
    return pendulum.datetime(
        day.year, day.month, day.day, clock.hour, clock.minute, clock.second, tz=zone
    ).in_tz(UTC)


def _error(text: str, reason: str, reading: DateReading) -> DateParseError:
    """Build the DateParseError for input that could not be read."""
    because = f" ({reason})" if reason else ""
    return DateParseError(
        f'can\'t read "{shown_input(text)}" as a date{because}; {examples(reading)}'
    )
