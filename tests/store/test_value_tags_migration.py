"""Schema 10: deal values and tags arrive on older files and servers, kept counts follow them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import psycopg

from leadboard.actions.importing import ImportOptions, import_file
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store.closed_pages import closed_ids
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.server_schema import SERVER_SCHEMA, SERVER_VERSION, VERSION_TABLE
from tests.conftest import NOW
from tests.store.old_files import backup_of, old_file

OLD = 9
"""The last schema without deal values and tags."""

RECOUNT = """SELECT owner, status, temperature, COUNT(*), COALESCE(SUM(value), 0) FROM lead
             GROUP BY owner, status, temperature"""


def kept(store: LeadStore) -> set[tuple[object, ...]]:
    """The lead_count table, without its emptied rows."""
    rows = store.db.execute_sql(
        "SELECT owner, status, temperature, n, value FROM lead_count WHERE n != 0"
    )
    return {tuple(row) for row in rows.fetchall()}


def recounted(store: LeadStore) -> set[tuple[object, ...]]:
    """The same counts and sums from the leads themselves."""
    return {tuple(row) for row in store.db.execute_sql(RECOUNT).fetchall()}


def _seed_version_9(con: object, insert: str) -> None:
    """Two leads as schema 9 stored them: one active with a noted contact, one lost."""
    execute = getattr(con, "execute")  # noqa: B009  # sqlite3 and psycopg connections alike
    columns = "name, company, temperature, status, created_at, updated_at, next_due, lost_reason"
    execute(
        f"INSERT INTO lead ({columns}) VALUES "
        "('Ana Ruiz', 'Fleur', 2, 'active', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', "
        "'2026-11-20T09:00:00Z', ''), "
        "('Bo Lind', 'Kiln', 1, 'lost', '2026-10-01T09:00:00Z', '2026-10-02T09:00:00Z', "
        "NULL, 'price')"
    )
    execute(
        "INSERT INTO contact (lead_id, at, channel, outcome, note) "
        f"VALUES (1, '2026-11-02T09:00:00Z', 'call', 'talked', {insert})"
    )


def test_a_schema_9_file_is_backed_up_and_gains_values_and_tags(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with old_file(path, OLD) as con:
        _seed_version_9(con, "'asked for the orchid price'")
    store = LeadStore(open_database(str(path)), Policy())
    try:
        backup = backup_of(path, OLD)
        assert (backup.version, backup.leads) == (OLD, 2)
        ana, bo = store.get(1), store.get(2)
        assert (ana.value, ana.tags, bo.value, bo.tags) == (None, (), None, ())
        assert bo.lost_reason == "price"
        # The search texts written before schema 10 still find what they found.
        assert [lead.name for lead in store.find(search="orchid")] == ["Ana Ruiz"]
        assert kept(store) == recounted(store)
        _values_and_tags_keep_their_counts(store, tmp_path)
    finally:
        store.close()


def _values_and_tags_keep_their_counts(store: LeadStore, tmp_path: Path) -> None:
    """Every write keeps lead_count's value sums equal to a recount; tags are searched."""
    ana = store.update(1, LeadDraft(name="Ana Ruiz", company="Fleur", temperature=Temperature.WARM,
                                    value=4_230_000, tags=("VIP", "#q4")), NOW)  # fmt: skip
    assert (ana.value, ana.tags) == (4_230_000, ("q4", "vip"))
    assert [lead.name for lead in store.find(search="#vip#")] == ["Ana Ruiz"]
    cy = store.add(LeadDraft(name="Cy Moreau", value=150_050, tags=("referral",)), NOW)
    assert cy.id is not None
    assert kept(store) == recounted(store)
    store.move(1, Temperature.HOT, NOW)
    store.log_contact(cy.id, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW.add(hours=1))
    assert kept(store) == recounted(store)
    store.set_status(1, Status.WON, NOW)
    store.delete(cy.id)
    assert kept(store) == recounted(store)
    won = store.get(1)
    store.restore(replace(won, status=Status.ACTIVE, version=won.version - 1))  # an undone win
    assert kept(store) == recounted(store)
    csv = tmp_path / "leads.csv"
    csv.write_text("Name,Email\nDia Lind,dia@example.com\n", "utf-8")
    import_file(csv, store, ImportOptions(), now=NOW)
    assert kept(store) == recounted(store)


def test_a_closed_column_pages_through_its_index(tmp_path: Path) -> None:
    store = LeadStore(open_database(str(tmp_path / "new.db")), Policy())
    try:
        for day in range(1, 4):
            lead = store.add(LeadDraft(name=f"Lost {day}", temperature=Temperature.WARM), NOW)
            assert lead.id is not None
            store.set_status(lead.id, Status.LOST, NOW.add(days=day), reason="timing")
        assert closed_ids(store, Temperature.WARM, 0, 2) == [3, 2]
        plan = store.db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM lead WHERE status != 'active' AND temperature = ? "
            "ORDER BY CASE status WHEN 'won' THEN won_at WHEN 'lost' THEN lost_at "
            "ELSE inactive_at END DESC, id DESC LIMIT 2",
            (Temperature.WARM.rank,),
        ).fetchall()
        details = " ".join(str(row[-1]) for row in plan)
        assert "lead_closed" in details and "TEMP B-TREE" not in details
    finally:
        store.close()


def test_a_version_9_server_database_is_upgraded_in_place(pg_url: str, tmp_path: Path) -> None:
    with psycopg.connect(pg_url, autocommit=True) as con:
        for statement in [*VERSION_TABLE, *SERVER_SCHEMA]:
            con.execute(statement)
        con.execute("INSERT INTO leadboard_schema (version) VALUES (%s)", (SERVER_VERSION,))
        _seed_version_9(con, "'asked for the orchid price'")
    store = LeadStore(open_database(pg_url), Policy())
    try:
        version = store.db.execute_sql("SELECT version FROM leadboard_schema").fetchone()
        assert version == (10,)
        assert (store.get(1).value, store.get(2).tags) == (None, ())
        assert [lead.name for lead in store.find(search="orchid")] == ["Ana Ruiz"]
        _values_and_tags_keep_their_counts(store, tmp_path)
    finally:
        store.close()
