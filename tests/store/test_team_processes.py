"""A team at once: several rep processes writing the same leads lose nothing, on either engine.

Each worker process is a rep of its own: it logs contacts on shared leads, moves
them between columns (two reps' moves cross the same counts: a deadlock the server
must retry), adds leads of its own, and at the end saves an edit made on the lead
as it read it before the others wrote: that save must be refused, not lost. The
test process holds a board's store meanwhile and must hear the others' changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.postgres import changed_within, db_target_for

WORKERS = 4
ROUNDS = 30
SHARED = 4
"""Leads every worker writes to: ids 1..SHARED."""

WORKER = """
import json, sys, time
from dataclasses import replace
from pathlib import Path
import pendulum
from leadboard.domain.followup import Policy
from leadboard.domain.model import TEMPERATURES, Channel, LeadDraft, Outcome
from leadboard.store.database import open_database
from leadboard.store.errors import StaleLead
from leadboard.store.leads import LeadStore

target, worker, rounds, shared, folder = (
    sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
)
now = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")
store = LeadStore(open_database(target), Policy(), me=f"rep{worker}")
seen = store.get(1)  # the form this rep opened before anyone wrote
(folder / f"ready{worker}").touch()
deadline = time.monotonic() + 30
while not (folder / "go").exists() and time.monotonic() < deadline:
    time.sleep(0.002)
contacts = added = 0
for i in range(rounds):
    lead = 1 + (i + worker) % shared
    store.log_contact(
        lead, channel=Channel.CALL, outcome=Outcome.TALKED, note=f"w{worker}-{i}",
        at=now.subtract(minutes=rounds - i), now=now,
    )
    contacts += 1
    store.move(1 + (i * 3 + worker) % shared, TEMPERATURES[(i + worker) % 4], now)
    if i % 10 == 0:
        store.add(LeadDraft(name=f"Own {worker}-{i}"), now)
        added += 1
draft = LeadDraft(name=seen.name, company=f"stale from {worker}", temperature=seen.temperature)
try:
    store.update(1, draft, now, seen=seen)
    stale = "saved"
except StaleLead as err:
    stale = str(err)
store.close()
print(json.dumps({"contacts": contacts, "added": added, "stale": stale}))
"""


def _seed(target: str) -> None:
    store = LeadStore(open_database(target), Policy(), me="lead")
    try:
        for n in range(1, SHARED + 1):
            lead = store.add(LeadDraft(name=f"Shared {n}", temperature=Temperature.WARM), NOW)
            assert lead.id == n
    finally:
        store.close()


def _start(target: str, folder: Path) -> list[subprocess.Popen[str]]:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, target, str(w), str(ROUNDS), str(SHARED), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    deadline = time.monotonic() + 60
    while not all((folder / f"ready{w}").exists() for w in range(WORKERS)):
        assert time.monotonic() < deadline, "workers never got ready"
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        time.sleep(0.005)
    return workers


def _recount(store: LeadStore, sql: str) -> set[tuple[Any, ...]]:
    return {tuple(row) for row in store.db.execute_sql(sql).fetchall()}


def test_a_team_of_processes_loses_nothing(engine: str, tmp_path: Path) -> None:
    with db_target_for(engine, tmp_path) as target:
        _seed(target)
        board = LeadStore(open_database(target), Policy(), me="lead")
        try:
            first = board.data_version()
            workers = _start(target, tmp_path)
            (tmp_path / "go").touch()
            reports = []
            for worker in workers:
                out, err = worker.communicate(timeout=180)
                assert worker.returncode == 0, err
                assert "Traceback" not in err
                reports.append(json.loads(out))
            # The board heard the others' commits (a server: LISTEN; a file: data_version).
            assert changed_within(board, first, seconds=2)
            _check_everything_landed(board, reports)
        finally:
            board.close()


def _check_everything_landed(store: LeadStore, reports: list[dict[str, Any]]) -> None:
    contacts = sum(report["contacts"] for report in reports)
    added = sum(report["added"] for report in reports)
    notes = {str(row[0]) for row in store.db.execute_sql("SELECT note FROM contact").fetchall()}
    assert notes == {f"w{w}-{i}" for w in range(WORKERS) for i in range(ROUNDS)}
    assert len(notes) == contacts
    store.owner = None
    assert store.count() == SHARED + added
    # Every stale edit was refused and said so; none was saved over the others' work.
    for report in reports:
        assert "was changed by another leadboard" in report["stale"], report
    assert not store.get(1).company.startswith("stale")
    # The trigger-kept counts equal a recount, whatever order the writes landed in.
    kept = _recount(store, "SELECT owner, status, temperature, n FROM lead_count WHERE n != 0")
    assert kept == _recount(
        store, "SELECT owner, status, temperature, COUNT(*) FROM lead GROUP BY 1, 2, 3"
    )
    due = _recount(store, "SELECT owner, temperature, hour, n FROM due_count WHERE n != 0")
    assert due == _recount(
        store,
        "SELECT owner, temperature, substr(next_due, 1, 13), COUNT(*) FROM lead "
        "WHERE status = 'active' AND next_due IS NOT NULL GROUP BY 1, 2, 3",
    )
    # Each rep's own leads are theirs, and every note is found by the filter.
    store.owner = "rep2"
    assert store.count() == reports[2]["added"]
    store.owner = None
    assert store.find(search="w3-29", limit=5) != []
