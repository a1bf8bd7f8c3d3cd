"""Dates for reps: read what they type, say how far off it is, store it as UTC text."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC as STDLIB_UTC
from datetime import datetime, timedelta

import pendulum
from pendulum import Date, DateTime, FixedTimezone, Timezone

__all__ = [
    "DateParseError",
    "format_local",
    "from_utc_text",
    "humanize_ago",
    "humanize_due",
    "iso_local",
    "parse_when",
    "resolve_timezone",
    "to_utc_text",
]

UTC = pendulum.UTC

DEFAULT_HOUR = 9
"""Hour of day given to a date typed without a time: the start of a working day."""

EXAMPLES = "try now, today, tomorrow, +3d, +2w, fri, next fri or 2026-12-01 10:00"

_SHOWN_MAX = 40
# A paste accident of megabytes should not be run through the regexes at all.
_INPUT_MAX = 200

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

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_WEEK = 7 * _DAY
# The mean Gregorian month, so month counts neither drift nor jump at month ends.
_MONTH = 30.436875 * _DAY


class DateParseError(ValueError):
    """A typed date could not be read; str(err) is a one-line message for the user."""


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
    zone = _zone(tz)
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


def _zone(name: str) -> Timezone | FixedTimezone:
    """Look up the zone for an IANA name; an unknown one is a DateParseError naming it."""
    try:
        return pendulum.timezone(name)
    except (ValueError, OSError):
        # zoneinfo raises OSError for some malformed names, such as directories.
        raise DateParseError(
            f'unknown time zone "{_shown(name)}"; use a name like Europe/Paris or UTC'
        ) from None


def _shown(text: str) -> str:
    """User input made safe and short enough to quote in a one-line message."""
    visible = "".join(
        ch for ch in text.strip() if unicodedata.category(ch)[0] != "C" and ch not in "\u2028\u2029"
    )
    if len(visible) > _SHOWN_MAX:
        visible = visible[: _SHOWN_MAX - 3] + "..."
    return visible


def _error(text: str, reason: str = "") -> DateParseError:
    """Build the DateParseError for input that could not be read."""
    because = f" ({reason})" if reason else ""
    return DateParseError(f'can\'t read "{_shown(text)}" as a date{because}; {EXAMPLES}')


def humanize_due(due: DateTime, now: DateTime) -> str:
    """How far off a due moment is: '3 days overdue', 'due now', 'due in 45min'."""
    seconds = due.timestamp() - now.timestamp()
    if abs(seconds) < _MINUTE:
        return "due now"
    amount = _amount(abs(seconds))
    return f"due in {amount}" if seconds > 0 else f"{amount} overdue"


def humanize_ago(at: DateTime, now: DateTime) -> str:
    """'just now', '5min ago', '3h ago', '2 days ago', '3 weeks ago', '4 months ago'."""
    seconds = now.timestamp() - at.timestamp()
    if abs(seconds) < _MINUTE:
        return "just now"
    amount = _amount(abs(seconds))
    # A moment ahead of now (a contact backdated the wrong way, clock skew) says so.
    return f"{amount} ago" if seconds > 0 else f"in {amount}"


def _amount(seconds: float) -> str:
    """Word a span of a minute or more in one short unit, floored (months rounded)."""
    if seconds < _HOUR:
        return f"{int(seconds // _MINUTE)}min"
    if seconds < _DAY:
        return f"{int(seconds // _HOUR)}h"
    if seconds < 2 * _WEEK:
        return _plural(int(seconds // _DAY), "day")
    if seconds < 8 * _WEEK:
        return _plural(int(seconds // _WEEK), "week")
    # Rounded, not floored: 8 weeks floored would read "1 month", less than "7 weeks".
    return _plural(int(seconds / _MONTH + 0.5), "month")


def _plural(count: int, unit: str) -> str:
    """'1 day', '2 days'."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def format_local(
    moment: DateTime, tz: str, with_time: bool = True, now: DateTime | None = None
) -> str:
    """Show a moment in the user's zone, short: 'Mon 30 Nov 09:00', 'Mon 30 Nov 2027 09:00'.

    The year is left out only when `now` is given and falls in the same local year.
    """
    zone = _zone(tz)
    local = moment.in_tz(zone)
    # English names by hand: strftime's %a and %b follow the process locale.
    text = f"{_DAY_NAMES[local.weekday()]} {local.day} {_MONTH_NAMES[local.month - 1]}"
    if now is None or now.in_tz(zone).year != local.year:
        text += f" {local.year}"
    if with_time:
        text += f" {local.hour:02d}:{local.minute:02d}"
    return text


_ZERO = timedelta(0)


def to_utc_text(moment: DateTime) -> str:
    """Fixed-width UTC text 'YYYY-MM-DDTHH:MM:SSZ' that sorts like time (storage)."""
    # Hot path for bulk inserts: no conversion when already UTC, and an f-string,
    # which measured twice as fast as strftime and far faster than pendulum format.
    utc: datetime = moment
    if moment.tzinfo is not UTC:
        offset = moment.utcoffset()
        if offset is None:
            raise ValueError(f"naive datetime {moment!r} has no zone; cannot store it")
        if offset != _ZERO:
            # The stdlib method, not pendulum's override: measured about 2x faster.
            utc = datetime.astimezone(moment, STDLIB_UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )


def from_utc_text(text: str) -> DateTime:
    """Read storage text back as a UTC DateTime: the inverse of to_utc_text."""
    # fromisoformat then the plain DateTime constructor measured fastest (~0.8us,
    # against ~4us for pendulum.datetime or pendulum.instance). The shape check
    # matters: fromisoformat also takes offsets and week dates we must not misread.
    if (
        len(text) != 20
        or text[19] != "Z"
        or text[10] != "T"
        or text[4] != "-"
        or text[7] != "-"
        or text[13] != ":"
        or text[16] != ":"
    ):
        raise ValueError(f"not UTC storage text: {text!r}")
    parsed = datetime.fromisoformat(text)
    return DateTime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        tzinfo=UTC,
    )


def iso_local(moment: DateTime, tz: str) -> str:
    """ISO 8601 in the user's offset, to the second: '2026-11-23T09:00:00+01:00'."""
    return moment.in_tz(_zone(tz)).isoformat(timespec="seconds")


def resolve_timezone(setting: str | None, env_tz: str | None) -> str:
    """Pick the user's zone: setting, else TZ, else 'UTC'; an unknown name is a DateParseError."""
    name = (setting or "").strip()
    if not name:
        # glibc allows TZ=":Europe/Paris"; the colon only means "from the zone files".
        name = (env_tz or "").strip().removeprefix(":")
        try:
            _zone(name or "UTC")
        except DateParseError:
            # A POSIX rule such as 'CET-1CEST,M3.5.0' is valid TZ but no zone name:
            # UTC beats refusing every command; the config file can name the zone.
            return "UTC"
    if not name:
        return "UTC"
    _zone(name)
    return name
