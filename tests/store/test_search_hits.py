"""The filter's answers: all matches per column in order, and the first ones read quickly."""

from __future__ import annotations

import pytest

from leadboard.actions.demo import fill_demo
from leadboard.domain.followup import end_of_local_day
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store import search_hits
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

QUERIES = ["a", "an", "ann", "Bakery", "son", "ß", "07785 842929", "山田", "zzqx", '"x" OR']


@pytest.fixture
def demo_store(store: LeadStore) -> LeadStore:
    fill_demo(store, 400, NOW)
    store.add(LeadDraft("Rohan Patel", phone="+44 7785 842929"), NOW)
    store.add(LeadDraft("山田 太郎", company="Straße GmbH", temperature=Temperature.HOT), NOW)
    return store


@pytest.mark.parametrize("text", QUERIES)
def test_the_matches_are_each_columns_leads_that_the_search_finds(
    demo_store: LeadStore, text: str
) -> None:
    hits = demo_store.search_hits(text, end_of_local_day(NOW, "UTC"))
    for temperature in Temperature:
        column = demo_store.page(temperature, 0, 10_000)
        wanted = [lead.id for lead in column if demo_store.matches(lead.id or 0, text)]
        assert list(hits.ids[temperature]) == wanted
        horizon = end_of_local_day(NOW, "UTC")
        due = [lead for lead in column if lead.next_due and lead.next_due <= horizon]
        assert hits.due[temperature] == sum(1 for lead in due if lead.id in set(wanted))


@pytest.mark.parametrize("walk", [7, 2000])
@pytest.mark.parametrize("text", QUERIES)
def test_the_first_matches_begin_the_full_answer(
    demo_store: LeadStore, text: str, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_hits, "FIRST_WALK", walk)
    full = demo_store.search_hits(text, end_of_local_day(NOW, "UTC"))
    first = demo_store.first_hits(text, 24)
    assert first.partial and not full.partial
    for temperature in Temperature:
        found = list(first.ids[temperature])
        assert found == list(full.ids[temperature])[: len(found)]
        if walk > 1000:  # the walk covers whole columns here: the first page is all there
            assert len(found) == min(24, full.count(temperature))
