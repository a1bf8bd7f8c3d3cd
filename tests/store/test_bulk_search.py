"""BulkWriter's search texts and journal: the index as the triggers keep it, the WAL back after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from leadboard.actions.demo import fill_demo
from leadboard.domain.followup import Policy
from leadboard.store import bulk
from leadboard.store.bulk import BulkWriter, prepare
from leadboard.store.database import open_database
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from leadboard.store.search_index import LEAD_TEXT_SQL
from tests.conftest import NOW
from tests.store.test_bulk import lead_row

pytestmark = pytest.mark.sqlite_only("FTS5 settings and the journal of a file")


def contact_row(lead_id: int, note: str, at: str = "2026-11-20T10:00:00Z") -> dict[str, object]:
    """A contact record with every column but `id`."""
    return {
        "lead_id": lead_id, "at": at, "channel": "call", "direction": "out",
        "outcome": "talked", "note": note, "next_step": "", "next_due": None, "session_id": None,
    }  # fmt: skip


def stale_texts(store: LeadStore) -> list[int]:
    """Leads whose indexed text differs from what the triggers' SQL makes of the lead now."""
    rows = store.db.execute_sql(
        f"SELECT lead.id FROM lead LEFT JOIN lead_search ON lead_search.rowid = lead.id "
        f"WHERE lead_search.doc IS NOT ({LEAD_TEXT_SQL})"
    ).fetchall()
    extra = store.db.execute_sql(
        "SELECT rowid FROM lead_search WHERE rowid NOT IN (SELECT id FROM lead)"
    ).fetchall()
    return [row[0] for row in rows + extra]


def test_demo_search_texts_are_what_the_triggers_would_write(store: LeadStore) -> None:
    fill_demo(store, 1_200, NOW)
    indexed = store.db.execute_sql("SELECT count(*) FROM lead_search").fetchone()[0]
    assert indexed == 1_200
    assert stale_texts(store) == []
    # Notes of several contacts, newest first, each findable.
    lead_id, notes = store.db.execute_sql(
        "SELECT lead_id, count(*) FROM contact WHERE note != '' "
        "GROUP BY lead_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    assert notes > 1
    assert store.count(search=store.contacts(lead_id)[0].note) >= 1


def test_same_moment_contacts_keep_the_index_order(store: LeadStore) -> None:
    with BulkWriter(store.db) as writer:
        writer.write(
            [lead_row(1, 2)],
            [contact_row(1, "first of two"), contact_row(1, "second of two"),
             contact_row(1, "later", at="2026-11-21T10:00:00Z"), contact_row(1, "")],
        )  # fmt: skip
    assert stale_texts(store) == []


def test_a_contact_for_an_older_lead_is_indexed_with_sql(store: LeadStore) -> None:
    with BulkWriter(store.db) as writer:
        writer.write([lead_row(1, 1)])
    assert prepare([lead_row(2, 0)], [contact_row(1, "zebra crossing")]).search is None
    with BulkWriter(store.db) as writer:
        writer.write([lead_row(2, 0)], [contact_row(1, "zebra crossing")])
    assert [lead.id for lead in store.find(search="zebra")] == [1]
    assert stale_texts(store) == []


def journal_mode(path: Path) -> str:
    """The journal mode another connection finds in the file."""
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        connection.close()


def test_an_empty_file_loads_with_a_rollback_journal_and_returns_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    store = LeadStore(open_database(str(path)), Policy())
    seen: list[str] = []
    with BulkWriter(store.db) as writer:
        seen.append(str(store.db.execute_sql("PRAGMA journal_mode").fetchone()[0]))
        writer.write([lead_row(1, 3)])
    assert seen == ["delete"]
    assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL again
    # A file that has leads keeps its WAL: a rollback journal would copy every page it changes.
    with BulkWriter(store.db) as writer:
        seen.append(str(store.db.execute_sql("PRAGMA journal_mode").fetchone()[0]))
        writer.write([lead_row(2, 0)])
    assert seen == ["delete", "wal"]
    store.close()
    assert journal_mode(path) == "wal"


def test_another_open_connection_keeps_the_wal_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    store = LeadStore(open_database(str(path)), Policy())
    other = sqlite3.connect(path)
    other.execute("SELECT count(*) FROM lead").fetchone()  # holds the WAL open
    try:
        with BulkWriter(store.db) as writer:
            mode = store.db.execute_sql("PRAGMA journal_mode").fetchone()[0]
            writer.write([lead_row(1, 3)])
        assert mode == "wal"
        assert store.db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert other.execute("SELECT count(*) FROM lead").fetchone()[0] == 1
    finally:
        other.close()
        store.close()


def test_a_failed_load_into_an_empty_file_leaves_it_empty_and_in_wal(tmp_path: Path) -> None:
    path = tmp_path / "failed.db"
    store = LeadStore(open_database(str(path)), Policy())
    with pytest.raises(StoreError, match="UNIQUE"), BulkWriter(store.db) as writer:
        writer.write([lead_row(1, 3)])
        writer.write([lead_row(1, 2)])  # the same id again: the load fails
    assert store.count() == 0
    assert store.db.execute_sql("SELECT count(*) FROM lead_search").fetchone()[0] == 0
    assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_the_index_settings_are_put_back(store: LeadStore) -> None:
    def hash_size() -> object:
        row = store.db.execute_sql(
            "SELECT v FROM lead_search_config WHERE k = 'hashsize'"
        ).fetchone()
        return None if row is None else row[0]

    with BulkWriter(store.db) as writer:
        during = hash_size()
        writer.write([lead_row(1, 3)])
    assert during == 64 << 20
    assert hash_size() == 1 << 20  # FTS5's default
    with pytest.raises(StoreError), BulkWriter(store.db) as writer:
        writer.write([lead_row(1, 2)])  # id 1 is taken
    assert hash_size() == 1 << 20


def test_texts_held_back_are_indexed_in_one_statement_each(
    store: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "INDEX_EVERY", 3)
    statements: list[str] = []
    store.db.connection().set_trace_callback(statements.append)
    try:
        with BulkWriter(store.db) as writer:
            for lead_id in range(1, 8):
                writer.write(
                    [lead_row(lead_id, lead_id % 4)], [contact_row(lead_id, f"kiwi {lead_id}")]
                )
    finally:
        store.db.connection().set_trace_callback(None)
    indexing = [sql for sql in statements if sql.startswith("INSERT INTO lead_search (rowid")]
    assert len(indexing) == 3  # 3 + 3 leads when held, then the last one at the end
    assert [lead.id for lead in store.find(search="kiwi 7")] == [7]
    assert store.count(search="kiwi") == 7
    assert stale_texts(store) == []


def test_a_failure_while_finishing_rolls_back_and_lets_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "finish.db"
    store = LeadStore(open_database(str(path)), Policy())
    schema = store.db.execute_sql("SELECT type, name FROM sqlite_master ORDER BY 2").fetchall()
    monkeypatch.setattr(bulk, "COUNT_REBUILD", ["SELECT * FROM no_such_table"])
    with pytest.raises(StoreError, match="no_such_table"), BulkWriter(store.db) as writer:
        writer.write([lead_row(1, 3)])
    assert not store.db.in_transaction()
    assert store.db.execute_sql("SELECT type, name FROM sqlite_master ORDER BY 2").fetchall() == (
        schema
    )
    assert store.count() == 0
    monkeypatch.undo()
    with BulkWriter(store.db) as writer:  # the lock was let go: the next write runs
        writer.write([lead_row(1, 3)])
    assert store.count() == 1
    store.close()
