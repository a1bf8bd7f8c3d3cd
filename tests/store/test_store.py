"""Tests for LeadStore against a real SQLite file under tmp_path."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

import peewee
import pytest
from pendulum import DateTime

from leadboard.domain.followup import Policy, end_of_local_day, urgency_key
from leadboard.domain.model import (
    Channel,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.domain.validation import ValidationError
from leadboard.store.database import open_database
from leadboard.store.errors import LeadNotFound, StoreError
from leadboard.store.leads import LeadStore
from leadboard.store.schema import MODELS
from tests.conftest import NOW
from tests.postgres import changed_within, write_elsewhere

COLD, COOL, WARM, HOT = Temperature.COLD, Temperature.COOL, Temperature.WARM, Temperature.HOT


def add(store: LeadStore, name: str = "Jane Doe", now: DateTime = NOW, **fields: Any) -> Lead:
    """Add a lead through the store and return it."""
    return store.add(LeadDraft(name=name, **fields), now)


def sql(store: LeadStore, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a raw query on the store's connection."""
    return list(store.db.execute_sql(query, params).fetchall())


def table_sizes(store: LeadStore) -> dict[str, int]:
    """Rows in each table."""
    return {
        table: sql(store, f"SELECT COUNT(*) FROM {table}")[0][0]
        for table in ("lead", "contact", "temperature_change")
    }


def lead_id(lead: Lead) -> int:
    """The id of a stored lead."""
    assert lead.id is not None
    return lead.id


def db_file(store: LeadStore) -> Path:
    """The store's SQLite file."""
    return Path(str(store.db.database))


# -- add and get ---------------------------------------------------------------


def test_add_fills_defaults_and_is_due_now(store: LeadStore) -> None:
    lead = add(store, "  Jane Doe  ")
    assert isinstance(lead.id, int)
    assert lead.name == "Jane Doe"
    assert lead.temperature is COOL
    assert lead.status is Status.ACTIVE
    assert lead.sequence_step == 1
    assert lead.next_due == NOW
    assert lead.promised is False
    assert lead.created_at == NOW
    assert lead.updated_at == NOW
    assert lead.last_contact is None
    assert store.get(lead_id(lead)) == lead


def test_add_keeps_every_field(store: LeadStore) -> None:
    lead = add(
        store,
        "Ann Lee",
        company="Acme",
        title="CEO",
        email=" Ann@Example.com ",
        phone="+33 6 12 34 56 78",
        preferred_channel=Channel.TEXT,
        source=Source.REFERRAL,
        referred_by="Bob",
        temperature=HOT,
        fit=3,
        interest=2,
        readiness=1,
        next_step="send the quote",
        notes="likes [b]markup[/b]",
        owner="me",
    )
    got = store.get(lead_id(lead))
    assert got == lead
    assert got.email == "Ann@Example.com"
    assert got.score == 6
    assert got.preferred_channel is Channel.TEXT
    assert got.source is Source.REFERRAL
    assert got.notes == "likes [b]markup[/b]"
    keys = sql(store, "SELECT email_key, phone_key, score FROM lead WHERE id = ?", lead.id)
    assert keys == [("ann@example.com", "612345678", 6)]


def test_add_with_a_typed_due_date_and_promise(store: LeadStore) -> None:
    due = NOW.add(days=3).in_tz("Europe/Paris")
    lead = add(store, next_due=due, promised=True)
    got = store.get(lead_id(lead))
    assert got.next_due == NOW.add(days=3)
    assert got.next_due is not None and got.next_due.utcoffset() == NOW.utcoffset()
    assert got.promised is True


def test_add_promise_without_a_date_is_not_a_promise(store: LeadStore) -> None:
    lead = add(store, promised=True)
    assert lead.promised is False
    assert store.get(lead_id(lead)).promised is False


def test_add_records_the_starting_temperature(store: LeadStore) -> None:
    lead = add(store, temperature=WARM)
    rows = sql(store, "SELECT lead_id, at, from_temp, to_temp FROM temperature_change")
    assert rows == [(lead.id, "2026-11-23T09:00:00Z", None, WARM.rank)]


@pytest.mark.parametrize(
    "draft",
    [
        LeadDraft(name=""),
        LeadDraft(name="   "),
        LeadDraft(name="x" * 201),
        LeadDraft(name="Ann", fit=4),
        LeadDraft(name="Ann", interest=-1),
        LeadDraft(name="Ann", company="x" * 1001),
    ],
    ids=["empty", "blank", "long", "fit", "interest", "company"],
)
def test_add_refuses_invalid_drafts_and_writes_nothing(store: LeadStore, draft: LeadDraft) -> None:
    add(store, "Existing")
    before = table_sizes(store)
    with pytest.raises(ValidationError):
        store.add(draft, NOW)
    assert table_sizes(store) == before


def test_get_unknown_lead(store: LeadStore) -> None:
    with pytest.raises(LeadNotFound, match="no lead with id 42"):
        store.get(42)


# -- update --------------------------------------------------------------------


def test_update_edits_fields(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    later = NOW.add(hours=1)
    draft = LeadDraft(
        name=" Ann Lee ",
        company="Acme",
        email="ann@acme.test",
        temperature=WARM,
        fit=2,
        notes="called twice",
        next_step="book a demo",
    )
    updated = store.update(lead_id(lead), draft, later)
    got = store.get(lead_id(lead))
    assert got == updated
    assert got.name == "Ann Lee"
    assert got.company == "Acme"
    assert got.notes == "called twice"
    assert got.next_step == "book a demo"
    assert got.score == 2
    assert got.updated_at == later
    assert got.created_at == NOW
    assert got.next_due == NOW  # same temperature, no typed date: unchanged
    assert table_sizes(store)["temperature_change"] == 1


def test_update_temperature_follows_the_move_rules(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    later = NOW.add(hours=1)
    updated = store.update(lead_id(lead), LeadDraft(name="Ann", temperature=COLD), later)
    # Colder: pushed out to creation (no contact yet) + 60 days.
    assert updated.temperature is COLD
    assert updated.next_due == NOW.add(days=60)
    assert store.get(lead_id(lead)) == updated
    changes = sql(store, "SELECT at, from_temp, to_temp FROM temperature_change ORDER BY id")
    assert changes[-1] == ("2026-11-23T10:00:00Z", WARM.rank, COLD.rank)
    assert len(changes) == 2


def test_update_with_a_typed_due_date(store: LeadStore) -> None:
    lead = add(store, "Ann")
    typed = NOW.add(days=3)
    updated = store.update(lead_id(lead), LeadDraft(name="Ann", next_due=typed, promised=True), NOW)
    assert updated.next_due == typed
    assert updated.promised is True
    assert store.get(lead_id(lead)).promised is True


def test_update_invalid_or_unknown_changes_nothing(store: LeadStore) -> None:
    lead = add(store, "Ann")
    with pytest.raises(ValidationError):
        store.update(lead_id(lead), LeadDraft(name=""), NOW)
    with pytest.raises(LeadNotFound):
        store.update(999, LeadDraft(name="Bob"), NOW)
    assert store.get(lead_id(lead)) == lead
    assert table_sizes(store) == {"lead": 1, "contact": 0, "temperature_change": 1}


# -- log_contact ---------------------------------------------------------------


def test_log_contact_applies_the_rules_and_saves_the_contact(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM, next_step="send the quote")
    later = NOW.add(hours=1)
    updated, contact = store.log_contact(
        lead_id(lead),
        channel=Channel.CALL,
        outcome=Outcome.NO_ANSWER,
        note="rang twice",
        now=later,
    )
    assert updated.next_due == later.add(days=14)
    assert updated.last_contact == later
    assert updated.sequence_step == 2
    assert updated.next_step == "send the quote"  # kept when none is given
    assert updated.updated_at == later
    assert store.get(lead_id(lead)) == updated
    assert contact.id is not None
    assert contact.at == later
    assert contact.next_due == updated.next_due
    saved = store.contacts(lead_id(lead))
    assert saved == [contact]
    assert saved[0].channel is Channel.CALL
    assert saved[0].outcome is Outcome.NO_ANSWER
    assert saved[0].direction is Direction.OUT
    assert saved[0].note == "rang twice"
    assert saved[0].next_step == "send the quote"


def test_log_contact_with_next_step_typed_due_and_promise(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=COLD, next_step="old step")
    typed = NOW.add(days=3)
    updated, contact = store.log_contact(
        lead_id(lead),
        channel=Channel.EMAIL,
        outcome=Outcome.REPLIED,
        direction=Direction.IN,
        next_step="  send the contract ",
        typed_due=typed,
        promise=True,
        now=NOW,
    )
    assert updated.next_step == "send the contract"
    assert updated.next_due == typed
    assert updated.promised is True
    assert contact.direction is Direction.IN
    assert store.contacts(lead_id(lead))[0].next_step == "send the contract"
    assert store.contacts(lead_id(lead))[0].next_due == typed


def test_log_backdated_contact(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    store.log_contact(lead_id(lead), channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW)
    earlier = NOW.subtract(days=2)
    updated, contact = store.log_contact(
        lead_id(lead), channel=Channel.EMAIL, outcome=Outcome.NO_ANSWER, at=earlier, now=NOW
    )
    assert contact.at == earlier
    assert updated.last_contact == NOW
    assert updated.next_due == NOW.add(days=14)


def test_log_won_outcome_closes_the_lead(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=HOT)
    updated, _ = store.log_contact(
        lead_id(lead), channel=Channel.MEETING, outcome=Outcome.WON, now=NOW
    )
    assert updated.status is Status.WON
    assert updated.won_at == NOW
    assert updated.next_due is None
    assert store.get(lead_id(lead)).status is Status.WON


def test_log_contact_for_unknown_lead_writes_nothing(store: LeadStore) -> None:
    add(store, "Ann")
    before = table_sizes(store)
    with pytest.raises(LeadNotFound):
        store.log_contact(999, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW)
    assert table_sizes(store) == before


# -- move ----------------------------------------------------------------------


def test_move_hotter_pulls_the_date_in_and_records_the_change(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=COOL, next_due=NOW.add(days=20))
    moved = store.move(lead_id(lead), HOT, NOW)
    assert moved.temperature is HOT
    assert moved.next_due == NOW.add(days=1)
    assert store.get(lead_id(lead)) == moved
    changes = sql(store, "SELECT from_temp, to_temp FROM temperature_change ORDER BY id")
    assert changes == [(None, COOL.rank), (COOL.rank, HOT.rank)]


def test_move_colder_pushes_the_date_out(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    moved = store.move(lead_id(lead), COLD, NOW.add(hours=2))
    assert moved.next_due == NOW.add(days=60)
    assert moved.updated_at == NOW.add(hours=2)


def test_move_never_shifts_a_promise(store: LeadStore) -> None:
    promised_for = NOW.add(days=9)
    lead = add(store, "Ann", temperature=WARM, next_due=promised_for, promised=True)
    assert store.move(lead_id(lead), HOT, NOW).next_due == promised_for
    assert store.move(lead_id(lead), COLD, NOW).next_due == promised_for


def test_move_to_the_same_temperature_changes_nothing(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    assert store.move(lead_id(lead), WARM, NOW.add(days=1)) == lead
    assert store.get(lead_id(lead)) == lead
    assert table_sizes(store)["temperature_change"] == 1


def test_move_unknown_lead(store: LeadStore) -> None:
    with pytest.raises(LeadNotFound):
        store.move(7, HOT, NOW)
    assert table_sizes(store)["temperature_change"] == 0


# -- status --------------------------------------------------------------------


def test_won(store: LeadStore) -> None:
    lead = add(store, "Ann", next_due=NOW.add(days=1), promised=True)
    won = store.set_status(lead_id(lead), Status.WON, NOW.add(hours=1))
    assert won.status is Status.WON
    assert won.won_at == NOW.add(hours=1)
    assert won.next_due is None
    assert won.promised is False
    assert store.get(lead_id(lead)) == won


def test_lost_with_a_reason(store: LeadStore) -> None:
    lead = add(store, "Ann")
    lost = store.set_status(lead_id(lead), Status.LOST, NOW, "  too expensive ")
    assert lost.status is Status.LOST
    assert lost.lost_reason == "too expensive"
    assert lost.lost_at == NOW
    assert store.get(lead_id(lead)).lost_reason == "too expensive"


def test_inactive_then_revive(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    for _ in range(5):
        store.log_contact(lead_id(lead), channel=Channel.CALL, outcome=Outcome.NO_ANSWER, now=NOW)
    assert store.get(lead_id(lead)).sequence_step == 6
    inactive = store.set_status(lead_id(lead), Status.INACTIVE, NOW)
    assert inactive.status is Status.INACTIVE
    assert inactive.inactive_at == NOW
    assert inactive.next_due is None
    later = NOW.add(days=40)
    revived = store.set_status(lead_id(lead), Status.ACTIVE, later)
    assert revived.status is Status.ACTIVE
    assert revived.sequence_step == 1
    assert revived.next_due == later
    assert revived.promised is False
    assert store.get(lead_id(lead)) == revived


@pytest.mark.parametrize("status", [Status.WON, Status.LOST, Status.INACTIVE])
def test_status_already_set_is_an_error(store: LeadStore, status: Status) -> None:
    lead = add(store, "Ann")
    first = store.set_status(lead_id(lead), status, NOW)
    with pytest.raises(StoreError, match=f"already {status.value}"):
        store.set_status(lead_id(lead), status, NOW.add(days=1))
    assert store.get(lead_id(lead)) == first


def test_reviving_an_active_lead_is_an_error(store: LeadStore) -> None:
    lead = add(store, "Ann")
    with pytest.raises(StoreError, match="already active"):
        store.set_status(lead_id(lead), Status.ACTIVE, NOW)
    with pytest.raises(LeadNotFound):
        store.set_status(99, Status.WON, NOW)
    assert store.get(lead_id(lead)) == lead


# -- reads: counts, pages, positions -------------------------------------------


def test_counts_only_active_leads_per_column(store: LeadStore) -> None:
    for temperature, n in ((COLD, 1), (WARM, 3), (HOT, 2)):
        for i in range(n):
            add(store, f"{temperature.value} {i}", temperature=temperature)
    closed = add(store, "closed", temperature=WARM)
    store.set_status(lead_id(closed), Status.WON, NOW)
    assert store.counts() == {COLD: 1, COOL: 0, WARM: 3, HOT: 2}
    hits = store.search_hits("warm", NOW)
    assert {t: hits.count(t) for t in Temperature} == {COLD: 0, COOL: 0, WARM: 3, HOT: 0}


def column_fixture(store: LeadStore) -> dict[str, Lead]:
    """Seven cool leads with ties of due date and score, plus leads that must not show."""
    made = {
        "a": add(store, "a", next_due=NOW.add(days=1), fit=1, interest=1, readiness=1),
        "b": add(store, "b", next_due=NOW),
        "c": add(store, "c", next_due=NOW, fit=3, interest=2),
        "d": add(store, "d", next_due=NOW, fit=2, interest=3),
        "e": add(store, "e", next_due=NOW.subtract(days=2), fit=1),
        "f": add(store, "f", next_due=NOW.add(days=1), fit=3),
        "g": add(store, "g", next_due=NOW.add(days=5), fit=3, interest=3, readiness=3),
    }
    add(store, "warm one", temperature=WARM, next_due=NOW.subtract(days=9))
    won = add(store, "won one", next_due=NOW.subtract(days=9))
    store.set_status(lead_id(won), Status.WON, NOW)
    return made


COLUMN_ORDER = ["e", "c", "d", "b", "a", "f", "g"]


def test_page_orders_by_due_then_score_then_id(store: LeadStore) -> None:
    column_fixture(store)
    assert [x.name for x in store.page(COOL, 0, 50)] == COLUMN_ORDER


def test_pages_cover_the_column_once(store: LeadStore) -> None:
    column_fixture(store)
    pages = [store.page(COOL, offset, 3) for offset in (0, 3, 6, 9)]
    assert [[x.name for x in page] for page in pages] == [
        ["e", "c", "d"],
        ["b", "a", "f"],
        ["g"],
        [],
    ]


def test_page_with_search(store: LeadStore) -> None:
    made = column_fixture(store)
    store.update(lead_id(made["d"]), LeadDraft(name="d", notes="VIP", fit=2, interest=3), NOW)
    store.update(lead_id(made["f"]), LeadDraft(name="f", notes="vip too", fit=3), NOW)
    hits = store.search_hits("vip", NOW)
    assert [x.name for x in store.leads_by_ids(hits.page(COOL, 0, 50))] == ["d", "f"]
    assert [x.name for x in store.leads_by_ids(hits.page(COOL, 1, 50))] == ["f"]


def test_position_is_the_index_in_page_order(store: LeadStore) -> None:
    column_fixture(store)
    page = store.page(COOL, 0, 50)
    assert [store.position(x) for x in page] == list(range(len(page)))


def test_position_with_search_matches_the_filtered_page(store: LeadStore) -> None:
    made = column_fixture(store)
    for key in ("g", "b", "c"):
        old = made[key]
        store.update(
            lead_id(old),
            LeadDraft(
                name=old.name,
                notes="tagged",
                fit=old.fit,
                interest=old.interest,
                readiness=old.readiness,
            ),
            NOW,
        )
    hits = store.search_hits("tagged", NOW)
    page = store.leads_by_ids(hits.page(COOL, 0, 50))
    assert [x.name for x in page] == ["c", "b", "g"]
    assert [hits.position(COOL, lead_id(x)) for x in page] == [0, 1, 2]


# -- due -----------------------------------------------------------------------


def due_fixture(store: LeadStore) -> None:
    """Leads due today and later across every temperature, plus closed ones."""
    add(store, "hot soon", temperature=HOT, next_due=NOW.add(hours=2))
    add(store, "hot later", temperature=HOT, next_due=NOW.add(days=3))
    add(store, "warm late", temperature=WARM, next_due=NOW.subtract(days=3))
    add(store, "warm hour", temperature=WARM, next_due=NOW.subtract(hours=1), fit=3)
    add(store, "warm hour low", temperature=WARM, next_due=NOW.subtract(hours=1), fit=1)
    add(store, "warm far", temperature=WARM, next_due=NOW.add(days=20))
    add(store, "cool late", temperature=COOL, next_due=NOW.subtract(days=10))
    add(store, "cold very late", temperature=COLD, next_due=NOW.subtract(days=30))
    won = add(store, "won", temperature=HOT, next_due=NOW.subtract(days=1))
    store.set_status(lead_id(won), Status.WON, NOW)
    gone = add(store, "inactive", temperature=WARM, next_due=NOW.subtract(days=1))
    store.set_status(lead_id(gone), Status.INACTIVE, NOW)


DUE_TODAY = ["hot soon", "warm late", "warm hour", "warm hour low", "cool late", "cold very late"]


def test_due_is_in_urgency_order_across_temperatures(store: LeadStore) -> None:
    due_fixture(store)
    found = store.due(end_of_local_day(NOW, "UTC"))
    assert [x.name for x in found] == DUE_TODAY
    assert found == sorted(found, key=urgency_key)


def test_due_with_limit_and_horizon(store: LeadStore) -> None:
    due_fixture(store)
    horizon = end_of_local_day(NOW, "UTC")
    assert [x.name for x in store.due(horizon, limit=3)] == DUE_TODAY[:3]
    assert [x.name for x in store.due(horizon, limit=1)] == ["hot soon"]
    assert store.due(horizon, limit=0) == []
    week = [x.name for x in store.due(horizon.add(days=7))]
    assert week == ["hot soon", "hot later", *DUE_TODAY[1:]]
    assert [x.name for x in store.due(NOW)] == DUE_TODAY[1:]
    late = store.search_hits("late", horizon).due_ids(50)
    assert [x.name for x in store.leads_by_ids(late)] == [
        "warm late",
        "cool late",
        "cold very late",
    ]


def test_count_due(store: LeadStore) -> None:
    due_fixture(store)
    horizon = end_of_local_day(NOW, "UTC")
    assert store.count_due(horizon) == {COLD: 1, COOL: 1, WARM: 3, HOT: 1}
    assert store.count_due(horizon.add(days=30)) == {COLD: 1, COOL: 1, WARM: 4, HOT: 2}
    assert store.count_due(NOW.subtract(days=365)) == {COLD: 0, COOL: 0, WARM: 0, HOT: 0}


# -- find and count ------------------------------------------------------------


def test_find_and_count_filters(store: LeadStore) -> None:
    due_fixture(store)

    def names(**filters: Any) -> list[str]:
        found = store.find(**filters)
        assert store.count(**filters) == len(found)
        return [x.name for x in found]

    assert len(names()) == 10
    assert names(status=Status.ACTIVE, temperature=HOT) == ["hot soon", "hot later"]
    assert names(temperature=HOT) == ["won", "hot soon", "hot later"]
    assert names(status=Status.WON) == ["won"]
    assert names(status=Status.INACTIVE) == ["inactive"]
    assert names(overdue_at=NOW) == [
        "warm late",
        "warm hour",
        "warm hour low",
        "cool late",
        "cold very late",
    ]
    assert names(overdue_at=NOW, temperature=COOL) == ["cool late"]
    assert names(status=Status.WON, overdue_at=NOW) == []


def test_find_orders_hottest_first_and_pages(store: LeadStore) -> None:
    due_fixture(store)
    everything = store.find(status=Status.ACTIVE)
    assert [x.temperature.rank for x in everything] == sorted(
        (x.temperature.rank for x in everything), reverse=True
    )
    first = store.find(status=Status.ACTIVE, limit=3)
    rest = store.find(status=Status.ACTIVE, limit=100, offset=3)
    assert first + rest == everything


def test_search_looks_in_every_text_field_ignoring_case(store: LeadStore) -> None:
    add(store, "Ann Lee")
    add(store, "Bob", company="Zephyr Ltd")
    add(store, "Cy", email="cy@zephyr.test")
    add(store, "Di", phone="+33 6 12 34 56 78")
    add(store, "Ed", notes="met at the ZEPHYR fair")
    add(store, "Flo", title="zephyr in the title only")
    assert sorted(x.name for x in store.find(search="zephyr")) == ["Bob", "Cy", "Ed"]
    assert store.count(search="Zephyr") == 3
    assert [x.name for x in store.find(search="12 34")] == ["Di"]
    assert [x.name for x in store.find(search="ann")] == ["Ann Lee"]
    assert store.find(search="nobody") == []


def test_search_takes_percent_and_underscore_literally(store: LeadStore) -> None:
    add(store, "100% sure")
    add(store, "100 x sure")
    add(store, "a_b")
    add(store, "axb")
    assert [x.name for x in store.find(search="%")] == ["100% sure"]
    assert [x.name for x in store.find(search="0%")] == ["100% sure"]
    assert [x.name for x in store.find(search="_")] == ["a_b"]
    assert [x.name for x in store.find(search="a_b")] == ["a_b"]
    assert store.count(search="%") == 1
    assert store.search_hits("_", NOW).count(COOL) == 1
    percent = store.search_hits("%", NOW).page(COOL, 0, 10)
    assert [x.name for x in store.leads_by_ids(percent)] == ["100% sure"]


# -- contacts ------------------------------------------------------------------


def test_contacts_newest_first(store: LeadStore) -> None:
    lead = add(store, "Ann")
    made = {}
    for label, at in (
        ("two days", NOW.subtract(days=2)),
        ("an hour", NOW.subtract(hours=1)),
        ("a day", NOW.subtract(days=1)),
        ("an hour again", NOW.subtract(hours=1)),
    ):
        _, contact = store.log_contact(
            lead_id(lead),
            channel=Channel.CALL,
            outcome=Outcome.NO_ANSWER,
            note=label,
            at=at,
            now=NOW,
        )
        made[label] = contact
    got = store.contacts(lead_id(lead))
    assert [c.note for c in got] == ["an hour again", "an hour", "a day", "two days"]
    assert [c.note for c in store.contacts(lead_id(lead), limit=2)] == ["an hour again", "an hour"]
    assert store.contacts(999) == []


# -- undo ----------------------------------------------------------------------


def test_restore_undoes_a_move_and_its_temperature_change(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=COOL, next_due=NOW.add(days=20))
    store.move(lead_id(lead), WARM, NOW)
    before = store.get(lead_id(lead))
    store.move(lead_id(lead), HOT, NOW.add(hours=1))
    store.restore(before)
    assert replace(store.get(lead_id(lead)), version=before.version) == before
    changes = sql(store, "SELECT from_temp, to_temp FROM temperature_change ORDER BY id")
    assert changes == [(None, COOL.rank), (COOL.rank, WARM.rank)]


def test_restore_undoes_a_logged_contact(store: LeadStore) -> None:
    lead = add(store, "Ann", temperature=WARM)
    store.log_contact(lead_id(lead), channel=Channel.EMAIL, outcome=Outcome.REPLIED, now=NOW)
    before = store.get(lead_id(lead))
    _, contact = store.log_contact(
        lead_id(lead), channel=Channel.CALL, outcome=Outcome.WON, now=NOW.add(hours=1)
    )
    store.restore(before, drop_contact_id=contact.id)
    assert replace(store.get(lead_id(lead)), version=before.version) == before
    assert [c.outcome for c in store.contacts(lead_id(lead))] == [Outcome.REPLIED]
    assert table_sizes(store)["temperature_change"] == 1


# -- other connections, backup, file -------------------------------------------


def test_data_version_changes_when_another_connection_commits(store: LeadStore) -> None:
    lead = add(store, "Ann")
    first = store.data_version()
    store.move(lead_id(lead), HOT, NOW)
    assert store.data_version() == first  # our own commits do not count
    write_elsewhere(store, "UPDATE lead SET notes = 'from elsewhere' WHERE id = ?", (lead.id,))
    assert changed_within(store, first, seconds=2)
    assert store.get(lead_id(lead)).notes == "from elsewhere"


@pytest.mark.sqlite_only("SQLite's online backup (a server is backed up with pg_dump)")
def test_backup_copies_every_lead_and_contact(store: LeadStore, tmp_path: Path) -> None:
    ann = add(store, "Ann", temperature=HOT)
    add(store, "Bob", temperature=COLD)
    store.log_contact(lead_id(ann), channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW)
    leads, contacts = store.find(), store.contacts(lead_id(ann))
    target = tmp_path / "copies" / "backup.db"
    store.backup(target)
    assert target.exists()
    assert not target.with_name("backup.db.part").exists()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    copy = LeadStore(open_database(str(target)), Policy())
    try:
        assert [x.name for x in copy.find()] == ["Ann", "Bob"]
        assert copy.find() == leads
        assert copy.contacts(lead_id(ann)) == contacts
    finally:
        copy.close()


def test_two_stores_in_one_process_keep_to_their_own_files(
    store: LeadStore, tmp_path: Path
) -> None:
    other = LeadStore(open_database(str(tmp_path / "other.db")), Policy())
    try:
        add(store, "Mine")
        assert [x.name for x in store.find()] == ["Mine"]
        assert other.find() == []
    finally:
        other.close()
        store.db.bind(MODELS, bind_refs=False, bind_backrefs=False)


@pytest.mark.sqlite_only("a backup file")
def test_backup_refuses_to_overwrite_the_database_itself(store: LeadStore) -> None:
    add(store, "Ann")
    path = db_file(store)
    for target in (path, path.parent / "." / path.name):
        with pytest.raises(StoreError, match="must not be the database itself"):
            store.backup(target)
    assert [x.name for x in store.find()] == ["Ann"]


@pytest.mark.sqlite_only("the file's mode")
def test_database_file_is_private(store: LeadStore) -> None:
    add(store, "Ann")
    path = db_file(store)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            assert stat.S_IMODE(os.stat(side).st_mode) & 0o077 == 0


@pytest.mark.sqlite_only("SQLite pragmas")
def test_wal_foreign_keys_and_busy_timeout_are_on(store: LeadStore) -> None:
    assert sql(store, "PRAGMA journal_mode") == [("wal",)]
    assert sql(store, "PRAGMA foreign_keys") == [(1,)]
    assert sql(store, "PRAGMA busy_timeout") == [(5000,)]
    with pytest.raises(peewee.IntegrityError):
        sql(
            store,
            "INSERT INTO contact (lead_id, at, channel, outcome) "
            "VALUES (999, 'x', 'call', 'talked')",
        )


def query_plans(store: LeadStore, monkeypatch: pytest.MonkeyPatch, read: Any) -> list[str]:
    """The EXPLAIN QUERY PLAN details of every statement `read()` runs."""
    seen: list[tuple[str, Any]] = []
    real = store.db.execute_sql

    def capture(query: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        seen.append((query, params))
        return real(query, params, *args, **kwargs)

    monkeypatch.setattr(store.db, "execute_sql", capture)
    read()
    monkeypatch.undo()
    assert seen, "the read ran no SQL"
    plans = []
    for query, params in seen:
        rows = store.db.execute_sql("EXPLAIN QUERY PLAN " + query, params).fetchall()
        plans.append(" | ".join(str(row[-1]) for row in rows))
    return plans


@pytest.mark.sqlite_only("SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize(
    ("read", "board_index"),
    [
        (lambda s: s.page(WARM, 0, 50), True),
        (lambda s: s.page(WARM, 100, 50), True),
        (lambda s: s.due(end_of_local_day(NOW, "UTC"), limit=100), True),
        (lambda s: s.count_due(NOW), True),
        (lambda s: s.due_overview(NOW, end_of_local_day(NOW, "UTC")), True),
        (lambda s: s.counts(), False),
        (lambda s: s.count(status=Status.ACTIVE, temperature=WARM), False),
    ],
    ids=["page", "page-offset", "due", "count_due", "due_overview", "counts", "count"],
)
def test_board_queries_never_scan_the_leads(
    store: LeadStore, monkeypatch: pytest.MonkeyPatch, read: Any, board_index: bool
) -> None:
    for i in range(40):
        add(
            store,
            f"lead {i}",
            temperature=(COLD, COOL, WARM, HOT)[i % 4],
            next_due=NOW.add(hours=i - 20),
            fit=i % 4,
        )
    store.db.execute_sql("ANALYZE")
    plans = query_plans(store, monkeypatch, lambda: read(store))
    if board_index:
        assert any("lead_board" in plan for plan in plans), plans
    for plan in plans:
        if board_index:
            # A page first walks the board index for ids, then reads those rows by id;
            # due counts add whole hours from the kept due_count table (store.due_counts).
            assert (
                "lead_board" in plan
                or "INTEGER PRIMARY KEY (rowid=?)" in plan
                or "due_count USING PRIMARY KEY" in plan
                or "USING INDEX lead_held" in plan
            ), plan
        assert not any(step.strip().startswith("SCAN") for step in plan.split("|")), plan
        assert "TEMP B-TREE" not in plan, plan


def brute_counts(store: LeadStore) -> dict[tuple[str, int], int]:
    """Leads per (status, temperature), counted the slow way."""
    rows = sql(store, "SELECT status, temperature, COUNT(*) FROM lead GROUP BY 1, 2")
    return {(status, temp): n for status, temp, n in rows}


def assert_counts_agree(store: LeadStore) -> None:
    """counts() and count() agree with a full count of the lead table."""
    brute = brute_counts(store)
    assert store.counts() == {t: brute.get(("active", t.rank), 0) for t in Temperature}
    for status in Status:
        for temperature in Temperature:
            expected = brute.get((status.value, temperature.rank), 0)
            assert store.count(status=status, temperature=temperature) == expected
        assert store.count(status=status) == sum(
            n for (s, _), n in brute.items() if s == status.value
        )
    assert store.count() == sum(brute.values())


def test_counts_stay_right_through_every_kind_of_change(store: LeadStore) -> None:
    ann = add(store, "Ann", temperature=WARM)
    bob = add(store, "Bob", temperature=COLD)
    cy = add(store, "Cy", temperature=HOT)
    assert_counts_agree(store)
    before_move = store.get(lead_id(ann))
    store.move(lead_id(ann), HOT, NOW)
    assert_counts_agree(store)
    store.restore(before_move)
    assert_counts_agree(store)
    store.update(lead_id(bob), LeadDraft(name="Bob", temperature=COOL), NOW)
    assert_counts_agree(store)
    store.set_status(lead_id(cy), Status.LOST, NOW, "no budget")
    assert_counts_agree(store)
    store.set_status(lead_id(cy), Status.ACTIVE, NOW)
    assert_counts_agree(store)
    before_won = store.get(lead_id(bob))
    _, contact = store.log_contact(lead_id(bob), channel=Channel.CALL, outcome=Outcome.WON, now=NOW)
    assert_counts_agree(store)
    store.restore(before_won, drop_contact_id=contact.id)
    assert_counts_agree(store)
    assert store.counts() == {COLD: 0, COOL: 1, WARM: 1, HOT: 1}


@pytest.mark.sqlite_only("SQLite's EXPLAIN QUERY PLAN")
def test_a_deep_page_skips_ids_in_the_covering_index(
    store: LeadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(60):
        add(store, f"lead {i:02d}", temperature=WARM, next_due=NOW.add(minutes=i))
    store.db.execute_sql("ANALYZE")
    plans = query_plans(store, monkeypatch, lambda: store.page(WARM, 50, 5))
    assert "COVERING INDEX lead_board" in plans[0], plans
    assert [lead.name for lead in store.page(WARM, 50, 5)] == [f"lead {i}" for i in range(50, 55)]
