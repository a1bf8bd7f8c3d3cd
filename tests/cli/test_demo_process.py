"""The demo's batches made in a child process: the same data, errors raised here, kills whole."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Generator
from pathlib import Path

import pytest

from leadboard.actions.demo import fill_demo, producer
from leadboard.actions.demo.leads import DemoLeads
from leadboard.cli.entry import main
from leadboard.domain.followup import Policy
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the child is forked"
)


def test_a_child_makes_exactly_the_batches_of_a_plain_loop() -> None:
    here = list(producer.demo_batches(7, NOW, Policy(), 1, 250, 100))
    forked = list(producer.batches(7, NOW, Policy(), 1, 250, 100, fork_from=0))
    assert [batch.lead_count for batch in forked] == [100, 100, 50]
    assert forked == here
    other_seed = list(producer.batches(8, NOW, Policy(), 1, 250, 100, fork_from=0))
    assert other_seed != here


def test_the_childs_error_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    real = DemoLeads.batch

    def second_fails(self: DemoLeads, first_id: int, size: int) -> object:
        if first_id > 1:
            raise OSError("no space left, say")
        return real(self, first_id, size)

    monkeypatch.setattr(DemoLeads, "batch", second_fails)  # the forked child inherits it
    made = producer.batches(7, NOW, Policy(), 1, 300, 100, fork_from=0)
    assert next(made).lead_count == 100
    with pytest.raises(producer.ProducerFailed, match="OSError: no space left"):
        next(made)


def test_stopping_early_ends_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[multiprocessing.Process] = []
    real_start = multiprocessing.context.ForkProcess.start

    def remember(process: multiprocessing.Process) -> None:
        started.append(process)
        real_start(process)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", remember)
    made = producer.batches(7, NOW, Policy(), 1, 100_000, 100, fork_from=0)
    next(made)
    assert isinstance(made, Generator)
    made.close()  # what a failed write or a Ctrl-C does to the loop
    assert len(started) == 1
    assert not started[0].is_alive()


def test_a_forked_demo_matches_one_made_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dump(path: Path) -> list[object]:
        connection = sqlite3.connect(path)
        try:
            return [
                connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("lead", "contact", "temperature_change", "lead_search", "lead_count")
            ]
        finally:
            connection.close()

    for name, fork_from in (("here.db", 10**9), ("forked.db", 0)):
        monkeypatch.setattr(producer, "FORK_FROM", fork_from)
        store = LeadStore(open_database(str(tmp_path / name)), Policy())
        fill_demo(store, 700, NOW)
        store.close()
    assert dump(tmp_path / "here.db") == dump(tmp_path / "forked.db")


def children(pid: int) -> set[int]:
    """The processes `pid` started (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_killed_demo_leaves_nothing_and_no_child_behind(tmp_path: Path) -> None:
    leads = 3 * producer.FORK_FROM
    db = tmp_path / "killed.db"
    env = {**os.environ, "LEADBOARD_DB": str(db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "leadboard", "demo", "--leads", str(leads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    child: set[int] = set()
    deadline = time.monotonic() + 30
    while not child and time.monotonic() < deadline and process.poll() is None:
        child = children(process.pid)
        time.sleep(0.02)
    assert child, "the demo started no child process"
    time.sleep(0.3)  # into the load
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in child) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in child if Path(f"/proc/{pid}/status").exists()]
    zombies = [pid for pid in left if "zombie" in Path(f"/proc/{pid}/status").read_text()]
    assert left == zombies, "the child outlived the demo"
    # The rollback journal undoes the half-written load when the file is next opened.
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("SELECT count(*) FROM lead").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM lead_search").fetchone() == (0,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()
    assert main(["--db", str(db), "demo", "--leads", "30"]) == 0
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("SELECT count(*) FROM lead").fetchone() == (30,)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        connection.close()
