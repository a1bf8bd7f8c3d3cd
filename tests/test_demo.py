"""The demo data: deterministic, consistent with the follow-up rules, and readable by the store."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pendulum
import pytest

from leadboard.actions import demo
from leadboard.actions.demo import DemoResult, fill_demo
from leadboard.domain.dates import from_utc_text, to_utc_text
from leadboard.domain.followup import (
    Policy,
    cadence_due,
    end_of_local_day,
    is_due_today,
    is_overdue,
    next_sequence_step,
    urgency_key,
)
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import (
    TEMPERATURES,
    Channel,
    Direction,
    LeadDraft,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore

NOW = pendulum.datetime(2026, 11, 23, 9, tz="UTC")
NOW_TEXT = "2026-11-23T09:00:00Z"
COUNT = 3_000


def open_store(path: Path) -> LeadStore:
    """A store on a fresh database file."""
    return LeadStore(open_database(str(path)), Policy())


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Raw rows read over a separate connection, as any other reader would see them."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoResult]:
    """One demo database shared by the read-only tests of this module."""
    path = tmp_path_factory.mktemp("demo") / "x.db"
    store = open_store(path)
    result = fill_demo(store, COUNT, NOW)
    store.close()
    return path, result


@pytest.fixture
def filled(demo_file: tuple[Path, DemoResult]) -> Iterator[tuple[LeadStore, Path, DemoResult]]:
    """The shared demo database, opened afresh for each test."""
    # Opening binds the store's models, which are global, to this file: another test
    # may have opened (and so bound) its own database since.
    path, result = demo_file
    store = open_store(path)
    yield store, path, result
    store.close()


def test_same_seed_gives_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a.db", 7), ("b.db", 7), ("c.db", 8)):
        store = open_store(tmp_path / name)
        fill_demo(store, 300, NOW, seed=seed)
        store.close()
        dumps.append(
            [
                rows(tmp_path / name, f"SELECT * FROM {table} ORDER BY id")
                for table in ("lead", "contact", "temperature_change")
            ]
        )
    assert dumps[0] == dumps[1]
    assert dumps[0][0] != dumps[2][0]


def test_counts_returned_match_the_rows_written(filled: tuple[LeadStore, Path, DemoResult]) -> None:
    store, path, result = filled
    assert result.leads == COUNT == rows(path, "SELECT COUNT(*) FROM lead")[0][0]
    assert result.contacts == rows(path, "SELECT COUNT(*) FROM contact")[0][0]
    assert 1.5 * COUNT < result.contacts < 4 * COUNT
    assert len(store.find()) == COUNT


def test_zero_leads_writes_nothing_and_a_negative_count_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path / "x.db")
    assert fill_demo(store, 0, NOW) == DemoResult(leads=0, contacts=0)
    assert store.count() == 0
    with pytest.raises(ValueError):
        fill_demo(store, -1, NOW)
    store.close()


def test_appends_after_existing_leads_and_reports_progress_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "x.db")
    mine = store.add(LeadDraft(name="Already here"), NOW)
    monkeypatch.setattr(demo, "BATCH", 100)
    calls: list[tuple[int, int]] = []
    result = fill_demo(store, 250, NOW, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(100, 250), (200, 250), (250, 250)]
    assert result.leads == 250
    assert store.get(mine.id or 0).name == "Already here"
    assert sorted(lead.id or 0 for lead in store.find()) == list(range(1, 252))
    store.close()


def test_status_decides_next_due_and_the_closing_timestamps(
    filled: tuple[LeadStore, Path, DemoResult],
) -> None:
    store, _, _ = filled
    leads = store.find()
    statuses = Counter(lead.status for lead in leads)
    assert 0.8 < statuses[Status.ACTIVE] / COUNT < 0.9
    assert all(statuses[status] > 0 for status in Status)
    for lead in leads:
        assert (lead.next_due is not None) is (lead.status is Status.ACTIVE), lead
        assert (lead.won_at is not None) is (lead.status is Status.WON)
        assert (lead.lost_at is not None) is (lead.status is Status.LOST)
        assert (lead.inactive_at is not None) is (lead.status is Status.INACTIVE)
        assert bool(lead.lost_reason) is (lead.status is Status.LOST)
        assert bool(lead.referred_by) is (lead.source is Source.REFERRAL)
        assert not lead.promised or lead.status is Status.ACTIVE
        assert lead.updated_at is not None
        assert lead.created_at <= lead.updated_at <= NOW
        if lead.status is Status.INACTIVE:
            # Marked inactive after the five-touch sequence ran out without a reply.
            assert lead.sequence_step == 6


def test_a_realistic_share_of_active_leads_is_overdue_and_some_are_due_today(
    filled: tuple[LeadStore, Path, DemoResult],
) -> None:
    store, _, _ = filled
    active = store.find(status=Status.ACTIVE)
    overdue = [lead for lead in active if is_overdue(lead, NOW, "UTC")]
    assert 0.15 < len(overdue) / len(active) < 0.35
    assert store.count(overdue_at=NOW) == len(overdue)
    later_today = [
        lead
        for lead in active
        if not is_overdue(lead, NOW, "UTC") and is_due_today(lead.next_due, NOW, "UTC")
    ]
    assert len(later_today) > 0.02 * len(active)
    assert 0 < sum(lead.promised for lead in active) < 0.1 * len(active)


def test_active_temperatures_follow_the_intended_mix(
    filled: tuple[LeadStore, Path, DemoResult],
) -> None:
    store, _, _ = filled
    counts = store.counts()
    total = sum(counts.values())
    share = {temp: counts[temp] / total for temp in TEMPERATURES}
    assert share[Temperature.COLD] == pytest.approx(0.25, abs=0.05)
    assert share[Temperature.COOL] == pytest.approx(0.35, abs=0.05)
    assert share[Temperature.WARM] == pytest.approx(0.25, abs=0.05)
    assert share[Temperature.HOT] == pytest.approx(0.15, abs=0.05)
    by_source = Counter((lead.source, lead.temperature) for lead in store.find())
    # A bought list is mostly cold; a referral is mostly warm or hot.
    assert (
        by_source[Source.PURCHASED_LIST, Temperature.COLD]
        > 2 * by_source[Source.PURCHASED_LIST, Temperature.WARM]
    )
    assert (
        by_source[Source.REFERRAL, Temperature.WARM] > by_source[Source.REFERRAL, Temperature.COLD]
    )


def test_contacts_agree_with_their_lead(filled: tuple[LeadStore, Path, DemoResult]) -> None:
    store, _, _ = filled
    policy = Policy()
    leads = store.find()
    for lead in leads[::7]:
        assert lead.id is not None
        contacts = list(reversed(store.contacts(lead.id)))  # oldest first
        step = 1
        for contact in contacts:
            assert lead.created_at <= contact.at <= NOW
            step = next_sequence_step(step, contact.direction, contact.outcome)
        assert lead.sequence_step == step
        if not contacts:
            assert lead.last_contact is None
            # Never touched yet: due the moment it arrived.
            assert lead.status is Status.ACTIVE
            assert lead.next_due == lead.created_at
            continue
        last = contacts[-1]
        assert lead.last_contact == last.at
        assert last.next_due == lead.next_due
        assert last.next_step == lead.next_step
        if lead.status is Status.ACTIVE and not lead.promised:
            assert lead.next_due == cadence_due(last.at, lead.temperature, policy)
        if lead.status is Status.WON:
            assert last.outcome is Outcome.WON
            assert lead.won_at == last.at
        if lead.status is Status.LOST:
            assert last.outcome is Outcome.LOST


def test_every_lead_has_a_creation_change_and_moves_end_at_its_temperature(
    filled: tuple[LeadStore, Path, DemoResult],
) -> None:
    store, path, _ = filled
    changes: dict[int, list[tuple[str, int | None, int]]] = {}
    for lead_id, at, before, after in rows(
        path, "SELECT lead_id, at, from_temp, to_temp FROM temperature_change ORDER BY at, id"
    ):
        changes.setdefault(lead_id, []).append((at, before, after))
    leads = {lead.id: lead for lead in store.find()}
    assert changes.keys() == leads.keys()
    moved = 0
    for lead_id, history in changes.items():
        lead = leads[lead_id]
        created = history[0]
        assert created[0] == to_utc_text(lead.created_at)
        assert created[1] is None
        for (_, _, was), (at, before, after) in pairwise(history):
            assert before == was and abs(after - before) == 1
            assert from_utc_text(at) <= (lead.last_contact or NOW)
        assert history[-1][2] == lead.temperature.rank
        moved += len(history) > 1
    assert 0.15 * COUNT < moved < 0.45 * COUNT


def test_enum_values_are_valid_and_times_are_storage_text(
    filled: tuple[LeadStore, Path, DemoResult],
) -> None:
    _, path, _ = filled
    for channel, direction, outcome in rows(
        path, "SELECT DISTINCT channel, direction, outcome FROM contact"
    ):
        assert Channel(channel) and Direction(direction) and Outcome(outcome)
    for (preferred,) in rows(path, "SELECT DISTINCT preferred_channel FROM lead"):
        assert preferred is None or Channel(preferred)
    for at, due in rows(path, "SELECT at, next_due FROM contact"):
        assert from_utc_text(at) and (due is None or from_utc_text(due))
    bad_times = rows(
        path,
        "SELECT COUNT(*) FROM contact JOIN lead ON lead.id = contact.lead_id"
        f" WHERE contact.at < lead.created_at OR contact.at > '{NOW_TEXT}'",
    )
    assert bad_times == [(0,)]


def test_names_emails_and_phones_look_real(filled: tuple[LeadStore, Path, DemoResult]) -> None:
    store, path, _ = filled
    leads = store.find()
    names = [lead.name for lead in leads]
    assert len(set(names)) > 0.3 * COUNT

    def has(kind: str) -> bool:
        return any(kind in unicodedata.name(ch, "") for name in names for ch in name)

    assert has("WITH DIAERESIS") and has("WITH ACUTE")  # Zoë, José
    assert has("CJK UNIFIED IDEOGRAPH")
    assert has("ARABIC LETTER")  # right to left
    assert any("[" in name for name in names)  # markup the UI must show literally
    for lead in leads:
        assert lead.email == lead.email.lower() and lead.email.isascii()
        assert lead.email == "" or lead.email.count("@") == 1
        assert lead.score == lead.fit + lead.interest + lead.readiness
        assert lead.next_step or lead.status is not Status.ACTIVE
    keys = rows(
        path,
        "SELECT email, phone, email_key, phone_key, score, fit + interest + readiness FROM lead",
    )
    for email, phone, e_key, p_key, score, parts in keys:
        assert (e_key, p_key, score) == (email_key(email), phone_key(phone), parts)
    assert sum(bool(lead.phone) for lead in leads) > 0.8 * COUNT
    assert len({lead.company for lead in leads}) > 500


def test_board_pages_and_due_list_work_over_the_demo(
    filled: tuple[LeadStore, Path, DemoResult],
) -> None:
    store, _, _ = filled
    for temperature in TEMPERATURES:
        page = store.page(temperature, 0, 40)
        assert len(page) == 40
        assert all(lead.temperature is temperature for lead in page)
        dues = [lead.next_due for lead in page if lead.next_due is not None]
        assert len(dues) == 40 and dues == sorted(dues)
        assert store.page(temperature, 40, 40)[0].id not in {lead.id for lead in page}
    due = store.due(end_of_local_day(NOW, "UTC"), limit=200)
    assert len(due) == 200
    assert due == sorted(due, key=urgency_key)
    assert due[0].temperature is Temperature.HOT
    assert store.find(search="Dental", limit=5)


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_contacts_fall_in_the_reps_working_hours(tmp_path: Path, zone: str) -> None:
    store = LeadStore(open_database(str(tmp_path / "x.db")), Policy(tz=zone))
    fill_demo(store, 400, NOW)
    local_now = NOW.in_tz(zone)
    for lead in store.find()[::3]:
        for contact in store.contacts(lead.id or 0):
            local = contact.at.in_tz(zone)
            assert contact.at <= NOW and lead.created_at <= contact.at
            if local_now.hour < 7 and local.date() >= local_now.subtract(days=1).date():
                # Before 07:00, today's touches spread from the evening before until now.
                assert local.hour >= 7 or local.date() == local_now.date(), local
            elif local.date() == local_now.date():
                assert local.hour >= 7, local
            else:
                # One hour of slack: the offset is today's, and summer time differs.
                assert 6 <= local.hour < 20, local
    store.close()


def test_due_dates_follow_the_policy_across_weekends_and_clock_changes(tmp_path: Path) -> None:
    policy = Policy(tz="Europe/Paris", skip_weekends=True)
    store = LeadStore(open_database(str(tmp_path / "x.db")), policy)
    # March: the demo's history spans the autumn and the spring clock changes.
    now = pendulum.datetime(2026, 3, 30, 9, tz="UTC")
    fill_demo(store, 600, now)
    checked = 0
    for lead in store.find(status=Status.ACTIVE):
        contacts = list(reversed(store.contacts(lead.id or 0)))
        for contact in contacts[:-1]:
            assert contact.next_due == cadence_due(contact.at, lead.temperature, policy)
        if contacts and not lead.promised:
            assert lead.next_due == cadence_due(contacts[-1].at, lead.temperature, policy)
            assert lead.next_due is not None and lead.next_due.in_tz(policy.tz).isoweekday() < 6
            checked += 1
    assert checked > 300
    store.close()
