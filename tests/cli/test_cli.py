"""The command line through its real entry point: `python -m leadboard ...` in a subprocess.

The autouse fixture in conftest.py sets LEADBOARD_DB, LEADBOARD_CONFIG, LEADBOARD_NOW
and TZ in os.environ, so every subprocess works on this test's files at NOW
(Monday 23 Nov 2026, 09:00 UTC).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from leadboard import __version__
from leadboard.cli import build_parser
from leadboard.cli.context import Context
from leadboard.config import Config
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.files.shapes import LEAD_KEYS
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.server_url import is_server_target
from tests.conftest import NOW
from tests.postgres import server_snapshot

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")

PRODUCT_LEAD_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": int,
    "name": str,
    "company": str,
    "title": str,
    "email": str,
    "phone": str,
    "temperature": str,
    "status": str,
    "source": (str, type(None)),
    "referred_by": str,
    "preferred_channel": (str, type(None)),
    "fit": int,
    "interest": int,
    "readiness": int,
    "score": int,
    "next_step": str,
    "next_due": (str, type(None)),
    "promised": bool,
    "overdue": bool,
    "sequence_step": int,
    "last_contact": (str, type(None)),
    "created_at": str,
    "notes": str,
}
"""PRODUCT.md section 4: the keys of a lead in JSON and their types."""


def leadboard(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run `python -m leadboard ARGS` with this test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "leadboard", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def in_parallel(*commands: list[str]) -> list[str]:
    """Run read-only commands side by side (each must succeed); their stdouts, in order."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda args: leadboard(*args), commands))
    for args, result in zip(commands, done, strict=True):
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == "", (args, result.stderr)
    return [result.stdout for result in done]


def ok(*args: str) -> str:
    """Run a command that must succeed quietly on stderr; return its stdout."""
    done = leadboard(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def as_json(*args: str) -> Any:
    """Run a command with --format json and parse its output."""
    return json.loads(ok(*args, "--format", "json"))


def assert_user_error(done: subprocess.CompletedProcess[str], fragment: str = "") -> None:
    """Exit 1, nothing on stdout, exactly one 'leadboard: ...' line on stderr."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert done.stderr.startswith("leadboard: "), done.stderr
    assert done.stderr.endswith("\n")
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "unexpected error" not in done.stderr, done.stderr
    assert "\x1b" not in done.stderr
    assert fragment in done.stderr, done.stderr


def db_path() -> str:
    """The database of the running test (from the autouse fixture): a file, or a server's URL."""
    return os.environ["LEADBOARD_DB"]


def config_file() -> Path:
    """The config file of the running test (from the autouse fixture)."""
    return Path(os.environ["LEADBOARD_CONFIG"])


def snapshot(path: Path | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table and the schema version, read directly."""
    if path is None and is_server_target(db_path()):
        return server_snapshot(db_path())
    con = sqlite3.connect(path or db_path())
    try:
        tables = [
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for table in sorted(tables):
            dump[table] = list(con.execute(f'SELECT * FROM "{table}" ORDER BY 1'))
        dump["user_version"] = [tuple(con.execute("PRAGMA user_version").fetchone())]
        return dump
    finally:
        con.close()


@contextmanager
def direct_store() -> Iterator[LeadStore]:
    """The test's database opened in-process, to seed it quickly."""
    store = LeadStore(open_database(str(db_path())), Policy())
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def empty_db() -> str:
    """The test's database, created with no leads (reading commands refuse a missing file)."""
    open_database(db_path()).close()
    return db_path()


@pytest.fixture
def ann() -> int:
    """One warm lead, Ann Lee of Acme, created at NOW."""
    with direct_store() as store:
        lead = store.add(
            LeadDraft(name="Ann Lee", company="Acme", temperature=Temperature.WARM), NOW
        )
    assert lead.id == 1
    return lead.id


@pytest.fixture
def board() -> dict[str, int]:
    """A small board: leads due, overdue and later, at every temperature, and closed ones."""
    specs = [
        ("hot soon", Temperature.HOT, NOW.add(hours=2), 0),
        ("hot late", Temperature.HOT, NOW.subtract(hours=3), 0),
        ("hot next week", Temperature.HOT, NOW.add(days=6), 0),
        ("warm late", Temperature.WARM, NOW.subtract(days=2), 1),
        ("warm later", Temperature.WARM, NOW.add(days=10), 2),
        ("cool tonight", Temperature.COOL, NOW.add(hours=10), 3),
        ("cold old", Temperature.COLD, NOW.subtract(days=40), 0),
    ]
    ids: dict[str, int] = {}
    with direct_store() as store:
        for name, temperature, due, fit in specs:
            lead = store.add(
                LeadDraft(name=name, temperature=temperature, next_due=due, fit=fit), NOW
            )
            assert lead.id is not None
            ids[name] = lead.id
        for name, status in (("won deal", Status.WON), ("lost deal", Status.LOST)):
            lead = store.add(LeadDraft(name=name, temperature=Temperature.HOT), NOW)
            assert lead.id is not None
            store.set_status(lead.id, status, NOW, "budget")
            ids[name] = lead.id
    return ids


# -- bad input -----------------------------------------------------------------

LOG = ["log", "1", "--channel", "call", "--outcome", "talked"]

USER_ERRORS = [
    (["add", ""], "a lead needs a name"),
    (["add", "   "], "a lead needs a name"),
    (["add", "x" * 201], "at most 200 characters"),
    (["add", "Bob", "--temp", "tepid"], 'unknown temperature "tepid"'),
    (["add", "Bob", "--temp", "\x1b[31mtepid\x1b[0m"], 'unknown temperature "tepid"'),
    (["add", "Bob", "--channel", "fax"], 'unknown channel "fax"'),
    (["add", "Bob", "--source", "tv"], 'unknown source "tv"'),
    (["add", "Bob", "--due", "whenever"], '"whenever"'),
    (["add", "Bob", "--fit", "4"], "fit must be 0 to 3, not 4"),
    (["add", "Bob", "--readiness", "-1"], "readiness must be 0 to 3, not -1"),
    (["add", "Bob", "--promised"], "--promised needs a --due date"),
    (["log", "1", "--channel", "fax", "--outcome", "talked"], 'unknown channel "fax"'),
    (["log", "1", "--channel", "call", "--outcome", "meh"], 'unknown outcome "meh"'),
    ([*LOG, "--direction", "sideways"], 'unknown direction "sideways"'),
    ([*LOG, "--at", "whenever"], '"whenever"'),
    ([*LOG, "--due", "soonish"], '"soonish"'),
    ([*LOG, "--promised"], "--promised needs a --due date"),
    ([*LOG, "--at", "+1d"], "--at is in the future"),
    (["log", "999", "--channel", "call", "--outcome", "talked"], "no lead with id 999"),
    (["log", "abc", "--channel", "call", "--outcome", "talked"], 'no lead with id or name "abc"'),
    (["log", "1.5", "--channel", "call", "--outcome", "talked"], '"1.5" is not a lead id'),
    (["move", "1", "tepid"], 'unknown temperature "tepid"'),
    (["move", "999", "hot"], "no lead with id 999"),
    (["move", "x", "hot"], 'no lead with id or name "x"'),
    (["won", "999"], "no lead with id 999"),
    (["lost", "abc"], 'no lead with id or name "abc"'),
    (["revive", "1"], "already active"),
    (["inactive", "999"], "no lead with id 999"),
    (["show", "999"], "no lead with id 999"),
    (["show", "-5"], '"-5" is not a lead id'),
    (["list", "--temp", "tepid"], 'unknown temperature "tepid"'),
    (["list", "--status", "bogus"], 'unknown status "bogus"'),
    (["list", "--limit", "-1"], "--limit must be 0 (all) or more"),
    (["due", "--within", "-1"], "--within must be 0 days or more"),
    (["add", "Bob", "--db", "postgresql://u:secret@h/db"], "process list"),
]


USAGE_ERRORS = [
    ["log", "1", "--outcome", "talked"],
    ["log", "1", "--channel", "call"],
    ["add"],
    ["add", "Bob", "--fit", "x"],
    ["frobnicate"],
    ["list", "--format", "xml"],
    ["due", "--within", "soon"],
]

Snapshot = dict[str, list[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def bad_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[subprocess.CompletedProcess[str], Snapshot, Snapshot]]:
    """Every bad input run once, in parallel, each on its own copy of a one-lead database.

    Returns, per joined argument list, the finished process and the database before and
    after. (Module scope runs before the autouse fixture: the environment is built here.)
    """
    folder = tmp_path_factory.mktemp("bad_input")
    base = folder / "base.db"
    store = LeadStore(open_database(str(base)), Policy())
    store.add(LeadDraft(name="Ann Lee", company="Acme", temperature=Temperature.WARM), NOW)
    store.close()
    before = snapshot(base)
    cases = [args for args, _ in USER_ERRORS] + USAGE_ERRORS

    def run(index: int, args: list[str]) -> subprocess.CompletedProcess[str]:
        copy = folder / f"case{index}.db"
        copy.write_bytes(base.read_bytes())
        env = {key: value for key, value in os.environ.items() if key != "LEADBOARD_DEBUG"}
        env.update(
            LEADBOARD_DB=str(copy),
            LEADBOARD_CONFIG=str(folder / "absent.toml"),
            LEADBOARD_NOW=NOW.isoformat(),
            TZ="UTC",
        )
        return subprocess.run(
            [sys.executable, "-m", "leadboard", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(run, range(len(cases)), cases))
    return {
        "\0".join(args): (result, before, snapshot(folder / f"case{i}.db"))
        for i, (args, result) in enumerate(zip(cases, done, strict=True))
    }


@pytest.mark.parametrize(
    ("args", "message"), USER_ERRORS, ids=[" ".join(a)[:40] for a, _ in USER_ERRORS]
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    bad_runs: dict[str, tuple[subprocess.CompletedProcess[str], Snapshot, Snapshot]],
    args: list[str],
    message: str,
) -> None:
    done, before, after = bad_runs["\0".join(args)]
    assert_user_error(done, message)
    assert after == before


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=[" ".join(a) for a in USAGE_ERRORS])
def test_bad_usage_exits_2_without_a_traceback(
    bad_runs: dict[str, tuple[subprocess.CompletedProcess[str], Snapshot, Snapshot]],
    args: list[str],
) -> None:
    done, before, after = bad_runs["\0".join(args)]
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1].startswith("leadboard: ")
    assert "Traceback" not in done.stderr
    assert after == before


def test_superscript_digit_is_not_a_lead_id(ann: int) -> None:
    assert_user_error(leadboard("show", "²"), "is not a lead id")


def test_huge_lead_id_is_a_plain_user_error(ann: int) -> None:
    assert_user_error(leadboard("show", "99999999999999999999"), "no lead with id")


def test_db_that_is_a_text_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n" * 100)
    original = text_file.read_bytes()
    monkeypatch.setenv("LEADBOARD_DB", str(text_file))
    for args in (["list"], ["add", "Bob"], ["due", "--summary"]):
        assert_user_error(leadboard(*args), "is not a leadboard database")
    assert text_file.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_db_that_is_a_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert_user_error(leadboard("list", "--db", str(folder)), "is a directory")
    assert list(folder.iterdir()) == []


@pytest.mark.sqlite_only(
    "a file's write lock (tests/store/test_server_concurrency.py has the server's)"
)
def test_locked_database(ann: int) -> None:
    config_file().write_text("busy_timeout_ms = 200\n")
    before = snapshot()
    locker = sqlite3.connect(db_path(), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        for args in (["add", "Bob"], LOG, ["move", "1", "hot"], ["won", "1"]):
            started = time.monotonic()
            assert_user_error(leadboard(*args), "locked by another leadboard process")
            assert time.monotonic() - started < 5
        # Reading goes on while another process writes.
        listed = as_json("list")
        assert [lead["name"] for lead in listed] == ["Ann Lee"]
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert snapshot() == before


def test_bad_config_toml(ann: int) -> None:
    config_file().write_text("[cadence\nwarm = \n")
    before = snapshot()
    for args in (["list"], ["add", "Bob"], LOG):
        assert_user_error(leadboard(*args), str(config_file()))
    assert snapshot() == before


def test_bad_config_value(ann: int) -> None:
    config_file().write_text("[cadence]\nwarm = 0\n")
    before = snapshot()
    assert_user_error(leadboard(*LOG), "cadence.warm must be whole days")
    config_file().write_text('timezone = "Mars/Olympus"\n')
    assert_user_error(leadboard("list"), "Mars/Olympus")
    assert snapshot() == before


@pytest.mark.sqlite_only(
    "a file's backup; a server says to use pg_dump (test_server_backup_says_pg_dump)"
)
def test_backup_refuses_an_existing_file(ann: int, tmp_path: Path) -> None:
    existing = tmp_path / "precious.txt"
    existing.write_text("keep me")
    assert_user_error(leadboard("backup", str(existing)), "already exists")
    assert existing.read_text() == "keep me"
    assert_user_error(leadboard("backup", str(db_path())), "already exists")


# -- add -----------------------------------------------------------------------


def test_add_prints_the_new_id() -> None:
    assert ok("add", "Ann Lee") == "1\n"
    assert ok("add", "Bob") == "2\n"
    with direct_store() as store:
        assert [x.name for x in store.find()] == ["Ann Lee", "Bob"]


def test_add_json_shape() -> None:
    lead = as_json(
        "add",
        "Ann Lee",
        "--company",
        "Acme",
        "--email",
        "ann@acme.test",
        "--phone",
        "06 12 34 56 78",
        "--temp",
        "Hot",
        "--source",
        "purchased list",
        "--channel",
        "email",
        "--fit",
        "2",
        "--interest",
        "3",
        "--next-step",
        "send the quote",
        "--note",
        "met at the fair",
    )
    assert set(PRODUCT_LEAD_KEYS) <= set(lead)
    for key, kind in PRODUCT_LEAD_KEYS.items():
        assert isinstance(lead[key], kind), (key, lead[key])
    assert lead["id"] == 1
    assert lead["temperature"] == "hot"
    assert lead["status"] == "active"
    assert lead["source"] == "purchased_list"
    assert lead["preferred_channel"] == "email"
    assert lead["score"] == 5
    assert lead["next_due"] == "2026-11-23T09:00:00+00:00"
    assert lead["created_at"] == "2026-11-23T09:00:00+00:00"
    assert lead["last_contact"] is None
    assert lead["promised"] is False
    assert lead["overdue"] is False
    assert lead["sequence_step"] == 1
    assert lead["notes"] == "met at the fair"


def test_add_with_a_promised_due_date() -> None:
    lead = as_json("add", "Ann", "--due", "tomorrow", "--promised")
    assert lead["next_due"] == "2026-11-24T09:00:00+00:00"
    assert lead["promised"] is True


# -- log -----------------------------------------------------------------------


def test_log_sets_next_due_by_the_cadence(ann: int) -> None:
    lead = as_json("log", "1", "--channel", "call", "--outcome", "no_answer")
    assert lead["next_due"] == "2026-12-07T09:00:00+00:00"
    assert lead["last_contact"] == "2026-11-23T09:00:00+00:00"
    assert lead["sequence_step"] == 2
    assert lead["promised"] is False


def test_log_table_output_says_what_happened(ann: int) -> None:
    said = ok("log", "1", "--channel", "email", "--outcome", "Meeting booked")
    assert said.startswith("Logged email (meeting booked) for #1 Ann Lee; next due ")
    assert said.endswith("\n")
    assert said.count("\n") == 1


def test_log_with_a_promised_date_and_the_promise_holds(ann: int) -> None:
    lead = as_json(*LOG, "--due", "+3d", "--promised", "--next-step", "send the quote")
    assert lead["next_due"] == "2026-11-26T09:00:00+00:00"
    assert lead["promised"] is True
    assert lead["next_step"] == "send the quote"
    again = as_json("log", "1", "--channel", "text", "--outcome", "no_answer", "--at=-1h")
    assert again["next_due"] == "2026-11-26T09:00:00+00:00"
    assert again["promised"] is True
    assert again["next_step"] == "send the quote"


def test_log_at_a_past_moment(ann: int) -> None:
    ok(*LOG, "--at=-2h", "--note", "earlier today")
    shown = as_json("show", "1")
    assert shown["contacts"][0]["at"] == "2026-11-23T07:00:00+00:00"
    assert shown["last_contact"] == "2026-11-23T07:00:00+00:00"
    assert shown["next_due"] == "2026-12-07T07:00:00+00:00"


def test_log_at_accepts_the_relative_past_its_help_suggests(ann: int) -> None:
    done = leadboard(*LOG, "--at", "-2h")
    assert done.returncode == 0, done.stderr
    assert as_json("show", "1")["contacts"][0]["at"] == "2026-11-23T07:00:00+00:00"


def test_log_at_a_weekday_or_a_date_without_a_year_means_the_last_one(ann: int) -> None:
    """Now is Monday 23 Nov 2026: `fri` is 20 Nov and `20/11` this year's, not next year's."""
    ok(*LOG, "--at", "fri 3pm")
    ok(*LOG, "--at", "20/11")
    moments = sorted(c["at"] for c in as_json("show", "1")["contacts"])
    assert moments == ["2026-11-20T09:00:00+00:00", "2026-11-20T15:00:00+00:00"]


def test_log_won_outcome_closes_the_lead(ann: int) -> None:
    lead = as_json("log", "1", "--channel", "meeting", "--outcome", "won")
    assert lead["status"] == "won"
    assert lead["next_due"] is None
    assert as_json("list") == []


# -- move and status -----------------------------------------------------------


def test_move_hotter_colder_and_named(ann: int) -> None:
    hot = as_json("move", "1", "hotter")
    assert hot["temperature"] == "hot"
    assert hot["next_due"] == "2026-11-23T09:00:00+00:00"  # already due now: never later
    assert_user_error(leadboard("move", "1", "hotter"), "already hot")
    assert as_json("move", "1", "colder")["temperature"] == "warm"
    cold = as_json("move", "1", "COLD")
    assert cold["temperature"] == "cold"
    assert cold["next_due"] == "2027-01-22T09:00:00+00:00"  # created NOW + 60 days
    assert_user_error(leadboard("move", "1", "colder"), "already cold")
    said = ok("move", "1", "warm")
    assert said.startswith("#1 Ann Lee is warm; next due ")


def test_won_lost_inactive_revive(ann: int) -> None:
    won = as_json("won", "1")
    assert (won["status"], won["next_due"]) == ("won", None)
    assert_user_error(leadboard("won", "1"), "already won")
    assert ok("revive", "1").startswith("#1 Ann Lee back on the board; next due ")
    lost = as_json("lost", "1", "--reason", "went with a competitor")
    assert lost["status"] == "lost"
    assert lost["lost_reason"] == "went with a competitor"
    assert ok("revive", "1").startswith("#1 Ann Lee back on the board")
    assert ok("inactive", "1") == "#1 Ann Lee marked inactive\n"
    revived = as_json("revive", "1")
    assert revived["status"] == "active"
    assert revived["sequence_step"] == 1
    assert revived["next_due"] == "2026-11-23T09:00:00+00:00"


# -- list ----------------------------------------------------------------------


def test_list_filters(board: dict[str, int]) -> None:
    queries = {
        "all active": [],
        "hot": ["--temp", "hot"],
        "won": ["--status", "won"],
        "any status": ["--status", "all"],
        "overdue": ["--overdue"],
        "overdue warm": ["--overdue", "--temp", "warm"],
        "search": ["--search", "LATE"],
        "no match": ["--search", "nobody"],
        "limit": ["--limit", "2"],
    }
    outputs = in_parallel(*(["list", *args, "--format", "json"] for args in queries.values()))
    names = {
        label: [lead["name"] for lead in json.loads(text)]
        for label, text in zip(queries, outputs, strict=True)
    }
    assert names["all active"] == [
        "hot late",
        "hot soon",
        "hot next week",
        "warm late",
        "warm later",
        "cool tonight",
        "cold old",
    ]
    assert names["hot"] == ["hot late", "hot soon", "hot next week"]
    assert names["won"] == ["won deal"]
    assert sorted(names["any status"]) == sorted(board)
    assert names["overdue"] == ["hot late", "warm late", "cold old"]
    assert names["overdue warm"] == ["warm late"]
    assert names["search"] == ["hot late", "warm late", "warm later"]
    assert names["no match"] == []
    assert names["limit"] == ["hot late", "hot soon"]


def test_list_json_types(board: dict[str, int]) -> None:
    leads = as_json("list", "--status", "all")
    assert len(leads) == 9
    for lead in leads:
        assert set(PRODUCT_LEAD_KEYS) <= set(lead)
        for key, kind in PRODUCT_LEAD_KEYS.items():
            assert isinstance(lead[key], kind), (key, lead[key])
        assert lead["temperature"] in {"cold", "cool", "warm", "hot"}
        assert lead["status"] in {"active", "won", "lost", "inactive"}
        for key in ("next_due", "last_contact", "created_at"):
            assert lead[key] is None or ISO_WITH_OFFSET.match(lead[key]), lead[key]
        assert lead["overdue"] is (lead["name"] in {"hot late", "warm late", "cold old"})
    closed = [lead for lead in leads if lead["status"] != "active"]
    assert {lead["next_due"] for lead in closed} == {None}


def test_list_csv(board: dict[str, int]) -> None:
    text = ok("list", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(LEAD_KEYS)
    assert len(rows) == 1 + 7
    records = list(csv.DictReader(io.StringIO(text)))
    assert records[0]["name"] == "hot late"
    assert records[0]["overdue"] == "true"
    assert records[1]["overdue"] == "false"
    assert records[0]["source"] == ""
    assert ok("list", "--format", "csv", "--search", "nobody") == ",".join(LEAD_KEYS) + "\n"


def test_list_table_stops_at_50_with_a_footer() -> None:
    with direct_store() as store:
        for i in range(53):
            store.add(LeadDraft(name=f"lead {i:02d}", next_due=NOW.add(minutes=i)), NOW)
    default, everything, five, as_list = in_parallel(
        ["list"], ["list", "--limit", "0"], ["list", "--limit", "5"], ["list", "--format", "json"]
    )
    lines = default.splitlines()
    assert lines[0].split() == [
        "ID",
        "TEMP",
        "NAME",
        "COMPANY",
        "NEXT",
        "STEP",
        "DUE",
        "CHANNEL",
        "SCORE",
    ]
    assert len(lines) == 1 + 50 + 1
    assert lines[1].split()[:4] == ["1", "cool", "lead", "00"]
    assert lines[-1] == "... 3 more; --limit 0 shows all"
    assert len(everything.splitlines()) == 1 + 53
    assert "more" not in everything.splitlines()[-1]
    assert len(five.splitlines()) == 1 + 5 + 1
    assert five.splitlines()[-1] == "... 48 more; --limit 0 shows all"
    assert len(json.loads(as_list)) == 53


def test_format_defaults_to_table_for_every_command() -> None:
    parser = build_parser()
    for argv in (["list"], ["due"], ["show", "1"], ["add", "Ann"], [*LOG], ["won", "1"]):
        args = parser.parse_args(argv)
        assert Context(args=args, config=Config(), now=NOW).format == "table", argv


def test_list_when_nothing_matches(empty_db: str) -> None:
    assert ok("list") == "No leads match.\n"
    assert as_json("list") == []


# -- show ----------------------------------------------------------------------


def test_show_table_has_the_history(ann: int) -> None:
    ok("log", "1", "--channel", "call", "--outcome", "no_answer", "--at=-1d", "--note", "rang")
    ok(
        "log",
        "1",
        "--channel",
        "email",
        "--outcome",
        "replied",
        "--direction",
        "in",
        "--note",
        "wrote back",
    )
    text = ok("show", "1")
    assert "Lead:         #1 Ann Lee" in text
    assert "Company:      Acme" in text
    assert "History (2 contacts, newest first):" in text
    history = text[text.index("History") :]
    assert history.index("wrote back") < history.index("rang")
    assert "<- email" in history
    assert "-> call" in history


def test_show_without_contacts(ann: int) -> None:
    assert "No contacts yet." in ok("show", "#1")


def test_show_json_contacts_newest_first(ann: int) -> None:
    ok("log", "1", "--channel", "call", "--outcome", "no_answer", "--at=-3d", "--note", "old")
    ok("log", "1", "--channel", "text", "--outcome", "left_message", "--at=-1h", "--note", "new")
    ok("log", "1", "--channel", "email", "--outcome", "replied", "--at=-1d", "--note", "mid")
    shown = as_json("show", "1")
    assert shown["id"] == 1
    assert set(PRODUCT_LEAD_KEYS) <= set(shown)
    contacts = shown["contacts"]
    assert [c["note"] for c in contacts] == ["new", "mid", "old"]
    for contact in contacts:
        assert {"id", "at", "channel", "direction", "outcome", "note"} <= set(contact)
        assert isinstance(contact["id"], int)
        assert ISO_WITH_OFFSET.match(contact["at"])
    assert contacts[0]["channel"] == "text"
    assert contacts[0]["outcome"] == "left_message"
    assert contacts[0]["direction"] == "out"
    assert contacts[1]["at"] == "2026-11-22T09:00:00+00:00"


# -- due -----------------------------------------------------------------------


def test_due_in_urgency_order(board: dict[str, int]) -> None:
    today, week, two, table = in_parallel(
        ["due", "--format", "json"],
        ["due", "--within", "7", "--format", "json"],
        ["due", "--limit", "2", "--format", "json"],
        ["due"],
    )
    assert [lead["name"] for lead in json.loads(today)] == [
        "hot late",
        "hot soon",
        "warm late",
        "cool tonight",
        "cold old",
    ]
    assert [lead["name"] for lead in json.loads(week)] == [
        "hot late",
        "hot soon",
        "hot next week",
        "warm late",
        "cool tonight",
        "cold old",
    ]
    assert [lead["name"] for lead in json.loads(two)] == ["hot late", "hot soon"]
    lines = table.splitlines()
    assert [line.split()[2:4] for line in lines[1:]] == [
        ["hot", "late"],
        ["hot", "soon"],
        ["warm", "late"],
        ["cool", "tonight"],
        ["cold", "old"],
    ]


def test_due_summary_line() -> None:
    with direct_store() as store:
        store.add(
            LeadDraft(name="h", temperature=Temperature.HOT, next_due=NOW.subtract(hours=1)), NOW
        )
        store.add(
            LeadDraft(name="w", temperature=Temperature.WARM, next_due=NOW.subtract(days=2)), NOW
        )
        store.add(LeadDraft(name="c", temperature=Temperature.COLD, next_due=NOW.add(days=2)), NOW)
    assert ok("due", "--summary") == "leadboard: 1 hot due, 2 overdue\n"


def test_due_summary_is_silent_when_nothing_is_due(empty_db: str) -> None:
    assert ok("due", "--summary") == ""
    with direct_store() as store:
        store.add(
            LeadDraft(name="later", temperature=Temperature.HOT, next_due=NOW.add(days=3)), NOW
        )
    assert ok("due", "--summary") == ""
    assert ok("due") == "Nothing due. Nice work.\n"
    assert as_json("due") == []


# -- backup, version, help -----------------------------------------------------


@pytest.mark.sqlite_only(
    "a file's backup; a server says to use pg_dump (test_server_backup_says_pg_dump)"
)
def test_backup_writes_a_copy(ann: int, tmp_path: Path) -> None:
    target = tmp_path / "saved" / "copy.db"
    said = ok("backup", str(target))
    assert said == f"Backed up to {target}\n"
    con = sqlite3.connect(target)
    try:
        assert con.execute("SELECT name FROM lead").fetchall() == [("Ann Lee",)]
    finally:
        con.close()
    assert [lead["name"] for lead in as_json("list", "--db", str(target))] == ["Ann Lee"]


def test_version() -> None:
    assert ok("--version") == f"leadboard {__version__}\n"


def test_help_lists_every_command() -> None:
    text = ok("--help")
    for name in (
        "add",
        "log",
        "move",
        "won",
        "lost",
        "inactive",
        "revive",
        "list",
        "show",
        "due",
        "backup",
    ):
        assert re.search(rf"^\s+{name}\s+\S", text, re.MULTILINE), name


# -- time zones ----------------------------------------------------------------


def test_config_timezone_sets_the_offsets_shown(ann: int) -> None:
    config_file().write_text('timezone = "Europe/Paris"\n')
    lead = as_json("show", "1")
    assert lead["created_at"] == "2026-11-23T10:00:00+01:00"
    assert lead["next_due"] == "2026-11-23T10:00:00+01:00"
    logged = as_json("log", "1", "--channel", "call", "--outcome", "talked")
    assert logged["next_due"] == "2026-12-07T10:00:00+01:00"


def test_tz_env_sets_the_offsets_shown(ann: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    lead = as_json("show", "1")
    assert lead["created_at"] == "2026-11-23T04:00:00-05:00"
    # 'tomorrow' is read in the user's zone: 09:00 in New York.
    moved = as_json(*LOG, "--due", "tomorrow")
    assert moved["next_due"] == "2026-11-24T09:00:00-05:00"


# -- untrusted text ------------------------------------------------------------

EVIL = "[/]\x1b[31mred\x1b[0m"


def test_markup_and_escapes_in_a_name_are_shown_literally() -> None:
    assert ok("add", EVIL, "--company", "[bold]Co[/bold]") == "1\n"
    table = ok("list")
    assert "[/]red" in table
    assert "[bold]Co[/bold]" in table
    assert "\x1b" not in table
    shown = ok("show", "1")
    assert "[/]red" in shown
    assert "\x1b" not in shown
    assert "\x1b" not in ok("due")
    assert "\x1b" not in ok(*LOG)
    # Escapes are removed where the name comes in (issue 10); the brackets stay literal.
    assert as_json("list")[0]["name"] == "[/]red"
    assert as_json("show", "1")["name"] == "[/]red"


# -- --db ----------------------------------------------------------------------


def test_db_option_before_the_command_is_used(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert ok("--db", str(other), "add", "Elsewhere") == "1\n"
    assert ok("add", "--db", str(other), "Here too") == "2\n"
    assert [lead["name"] for lead in as_json("list", "--db", str(other))] == [
        "Elsewhere",
        "Here too",
    ]
    assert not Path(db_path()).exists() or as_json("list") == []


def test_sqlite_url_option(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'url.db'}"
    assert ok("add", "Via URL", "--db", url) == "1\n"
    assert (tmp_path / "url.db").exists()
    assert [lead["name"] for lead in as_json("list", "--db", url)] == ["Via URL"]


def test_contact_logged_through_the_store_shows_in_the_cli(ann: int) -> None:
    with direct_store() as store:
        store.log_contact(ann, channel=Channel.VIDEO, outcome=Outcome.OBJECTION, now=NOW)
    shown = as_json("show", "1")
    assert shown["sequence_step"] == 4
    assert shown["contacts"][0]["channel"] == "video"


def test_server_backup_and_restore_say_pg_dump(ann: int, tmp_path: Path) -> None:
    if not is_server_target(db_path()):
        pytest.skip("a file is backed up by leadboard itself (test_backup_writes_a_copy)")
    assert_user_error(leadboard("backup", str(tmp_path / "copy.db")), "use pg_dump")
    assert_user_error(leadboard("restore", str(tmp_path / "copy.db")), "use pg_restore")
    assert not (tmp_path / "copy.db").exists()
