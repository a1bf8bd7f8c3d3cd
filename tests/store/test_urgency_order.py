"""The store's SQL orders agree with the domain's urgency order (followup.urgency_key)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from pendulum import DateTime

from leadboard.domain.followup import urgency_key
from leadboard.domain.model import TEMPERATURES, Lead, Status
from leadboard.store.lead_columns import lead_record
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

COUNT = 400
HORIZON = NOW.add(days=3)


def random_leads(seed: int) -> list[Lead]:
    """Leads of every temperature with due dates that tie often, some undated, some closed."""
    rng = random.Random(seed)
    dues = [NOW.add(hours=rng.randint(-24 * 20, 24 * 10)) for _ in range(25)]
    ids = list(range(1, COUNT + 1))
    rng.shuffle(ids)
    leads = []
    for lead_id in ids:
        status = Status.ACTIVE if rng.random() < 0.85 else rng.choice(list(Status))
        active = status is Status.ACTIVE
        leads.append(
            Lead(
                id=lead_id,
                name=rng.choice(["Ann", "Bob", "Cleo"]) + f" {lead_id}",
                created_at=NOW.subtract(days=30),
                updated_at=NOW,
                temperature=rng.choice(TEMPERATURES),
                status=status,
                fit=rng.randint(0, 3),
                interest=rng.randint(0, 3),
                readiness=rng.randint(0, 3),
                next_due=rng.choice(dues) if active and rng.random() < 0.9 else None,
            )
        )
    return leads


@pytest.fixture(params=[1, 2, 3])
def stored(request: pytest.FixtureRequest, store: LeadStore) -> tuple[LeadStore, list[Lead]]:
    """A store holding one seed's random leads, written through the bulk writer."""
    leads = random_leads(request.param)
    with store.bulk_writer() as writer:
        writer.write([{**lead_record(lead), "id": lead.id} for lead in leads])
    # What the store holds is what it reads back (the same lead, to the second).
    assert sorted(store.find(), key=lambda lead: lead.id or 0) == sorted(
        leads, key=lambda lead: lead.id or 0
    )
    return store, leads


def urgent(leads: list[Lead], *, by: DateTime | None = None, search: str = "") -> list[Lead]:
    """Active leads (due by `by` when given, matching `search`), in the domain's order."""
    chosen = [
        lead
        for lead in leads
        if lead.status is Status.ACTIVE
        and search in lead.name
        and (by is None or (lead.next_due is not None and lead.next_due <= by))
    ]
    return sorted(chosen, key=urgency_key)


def test_column_pages_follow_the_urgency_order(stored: tuple[LeadStore, list[Lead]]) -> None:
    store, leads = stored
    expected = urgent(leads)
    for search in ("", "Ann"):
        pages: list[Lead] = []
        for temperature in reversed(TEMPERATURES):
            for offset in range(0, COUNT, 17):
                if search:  # the board's filter reads its matches once, then pages them
                    hits = store.search_hits(search, HORIZON)
                    pages += store.leads_by_ids(hits.page(temperature, offset, 17))
                else:
                    pages += store.page(temperature, offset, 17)
        assert pages == urgent(leads, search=search)
    for lead in expected:
        column = [other for other in expected if other.temperature is lead.temperature]
        assert store.position(lead) == column.index(lead)


def test_due_lists_and_session_queue_follow_the_urgency_order(
    stored: tuple[LeadStore, list[Lead]],
) -> None:
    store, leads = stored
    expected = urgent(leads, by=HORIZON)
    assert store.due(HORIZON) == expected
    assert store.due_ids(HORIZON) == [lead.id for lead in expected]
    # The board's overdue panel: the first few, with and without a search.
    assert store.due(HORIZON, limit=30) == expected[:30]
    panel = urgent(leads, by=HORIZON, search="Bob")[:30]
    hits = store.search_hits("Bob", HORIZON)
    assert store.leads_by_ids(hits.due_ids(30)) == panel


def test_the_active_listing_follows_the_urgency_order_for_dated_leads(
    stored: tuple[LeadStore, list[Lead]],
) -> None:
    store, leads = stored
    listed = store.find(status=Status.ACTIVE)

    # A listing puts undated leads first in their temperature (as `leadboard list` always
    # has); everything else is in the urgency order.
    def listing_key(lead: Lead) -> tuple[int, bool, tuple[int, str, int, int]]:
        return (-lead.temperature.rank, lead.next_due is not None, urgency_key(lead))

    assert listed == sorted(urgent(leads), key=listing_key)
    assert [lead for lead in listed if lead.next_due] == [
        lead for lead in urgent(leads) if lead.next_due
    ]
    undated = replace(listed[0], next_due=None)
    assert urgency_key(undated) > urgency_key(replace(undated, next_due=NOW))
