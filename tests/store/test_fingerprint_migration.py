"""Schema 7: a schema-6 file gains the import fingerprints, backed up first, its leads intact."""

from __future__ import annotations

from pathlib import Path

from leadboard.actions.importing import ImportOptions, import_file
from leadboard.domain.followup import Policy
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.schema import SCHEMA_VERSION
from tests.conftest import NOW
from tests.store.old_files import backup_of, old_file

OLD = 6
"""The last schema without import fingerprints."""


def make_version_6(path: Path) -> None:
    """A file as leadboard schema 6 wrote it: two leads, one of them with a name alone."""
    with old_file(path, OLD) as con:
        con.executemany(
            "INSERT INTO lead (name, email, email_key, temperature, created_at, updated_at) "
            "VALUES (?, ?, ?, 1, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            [("Rohan Patel", "", ""), ("Emma Hughes", "emma@example.com", "emma@example.com")],
        )


def test_a_schema_6_file_is_backed_up_then_remembers_imported_rows(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_6(target)
    store = LeadStore(open_database(str(target)), Policy())
    try:
        assert SCHEMA_VERSION >= 7
        assert [lead.name for lead in store.find()] == ["Rohan Patel", "Emma Hughes"]
        tables = {row[0] for row in store.db.execute_sql("SELECT name FROM sqlite_master")}
        assert {"import_fingerprint", "import_fingerprint_lead"} <= tables
        # Leads from before version 7 have no fingerprint: a name alone is still created once,
        # then recognised.
        names = tmp_path / "names.csv"
        names.write_text("Name\nRohan Patel\n", encoding="utf-8")
        first = import_file(names, store, ImportOptions(), now=NOW)
        again = import_file(names, store, ImportOptions(), now=NOW)
        assert [d.action.value for d in (*first.decisions, *again.decisions)] == ["create", "skip"]
        assert again.decisions[0].reason == "already #3 Rohan Patel (imported before)"
    finally:
        store.close()
    backup = backup_of(target, OLD)
    assert backup.version == OLD
    assert "import_fingerprint" not in backup.tables
    assert backup.leads == 2


def test_deleting_a_lead_forgets_the_rows_it_came_from(store: LeadStore, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("Name\nRohan Patel\n", encoding="utf-8")
    import_file(names, store, ImportOptions(), now=NOW)
    count = "SELECT COUNT(*) FROM import_fingerprint"
    assert store.db.execute_sql(count).fetchone() == (1,)
    store.delete(1)  # undoing the lead's creation
    assert store.db.execute_sql(count).fetchone() == (0,)
    again = import_file(names, store, ImportOptions(), now=NOW)
    assert [d.action.value for d in again.decisions] == ["create"]
