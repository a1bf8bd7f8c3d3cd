"""Two processes writing one database at once lose nothing and show no traceback."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest

from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.postgres import db_target_for

# Each worker opens the store, says it is ready, waits for the start signal so both
# really write at the same time, then logs its contacts one transaction each.
WORKER = """
import sys, time
from pathlib import Path
import pendulum
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, Outcome
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore

path, worker, count, folder = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
base = pendulum.datetime(2026, 11, 23, 8, 0, tz="UTC")
store = LeadStore(open_database(path), Policy())
(folder / f"ready{worker}").touch()
deadline = time.monotonic() + 20
while not (folder / "go").exists() and time.monotonic() < deadline:
    time.sleep(0.002)
for i in range(count):
    store.log_contact(
        1,
        channel=Channel.CALL,
        outcome=Outcome.NO_ANSWER,
        note=f"w{worker}-{i}",
        at=base.add(seconds=2 * i + worker),
        now=base.add(hours=1),
    )
    # A breath between writes, as real users leave: without it one process can hold
    # the lock back to back while the other's busy handler sleeps.
    time.sleep(0.001)
store.close()
print(f"worker {worker} logged {count}")
"""


def seed(path: Path | str) -> None:
    """One warm lead, id 1."""
    store = LeadStore(open_database(str(path)), Policy())
    try:
        lead = store.add(LeadDraft(name="Ann", temperature=Temperature.WARM), NOW)
        assert lead.id == 1
    finally:
        store.close()


def read_back(path: Path | str) -> tuple[LeadStore, list[str]]:
    """A store on the file and the notes of lead 1's contacts, in the order they landed."""
    store = LeadStore(open_database(str(path)), Policy())
    rows = store.db.execute_sql("SELECT note FROM contact WHERE lead_id = 1 ORDER BY id")
    notes = [row[0] for row in rows.fetchall()]
    assert sorted(notes) == sorted(contact.note for contact in store.contacts(1))
    return store, notes


def test_two_processes_logging_at_once_lose_nothing(engine: str, tmp_path: Path) -> None:
    with db_target_for(engine, tmp_path) as db:
        two_processes_logging(db, tmp_path)


def two_processes_logging(db: str, tmp_path: Path) -> None:
    """Two worker processes log 100 contacts each on one lead, at the same time."""
    seed(db)
    count = 100
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), str(worker), str(count), str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in (0, 1)
    ]
    deadline = time.monotonic() + 30
    while not all((tmp_path / f"ready{w}").exists() for w in (0, 1)):
        assert time.monotonic() < deadline, "workers never got ready"
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        time.sleep(0.005)
    (tmp_path / "go").touch()
    results = [worker.communicate(timeout=60) for worker in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert "Traceback" not in err
        assert "locked" not in err
        assert out.startswith("worker ")
    store, notes = read_back(db)
    try:
        assert len(notes) == 2 * count
        assert sorted(notes) == sorted(f"w{w}-{i}" for w in (0, 1) for i in range(count))
        # The writes really overlapped: in id order the workers take turns many times.
        in_order = [note.split("-")[0] for note in notes]
        turns = sum(1 for a, b in pairwise(in_order) if a != b)
        assert turns >= 10, in_order
        lead = store.get(1)
        last = NOW.subtract(hours=1).add(seconds=2 * (count - 1) + 1)
        assert lead.last_contact == last
        assert lead.next_due == last.add(days=14)
        assert lead.sequence_step == 6
    finally:
        store.close()


def test_two_command_lines_logging_at_once_lose_nothing(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db_target_for(engine, tmp_path) as db:
        monkeypatch.setenv("LEADBOARD_DB", db)
        two_command_lines_logging(db)


def two_command_lines_logging(db: str) -> None:
    """Two threads run `leadboard log` 15 times each on one lead."""
    seed(db)
    per_worker = 15
    failures: list[str] = []

    def work(worker: int) -> None:
        for i in range(per_worker):
            at = NOW.subtract(hours=2).add(minutes=2 * i + worker)
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "leadboard",
                    "log",
                    "1",
                    "--channel",
                    "email",
                    "--outcome",
                    "left_message",
                    "--note",
                    f"cli{worker}-{i}",
                    f"--at={at.isoformat()}",
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
            if done.returncode != 0 or done.stderr or not done.stdout.startswith("Logged email"):
                failures.append(f"{worker}/{i}: rc={done.returncode} {done.stderr!r}")

    threads = [threading.Thread(target=work, args=(worker,)) for worker in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    store, notes = read_back(db)
    try:
        assert sorted(notes) == sorted(f"cli{w}-{i}" for w in (0, 1) for i in range(per_worker))
        in_order = [note.split("-")[0] for note in notes]
        assert sum(1 for a, b in pairwise(in_order) if a != b) >= 2
        last = NOW.subtract(hours=2).add(minutes=2 * (per_worker - 1) + 1)
        assert store.get(1).last_contact == last
    finally:
        store.close()
