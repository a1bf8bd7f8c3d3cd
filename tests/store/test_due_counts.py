"""Schema 8: the due counts stay equal to a recount through every kind of write, and migrate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pendulum

from leadboard.actions.demo import fill_demo
from leadboard.actions.importing import ImportOptions, import_file
from leadboard.domain.followup import Policy, end_of_local_day, is_overdue
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.store.old_files import backup_of, old_file

OLD = 7
"""The last schema without due counts."""

RECOUNT = """SELECT temperature, substr(next_due, 1, 13), COUNT(*) FROM lead
             WHERE status = 'active' AND next_due IS NOT NULL GROUP BY 1, 2"""


def kept(store: LeadStore) -> dict[tuple[int, str], int]:
    """The due_count table, without its emptied rows."""
    rows = store.db.execute_sql("SELECT temperature, hour, n FROM due_count WHERE n != 0")
    return {(rank, day): n for rank, day, n in rows.fetchall()}


def recounted(store: LeadStore) -> dict[tuple[int, str], int]:
    """The same counts from the leads themselves."""
    return {(rank, day): n for rank, day, n in store.db.execute_sql(RECOUNT).fetchall()}


def brute_overview(store: LeadStore, now: pendulum.DateTime) -> tuple[int, int]:
    """(overdue, due by the end of the day) counted lead by lead with the domain's rule."""
    horizon = end_of_local_day(now, store.policy.tz)
    leads = store.find(status=Status.ACTIVE)
    overdue = sum(is_overdue(lead, now, store.policy.tz) for lead in leads)
    total = sum(lead.next_due is not None and lead.next_due <= horizon for lead in leads)
    return overdue, total


def test_every_write_keeps_the_counts_equal_to_a_recount(store: LeadStore, tmp_path: Path) -> None:
    ana = store.add(LeadDraft(name="Ana Ruiz", temperature=Temperature.WARM), NOW)
    ben = store.add(LeadDraft(name="Ben Okafor", temperature=Temperature.HOT), NOW)
    cy = store.add(LeadDraft(name="Cy Moreau"), NOW.subtract(days=30))
    assert ana.id and ben.id and cy.id
    assert kept(store) == recounted(store) != {}
    store.move(ana.id, Temperature.HOT, NOW)
    store.log_contact(ben.id, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW.add(hours=1))
    store.snooze(cy.id, NOW.add(days=9), NOW)
    assert kept(store) == recounted(store)
    store.set_status(ana.id, Status.WON, NOW)
    store.delete(ben.id)
    assert kept(store) == recounted(store)
    won = store.get(ana.id)
    store.restore(replace(won, status=Status.ACTIVE, version=won.version - 1))  # an undone win
    assert kept(store) == recounted(store)
    csv = tmp_path / "leads.csv"
    csv.write_text("Name,Email\nDia Lind,dia@example.com\nEli Sato,eli@example.com\n", "utf-8")
    import_file(csv, store, ImportOptions(), now=NOW)
    assert kept(store) == recounted(store)
    fill_demo(store, 300, NOW)
    assert kept(store) == recounted(store)
    for later in (NOW, NOW.add(hours=5), NOW.add(days=3), NOW.subtract(days=40)):
        assert store.due_overview(later, end_of_local_day(later, "UTC")) == brute_overview(
            store, later
        )


def test_positions_agree_with_the_column_order(store: LeadStore) -> None:
    fill_demo(store, 400, NOW)
    for temperature in Temperature:
        page = store.page(temperature, 0, 60)
        assert [store.position(lead) for lead in page] == list(range(len(page)))


def make_version_7(path: Path) -> None:
    """A file as leadboard schema 7 wrote it: three active leads and a won one."""
    with old_file(path, OLD) as con:
        con.executemany(
            "INSERT INTO lead (name, temperature, status, next_due, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            [
                ("Rohan Patel", 3, "active", "2026-11-20T09:00:00Z"),
                ("Emma Hughes", 3, "active", "2026-11-20T15:00:00Z"),
                ("Noor Ali", 1, "active", "2026-11-25T09:00:00Z"),
                ("Old Win", 2, "won", "2026-11-01T09:00:00Z"),
            ],
        )


def test_a_schema_7_file_is_backed_up_then_counts_its_dues(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_7(target)
    store = LeadStore(open_database(str(target)), Policy())
    try:
        assert kept(store) == {
            (3, "2026-11-20T09"): 1,
            (3, "2026-11-20T15"): 1,
            (1, "2026-11-25T09"): 1,
        }
        assert store.due_overview(NOW, end_of_local_day(NOW, "UTC")) == (2, 2)
        assert store.count_due(NOW.add(days=3))[Temperature.COOL] == 1
    finally:
        store.close()
    backup = backup_of(target, OLD)
    assert backup.version == OLD
    assert "due_count" not in backup.tables
