"""The forms of date a rep may type: weekday, month and unit words, and the patterns."""

from __future__ import annotations

import re

WEEKDAYS: dict[str, int] = {
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

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# "m" is months, as in "+1m"; minutes must say "min" so the two never clash.
UNITS: dict[str, str] = {
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), "months"),
}
EXACT_UNITS = frozenset(("minutes", "hours"))

# re.ASCII so that non-ASCII digits such as "\u0663" are not taken for numbers.
OFFSET = re.compile(
    r"(?P<in>in\s+)?(?P<sign>[+-])?\s*(?:(?P<n>\d{1,6})\s*|(?P<one>an?)\s+)(?P<unit>[a-z]+)"
    r"(?P<ago>\s+ago)?",
    re.ASCII,
)
ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[t ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"(?P<tz>z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})", re.ASCII)
TIME_TEXT = r"(?:noon|\d{1,2}(?::\d{2}){0,2}\s*(?:am|pm)?)"
WITH_TIME = re.compile(rf"(?P<day>.+?)\s+(?P<time>{TIME_TEXT})", re.ASCII)
TIME_FIRST = re.compile(rf"(?P<time>{TIME_TEXT})\s+(?P<day>.+)", re.ASCII)
TIME = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>am|pm)?", re.ASCII
)
# 24/12, 24.12.2026, 12-24-26: the same separator twice; which number is the day is
# the DateReading's day_first.
NUMERIC_DATE = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?", re.ASCII
)
ORDINAL = r"(?:st|nd|rd|th)?"
DAY_MONTH = re.compile(
    rf"(?P<d>\d{{1,2}}){ORDINAL}\s*(?P<mon>[a-z]+)\.?(?:\s+(?P<y>\d{{4}}))?", re.ASCII
)
MONTH_DAY = re.compile(
    rf"(?P<mon>[a-z]+)\.?\s*(?P<d>\d{{1,2}}){ORDINAL}(?:\s+(?P<y>\d{{4}}))?", re.ASCII
)
