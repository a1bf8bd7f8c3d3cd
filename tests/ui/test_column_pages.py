"""Pages read next to a known lead after a change are the pages the column's order gives."""

from __future__ import annotations

from pathlib import Path

from leadboard.domain.model import LeadDraft, Temperature
from leadboard.ui.screens.board import BoardScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, settle


async def test_after_moves_deep_in_a_column_every_card_is_where_the_order_puts_it(
    tmp_path: Path,
) -> None:
    app, store, _ = make_app(tmp_path / "b.db", seeded=False)
    for index in range(90):
        store.add(
            LeadDraft(f"Lead {index:02}", temperature=Temperature.HOT), NOW.add(minutes=index)
        )
        store.add(
            LeadDraft(f"Warm {index:02}", temperature=Temperature.WARM), NOW.add(minutes=index)
        )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)

        def assert_in_order() -> None:
            for temperature in (Temperature.HOT, Temperature.WARM):
                column = screen.column(temperature)
                wanted = [lead.id for lead in store.page(temperature, 0, 1000)]
                shown = [lead.id for i in range(column.count) if (lead := column.lead_at(i))]
                assert shown == wanted, temperature

        # 53 cards down the hot column (past two pages), then colder: the hot column's
        # page is read on from the card above the cursor, the warm one's around the lead.
        await pilot.press("end", *["k"] * 36, "left_square_bracket")
        await settle(pilot, app)
        assert screen.column(Temperature.HOT).cursor == 53
        assert_in_order()
        await pilot.press("u")
        await settle(pilot, app)
        assert_in_order()
    store.close()
