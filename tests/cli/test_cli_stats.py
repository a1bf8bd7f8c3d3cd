"""`leadboard stats` through its real entry point, on the hand-computed fixture database.

The autouse fixture in conftest.py fixes LEADBOARD_NOW (Monday 23 Nov 2026, 09:00
UTC) and points LEADBOARD_CONFIG at this test's folder; the config written here
puts the rep in Europe/Paris, as tests/store/test_stats_store.py assumes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from leadboard.domain.followup import Policy
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.store.test_stats_store import build_fixture


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture database, built once; the commands only read it."""
    path = tmp_path_factory.mktemp("cli_stats") / "stats.db"
    store = LeadStore(open_database(str(path)), Policy())
    build_fixture(store)
    store.close()
    return path


def leadboard(db: Path, *args: str, tz: str = "Europe/Paris") -> subprocess.CompletedProcess[str]:
    """Run `python -m leadboard stats --db DB ARGS` with the rep's zone set in the config."""
    Path(os.environ["LEADBOARD_CONFIG"]).write_text(f'timezone = "{tz}"\n', encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "leadboard", "stats", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=30,
    )


def as_json(db: Path, *args: str, tz: str = "Europe/Paris") -> Any:
    """The JSON a stats command prints; it must succeed quietly."""
    done = leadboard(db, "--format", "json", *args, tz=tz)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def conversion(won: int, lost: int, rate: float | None) -> dict[str, Any]:
    """A conversion object as the JSON has it."""
    return {"won": won, "lost": lost, "closed": won + lost, "rate": rate}


def test_json_has_every_figure_worked_out_by_hand(fixture_db: Path) -> None:
    stats = as_json(fixture_db)
    assert list(stats) == [
        "as_of", "timezone", "weeks", "conversion", "median_days_to_conversion", "channels",
        "touches_per_week", "warmed", "cooled", "overdue", "followup_debt_days", "sessions",
        "by_owner", "lost_reasons", "value",
    ]  # fmt: skip
    assert stats["as_of"] == "2026-11-23T10:00:00+01:00"
    assert (stats["timezone"], stats["weeks"]) == ("Europe/Paris", 12)
    assert stats["conversion"] == {
        "overall": conversion(4, 3, 0.5714),
        "by_source": {
            "referral": conversion(2, 1, 0.6667),
            "inquiry": conversion(0, 0, None),
            "website": conversion(1, 1, 0.5),
            "event": conversion(1, 0, 1.0),
            "purchased_list": conversion(0, 0, None),
            "social": conversion(0, 0, None),
            "other": conversion(0, 0, None),
            "unknown": conversion(0, 1, 0.0),
        },
        "by_temperature_at_creation": {
            "cold": conversion(0, 1, 0.0),
            "cool": conversion(1, 1, 0.5),
            "warm": conversion(1, 1, 0.5),
            "hot": conversion(2, 0, 1.0),
        },
    }
    assert stats["median_days_to_conversion"] == 15.0
    assert stats["channels"] == [
        {"channel": "call", "contacts": 4, "replies": 1, "reply_rate": 0.25},
        {"channel": "email", "contacts": 4, "replies": 3, "reply_rate": 0.75},
        {"channel": "text", "contacts": 2, "replies": 1, "reply_rate": 0.5},
        {"channel": "voicemail", "contacts": 0, "replies": 0, "reply_rate": None},
        {"channel": "postcard", "contacts": 1, "replies": 0, "reply_rate": 0.0},
        {"channel": "social", "contacts": 0, "replies": 0, "reply_rate": None},
        {"channel": "video", "contacts": 0, "replies": 0, "reply_rate": None},
        {"channel": "meeting", "contacts": 0, "replies": 0, "reply_rate": None},
        {"channel": "other", "contacts": 0, "replies": 0, "reply_rate": None},
    ]
    assert stats["touches_per_week"][0] == {"week_start": "2026-09-07", "touches": 2}
    assert stats["touches_per_week"][-1] == {"week_start": "2026-11-23", "touches": 2}
    assert [w["touches"] for w in stats["touches_per_week"]] == [2, 0, 2, 0, 0, 0, 1, 2, 0, 0, 1, 2]
    assert stats["warmed"] == {"in_window": 3, "all_time": 4}
    assert stats["cooled"] == {"in_window": 2, "all_time": 3}
    assert (stats["overdue"], stats["followup_debt_days"]) == (3, 5.5)
    assert stats["sessions"] == {"streak_weeks": 3, "this_week": 1, "total": 4}


def test_weeks_option_and_the_zone_shape_the_weeks(fixture_db: Path) -> None:
    three = as_json(fixture_db, "--weeks", "3")
    assert three["weeks"] == 3
    assert three["touches_per_week"] == [
        {"week_start": "2026-11-09", "touches": 0},
        {"week_start": "2026-11-16", "touches": 1},
        {"week_start": "2026-11-23", "touches": 2},
    ]
    assert (three["warmed"], three["cooled"]) == (
        {"in_window": 0, "all_time": 4},
        {"in_window": 1, "all_time": 3},
    )
    utc = as_json(fixture_db, tz="UTC")
    assert [w["touches"] for w in utc["touches_per_week"]] == [1, 0, 2, 0, 0, 0, 2, 1, 0, 0, 2, 1]
    assert utc["sessions"] == {"streak_weeks": 2, "this_week": 0, "total": 4}


def test_table_is_readable(fixture_db: Path) -> None:
    done = leadboard(fixture_db)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert (
        lines[0] == "Stats as of Mon 23 Nov 2026 10:00 (Europe/Paris); weeks run Monday to Sunday"
    )
    for expected in (
        "  GROUP                   WON  LOST    RATE",
        "  all leads                 4     3   57.1%",
        "  source: referral          2     1   66.7%",
        "  source: inquiry           0     0       -",
        "  source: unknown           0     1    0.0%",
        "  created hot               2     0  100.0%",
        "Median days to conversion: 15.0",
        "  CHANNEL    CONTACTS  REPLIES  REPLY RATE",
        "  email             4        3       75.0%",
        "  video             0        0           -",
        "  2026-09-14        0",
        "  2026-11-23        2",
        "Warmed: 3 in the last 12 weeks, 4 in all",
        "Cooled: 2 in the last 12 weeks, 3 in all",
        "Overdue: 3 leads; follow-up debt 5.5 days",
        "Sessions: streak of 3 weeks; 1 this week, 4 in all",
    ):
        assert expected in lines, (expected, done.stdout)
    assert "\x1b" not in done.stdout


def test_empty_database_has_nulls_not_errors(tmp_path: Path) -> None:
    open_database(str(tmp_path / "empty.db")).close()
    stats = as_json(tmp_path / "empty.db")
    assert stats["conversion"]["overall"] == conversion(0, 0, None)
    assert stats["median_days_to_conversion"] is None
    assert {c["reply_rate"] for c in stats["channels"]} == {None}
    assert [w["touches"] for w in stats["touches_per_week"]] == [0] * 12
    assert stats["sessions"] == {"streak_weeks": 0, "this_week": 0, "total": 0}
    table = leadboard(tmp_path / "empty.db")
    assert table.returncode == 0, table.stderr
    assert "Median days to conversion: -" in table.stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--weeks", "0"], 1, "--weeks must be 1 to 520, not 0"),
        (["--weeks", "-3"], 1, "--weeks must be 1 to 520, not -3"),
        (["--weeks", "521"], 1, "--weeks must be 1 to 520"),
        (["--format", "csv"], 1, "stats has no CSV form"),
        (["--weeks", "twelve"], 2, "invalid int value"),
        (["--weeks", "1.5"], 2, "invalid int value"),
        (["--weeks"], 2, "expected one argument"),
    ],
)
def test_bad_options_exit_with_one_line(
    fixture_db: Path, args: list[str], code: int, fragment: str
) -> None:
    done = leadboard(fixture_db, *args)
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    last = done.stderr.splitlines()[-1]
    assert last.startswith("leadboard: ")
    assert fragment in last
    assert "Traceback" not in done.stderr
    if code == 1:
        assert done.stderr.count("\n") == 1, done.stderr
