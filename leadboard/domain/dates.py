"""Dates for reps: say how far off a moment is, show it in their zone, store it as UTC text.

Reading what a rep types is leadboard.domain.date_parsing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC as STDLIB_UTC
from datetime import datetime, time, timedelta

import pendulum
from pendulum import DateTime, FixedTimezone, Timezone

from leadboard.domain.wording import counted

__all__ = [
    "DEFAULT_HOUR",
    "DEFAULT_READING",
    "DateParseError",
    "DateReading",
    "day_first_for_locale",
    "falls_on_weekend",
    "format_local",
    "from_utc_text",
    "humanize_ago",
    "humanize_due",
    "iso_local",
    "resolve_timezone",
    "shown_input",
    "to_utc_text",
    "zone_named",
]

UTC = pendulum.UTC

DEFAULT_HOUR = 9
"""Hour of day given to a date typed without a time: the start of a working day.

The default of the `default_time` setting (DateReading); code with no settings at
hand (the calendar export's slot for an overdue follow-up) uses it as is.
"""


@dataclass(frozen=True)
class DateReading:
    """How typed dates are read: which comes first in '4/12', and the time a bare date gets."""

    day_first: bool = True
    default_time: time = time(DEFAULT_HOUR)


DEFAULT_READING = DateReading()
"""Day before month, 09:00: the reading when no settings are given."""

# Locales whose people write the month first (4/12 is April 12): the United States and
# the places that follow its usage. Every other locale, and C, POSIX or none, is day first.
_MONTH_FIRST_LOCALES = frozenset(
    (
        "en_us",
        "es_us",
        "en_ph",
        "fil_ph",
        "en_as",
        "en_gu",
        "en_mh",
        "en_fm",
        "en_mp",
        "en_pw",
        "en_pr",
        "en_um",
        "en_vi",
    )
)

_SHOWN_MAX = 40

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


def zone_named(name: str) -> Timezone | FixedTimezone:
    """Look up the zone for an IANA name; an unknown one is a DateParseError naming it."""
    try:
        return pendulum.timezone(name)
    except (ValueError, OSError):
        # zoneinfo raises OSError for some malformed names, such as directories.
        raise DateParseError(
            f'unknown time zone "{shown_input(name)}"; use a name like Europe/Paris or UTC'
        ) from None


def shown_input(text: str) -> str:
    """User input made safe and short enough to quote in a one-line message."""
    # Not domain.text.clipped: this module imports nothing of ours (a test holds it to
    # that), and its cut drops the escape bytes but keeps their printable tail.
    visible = "".join(
        ch for ch in text.strip() if unicodedata.category(ch)[0] != "C" and ch not in "\u2028\u2029"
    )
    if len(visible) > _SHOWN_MAX:
        visible = visible[: _SHOWN_MAX - 3] + "..."
    return visible


def day_first_for_locale(locale: str | None) -> bool:
    """Whether a locale name ('en_US.UTF-8', 'de_DE@euro') writes the day before the month.

    Month first only for the US-style locales; C, POSIX, empty or unknown read day first,
    as most of the world writes dates.
    """
    name = (locale or "").split(".")[0].split("@")[0].replace("-", "_").lower()
    return name not in _MONTH_FIRST_LOCALES


def falls_on_weekend(moment: DateTime, tz: str) -> bool:
    """True when the moment is on a Saturday or Sunday in the user's zone."""
    return moment.in_tz(zone_named(tz)).isoweekday() >= 6


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
    """Word a span of a minute or more in one short unit, to the nearest unit.

    Floored, 47 hours read "1 day", half a day short. So hours, days, weeks and months
    round to the nearest, halves up (36h reads "2 days"), and a unit is used once the
    rounded count reaches the next unit's threshold. Two ends stay floored, so that a
    word never claims a bigger unit than has passed: minutes ("59min", not "1h", until
    the hour is up) and the last hours of a day ("23h" up to 24h, never "24h" or "1 day").
    """
    if seconds < _HOUR:
        return f"{int(seconds // _MINUTE)}min"
    if seconds < _DAY:
        return f"{min(_nearest(seconds / _HOUR), 23)}h"
    days = _nearest(seconds / _DAY)
    if days < 14:
        return counted(days, "day")
    weeks = _nearest(seconds / _WEEK)
    if weeks < 8:
        return counted(weeks, "week")
    return counted(_nearest(seconds / _MONTH), "month")


def _nearest(amount: float) -> int:
    """Round half up (Python's round() rounds half to even: 2.5 days would read "2 days")."""
    return int(amount + 0.5)


def format_local(
    moment: DateTime, tz: str, with_time: bool = True, now: DateTime | None = None
) -> str:
    """Show a moment in the user's zone, short: 'Mon 30 Nov 09:00', 'Mon 30 Nov 2027 09:00'.

    The year is left out only when `now` is given and falls in the same local year.
    """
    zone = zone_named(tz)
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
    return moment.in_tz(zone_named(tz)).isoformat(timespec="seconds")


def resolve_timezone(setting: str | None, env_tz: str | None) -> str:
    """Pick the user's zone: setting, else TZ, else 'UTC'; an unknown name is a DateParseError."""
    name = (setting or "").strip()
    if not name:
        # glibc allows TZ=":Europe/Paris"; the colon only means "from the zone files".
        name = (env_tz or "").strip().removeprefix(":")
        try:
            zone_named(name or "UTC")
        except DateParseError:
            # A POSIX rule such as 'CET-1CEST,M3.5.0' is valid TZ but no zone name:
            # UTC beats refusing every command; the config file can name the zone.
            return "UTC"
    if not name:
        return "UTC"
    zone_named(name)
    return name
