"""The filter finds what reps search for: next steps, contact notes, phones however typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadboard.cli.entry import main
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, Lead, LeadDraft, Outcome, Status, Temperature
from leadboard.domain.text import clean_input
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.store.search import glob_pattern, match_expression, phone_forms
from tests.conftest import NOW
from tests.store.test_bulk import lead_row

COOL = Temperature.COOL


def add(store: LeadStore, name: str, **fields: Any) -> Lead:
    """Add a lead through the store."""
    return store.add(LeadDraft(name=name, **fields), NOW)


def names(store: LeadStore, search: str) -> list[str]:
    """Names of every lead the search finds, in any status, sorted."""
    return sorted(lead.name for lead in store.find(search=search))


def lead_id(lead: Lead) -> int:
    """The id of a stored lead."""
    assert lead.id is not None
    return lead.id


@pytest.fixture
def reps(store: LeadStore) -> LeadStore:
    """The issue's leads: a next step, a contact's note, a UK mobile, a French one."""
    add(store, "Rohan Patel", phone="07785 842929", next_step="Book a demo")
    emma = add(store, "Emma Hughes", phone="+44 7700 900123")
    store.log_contact(
        lead_id(emma),
        channel=Channel.CALL,
        outcome=Outcome.TALKED,
        now=NOW,
        note="Spoke to her assistant about the spring catalogue",
    )
    add(store, "Hannah Brown", company="Sunset Wedding Co.", phone="(847) 353-5284")
    add(store, "Léa Martin", phone="+33 6 12 34 56 78", notes="Prefers mornings")
    return store


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Book a demo", ["Rohan Patel"]),
        ("book a DEMO", ["Rohan Patel"]),
        ("spring catalogue", ["Emma Hughes"]),
        ("07785842929", ["Rohan Patel"]),
        ("07785 842929", ["Rohan Patel"]),
        ("+44 7785 842929", ["Rohan Patel"]),
        ("+447785842929", ["Rohan Patel"]),
        ("0044 7785 842929", ["Rohan Patel"]),
        ("+44 (0)7785 842929", ["Rohan Patel"]),
        ("842929", ["Rohan Patel"]),
        ("07700900123", ["Emma Hughes"]),
        ("07700 900 123", ["Emma Hughes"]),
        ("7700900123", ["Emma Hughes"]),
        ("847-353-5284", ["Hannah Brown"]),
        ("+1 847 353 5284", ["Hannah Brown"]),
        ("0612345678", ["Léa Martin"]),
        ("06 12 34 56 78", ["Léa Martin"]),
        ("LÉA", ["Léa Martin"]),
        ("mornings", ["Léa Martin"]),
        ("Sunset Wedding", ["Hannah Brown"]),
        ("nobody", []),
    ],
)
def test_the_reported_searches_find_their_lead(
    reps: LeadStore, query: str, found: list[str]
) -> None:
    assert names(reps, query) == found


def test_counts_pages_positions_and_matches_use_the_same_search(reps: LeadStore) -> None:
    rohan = reps.find(search="07785842929")[0]
    by_digits = reps.search_hits("07785842929", NOW)
    assert {t: by_digits.count(t) for t in Temperature} == {
        **dict.fromkeys(Temperature, 0),
        COOL: 1,
    }
    step = reps.search_hits("Book a demo", NOW).page(COOL, 0, 10)
    assert [x.name for x in reps.leads_by_ids(step)] == ["Rohan Patel"]
    assert reps.search_hits("+44 7785 842929", NOW).position(COOL, lead_id(rohan)) == 0
    assert reps.matches(lead_id(rohan), "+44 7785 842929")
    assert not reps.matches(lead_id(rohan), "spring catalogue")
    assert reps.count(search="catalogue") == 1
    later = reps.search_hits("catalogue", NOW.add(years=1))
    assert [x.name for x in reps.leads_by_ids(later.due_ids(10))] == ["Emma Hughes"]


def test_the_index_follows_edits_contacts_moves_and_deletes(store: LeadStore) -> None:
    sam = add(store, "Sam Lee", next_step="Send the quote")
    assert names(store, "the quote") == ["Sam Lee"]
    store.update(lead_id(sam), LeadDraft(name="Sam Lee", next_step="Call on Friday"), NOW)
    assert names(store, "the quote") == []
    assert names(store, "on friday") == ["Sam Lee"]
    store.log_contact(
        lead_id(sam),
        channel=Channel.EMAIL,
        outcome=Outcome.REPLIED,
        now=NOW,
        note="Loves the blue one",
        next_step="Post the samples",
    )
    assert names(store, "blue one") == ["Sam Lee"]
    assert names(store, "the samples") == ["Sam Lee"]
    store.move(lead_id(sam), Temperature.HOT, NOW)
    store.set_status(lead_id(sam), Status.WON, NOW)
    assert names(store, "blue one") == ["Sam Lee"]
    store.delete(lead_id(sam))
    assert names(store, "Sam") == []
    assert rows(store, "SELECT count(*) FROM lead_search") == [(0,)]


def test_undo_of_a_contact_forgets_its_note(store: LeadStore) -> None:
    sam = add(store, "Sam Lee")
    before = store.get(lead_id(sam))
    _, contact = store.log_contact(
        lead_id(sam), channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW, note="secret word"
    )
    assert names(store, "secret word") == ["Sam Lee"]
    store.restore(before, drop_contact_id=contact.id)
    assert names(store, "secret word") == []
    assert names(store, "Sam") == ["Sam Lee"]


def rows(store: LeadStore, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a raw query."""
    return list(store.db.execute_sql(sql).fetchall())


HOSTILE = ['"', '""', '"""', "*", "**", "OR", "NEAR", "NEAR(", "(", ")", "a OR b", 'x"y', "a*",
           "NOT", "AND", "^", "-", ":", "{", "col:x", "'", "\\", "[", "]", "[a", "?", "%", "_",
           "a_b", "NEAR(a b)", '"a" OR "b"', "\x00", "\x1f"]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
def test_fts_syntax_is_searched_literally(store: LeadStore, query: str) -> None:
    add(store, "Plain Person")
    add(store, f"Odd {query} Name")
    stored = [lead.name for lead in store.find()]
    # What is stored and what is searched are both cleaned of control characters.
    wanted = clean_input(query).lower()
    assert names(store, query) == sorted(name for name in stored if wanted in name.lower())
    assert store.count(search=query) == len(names(store, query))


def test_short_queries_mean_the_same_as_long_ones(store: LeadStore) -> None:
    add(store, "Éric Li", notes="voilà")
    add(store, "Bo")
    add(store, "eric")
    assert names(store, "éR") == ["Éric Li"]
    assert names(store, "ÉRI") == ["Éric Li"]
    assert names(store, "li") == ["Éric Li"]
    assert names(store, "LÀ") == ["Éric Li"]
    assert names(store, "o") == ["Bo", "Éric Li"]
    assert names(store, "b") == ["Bo"]


def test_phone_forms_only_for_phone_like_queries() -> None:
    assert phone_forms("+44 7785 842929") == ["447785842929", "7785842929"]
    assert phone_forms("07785842929") == ["07785842929", "7785842929"]
    assert phone_forms("12345") == []  # five digits: any number, not a phone
    assert phone_forms("room 101 202") == []
    assert match_expression('say "hi"') == '"say ""hi"""'
    assert glob_pattern("a*") == "*[Aa][*]*"


def test_bulk_writes_are_indexed(store: LeadStore) -> None:
    add(store, "Before Bulk")
    with store.bulk_writer() as writer:
        first = writer.next_lead_id()
        row = lead_row(first, 1) | {"name": "Bulk One", "phone": "020 7946 0018"}
        writer.write([row], contacts=[bulk_contact(1, "note for the old lead")])
    assert names(store, "+44 20 7946 0018") == ["Bulk One"]
    assert names(store, "note for the old") == ["Before Bulk"]
    assert names(store, "Bulk") == ["Before Bulk", "Bulk One"]


def bulk_contact(lead: int, note: str) -> dict[str, object]:
    """A contact record for BulkWriter."""
    return {
        "lead_id": lead,
        "at": "2026-11-20T09:00:00Z",
        "channel": "call",
        "direction": "out",
        "outcome": "talked",
        "note": note,
        "next_step": "",
        "next_due": None,
        "session_id": None,
    }


LETTERS = st.sampled_from(list('abAB éÉ1-+"*()')) | st.sampled_from(["OR", "NEAR", "ß"])
NAMES = "☀☁☂☃☄★"
"""Lead names no query of LETTERS can match."""


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(st.lists(LETTERS, max_size=8).map("".join), min_size=1, max_size=len(NAMES)),
    query=st.lists(LETTERS, min_size=1, max_size=4).map("".join),
)
def test_any_query_finds_the_leads_that_hold_it(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], query: str
) -> None:
    store = LeadStore(open_database(str(tmp_path_factory.mktemp("any") / "any.db")), Policy())
    try:
        for name, text in zip(NAMES, texts, strict=False):
            add(store, name, notes=text)
        if phone_forms(query):
            return  # digits match however they are spaced: the cases above
        # Python's lower() folds these letters as the index does.
        expected = [
            name for name, text in zip(NAMES, texts, strict=False) if query.lower() in text.lower()
        ]
        assert names(store, query) == sorted(expected)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Book a demo", ["Rohan Patel"]),
        ("spring catalogue", ["Emma Hughes"]),
        ("07785842929", ["Rohan Patel"]),
        ("+44 7785 842929", ["Rohan Patel"]),
        ("07700900123", ["Emma Hughes"]),
        ("OR", ["Léa Martin"]),  # "Prefers mornings"
        ("(", ["Hannah Brown"]),  # "(847) 353-5284"
        *((query, []) for query in ('"', "*", "NEAR(", 'a "OR" b', "Martin OR Hughes")),
    ],
)
def test_list_search_through_the_entry_point(
    reps: LeadStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    query: str,
    found: list[str],
) -> None:
    code = main(["--db", str(reps.db.database), "list", "--format", "json", "--search", query])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    assert sorted(lead["name"] for lead in json.loads(captured.out)) == found


def test_imported_leads_and_contacts_are_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "imported.db")
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Name,Company,Phone,Email\n"
        "Ann Lee,Acme,+44 20 7946 0018,ann.lee@acme.example\n"
        "Bo Chen,Chen Tea,0161 496 0000,\n",
        encoding="utf-8",
    )
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "Lead,Email,Date,Type,Result,Notes\n"
        "Ann Lee,ann.lee@acme.example,2026-11-10 10:00,Call,Talked,Wants the oak range\n",
        encoding="utf-8",
    )
    assert main(["--db", db, "import", str(leads)]) == 0
    assert main(["--db", db, "import", "--contacts", str(contacts)]) == 0
    capsys.readouterr()
    store = LeadStore(open_database(db), Policy())
    try:
        assert names(store, "020 7946 0018") == ["Ann Lee"]
        assert names(store, "+441614960000") == ["Bo Chen"]
        assert names(store, "oak range") == ["Ann Lee"]
        # The triggers set aside for the import are back.
        add(store, "Cy Added Later", notes="after the import")
        assert names(store, "after the import") == ["Cy Added Later"]
    finally:
        store.close()
