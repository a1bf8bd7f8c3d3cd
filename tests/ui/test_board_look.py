"""How the board shows where the rep is and what the rep needs to read.

The cursor after a log or a move, the cursor without colour, four temperature colours, a wider
focused column on a narrow terminal, toasts that cover none of the cards or keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label
from textual.widgets._toast import Toast

from leadboard.actions.demo import fill_demo
from leadboard.config import Config
from leadboard.domain.model import Temperature
from leadboard.ui.app import LeadboardApp
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.widgets.board.key_bar import KeyBar
from leadboard.ui.widgets.board.lead_column import LeadColumn
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, open_store, settle
from tests.ui.contention import burst
from tests.ui.test_bursts import settled


def demo_app(path: Path, leads: int = 300) -> LeadboardApp:
    """A board over demo data at the fixed clock."""
    config = Config()
    store = open_store(path, config)
    fill_demo(store, leads, NOW)
    return LeadboardApp(store, config, clock=lambda: NOW)


def board_of(app: LeadboardApp) -> BoardScreen:
    """The board, wherever the stack is."""
    screen = app.screen_stack[0]
    assert isinstance(screen, BoardScreen)
    return screen


def focused_column(app: LeadboardApp) -> LeadColumn:
    """The column with focus."""
    focused = app.focused
    assert isinstance(focused, LeadColumn)
    return focused


async def test_after_a_log_the_cursor_stays_put_and_after_a_move_it_follows(
    tmp_path: Path,
) -> None:
    app = demo_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "h", "h", "j", "j", "j")  # cool, fourth card
        await settled(pilot, app)
        column = focused_column(app)
        logged = column.selected_lead
        below = column.lead_at(4)
        assert logged is not None and below is not None
        burst(app, "c", "f2")
        await settled(pilot, app)
        if type(app.screen).__name__ == "ConfirmScreen":  # a drift hint: keep as is
            burst(app, "n")
            await settled(pilot, app)
        column = focused_column(app)
        assert column.temperature is Temperature.COOL and column.cursor == 3
        lead = column.selected_lead
        assert lead is not None and lead.id == below.id  # the next lead to work
        burst(app, "right_square_bracket")
        await settled(pilot, app)
        column = focused_column(app)
        moved = column.selected_lead
        assert column.temperature is Temperature.WARM
        assert moved is not None and moved.id == below.id
    app.data.store.close()


async def test_without_colour_the_cursor_is_reverse_video_and_stands_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = board_of(app)
        hot = board.column(Temperature.HOT)
        cold = board.column(Temperature.COLD)
        assert hot.has_focus
        assert hot._card_styles().selected.reverse
        assert not cold._card_styles().selected.reverse  # a remembered card: no band
        title = board.query_one("#title-hot", Label)
        assert title.rich_style.reverse
        assert not board.query_one("#title-cold", Label).rich_style.reverse
        burst(app, "h", "h", "h")
        await settled(pilot, app)
        assert cold._card_styles().selected.reverse
        assert not hot._card_styles().selected.reverse
        assert board.query_one("#title-cold", Label).rich_style.reverse
        assert not title.rich_style.reverse
    store.close()


async def test_with_colour_the_cursor_keeps_the_theme_band(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not board_of(app).column(Temperature.HOT)._card_styles().selected.reverse
    store.close()


async def test_four_temperatures_have_four_title_colours(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        board = board_of(app)
        colours = {
            t: board.query_one(f"#title-{t.value}", Label).styles.color.rgb for t in Temperature
        }
        assert len(set(colours.values())) == 4
        red, green, blue = colours[Temperature.HOT]
        assert red > green and red > blue
        red, green, blue = colours[Temperature.COLD]
        assert blue > red and blue > green
        red, green, blue = colours[Temperature.COOL]
        assert green > red and blue > red  # cyan / teal
        red, green, blue = colours[Temperature.WARM]
        assert red > blue and green > blue  # yellow / amber
    store.close()


async def test_on_a_narrow_terminal_the_focused_column_is_wider(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = board_of(app)

        def widths() -> dict[Temperature, int]:
            return {t: board.column(t).size.width for t in Temperature}

        assert widths()[Temperature.HOT] >= 2 * widths()[Temperature.COLD] - 2
        # The focused next step reads whole: "Send the quote for the gala" (27 characters).
        assert "> Send the quote for the gala" in screen_text(app)
        burst(app, "h")
        await settled(pilot, app)
        assert widths()[Temperature.WARM] >= 2 * widths()[Temperature.HOT] - 2
    store.close()


async def test_on_a_wide_terminal_the_columns_share_the_width(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        board = board_of(app)
        widths = {board.column(t).size.width for t in Temperature}
        assert max(widths) - min(widths) <= 1
    store.close()


def screen_text(app: LeadboardApp) -> str:
    """Everything on screen as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_a_toast_is_one_line_above_the_keys_over_no_whole_card(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        burst(app, "u")  # "Nothing to undo"
        await settled(pilot, app)
        await settle(pilot, app)
        toasts = list(app.screen.query(Toast))
        assert toasts
        region = toasts[0].region
        keys = app.screen.query_one(KeyBar).region
        assert region.height == 1
        assert region.bottom == keys.y  # right above the key bar
        # That row holds no whole card: only the cut-off top of the card below the last.
        column = board_of(app).column(Temperature.HOT)
        assert (region.y - column.region.y) // 5 >= column.size.height // 5
    store.close()


async def test_numbers_on_the_board_are_written_one_way(tmp_path: Path) -> None:
    app = demo_app(tmp_path / "b.db", leads=2500)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        board = board_of(app)
        active = sum(board.data.count(t) for t in Temperature)
        assert active >= 1000
        assert f"{active:,} active" in text
        assert "Due 1," in text or "Due " in text
        panel_title = str(board.query_one("#panel-title", Label).render())
        numbers = [word for word in panel_title.split() if word.replace(",", "").isdigit()]
        assert all(int(n.replace(",", "")) < 1000 or "," in n for n in numbers)
    app.data.store.close()
