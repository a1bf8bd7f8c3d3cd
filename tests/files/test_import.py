"""Importing through the store: preview, duplicates, updates, all-or-nothing, strict, contacts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from leadboard.actions.importing import (
    Action,
    ImportOptions,
    ImportRefused,
    apply_import,
    import_file,
    plan_import,
)
from leadboard.domain.model import (
    LeadDraft,
    Source,
    Status,
    Temperature,
)
from leadboard.files.report import DETAIL_LIMIT
from leadboard.store import import_write
from leadboard.store.dialect import is_server
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.postgres import server_snapshot

FIXTURES = Path(__file__).parent / "fixtures"


def snapshot(store: LeadStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, and the triggers, read on a separate connection."""
    if is_server(store.db):
        url = str(store.db.database)  # the test's URL: no password in it
        dump = server_snapshot(url)
        with psycopg.connect(url) as conn:
            dump["triggers"] = conn.execute(
                # This test's schema only: other tests' schemas come and go beside it.
                "SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
                "AND c.relnamespace = current_schema()::regnamespace ORDER BY 1"
            ).fetchall()
        return dump
    con = sqlite3.connect(str(store.db.database))
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = {name: list(con.execute(f'SELECT * FROM "{name}" ORDER BY 1')) for name in names}
        dump["triggers"] = list(
            con.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' ORDER BY 1")
        )
        return dump
    finally:
        con.close()


def decisions(report: Any) -> list[tuple[int, str, str, str]]:
    """(row, action, label, reason) of every listed row."""
    return [(d.row, d.action.value, d.label, d.reason) for d in report.decisions]


def write(tmp_path: Path, text: str, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_preview_of_a_salesforce_export_writes_nothing(store: LeadStore) -> None:
    before = snapshot(store)
    plan = plan_import(FIXTURES / "salesforce_leads.csv", store, ImportOptions(), now=NOW)
    assert snapshot(store) == before
    assert plan.kind == "leads" and not plan.applied
    assert decisions(plan) == [
        (2, "create", "Ann Lee", ""),
        (3, "create", "Bruno Costa", ""),
        (4, "create", "Chloé Durand", ""),
        (6, "skip", "Dev Patel", "same email as row 2"),
    ]
    assert plan.counts == {Action.CREATE: 3, Action.UPDATE: 0, Action.SKIP: 1, Action.REJECT: 0}
    assert (plan.rows, plan.blank_rows) == (4, 1)


def test_apply_creates_what_the_preview_said(store: LeadStore) -> None:
    plan = plan_import(FIXTURES / "salesforce_leads.csv", store, ImportOptions(), now=NOW)
    result = apply_import(store, plan, now=NOW)
    assert result.applied and result.counts == plan.counts
    assert [d.lead_id for d in result.decisions] == [1, 2, 3, 1]
    ann, bruno, chloe = (store.get(i) for i in (1, 2, 3))
    assert (ann.temperature, ann.status, ann.source) == (
        Temperature.HOT,
        Status.ACTIVE,
        Source.WEBSITE,
    )
    assert ann.created_at.isoformat() == "2026-11-01T14:30:00+00:00"
    assert ann.next_due == NOW  # a new lead is due at once
    assert ann.owner == "Sam Rep" and ann.notes == "Wants a quote, fast"
    assert bruno.phone == "+55 11 91234-5678"  # the mobile, when there is no phone
    assert bruno.notes == "Met at the fair.\nCall after 3pm."
    assert (chloe.status, chloe.next_due, chloe.won_at) == (Status.WON, None, NOW)
    assert chloe.notes == "Mobile: 06 11 22 33 44"  # never dropped
    assert store.counts() == {
        Temperature.COLD: 0,
        Temperature.COOL: 0,
        Temperature.WARM: 1,
        Temperature.HOT: 1,
    }


def test_unknown_source_is_kept_in_the_notes(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Lead Source,Fax\nDev Patel,Seminar - Partner,555\n")
    import_file(path, store, ImportOptions(), now=NOW)
    dev = store.get(1)
    assert dev.source is Source.OTHER
    assert dev.notes == "Fax: 555\nLead Source: Seminar - Partner"


def test_hubspot_rejects_and_phone_duplicates(store: LeadStore) -> None:
    plan = plan_import(FIXTURES / "hubspot_leads.csv", store, ImportOptions(), now=NOW)
    assert decisions(plan) == [
        (2, "create", "Eve Martin", ""),
        (3, "create", "Farid Haddad", ""),
        (4, "reject", "", "a lead needs a name"),
        (5, "create", "Grace Ho", ""),
        (6, "skip", "Hiro Sato", "same phone as row 2"),
    ]
    # An optional date that does not parse costs the lead nothing: a warning, on its row.
    assert [d.warnings for d in plan.decisions][3] == (
        'Create Date "someday" is not a date; kept in notes',
    )
    assert (plan.warned_rows, plan.warnings) == (1, [(5, plan.decisions[3].warnings[0])])
    import_file(FIXTURES / "hubspot_leads.csv", store, ImportOptions(), now=NOW)
    assert store.get(1).notes == ""  # the CRM's own id is noise here (issue 13)


def test_pipedrive_utf16_labels(store: LeadStore) -> None:
    result = import_file(FIXTURES / "pipedrive_leads.tsv", store, ImportOptions(), now=NOW)
    assert decisions(result)[1] == (3, "create", "Jon Berg", "")
    assert result.decisions[1].warnings == ('Label "Lukewarm" is not a temperature; kept in notes',)
    ines = store.get(1)
    assert (ines.temperature, ines.company) == (Temperature.HOT, "Garcia SL")
    assert ines.notes == "Lead - Title: Garcia kitchen remodel"


def test_duplicates_in_the_database_are_skipped_then_updated(
    store: LeadStore, tmp_path: Path
) -> None:
    ann = store.add(
        LeadDraft(name="Ann Lee", email="Ann@Acme.example", phone="", notes="met at fair"), NOW
    )
    bob = store.add(LeadDraft(name="Bob Ray", company="Ray Inc", temperature=Temperature.COLD), NOW)
    path = write(
        tmp_path,
        "Name,Company,Email,Phone,Rating,Notes,Title\n"
        "Ann Lee,,ann@acme.example ,+33 6 12 34 56 78,Warm,wants a quote,\n"
        'BOB  RAY,"Ray, Inc.",,,Hot,,CEO\n'
        "Ann L.,,,0612345678,,,\n",
    )
    skipped = import_file(path, store, ImportOptions(), now=NOW)
    assert decisions(skipped) == [
        (2, "skip", "Ann Lee", f"same email as #{ann.id} Ann Lee"),
        (3, "skip", "BOB  RAY", f"same name and company as #{bob.id} Bob Ray"),
        # Row 2's phone was not written, but it still names Ann for the rest of the file.
        (4, "skip", "Ann L.", f"same phone as #{ann.id} Ann Lee"),
    ]
    assert store.get(1) == ann and store.count() == 2

    later = NOW.add(hours=1)
    updated = import_file(path, store, ImportOptions(on_duplicate="update"), now=later)
    assert [d.action for d in updated.decisions] == [Action.UPDATE] * 3
    assert updated.counts[Action.CREATE] == 0 and store.count() == 2
    ann_now = store.get(1)
    assert ann_now.name == "Ann L."  # the last row for her wins
    assert ann_now.phone == "0612345678" and ann_now.email == "ann@acme.example"
    assert ann_now.temperature is Temperature.WARM
    assert ann_now.notes == "met at fair\n\nwants a quote"
    assert ann_now.updated_at == later
    bob_now = store.get(2)
    assert (bob_now.temperature, bob_now.title, bob_now.company) == (
        Temperature.HOT,
        "CEO",
        "Ray, Inc.",
    )
    # Empty cells erased nothing; the moves were recorded for the stats.
    assert bob_now.phone == "" and ann_now.source is None
    changes = store.db.execute_sql(
        "SELECT lead_id, from_temp, to_temp FROM temperature_change ORDER BY id"
    ).fetchall()
    assert changes[-2:] == [(1, 1, 2), (2, 0, 3)]


def test_the_same_file_twice_is_never_doubled(store: LeadStore) -> None:
    for on_duplicate in ("skip", "update", "update", "skip"):
        import_file(FIXTURES / "salesforce_leads.csv", store, ImportOptions(on_duplicate), now=NOW)
    assert store.count() == 3
    # Row 6 (Dev Patel, Ann's email) updates Ann too; merged notes are never repeated.
    assert store.get(1).notes == "Wants a quote, fast\n\nLead Source: Seminar - Partner"


def test_apply_decides_again_when_the_database_changed(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Email\nAnn Lee,ann@acme.example\n")
    plan = plan_import(path, store, ImportOptions(), now=NOW)
    assert decisions(plan) == [(2, "create", "Ann Lee", "")]
    store.add(LeadDraft(name="Ann", email="ANN@acme.example"), NOW)  # another process, meanwhile
    result = apply_import(store, plan, now=NOW)
    assert decisions(result) == [(2, "skip", "Ann Lee", "same email as #1 Ann")]
    assert store.count() == 1


def test_a_failure_half_way_leaves_the_database_as_it_was(
    store: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(LeadDraft(name="Already here", company="Old Co"), NOW)
    before = snapshot(store)
    real = import_write.RowWriter.create_lead
    made: list[int] = []

    # What each engine's driver raises when the disk fails under it.
    failure: Exception = sqlite3.OperationalError("disk I/O error")
    said = "disk I/O error"
    if is_server(store.db):
        failure, said = psycopg.errors.DiskFull("could not extend file"), "no room left"

    def fail_on_third(self: import_write.RowWriter, lead: Any) -> int:
        if len(made) == 2:
            raise failure
        made.append(real(self, lead))
        return made[-1]

    monkeypatch.setattr(import_write.RowWriter, "create_lead", fail_on_third)
    with pytest.raises(StoreError, match=said):
        import_file(FIXTURES / "salesforce_leads.csv", store, ImportOptions(), now=NOW)
    assert len(made) == 2  # two leads were written inside the transaction...
    assert snapshot(store) == before  # ...and rolled back, with the count trigger restored


def test_a_constraint_violation_rolls_everything_back(
    store: LeadStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(store)
    path = write(tmp_path, "Name,Fit\nGood One,1\nGood Two,2\nBad Three,3\n")
    # Slip a value past the row checks so SQLite's CHECK (fit BETWEEN 0 AND 3) refuses row 4.
    real = import_write._create_lead

    def corrupt(writer: import_write.RowWriter, lead: Any) -> int:
        if lead.given["fit"] == 3:
            lead.given["fit"] = 7
        return real(writer, lead)

    monkeypatch.setattr(import_write, "_create_lead", corrupt)
    with pytest.raises(StoreError, match=r"CHECK constraint failed|violates check constraint"):
        import_file(path, store, ImportOptions(), now=NOW)
    assert snapshot(store) == before


def test_strict_refuses_the_whole_file(store: LeadStore) -> None:
    before = snapshot(store)
    with pytest.raises(ImportRefused) as refused:
        import_file(FIXTURES / "hubspot_leads.csv", store, ImportOptions(strict=True), now=NOW)
    assert str(refused.value) == (
        "strict: 1 row rejected, nothing imported (row 4: a lead needs a name)"
    )
    assert [d.row for d in refused.value.report.rejected] == [4]
    assert snapshot(store) == before
    # Strict with a clean file imports as usual; a preview is never refused.
    plan = plan_import(FIXTURES / "hubspot_leads.csv", store, ImportOptions(strict=True), now=NOW)
    assert plan.counts[Action.REJECT] == 1


def test_many_rows_list_every_reject_but_not_every_create(store: LeadStore, tmp_path: Path) -> None:
    rows = [f"{'' if i % 500 == 0 else f'Lead {i}'},warm" for i in range(1, DETAIL_LIMIT + 301)]
    path = write(tmp_path, "Name,Temperature\n" + "\n".join(rows) + "\n")
    plan = plan_import(path, store, ImportOptions(), now=NOW)
    assert plan.counts[Action.CREATE] == DETAIL_LIMIT + 300 - 2
    assert [d.row for d in plan.rejected] == [501, 1001]
    assert not plan.listed_all and len(plan.decisions) == DETAIL_LIMIT + 2


def test_import_progress_reaches_the_total(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, "Name\n" + "".join(f"Lead {i}\n" for i in range(1200)) + "\n")
    seen: list[tuple[int, int]] = []
    import_file(path, store, ImportOptions(), now=NOW, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (500, 1201) and seen[-1] == (1201, 1201)
