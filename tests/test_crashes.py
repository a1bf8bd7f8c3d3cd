"""Real `leadboard` processes killed with SIGKILL at random moments: the file stays whole.

Each scenario runs a real process (`python -m leadboard ...`, or a loop calling
leadboard.cli.main) on a database under tmp_path, kills it after a random
delay drawn from a seeded random.Random within the time the command takes
(measured by one full run first), then checks what SQLite and leadboard
promise: `PRAGMA integrity_check` is ok, no foreign key dangles, the column
counts agree with the leads, leadboard opens the file, and the work landed
whole or not at all. LEADBOARD_CRASH_TRIALS=50 runs more kills by hand.

Scenarios: a loop of `log`, an `import` of a few thousand rows, `demo`, the
migration of a version-1 file, and a `restore` over a database in use.
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from leadboard.actions import demo as demo_module
from leadboard.actions.demo import DEMO_SESSION_WEEKS, fill_demo
from leadboard.cli import main
from leadboard.domain.followup import Policy
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import NOW

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

TRIALS = int(os.environ.get("LEADBOARD_CRASH_TRIALS", "5"))
"""Kills per scenario: 5 keeps this file near 20 s on two cores."""

IMPORT_ROWS = 4_000
DEMO_LEADS = 8_000
RESTORED_LEADS = 20_000
OLD_LEADS = 25_000
"""Leads in the version-1 file: enough that its migration takes a few tenths of a second."""

LOG_LOOP = """
import sys
from leadboard.cli import main
trial = sys.argv[1]
for i in range(100_000):
    if main(["log", "1", "--channel", "call", "--outcome", "no_answer", "--note", f"{trial}-{i}"]):
        sys.exit(3)
    print(f"ok {i}", flush=True)
"""
"""Log contacts one `leadboard log` at a time; `ok N` is printed once log N returned success."""


def command(*args: str) -> list[str]:
    """The real entry point in a new interpreter."""
    return [sys.executable, "-m", "leadboard", *args]


def run_killed(argv: list[str], db: Path, delay: float) -> tuple[bool, str]:
    """Run `argv` on `db`, SIGKILL it after `delay` seconds; (killed, what it printed)."""
    env = {**os.environ, "LEADBOARD_DB": str(db)}
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return True, out
    assert process.returncode == 0, err
    return False, out


def timed_run(argv: list[str], db: Path) -> float:
    """Run `argv` to the end (it must succeed); how long it took."""
    started = time.monotonic()
    killed, _ = run_killed(argv, db, 120)
    assert not killed
    return time.monotonic() - started


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows over a plain sqlite3 connection (which recovers a hot journal or WAL first)."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def count(db: Path, table: str) -> int:
    """Rows in a table."""
    return int(query(db, f"SELECT COUNT(*) FROM {table}")[0][0])


def assert_intact(db: Path) -> None:
    """Integrity ok, no dangling foreign key, counts that agree, and leadboard opens it."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    tables = {row[0] for row in query(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "lead_count" in tables:
        kept = query(db, "SELECT status, temperature, n FROM lead_count WHERE n != 0 ORDER BY 1, 2")
        real = query(
            db,
            "SELECT status, temperature, COUNT(*) FROM lead GROUP BY status, temperature "
            "ORDER BY 1, 2",
        )
        assert kept == real
    database = open_database(str(db))
    database.close()


def schema(db: Path) -> set[tuple[str, str]]:
    """The tables, indexes and triggers of a file (a bulk write sets some aside meanwhile)."""
    return {(kind, name) for kind, name in query(db, "SELECT type, name FROM sqlite_master")}


def delays(rng: random.Random, full: float) -> list[float]:
    """When to kill: anywhere from early start-up to just before the command would finish."""
    return [rng.uniform(0.05, full) for _ in range(TRIALS)]


# -- log ---------------------------------------------------------------------------------


def test_every_log_that_said_ok_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    assert main(["--db", str(db), "add", "Ann Lee", "--company", "Acme"]) == 0
    rng = random.Random(1)
    killed_any = False
    for trial in range(TRIALS):
        killed, out = run_killed(
            [sys.executable, "-c", LOG_LOOP, f"t{trial}"], db, rng.uniform(0.3, 1.0)
        )
        killed_any |= killed
        said = [int(n) for n in re.findall(r"^ok (\d+)$", out, re.MULTILINE)]
        assert_intact(db)
        notes = [
            row[0] for row in query(db, f"SELECT note FROM contact WHERE note LIKE 't{trial}-%'")
        ]
        kept = sorted(int(note.split("-")[1]) for note in notes)
        # Every log that returned success is there, each once; at most the one in flight more.
        assert kept == list(range(len(kept)))
        assert len(said) <= len(kept) <= len(said) + 1, (said[-3:], kept[-3:])
    assert killed_any


# -- import ------------------------------------------------------------------------------


def write_leads_csv(path: Path, rows: int) -> None:
    """A CSV of `rows` new leads, each with its own email."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Company", "Email", "Phone", "Rating", "Notes"])
        for i in range(rows):
            writer.writerow(
                [f"Léa {i}", f"Co {i % 300}", f"lea{i}@x.example", f"+33 6 12 {i:05d}", "warm", "n"]
            )


def test_an_import_lands_whole_or_not_at_all(tmp_path: Path) -> None:
    base = tmp_path / "base.db"
    for name in ("Ann Lee", "Bob Roy", "Cy Tan"):
        assert main(["--db", str(base), "add", name]) == 0
    before = schema(base)
    sheet = tmp_path / "leads.csv"
    write_leads_csv(sheet, IMPORT_ROWS)
    full_db = tmp_path / "full.db"
    shutil.copyfile(base, full_db)
    full = timed_run(command("import", str(sheet)), full_db)
    assert count(full_db, "lead") == 3 + IMPORT_ROWS
    outcomes = []
    for trial, delay in enumerate(delays(random.Random(2), full)):
        db = tmp_path / f"import{trial}.db"
        shutil.copyfile(base, db)
        killed, _ = run_killed(command("import", str(sheet)), db, delay)
        assert_intact(db)
        leads = count(db, "lead")
        assert leads in (3, 3 + IMPORT_ROWS), f"a partial import: {leads} leads"
        # The triggers and indexes an import sets aside are back, committed or rolled back.
        assert schema(db) == before
        outcomes.append((killed, leads))
    assert any(killed for killed, _ in outcomes)


# -- demo --------------------------------------------------------------------------------


def test_demo_is_whole_or_absent(tmp_path: Path) -> None:
    full_db = tmp_path / "full.db"
    full = timed_run(command("demo", "--leads", str(DEMO_LEADS)), full_db)
    contacts = count(full_db, "contact")
    sessions = len(DEMO_SESSION_WEEKS)
    assert count(full_db, "followup_session") == sessions
    killed_any = False
    for trial, delay in enumerate(delays(random.Random(3), full)):
        db = tmp_path / f"demo{trial}.db"
        killed, _ = run_killed(command("demo", "--leads", str(DEMO_LEADS)), db, delay)
        killed_any |= killed
        if not db.exists() or db.stat().st_size == 0:
            continue  # killed before the file had a page: nothing to check but that it opens
        assert_intact(db)
        landed = (count(db, "lead"), count(db, "contact"), count(db, "followup_session"))
        assert landed in ((0, 0, 0), (DEMO_LEADS, contacts, sessions))
        if landed[0] == 0:
            # Nothing landed, so running it again is not refused as "already has leads".
            again = subprocess.run(
                command("--db", str(db), "demo", "--leads", "20"), capture_output=True, timeout=60
            )
            assert again.returncode == 0, again.stderr
    assert killed_any


def test_demo_sessions_commit_with_the_leads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while writing the past sessions takes the leads back with it."""
    store = LeadStore(open_database(str(tmp_path / "d.db")), Policy())
    real = demo_module._past_sessions

    def sessions_then_fail(into: LeadStore, now: Any) -> None:
        real(into, now)
        raise OSError("disk gone")

    monkeypatch.setattr(demo_module, "_past_sessions", sessions_then_fail)
    try:
        with pytest.raises(OSError):
            fill_demo(store, 50, NOW)
    finally:
        store.close()
    db = tmp_path / "d.db"
    assert (count(db, "lead"), count(db, "contact"), count(db, "followup_session")) == (0, 0, 0)


# -- migration ---------------------------------------------------------------------------


def make_version_1(path: Path, leads: int) -> None:
    """A file as leadboard schema 1 wrote it (rollback journal), with `leads` leads."""
    connection = sqlite3.connect(path)
    for statement in MIGRATIONS[1]:
        connection.execute(statement)
    connection.executemany(
        "INSERT INTO lead (name, company, email, temperature, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                f"Old {i}",
                f"Co {i % 97}",
                f"o{i}@x.example",
                i % 4,
                "active",
                "2026-01-05T10:00:00Z",
                "2026-01-05T10:00:00Z",
            )
            for i in range(leads)
        ),
    )
    connection.executemany(
        "INSERT INTO contact (lead_id, at, channel, direction, outcome, note) "
        "VALUES (?, '2026-11-20T09:00:00Z', 'call', 'out', 'no_answer', 'old')",
        ((i + 1,) for i in range(leads)),
    )
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()


def version(db: Path) -> int:
    """The schema version recorded in the file."""
    return int(query(db, "PRAGMA user_version")[0][0])


def test_a_migration_leaves_the_old_version_or_the_new(tmp_path: Path) -> None:
    template = tmp_path / "v1.template"
    make_version_1(template, OLD_LEADS)
    full_db = tmp_path / "full.db"
    shutil.copyfile(template, full_db)
    full = timed_run(command("show", "1"), full_db)
    assert version(full_db) == SCHEMA_VERSION
    versions = []
    left: dict[int, list[str]] = {}
    for trial, delay in enumerate(delays(random.Random(4), full)):
        folder = tmp_path / f"m{trial}"
        folder.mkdir()
        db = folder / "old.db"
        shutil.copyfile(template, db)
        run_killed(command("show", "1"), db, delay)
        found = version(db)  # read before leadboard opens (and migrates) it again
        versions.append(found)
        assert found in (1, SCHEMA_VERSION)
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
        assert (count(db, "lead"), count(db, "contact")) == (OLD_LEADS, OLD_LEADS)
        backup = folder / "old.db.schema1.bak"
        if backup.exists():  # written aside, then renamed: whole when it is there at all
            assert version(backup) == 1
            assert count(backup, "lead") == OLD_LEADS
        assert_intact(db)  # opening it migrates an old version now
        assert version(db) == SCHEMA_VERSION
        assert count(db, "lead") == OLD_LEADS
        # Nothing half-written is left beside it once leadboard has opened it again.
        expected = {"old.db", "old.db-wal", "old.db-shm", "old.db.schema1.bak"}
        extra = sorted({p.name for p in folder.iterdir()} - expected)
        if extra:
            left[trial] = extra
    assert versions
    assert not left, f"files left behind by a killed migration, even after reopening: {left}"


# -- restore -----------------------------------------------------------------------------


def test_a_restore_leaves_the_old_database_or_the_backup(tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    store = LeadStore(open_database(str(backup)), Policy())
    fill_demo(store, RESTORED_LEADS, NOW)
    store.close()
    base = tmp_path / "base.db"
    for name in ("Ann Lee", "Bob Roy"):
        assert main(["--db", str(base), "add", name]) == 0
    full_db = tmp_path / "full" / "live.db"
    full_db.parent.mkdir()
    shutil.copyfile(base, full_db)
    full = timed_run(command("restore", str(backup)), full_db)
    assert count(full_db, "lead") == RESTORED_LEADS
    left: dict[int, list[str]] = {}
    for trial, delay in enumerate(delays(random.Random(5), full)):
        folder = tmp_path / f"r{trial}"
        folder.mkdir()
        db = folder / "live.db"
        shutil.copyfile(base, db)
        run_killed(command("restore", str(backup)), db, delay)
        assert_intact(db)
        assert count(db, "lead") in (2, RESTORED_LEADS), "a partly restored database"
        names = sorted(p.name for p in folder.iterdir())
        for name in names:
            if name.startswith("live.db.before-restore-") and not name.endswith(("-wal", "-shm")):
                # The old database put aside: renamed into place only once whole.
                assert query(folder / name, "PRAGMA integrity_check") == [("ok",)]
        # A half-written copy may be there right after the kill; the next restore must
        # clear it, or it is litter no later run removes.
        timed_run(command("restore", str(backup)), db)
        after = sorted(p.name for p in folder.iterdir())
        extra = [name for name in after if name.startswith(".") or name.endswith(".part")]
        if extra:
            left[trial] = extra
    assert not left, f"files a later restore left behind: {left}"
