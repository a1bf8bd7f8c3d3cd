"""The search index: its SQL agrees with the Python phone rules, and schema 6 fills it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadboard.domain.followup import Policy
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.schema import SCHEMA_VERSION
from leadboard.store.search import national_digits
from leadboard.store.search_index import phone_digits, phone_digits_sql
from tests.store.old_files import backup_of, old_file

OLD = 5
"""The last schema without the search index."""


def in_sql(expression: str, phone: str) -> str:
    """Evaluate an SQL expression over `phone` as column p.phone, in plain sqlite3."""
    con = sqlite3.connect(":memory:")
    try:
        sql = f"WITH p(phone) AS (VALUES (?)) SELECT {expression} FROM p"
        return str(con.execute(sql, (phone,)).fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize(
    ("phone", "national"),
    [
        ("07785 842929", "7785842929"),
        ("+44 7785 842929", "7785842929"),
        ("+44 (0)7785 842929", "7785842929"),
        ("0044 7785 842929", "7785842929"),
        ("+1 (847) 353-5284", "8473535284"),
        ("(847) 353-5284", "8473535284"),
        ("+33 6 12 34 56 78", "612345678"),
        ("+7 912 345 67 89", "9123456789"),
        ("+353 87 123 4567", "871234567"),
        ("", ""),
        ("n/a", "na"),
    ],
)
def test_national_digits(phone: str, national: str) -> None:
    assert national_digits(phone) == national


@given(st.text(alphabet="0123456789 +-().,/x", max_size=20))
def test_the_index_holds_every_form_a_query_may_take(phone: str) -> None:
    # The index keeps phone_digits (in SQL); a query's national form is its last digits.
    stored = in_sql(phone_digits_sql("p.phone"), phone)
    assert stored == phone_digits(phone)
    assert stored.endswith(national_digits(phone))


def make_version_5(path: Path) -> None:
    """A file as leadboard schema 5 wrote it: leads with phones, a next step, contact notes."""
    with old_file(path, OLD) as con:
        con.executemany(
            "INSERT INTO lead (name, phone, temperature, next_step, created_at, updated_at) "
            "VALUES (?, ?, 1, ?, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            [
                ("Rohan Patel", "07785 842929", "Book a demo"),
                ("Emma Hughes", "+44 7700 900123", ""),
            ],
        )
        con.execute(
            "INSERT INTO contact (lead_id, at, channel, outcome, note) "
            "VALUES (2, '2026-01-06T10:00:00Z', 'call', 'talked', 'spring catalogue')"
        )


def test_migration_indexes_the_leads_already_stored(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_5(target)
    store = LeadStore(open_database(str(target)), Policy())
    try:
        assert SCHEMA_VERSION >= 6  # 7 (import fingerprints, issue 13) builds on it
        found = {
            query: [lead.name for lead in store.find(search=query)]
            for query in ("book a demo", "Spring Catalogue", "+44 7785 842929", "07700900123")
        }
        assert found == {
            "book a demo": ["Rohan Patel"],
            "Spring Catalogue": ["Emma Hughes"],
            "+44 7785 842929": ["Rohan Patel"],
            "07700900123": ["Emma Hughes"],
        }
    finally:
        store.close()
    backup = backup_of(target, OLD)
    assert backup.version == OLD
    assert "lead_search" not in backup.tables


def test_the_index_passes_an_integrity_check_after_writes(tmp_path: Path) -> None:
    target = tmp_path / "old.db"
    make_version_5(target)
    db = open_database(str(target))
    try:
        db.execute_sql("UPDATE lead SET next_step = 'Send the deck' WHERE id = 1")
        db.execute_sql("DELETE FROM contact")
        db.execute_sql("DELETE FROM lead WHERE id = 2")
        # FTS5 checks its index against its stored text.
        db.execute_sql("INSERT INTO lead_search (lead_search) VALUES ('integrity-check')")
        docs = db.execute_sql("SELECT rowid, doc FROM lead_search").fetchall()
        assert [(row[0], "Send the deck" in row[1]) for row in docs] == [(1, True)]
    finally:
        db.close()
