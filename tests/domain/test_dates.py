"""Tests for leadboard.domain.dates: wording, formatting, zones and storage text."""

from __future__ import annotations

import ast
from datetime import datetime, time
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, FixedTimezone

from leadboard.domain import date_parsing, dates
from leadboard.domain.dates import (
    DEFAULT_READING,
    DateParseError,
    DateReading,
    day_first_for_locale,
    falls_on_weekend,
    format_local,
    from_utc_text,
    humanize_ago,
    humanize_due,
    iso_local,
    resolve_timezone,
    to_utc_text,
)

PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"

# Friday 27 Nov 2026, 15:00 in Paris (14:00 UTC): 09:00 has passed.
FRIDAY = pendulum.datetime(2026, 11, 27, 15, 0, tz=PARIS)


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


# --- humanize ----------------------------------------------------------------

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
BASE = utc(2026, 11, 27, 14)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "due now"),
        (59, "due now"),
        (-59, "due now"),
        (60, "due in 1min"),
        (45 * MINUTE, "due in 45min"),
        (HOUR - 1, "due in 59min"),
        (HOUR, "due in 1h"),
        (HOUR + 29 * MINUTE, "due in 1h"),
        (HOUR + 30 * MINUTE, "due in 2h"),
        (2 * HOUR + 59 * MINUTE, "due in 3h"),
        (23 * HOUR + 29 * MINUTE, "due in 23h"),
        (23 * HOUR + 45 * MINUTE, "due in 23h"),
        (DAY - 1, "due in 23h"),
        (DAY, "due in 1 day"),
        (36 * HOUR - 1, "due in 1 day"),
        (36 * HOUR, "due in 2 days"),
        (47 * HOUR, "due in 2 days"),
        (3 * DAY, "due in 3 days"),
        (13 * DAY + 12 * HOUR - 1, "due in 13 days"),
        (13 * DAY + 12 * HOUR, "due in 2 weeks"),
        (17 * DAY, "due in 2 weeks"),
        (18 * DAY, "due in 3 weeks"),
        (21 * DAY, "due in 3 weeks"),
        (52 * DAY + 12 * HOUR - 1, "due in 7 weeks"),
        (52 * DAY + 12 * HOUR, "due in 2 months"),
        (120 * DAY, "due in 4 months"),
        (365 * DAY, "due in 12 months"),
        (-60, "1min overdue"),
        (-45 * MINUTE, "45min overdue"),
        (-2 * HOUR, "2h overdue"),
        (-DAY, "1 day overdue"),
        (-47 * HOUR, "2 days overdue"),
        (-36 * HOUR, "2 days overdue"),
        (-35 * HOUR, "1 day overdue"),
        (-23 * HOUR - 59 * MINUTE, "23h overdue"),
        (-3 * DAY - 5 * HOUR, "3 days overdue"),
        (-14 * DAY, "2 weeks overdue"),
        (-100 * DAY, "3 months overdue"),
    ],
)
def test_humanize_due(seconds: int, expected: str) -> None:
    assert humanize_due(BASE.add(seconds=seconds), BASE) == expected


def test_humanize_due_compares_moments_not_wall_clocks() -> None:
    assert humanize_due(BASE.in_tz(NEW_YORK), BASE.in_tz("Asia/Tokyo")) == "due now"
    assert humanize_due(BASE.add(hours=2).in_tz(PARIS), BASE) == "due in 2h"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "just now"),
        (59, "just now"),
        (-30, "just now"),
        (60, "1min ago"),
        (5 * MINUTE, "5min ago"),
        (3 * HOUR, "3h ago"),
        (DAY, "1 day ago"),
        (2 * DAY, "2 days ago"),
        (13 * DAY, "13 days ago"),
        (47 * HOUR, "2 days ago"),
        (21 * DAY, "3 weeks ago"),
        (122 * DAY, "4 months ago"),
        (-2 * HOUR, "in 2h"),
    ],
)
def test_humanize_ago(seconds: int, expected: str) -> None:
    assert humanize_ago(BASE.subtract(seconds=seconds), BASE) == expected


def test_humanize_is_ascii() -> None:
    for seconds in (0, 90, 2 * HOUR, 3 * DAY, 30 * DAY, 300 * DAY):
        for sign in (1, -1):
            moment = BASE.add(seconds=sign * seconds)
            assert humanize_due(moment, BASE).isascii()
            assert humanize_ago(moment, BASE).isascii()


# --- format_local ------------------------------------------------------------


def test_format_local_this_year_has_no_year() -> None:
    moment = utc(2026, 11, 30, 8)
    assert format_local(moment, PARIS, now=FRIDAY) == "Mon 30 Nov 09:00"
    assert format_local(moment, PARIS, with_time=False, now=FRIDAY) == "Mon 30 Nov"


def test_format_local_other_year_has_the_year() -> None:
    moment = paris(2027, 11, 30, 9)
    assert format_local(moment, PARIS, now=FRIDAY) == "Tue 30 Nov 2027 09:00"
    assert format_local(moment, PARIS, False, FRIDAY) == "Tue 30 Nov 2027"
    assert format_local(paris(2025, 1, 5, 17, 45), PARIS, now=FRIDAY) == ("Sun 5 Jan 2025 17:45")


def test_format_local_without_now_always_has_the_year() -> None:
    assert format_local(utc(2026, 11, 30, 8), PARIS) == "Mon 30 Nov 2026 09:00"


def test_format_local_shows_the_users_zone() -> None:
    moment = utc(2026, 7, 1, 12)
    assert format_local(moment, PARIS, now=moment) == "Wed 1 Jul 14:00"
    assert format_local(moment, NEW_YORK, now=moment) == "Wed 1 Jul 08:00"
    assert format_local(moment, "UTC", now=moment) == "Wed 1 Jul 12:00"


def test_format_local_year_boundary_uses_local_years() -> None:
    # 23:30 UTC on 31 Dec 2026 is already 2027 in Paris but still 2026 in New York.
    now = utc(2026, 12, 31, 23, 30)
    new_year = utc(2027, 1, 1, 9)
    assert format_local(new_year, PARIS, now=now) == "Fri 1 Jan 10:00"
    assert format_local(new_year, NEW_YORK, now=now) == "Fri 1 Jan 2027 04:00"
    assert format_local(now, PARIS, now=now) == "Fri 1 Jan 00:30"
    assert format_local(now, NEW_YORK, now=now) == "Thu 31 Dec 18:30"
    assert format_local(now, "UTC", now=new_year) == "Thu 31 Dec 2026 23:30"


def test_format_local_is_english_and_ascii_for_every_month_and_day() -> None:
    names = set()
    for offset in range(0, 365, 5):
        text = format_local(paris(2026, 1, 1, 9).add(days=offset), PARIS)
        assert text.isascii()
        names.add(text.split()[2])
    assert len(names) == 12


# --- storage text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2026, 12, 1, 10, 0, 5), "2026-12-01T10:00:05Z"),
        (paris(2026, 12, 1, 10, 0, 5), "2026-12-01T09:00:05Z"),
        (paris(2026, 7, 1, 0, 30), "2026-06-30T22:30:00Z"),
        (pendulum.datetime(2026, 12, 31, 20, tz=NEW_YORK), "2027-01-01T01:00:00Z"),
        (pendulum.datetime(2026, 1, 5, 8, tz="Europe/London"), "2026-01-05T08:00:00Z"),
        (pendulum.datetime(2026, 1, 5, 8, tz=FixedTimezone(0)), "2026-01-05T08:00:00Z"),
        (utc(2026, 1, 5, 8, 0, 0, 999999), "2026-01-05T08:00:00Z"),
        (utc(999, 1, 2, 3, 4, 5), "0999-01-02T03:04:05Z"),
    ],
)
def test_to_utc_text(moment: DateTime, expected: str) -> None:
    assert to_utc_text(moment) == expected


def test_to_utc_text_accepts_a_stdlib_aware_datetime() -> None:
    moment = pendulum.instance(datetime.fromisoformat("2026-12-01T10:00:00+01:00"))
    assert to_utc_text(moment) == "2026-12-01T09:00:00Z"


def test_to_utc_text_refuses_naive() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_utc_text(pendulum.naive(2026, 12, 1, 10))


def test_utc_text_round_trip() -> None:
    moments = [
        utc(2026, 12, 1, 10, 0, 5),
        paris(2026, 3, 29, 3, 30),
        pendulum.datetime(2026, 11, 1, 1, 30, tz=NEW_YORK),
        utc(1970, 1, 1),
        utc(9999, 12, 31, 23, 59, 59),
    ]
    for moment in moments:
        back = from_utc_text(to_utc_text(moment))
        # Python calls a fold=1 time unequal to every other zone's (PEP 495),
        # so the New York 01:30 is compared in UTC.
        assert back == moment.in_tz("UTC")
        assert back.timestamp() == moment.timestamp()
        assert isinstance(back, DateTime)
        assert back.tzinfo is pendulum.UTC
        assert to_utc_text(back) == to_utc_text(moment)


def test_from_utc_text() -> None:
    result = from_utc_text("2026-12-01T10:00:05Z")
    assert result == utc(2026, 12, 1, 10, 0, 5)
    assert result.timezone_name == "UTC"


def test_utc_text_sorts_like_time() -> None:
    moments = [
        paris(2026, 3, 29, 3, 30),
        utc(2026, 3, 29, 1, 0),
        pendulum.datetime(2026, 3, 28, 22, tz=NEW_YORK),
        pendulum.datetime(2026, 3, 29, 10, tz="Asia/Tokyo"),
        utc(2025, 12, 31, 23, 59, 59),
        paris(2026, 1, 1, 0, 0, 30),
        utc(2026, 3, 29, 0, 59, 59),
    ]
    texts = [to_utc_text(moment) for moment in moments]
    assert len({len(text) for text in texts}) == 1
    by_text = sorted(range(len(moments)), key=lambda i: texts[i])
    by_time = sorted(range(len(moments)), key=lambda i: moments[i])
    assert by_text == by_time


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-12-01T10:00:00",
        "2026-12-01 10:00:00Z",
        "2026-12-01T10:00:00+01:00",
        "2026-12-01T10:00:00.5Z",
        "2026-W48-2T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-12-01T25:00:00Z",
        "2026-12-01T10-00-00Z",
        "xxxx-xx-xxTxx:xx:xxZ",
    ],
)
def test_from_utc_text_refuses_other_text(text: str) -> None:
    with pytest.raises(ValueError):
        from_utc_text(text)


# --- iso_local ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        (utc(2026, 11, 23, 8), PARIS, "2026-11-23T09:00:00+01:00"),
        (utc(2026, 7, 1, 8), PARIS, "2026-07-01T10:00:00+02:00"),
        (utc(2026, 7, 1, 8), NEW_YORK, "2026-07-01T04:00:00-04:00"),
        (utc(2026, 7, 1, 8), "UTC", "2026-07-01T08:00:00+00:00"),
        (utc(2026, 7, 1, 8, 0, 1, 500000), "UTC", "2026-07-01T08:00:01+00:00"),
        (utc(2026, 7, 1, 8), "Asia/Kolkata", "2026-07-01T13:30:00+05:30"),
    ],
)
def test_iso_local(moment: DateTime, tz: str, expected: str) -> None:
    assert iso_local(moment, tz) == expected


def test_iso_local_reads_back_to_the_same_moment() -> None:
    moment = utc(2026, 11, 1, 6, 30)
    assert pendulum.parse(iso_local(moment, NEW_YORK)) == moment


# --- resolve_timezone --------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "env_tz", "expected"),
    [
        ("Europe/Paris", "America/New_York", "Europe/Paris"),
        ("Europe/Paris", None, "Europe/Paris"),
        (None, "America/New_York", "America/New_York"),
        ("", "America/New_York", "America/New_York"),
        ("   ", "America/New_York", "America/New_York"),
        (None, ":Europe/Paris", "Europe/Paris"),
        (" Asia/Tokyo ", None, "Asia/Tokyo"),
        (None, None, "UTC"),
        ("", "", "UTC"),
        (None, ":", "UTC"),
        ("UTC", None, "UTC"),
        # An unused, broken TZ does not matter once the setting names a zone.
        ("Europe/Paris", "Nowhere/Land", "Europe/Paris"),
    ],
)
def test_resolve_timezone(setting: str | None, env_tz: str | None, expected: str) -> None:
    assert resolve_timezone(setting, env_tz) == expected


@pytest.mark.parametrize(
    ("setting", "env_tz", "named"),
    [
        ("Mars/Olympus", None, "Mars/Olympus"),
        ("Mars/Olympus", "Europe/Paris", "Mars/Olympus"),
        ("Europe", None, "Europe"),
        ("../../etc/passwd", None, "../../etc/passwd"),
        ("CET-1CEST", None, "CET-1CEST"),
    ],
)
def test_resolve_timezone_unknown_raises_naming_it(
    setting: str | None, env_tz: str | None, named: str
) -> None:
    with pytest.raises(DateParseError) as caught:
        resolve_timezone(setting, env_tz)
    assert f'"{named}"' in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("env_tz", ["Nowhere/Land", "CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT"])
def test_a_tz_variable_that_names_no_zone_falls_back_to_utc(env_tz: str) -> None:
    # TZ may hold a POSIX rule: every command failing over it helps nobody.
    expected = "EST5EDT" if env_tz == "EST5EDT" else "UTC"  # EST5EDT is also a zone name
    assert resolve_timezone(None, env_tz) == expected


def test_resolve_timezone_message_is_safe_for_a_terminal() -> None:
    with pytest.raises(DateParseError) as caught:
        resolve_timezone("Bad\x1b]0;x\x07Zone", None)
    assert all(ch.isprintable() for ch in str(caught.value))


# --- module hygiene ----------------------------------------------------------


def test_module_imports_only_stdlib_and_pendulum() -> None:
    tree = ast.parse(Path(dates.__file__).read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        # Other domain modules are fine; anything else of leadboard's is not.
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and not node.module.startswith("leadboard.domain.")
        ):
            roots.add(node.module.split(".")[0])
    assert roots <= {"__future__", "re", "unicodedata", "datetime", "dataclasses", "pendulum"}


def test_module_never_reads_the_clock() -> None:
    source = Path(dates.__file__).read_text(encoding="utf-8")
    for call in ("now(", "today(", "utcnow(", "time.time", "monotonic"):
        assert call not in source


def test_parsing_module_imports_only_stdlib_pendulum_and_the_date_modules() -> None:
    tree = ast.parse(Path(date_parsing.__file__).read_text(encoding="utf-8"))
    ours: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("leadboard"):
            ours.add(node.module)
        elif isinstance(node, ast.Import):
            assert all(alias.name.split(".")[0] in {"re", "pendulum"} for alias in node.names)
    assert ours == {"leadboard.domain.dates", "leadboard.domain.date_forms"}


# --- the reading of typed dates, and what the dialogs show --------------------


def test_the_default_reading_is_day_first_at_nine() -> None:
    assert DateReading(day_first=True, default_time=time(9, 0)) == DEFAULT_READING
    assert DEFAULT_READING.default_time.hour == dates.DEFAULT_HOUR


@pytest.mark.parametrize(
    ("locale", "day_first"),
    [
        ("en_US.UTF-8", False),
        ("en_US", False),
        ("es_US.utf8", False),
        ("en_PH.UTF-8", False),
        ("en_GB.UTF-8", True),
        ("de_DE@euro", True),
        ("fr_FR.UTF-8", True),
        ("en_CA.UTF-8", True),
        ("C", True),
        ("C.UTF-8", True),
        ("POSIX", True),
        ("", True),
        (None, True),
    ],
)
def test_day_first_for_locale(locale: str | None, day_first: bool) -> None:
    assert day_first_for_locale(locale) is day_first


def test_falls_on_weekend_in_the_users_zone() -> None:
    saturday_0030_paris = pendulum.datetime(2026, 11, 27, 23, 30, tz="UTC")
    assert falls_on_weekend(saturday_0030_paris, PARIS) is True
    assert falls_on_weekend(saturday_0030_paris, "UTC") is False
    assert falls_on_weekend(pendulum.datetime(2026, 11, 29, 12, tz="UTC"), "UTC") is True
    assert falls_on_weekend(pendulum.datetime(2026, 11, 30, 12, tz="UTC"), "UTC") is False
