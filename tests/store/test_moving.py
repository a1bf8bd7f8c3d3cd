"""Moving house (store.moving): every row copied with its id, checked, all or nothing, both ways."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from leadboard.actions.demo import fill_demo
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, LeadDraft, Outcome, Temperature
from leadboard.store import moving
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.moving import CopyMismatch, TargetNotEmpty, move_house, same_database
from tests.conftest import NOW
from tests.postgres import db_target_for

COPIED = ("lead", "contact", "temperature_change", "followup_session", "import_fingerprint")
KEPT = {
    # What the triggers keep, worked out again by the target's writer: equal too.
    "lead_count": "SELECT owner, status, temperature, n FROM lead_count WHERE n > 0",
    "due_count": "SELECT owner, temperature, hour, n FROM due_count WHERE n > 0",
    "lead_search": "SELECT rowid, doc FROM lead_search",
}


def open_store(target: str) -> LeadStore:
    return LeadStore(open_database(target), Policy(), me="Emma")


@pytest.fixture
def other(engine: str, tmp_path: Path) -> Iterator[LeadStore]:
    """An empty store on the other engine than `store`: where a move goes."""
    with db_target_for("postgresql" if engine == "sqlite" else "sqlite", tmp_path) as target:
        opened = open_store(target)
        yield opened
        opened.close()


def filled(store: LeadStore, leads: int = 300) -> LeadStore:
    """The demo, with gaps in the ids, contacts in sessions and remembered import rows."""
    fill_demo(store, leads, NOW)
    run = store.db.execute_sql
    run("DELETE FROM lead WHERE id % 10 = 3")  # ids kept, gaps and all
    run("UPDATE contact SET session_id = (SELECT MIN(id) FROM followup_session) WHERE id % 7 = 0")
    run("INSERT INTO import_fingerprint (fingerprint, lead_id) VALUES (?, 1), (?, 2), (?, 4)",
        (-(2**62), 42, 2**62))  # fmt: skip
    run("UPDATE lead SET owner = '' WHERE id % 3 = 0")  # leads from before owners
    run("UPDATE lead SET owner = 'Noah' WHERE id % 4 = 0")
    run("UPDATE lead SET promised = ? WHERE id % 5 = 0", (True,))
    return store


def dump(store: LeadStore) -> dict[str, list[Sequence[Any]]]:
    """Every row of every copied and kept table, booleans as numbers, sorted."""
    found: dict[str, list[Sequence[Any]]] = {}
    for table in moving.TABLES:
        rows = [row for page in moving.pages(store.db, table) for row in page]
        found[table.name] = sorted(rows, key=repr)
    for name, sql in KEPT.items():
        found[name] = sorted((tuple(row) for row in store.db.execute_sql(sql)), key=repr)
    return found


def test_a_file_moved_to_a_server_and_back_is_the_same_file(tmp_path: Path, pg_url: str) -> None:
    original = filled(open_store(str(tmp_path / "original.db")))
    server = open_store(pg_url)
    there = move_house(original, server)
    back = open_store(str(tmp_path / "back.db"))
    again = move_house(server, back)

    before = dump(original)
    assert dump(server) == before
    assert dump(back) == before
    assert {name: len(before[name]) for name in COPIED} == there.rows == again.rows
    assert there.rows["lead"] == 270 and there.rows["import_fingerprint"] == 3
    assert there.checksum == again.checksum and there.checksum.startswith("sha256:")
    assert there.owners_filled == 0
    for opened in (original, server, back):
        opened.close()


def test_the_ids_go_on_after_the_moved_ones(store: LeadStore, other: LeadStore) -> None:
    filled(store, 40)
    move_house(store, other)
    tops = {
        table: int(other.db.execute_sql(f"SELECT MAX(id) FROM {table}").fetchone()[0])
        for table in ("lead", "contact", "temperature_change", "followup_session")
    }
    lead = other.add(LeadDraft(name="New After Move", temperature=Temperature.WARM), NOW)
    session = other.sessions().start(NOW, queued=1)
    assert lead.id is not None
    other.log_contact(
        lead.id, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW, session_id=session
    )
    assert lead.id > tops["lead"]
    assert session > tops["followup_session"]
    newest = other.db.execute_sql("SELECT MAX(id) FROM contact").fetchone()[0]
    assert newest > tops["contact"]


def test_a_target_with_leads_is_refused_and_left_alone(store: LeadStore, other: LeadStore) -> None:
    filled(store, 20)
    other.add(LeadDraft(name="Already Here", temperature=Temperature.COLD), NOW)
    before = dump(other)
    with pytest.raises(
        TargetNotEmpty, match="already holds 1 lead; migrate-to only fills an empty"
    ):
        move_house(store, other)
    assert dump(other) == before


@pytest.mark.parametrize("failure", [RuntimeError("the disk went away"), KeyboardInterrupt()])
def test_a_failure_mid_copy_leaves_the_target_empty(
    store: LeadStore, other: LeadStore, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    filled(store, 200)
    empty = dump(other)
    monkeypatch.setattr(moving, "PAGE", 30)
    written = moving.write_rows
    calls = 0

    def failing(db: Any, table: moving.Table, rows: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 12:  # some pages of leads are in by now
            raise failure
        written(db, table, rows)

    monkeypatch.setattr(moving, "write_rows", failing)
    with pytest.raises(type(failure)):
        move_house(store, other)
    assert calls == 12
    assert dump(other) == empty
    monkeypatch.setattr(moving, "write_rows", written)
    assert move_house(store, other).rows["lead"] == 180  # and the next try goes through


def test_a_copy_that_differs_from_the_source_is_rolled_back(
    store: LeadStore, other: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(store, 50)
    written = moving.write_rows

    def one_contact_short(db: Any, table: moving.Table, rows: Any) -> None:
        written(db, table, rows[1:] if table is moving.CONTACTS else rows)

    monkeypatch.setattr(moving, "write_rows", one_contact_short)
    with pytest.raises(CopyMismatch, match=r"does not match the source \(contact: .*nothing was"):
        move_house(store, other)
    assert other.count() == 0
    assert other.db.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0] == 0


def test_leads_with_no_owner_get_the_one_given(store: LeadStore, other: LeadStore) -> None:
    filled(store, 100)
    by_owner = "SELECT owner, COUNT(*) FROM lead GROUP BY owner"
    before = dict(store.db.execute_sql(by_owner).fetchall())
    moved = move_house(store, other, empty_owner="Emma")
    assert moved.owners_filled == before[""] > 0
    ownerless = before.pop("")
    expected = {**before, "Emma": ownerless + before.get("Emma", 0)}
    assert dict(other.db.execute_sql(by_owner).fetchall()) == expected
    other.owner = "Emma"  # the kept counts know the new owner too
    active = "SELECT COUNT(*) FROM lead WHERE owner = 'Emma' AND status = 'active'"
    assert sum(other.counts().values()) == other.db.execute_sql(active).fetchone()[0]


def test_progress_counts_every_row_copied_then_checked(store: LeadStore, other: LeadStore) -> None:
    filled(store, 30)
    seen: list[tuple[int, int]] = []
    moved = move_house(store, other, progress=lambda done, total: seen.append((done, total)))
    rows = sum(moved.rows.values())
    assert seen[-1] == (2 * rows, 2 * rows)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_same_database_knows_a_file_and_a_schema_from_another(
    store: LeadStore, other: LeadStore, tmp_path: Path
) -> None:
    again = open_store(getattr(store.db, "shown", None) or str(store.db.database))
    try:
        assert same_database(store.db, again.db)
        assert not same_database(store.db, other.db)
    finally:
        again.close()


def test_two_schemas_of_one_server_are_two_databases(pg_url: str) -> None:
    with db_target_for("postgresql", Path()) as second:
        one, two = open_store(pg_url), open_store(second)
        try:
            assert not same_database(one.db, two.db)
            assert same_database(one.db, one.db)
        finally:
            one.close()
            two.close()
