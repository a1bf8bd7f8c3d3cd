"""Read the dates reps type ('tomorrow', '+3d', 'next fri 10:00') as UTC moments."""

from __future__ import annotations

import re

import pendulum
from pendulum import Date, DateTime, FixedTimezone, Timezone

from leadboard.domain.dates import DEFAULT_HOUR, UTC, DateParseError, shown_input, zone_named

EXAMPLES = "try now, today, tomorrow, +3d, +2w, fri, next fri or 2026-12-01 10:00"

# A paste accident of megabytes should not be run through the regexes at all.
_INPUT_MAX = 200

_MINUTE = 60
_HOUR = 60 * _MINUTE

_WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}

# "m" is months, as in "+1m"; minutes must say "min" so the two never clash.
_UNITS: dict[str, str] = {
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), "months"),
}
_EXACT_UNITS = frozenset(("minutes", "hours"))

# re.ASCII so that non-ASCII digits such as "\u0663" are not taken for numbers.
_OFFSET = re.compile(
    r"(?P<in>in\s+)?(?P<sign>[+-])?\s*(?P<n>\d{1,6})\s*(?P<unit>[a-z]+)(?P<ago>\s+ago)?",
    re.ASCII,
)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[t ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"(?P<tz>z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})", re.ASCII)
_WITH_TIME = re.compile(r"(?P<day>.+?)\s+(?P<time>\d{1,2}(?::\d{2}){0,2}\s*(?:am|pm)?)", re.ASCII)
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>am|pm)?", re.ASCII
)


class _Unreadable(Exception):
    """Internal signal that the input is not a date, with an optional reason."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


def parse_when(text: str, now: DateTime, tz: str) -> DateTime:
    """Read a date the rep typed ('tomorrow', '+3d', 'fri', '2026-12-01 10:00') as UTC.

    Case and surrounding whitespace are ignored; words and local times are read in
    the zone `tz`, and the result is a UTC DateTime.

    - `now`; `today` is today 09:00, or now once 09:00 has passed; `tomorrow` and
      `yesterday` are 09:00 on that day.
    - Offsets from now: `+3d`, `-2d`, `+2w`, `+1m` (calendar months), `+4h`,
      `+30min`, also `+3 days`, `in 3 days`, `3 days ago`. Days, weeks and months
      keep the local wall-clock time across DST changes; hours and minutes are exact.
    - Weekdays `mon`..`sun` or in full: the nearest such day strictly after today,
      so `fri` typed on a Friday is a week ahead; `next fri` is 7 days after `fri`.
      Both land at 09:00.
    - ISO: `2026-12-01` (09:00), `2026-12-01 10:00`, `2026-12-01T10:00:30`, and with
      `Z` or `+01:00`, which then wins over `tz`.
    - Any day above but `now` may be followed by a time, `10:00`, `2pm` or `9:30am`,
      which is used as given even when it has passed (`today 17:00`).

    Raises DateParseError, whose message quotes the input and gives examples.
    """
    zone = zone_named(tz)
    cleaned = " ".join(text.lower().split())
    if not cleaned or len(cleaned) > _INPUT_MAX:
        raise _error(text)
    try:
        return _parse(cleaned, now, zone)
    except _Unreadable as exc:
        raise _error(text, exc.reason) from None
    except (ValueError, OverflowError):
        # Offsets such as "+999999m" run past the calendar pendulum can represent.
        raise _error(text, "out of range") from None


def _parse(text: str, now: DateTime, zone: Timezone | FixedTimezone) -> DateTime:
    """Do the work of parse_when on lower-cased, whitespace-collapsed text."""
    local_now = now.in_tz(zone)
    if text == "now":
        return now.in_tz(UTC)
    if text == "today":
        nine = _at(local_now.date(), DEFAULT_HOUR, 0, 0, zone)
        return nine if nine > now else now.in_tz(UTC)

    iso = _ISO.fullmatch(text)
    if iso is not None:
        return _from_iso(iso, zone)

    offset = _read_offset(text)
    if offset is not None:
        amount, unit = offset
        if unit in _EXACT_UNITS:
            return now.in_tz(UTC).add(**{unit: amount})
        return local_now.add(**{unit: amount}).in_tz(UTC)

    with_time = _WITH_TIME.fullmatch(text)
    if with_time is not None:
        day = _read_day(with_time["day"], local_now)
        if day is not None:
            hour, minute, second = _read_time(with_time["time"])
            return _at(day, hour, minute, second, zone)

    day = _read_day(text, local_now)
    if day is None:
        raise _Unreadable()
    return _at(day, DEFAULT_HOUR, 0, 0, zone)


def _read_offset(text: str) -> tuple[int, str] | None:
    """Read '+3d', 'in 3 days' or '3 days ago' as a signed amount and pendulum unit."""
    match = _OFFSET.fullmatch(text)
    if match is None:
        return None
    unit = _UNITS.get(match["unit"])
    markers = [match["in"], match["sign"], match["ago"]]
    # Exactly one of "in", a sign or "ago" says which way; "in -3 days" is nonsense.
    if unit is None or sum(marker is not None for marker in markers) != 1:
        raise _Unreadable()
    amount = int(match["n"])
    if match["sign"] == "-" or match["ago"] is not None:
        amount = -amount
    return amount, unit


def _read_day(text: str, local_now: DateTime) -> Date | None:
    """Find the local date of a day word, weekday, ISO date or calendar offset, else None."""
    today = local_now.date()
    if text == "today":
        return today
    if text == "tomorrow":
        return today.add(days=1)
    if text == "yesterday":
        return today.subtract(days=1)

    words = text.split(" ")
    if words[0] == "next" and len(words) == 2 and words[1] in _WEEKDAYS:
        return _next_weekday(today, _WEEKDAYS[words[1]]).add(days=7)
    if text in _WEEKDAYS:
        return _next_weekday(today, _WEEKDAYS[text])

    iso = _ISO_DATE.fullmatch(text)
    if iso is not None:
        return _checked_date(int(iso["y"]), int(iso["mo"]), int(iso["d"]))

    offset = _read_offset(text)
    if offset is not None:
        amount, unit = offset
        if unit in _EXACT_UNITS:
            # "+4h 10:00" names no day the time could sit on.
            raise _Unreadable()
        return local_now.add(**{unit: amount}).date()
    return None


def _next_weekday(today: Date, weekday: int) -> Date:
    """Find the nearest date strictly after today on weekday (0 Monday .. 6 Sunday)."""
    ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today.add(days=ahead)


def _read_time(text: str) -> tuple[int, int, int]:
    """Hour, minute and second of '14:30', '14:30:15', '2pm' or '9:30 am'."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise _Unreadable("no such time")
    hour = int(match["h"])
    minute = int(match["mi"] or 0)
    second = int(match["s"] or 0)
    ampm = match["ampm"]
    if ampm is None:
        # A bare "10" after a day is more likely a typo than a time.
        if match["mi"] is None or hour > 23:
            raise _Unreadable("no such time")
    else:
        if not 1 <= hour <= 12:
            raise _Unreadable("no such time")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if minute > 59 or second > 59:
        raise _Unreadable("no such time")
    return hour, minute, second


def _from_iso(match: re.Match[str], zone: Timezone | FixedTimezone) -> DateTime:
    """Turn a matched ISO date or date-time into a UTC moment."""
    day = _checked_date(int(match["y"]), int(match["mo"]), int(match["d"]))
    if match["h"] is None:
        return _at(day, DEFAULT_HOUR, 0, 0, zone)
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _Unreadable("no such time")
    written = match["tz"]
    if written is not None:
        zone = _fixed_zone(written)
    return _at(day, hour, minute, second, zone)


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


def _at(day: Date, hour: int, minute: int, second: int, zone: Timezone | FixedTimezone) -> DateTime:
    """Place a local wall-clock time on day in zone, as a UTC moment.

    A time in a DST gap (02:30 on a spring-forward night) moves forward by the
    gap, to 03:30. A time that happens twice (01:30 on a fall-back night) is read
    as the second one, after the clocks go back: pendulum's default fold=1.
    """
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, second, tz=zone).in_tz(UTC)


def _error(text: str, reason: str = "") -> DateParseError:
    """Build the DateParseError for input that could not be read."""
    because = f" ({reason})" if reason else ""
    return DateParseError(f'can\'t read "{shown_input(text)}" as a date{because}; {EXAMPLES}')
