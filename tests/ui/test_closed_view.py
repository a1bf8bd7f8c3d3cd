"""The closed-leads view (`v`) and reviving (`r`) through Pilot, keys pressed in bursts."""

from __future__ import annotations

from pathlib import Path

from leadboard.domain.model import Status, Temperature
from leadboard.ui.widgets.quick_line import QuickLine
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, settle
from tests.ui.test_board import board, screen_text, selected_name


def _told(app: object) -> list[str]:
    return [str(note.message) for note in app._notifications]  # type: ignore[attr-defined]


async def test_closed_view_shows_lost_lead_and_r_revives_it(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    store.set_status(ids["Ben Okafor"], Status.LOST, NOW.subtract(days=2), "price [b]")
    store.set_status(ids["Dmitri Volkov"], Status.WON, NOW.subtract(days=1))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        # Closed view; `c` and `x` are refused on a closed lead, nothing opens.
        await pilot.press(*"vcx")
        await pilot.pause()
        screen = board(app)
        text = screen_text(app)
        assert "closed leads (won, lost, inactive)" in text
        assert "2 closed" in text
        assert screen.column(Temperature.HOT).count == 1
        assert screen.column(Temperature.WARM).count == 1
        assert screen.column(Temperature.COLD).count == 0
        assert selected_name(app) == "Ben Okafor"
        assert "lost: price [b]" in text  # the reason, literally (no markup)
        assert "won" in text
        assert app.screen is screen  # no log or lost dialog opened
        assert "a closed lead cannot be logged; press r to revive it or v for active leads" in (
            _told(app)
        )
        # Revive, then back to the active board, where Ben is again.
        await pilot.press(*"rv")
        await settle(pilot, app)
        assert store.get(ids["Ben Okafor"]).status is Status.ACTIVE
        assert "closed leads" not in screen_text(app)
        assert screen.column(Temperature.HOT).count == 2
        assert "Ben Okafor is active again (u to undo)" in _told(app)
        # Undo: lost again, with its reason, and back among the closed leads.
        await pilot.press(*"uv")
        await settle(pilot, app)
        lead = store.get(ids["Ben Okafor"])
        assert lead.status is Status.LOST
        assert lead.lost_reason == "price [b]"
        assert screen.column(Temperature.HOT).count == 1
        assert selected_name(app) == "Ben Okafor"


async def test_r_on_the_active_board_says_what_it_is_for(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("r")
        await settle(pilot, app)
        assert "r revives a closed lead: press v to show them" in _told(app)
        assert store.get(ids["Ben Okafor"]).status is Status.ACTIVE


async def test_the_quick_line_stays_shut_in_the_closed_view(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("v", "colon")
        await settle(pilot, app)
        assert "the quick line logs on active leads; press v for them" in _told(app)
        assert not app.screen.query_one(QuickLine).is_open
        assert len(store.contacts(ids["Ben Okafor"])) == 1
