"""Dates in import cells, in the forms exports write them, and each column's day/month order.

Understood, with or without a time (`10:30`, `1:51`, `3:04 PM`, seconds and
fractions of them, `T` or a space between, `Z` or `+02:00` after):

- ISO and year first: `2024-02-03`, `2024-02-03T10:30:00.000Z`, `2021/04/15`;
- numeric day and month: `2/5/24 1:51`, `3/31/2024`, `03.02.2024`, `31/12/2023`,
  `31-12-2023`, read day first or month first as the column's order says;
- month names: `15 Apr, 2021 00:03:00`, `Apr 15, 2021`, `Thursday, April 15, 2021`;
- Excel serial numbers in a date column: `45123` or `45123.5` (the 1900 system);
- and, as before, what a rep may type (`24 dec 2026 10:00`: domain.date_parsing).

A moment without a zone is local time in the user's zone; a day without a time
is at 09:00 there, as a typed date is.

The order of `4/12` is the column's: a value whose first number is over 12
(`31/12/2023`) makes the column day first, one whose second is over 12
(`2/13/24`) month first; when no value decides, the `date_order` setting does.
infer_orders reads the date columns once before the rows are imported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pendulum
from pendulum import DateTime

from leadboard.domain.date_forms import MONTHS
from leadboard.domain.date_parsing import parse_when
from leadboard.domain.dates import DateParseError, DateReading
from leadboard.domain.model import LEAD_MOMENTS
from leadboard.domain.text import printable
from leadboard.files.columns import LEADS, ColumnMap
from leadboard.files.file_errors import RowError
from leadboard.files.reading import open_table

LEAD_DATE_FIELDS = LEAD_MOMENTS
"""The date fields of a leads file."""
CONTACT_DATE_FIELDS = ("at", "next_due")
"""The date fields of a contact log."""

_DAY_TIME = 9
"""The hour a date without a time gets, as a typed one does (DateReading's default)."""

# Excel's day 0 in the 1900 system: 30 Dec 1899, which also absorbs its phantom 29 Feb 1900.
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SERIAL = re.compile(r"(\d{5})(?:\.(\d+))?", re.ASCII)
_SERIAL_RANGE = (20_000, 80_000)
"""Serials read as dates: 1954 to 2119; other whole numbers are not dates."""

_TIME = (
    r"(?:[t ]|,\s*|\s+(?:at\s+)?)"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?"
)
_WEEKDAY = r"(?:[a-z]+\.?,?\s+)?"
_YEAR_FIRST = re.compile(
    rf"(?P<y>\d{{4}})(?P<sep>[-/.])(?P<mo>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?:{_TIME})?",
    re.ASCII,
)
_NUMERIC = re.compile(
    rf"(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?:{_TIME})?",
    re.ASCII,
)
_DAY_NAMED = re.compile(
    rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]*(?P<mon>[a-z]{{3,9}})\.?,?[\s-]*"
    rf"(?P<y>\d{{4}})(?:{_TIME})?",
    re.ASCII,
)
_MONTH_NAMED = re.compile(
    rf"{_WEEKDAY}(?P<mon>[a-z]{{3,9}})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s*"
    rf"(?P<y>\d{{4}})(?:{_TIME})?",
    re.ASCII,
)
_DAY_MONTH_HINT = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]\d{2}", re.ASCII)


def _year(text: str) -> int:
    """A four-digit year as written; 00-68 as 20xx and 69-99 as 19xx (as strptime's %y)."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 69 else 1900
    return year


def _hour(match: re.Match[str]) -> tuple[int, int, int] | None:
    """The match's time of day, or None for a bad one ('13:00 pm', '25:00')."""
    if match["h"] is None:
        return _DAY_TIME, 0, 0
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _zone(text: str | None, tz: str) -> str | pendulum.FixedTimezone:
    """The zone a moment names (Z, +02:00), else the user's."""
    if not text:
        return tz
    if text in ("z", "utc", "gmt"):
        return "UTC"
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return pendulum.FixedTimezone((minutes if text[0] == "+" else -minutes) * 60)


def _moment(year: int, month: int, day: int, match: re.Match[str], tz: str) -> DateTime | None:
    """The UTC moment of a matched date and its time, or None when it is no real date."""
    clock = _hour(match)
    if clock is None or not 1 <= month <= 12:
        return None
    try:
        local = pendulum.datetime(year, month, day, *clock, tz=_zone(match["tz"], tz))
    except ValueError:
        return None
    return local.in_tz("UTC")


def _serial(text: str, tz: str) -> DateTime | None:
    """An Excel serial day number ('45123.5') as a moment, or None when it is not one."""
    match = _SERIAL.fullmatch(text)
    if match is None or not _SERIAL_RANGE[0] <= int(match[1]) <= _SERIAL_RANGE[1]:
        return None
    moment = _EXCEL_EPOCH + timedelta(days=float(text))
    # A whole serial is a day without a time; round to the second Excel shows.
    if match[2] is None or not match[2].strip("0"):
        moment = moment.replace(hour=_DAY_TIME)
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    local = pendulum.instance(moment, tz=tz)
    return local.in_tz("UTC")


def _named(text: str, tz: str) -> DateTime | None:
    """'15 Apr, 2021 00:03:00' or 'Apr 15, 2021' as a moment, or None."""
    for pattern in (_DAY_NAMED, _MONTH_NAMED):
        match = pattern.fullmatch(text)
        if match is not None:
            month = MONTHS.get(match["mon"])
            if month is not None:
                return _moment(int(match["y"]), month, int(match["d"]), match, tz)
    return None


def read_date(text: str, what: str, now: DateTime, tz: str, day_first: bool = True) -> DateTime:
    """A date or date-time cell as UTC, or RowError naming the cell (`what`)."""
    cleaned = text.strip()
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        # The fast path for exports (ours and CRMs'): an exact moment with its offset.
        utc = parsed.astimezone(UTC)
        return DateTime(
            utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, tzinfo=pendulum.UTC
        )
    if not cleaned.isascii():
        cleaned = unicodedata.normalize("NFKC", cleaned)
    lowered = " ".join(cleaned.lower().split())
    found = _serial(lowered, tz) if lowered[:1].isdigit() else None
    if found is None:
        found = _numeric(lowered, tz, day_first)
    if found is None:
        found = _named(lowered, tz)
    if found is not None:
        return found
    try:
        # What a rep might type in a sheet by hand: '24 dec 2026 10:00', 'tomorrow'.
        reading = DateReading(day_first=day_first)
        return parse_when(lowered, now, tz, reading, numeric_dates=False)
    except DateParseError:
        raise RowError(
            f'{what}: can\'t read "{_shown(text)}" as a date; use YYYY-MM-DD or YYYY-MM-DD HH:MM'
        ) from None


def _numeric(text: str, tz: str, day_first: bool) -> DateTime | None:
    """'2021/04/15 10:00', '31/12/2023' or '2/5/24 1:51' as a moment, or None."""
    match = _YEAR_FIRST.fullmatch(text)
    if match is not None:
        return _moment(int(match["y"]), int(match["mo"]), int(match["d"]), match, tz)
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    first, second = int(match["a"]), int(match["b"])
    day, month = (first, second) if day_first else (second, first)
    return _moment(_year(match["y"]), month, day, match, tz)


def _shown(text: str) -> str:
    """A cell quoted in a reason: printable and short (as values.shown)."""
    cleaned = printable(text)
    return cleaned if len(cleaned) <= 40 else cleaned[:37] + "..."


SETTLED_AFTER = 1000
"""Values of a date column without a numeric day and month that settle it (infer_orders)."""


@dataclass
class DateOrders:
    """Each date column's day/month order, and how the preview says it was chosen."""

    day_first: dict[str, bool] = field(default_factory=dict)
    """Field name -> True when the column reads 4/12 as 4 December."""
    described: dict[str, str] = field(default_factory=dict)
    """Header -> 'day first (31/12/2023 seen)' or 'month first (setting)'."""
    default: bool = True
    """The date_order setting, for a column that does not decide."""

    def of(self, name: str) -> bool:
        """Whether the field's column reads day first."""
        return self.day_first.get(name, self.default)


def date_columns(fields: Mapping[str, int], names: Sequence[str]) -> dict[str, int]:
    """{field: column index} for the date fields (of `names`) a file maps."""
    return {name: fields[name] for name in names if name in fields}


def infer_orders(
    rows: Iterable[Sequence[str]],
    columns: Mapping[str, int],
    headers: Sequence[str],
    default_day_first: bool,
) -> DateOrders:
    """Read the date columns (field -> index) of every row and choose each one's order.

    The first value over 12 in either place decides a column (a file is one
    export, written one way). For the same reason a column whose first
    SETTLED_AFTER values hold no day and month in numbers (ISO dates, month
    names) is settled. Reading stops once every column is decided or settled.
    """
    orders = DateOrders(default=default_day_first)
    open_columns = dict(columns)
    seen: set[str] = set()
    plain = dict.fromkeys(columns, 0)
    for cells in rows:
        width = len(cells)
        for name, index in list(open_columns.items()):
            if index >= width or not (cell := cells[index].strip()):
                continue
            match = _DAY_MONTH_HINT.match(cell)
            if match is None:
                plain[name] += 1
                if name not in seen and plain[name] >= SETTLED_AFTER:
                    del open_columns[name]
                continue
            seen.add(name)
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second or second > 12 >= first:
                day_first = first > 12
                orders.day_first[name] = day_first
                which = "day first" if day_first else "month first"
                example = cell.split()[0]
                orders.described[headers[index]] = f"{which} ({example} seen)"
                del open_columns[name]
        if not open_columns:
            break
    for name in seen & set(open_columns):
        which = "day first" if default_day_first else "month first"
        orders.described[headers[columns[name]]] = f"{which} (setting)"
    # Header order, as the preview lists columns.
    order = {header: index for index, header in enumerate(headers)}
    orders.described = dict(sorted(orders.described.items(), key=lambda item: order[item[0]]))
    return orders


def read_date_orders(
    path: Path, encoding: str | None, columns: ColumnMap, day_first: bool
) -> DateOrders:
    """Each date column's order for a file: one read of it before its rows are imported."""
    names = LEAD_DATE_FIELDS if columns.kind == LEADS else CONTACT_DATE_FIELDS
    found = date_columns(columns.fields, names)
    if not found:
        return DateOrders(default=day_first)
    with open_table(path, encoding) as table:
        rows = (cells for _, cells in table.rows())
        return infer_orders(rows, found, table.header, day_first)
