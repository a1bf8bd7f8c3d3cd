"""Pages read next to a known lead (keyset) are the pages an offset would read."""

from __future__ import annotations

from leadboard.actions.demo import fill_demo
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def test_pages_beside_a_lead_match_the_pages_by_offset(store: LeadStore) -> None:
    fill_demo(store, 300, NOW)
    for index in range(12):
        # Ties on due and score, and leads with no due, which sort last.
        lead = store.add(LeadDraft(f"Tie {index}", temperature=Temperature.WARM), NOW)
        assert lead.id is not None
        if index % 3 == 0:
            store.db.execute_sql("UPDATE lead SET next_due = NULL WHERE id = ?", (lead.id,))
    for temperature in Temperature:
        column = store.page(temperature, 0, 10_000)
        assert len(column) > 20
        ids = [lead.id for lead in column]
        for position in (0, 1, len(column) // 2, len(column) - 2, len(column) - 1):
            lead = column[position]
            after = store.page_after(lead, 7)
            assert [x.id for x in after] == ids[position + 1 : position + 8]
            before = store.page_before(lead, 7)
            assert [x.id for x in before] == ids[max(0, position - 7) : position]
