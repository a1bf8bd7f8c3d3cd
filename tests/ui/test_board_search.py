"""The board's filter (`/`) finds next steps, contact notes and phones however typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadboard.domain.model import Channel, LeadDraft, Outcome, Temperature
from leadboard.ui.screens.board import BoardScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Book a demo", "Rohan Patel"),
        ("07785842929", "Rohan Patel"),
        ("+44 7785 842929", "Rohan Patel"),
        ("oak range", "Emma Hughes"),
        ("07700 900123", "Emma Hughes"),
    ],
)
async def test_typing_a_filter_in_one_burst_finds_the_lead(
    tmp_path: Path, query: str, found: str
) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    store.add(
        LeadDraft("Rohan Patel", phone="07785 842929", next_step="Book a demo",
                  temperature=Temperature.HOT),
        NOW,
    )  # fmt: skip
    emma = store.add(LeadDraft("Emma Hughes", phone="+44 7700 900123"), NOW)
    assert emma.id is not None
    store.log_contact(
        emma.id, channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW, note="Wants the oak range"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *query)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.data.search == query  # every key of the burst reached the filter
        counts = {t: screen.column(t).count for t in Temperature}
        assert sum(counts.values()) == 1, counts
        status = str(screen.query_one("#status-line").render())
        assert status.startswith("leadboard  1 match  filter: "), status
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected is not None
        assert screen.selected.name == found
    store.close()


@pytest.mark.parametrize("query", ['"', "NEAR(", "a OR", "*", '"x" OR "y"'])
async def test_fts_syntax_in_the_filter_is_plain_text(tmp_path: Path, query: str) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    store.add(LeadDraft(f"Odd {query} Name"), NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *query)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.data.search == query
        found = {t: screen.column(t).count for t in Temperature}
        # The odd lead, and the seeded ones whose text happens to hold the query.
        assert found[Temperature.COOL] >= 1, found
    store.close()
