"""The board through Pilot: every key, its dialogs, undo, the panel, the filter, live refresh."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Select

from leadboard.domain.model import Channel, Outcome, Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.widgets.board.lead_column import LeadColumn
from leadboard.ui.widgets.board.overdue_panel import DueList, OverduePanel
from tests.conftest import NOW
from tests.ui.board_fixtures import HOSTILE_NAME, make_app, open_store, settle


def board(app: App[None]) -> BoardScreen:
    """The board screen of a running app."""
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def selected_name(app: App[None]) -> str | None:
    """The name of the lead under the cursor."""
    lead = board(app).selected
    return None if lead is None else lead.name


def selected_id(app: App[None]) -> int | None:
    """The id of the lead under the cursor."""
    lead = board(app).selected
    return None if lead is None else lead.id


def focused_column(app: App[None]) -> LeadColumn:
    """The column that has focus."""
    focused = app.focused
    assert isinstance(focused, LeadColumn)
    return focused


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def test_board_shows_four_columns_with_counts(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for temperature in Temperature:
            column = board(app).column(temperature)
            assert column.count == 2
        text = screen_text(app)
        for title in ("COLD  2", "COOL  2", "WARM  2", "HOT  2"):
            assert title in text
        # The hottest column starts focused, cursor on its most overdue lead.
        assert focused_column(app).temperature is Temperature.HOT
        assert board(app).selected is not None
        assert selected_name(app) == "Ana Ruiz"
    store.close()


async def test_cursor_keys_move_within_and_across_columns(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert selected_name(app) == "Ben Okafor"
        await pilot.press("k", "k")
        assert selected_name(app) == "Ana Ruiz"
        await pilot.press("h")
        assert focused_column(app).temperature is Temperature.WARM
        await pilot.press("left", "left", "left")
        assert focused_column(app).temperature is Temperature.COLD
        await pilot.press("end")
        assert selected_name(app) == "Frank Li"
        await pilot.press("home")
        assert selected_name(app) == "Eve Adams"
        await pilot.press("l", "down")
        assert focused_column(app).temperature is Temperature.COOL
        assert focused_column(app).cursor == 1
    store.close()


async def test_move_hotter_and_colder_follows_the_lead_and_undo(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")  # warm: Chloé Martin, overdue
        assert selected_name(app) == "Chloé Martin"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        moved = store.get(ids["Chloé Martin"])
        assert moved.temperature is Temperature.HOT
        assert focused_column(app).temperature is Temperature.HOT
        assert selected_id(app) == moved.id
        assert board(app).column(Temperature.HOT).count == 3
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.COOL
        assert selected_id(app) == moved.id
        # Undo three moves, one key each.
        await pilot.press("u")
        await pilot.pause()
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.WARM
        await pilot.press("u", "u")
        await pilot.pause()
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.WARM
        await pilot.press("u")  # nothing left: says so, changes nothing
        await pilot.pause()
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.WARM
        assert board(app).column(Temperature.WARM).count == 2
    store.close()


async def test_move_past_the_ends_changes_nothing(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = store.get(ids["Ana Ruiz"])
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert store.get(ids["Ana Ruiz"]) == before
        await pilot.press("left", "left", "left", "left_square_bracket")
        await pilot.pause()
        assert store.get(ids["Eve Adams"]).temperature is Temperature.COLD
    store.close()


async def test_log_contact_dialog_saves_and_undo_removes_it(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lead_id = ids["Ana Ruiz"]
        before = store.get(lead_id)
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogContactScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.contacts(lead_id)) == 1
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f2")  # save with the defaults
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        contacts = store.contacts(lead_id)
        assert len(contacts) == 2
        after = store.get(lead_id)
        assert after.last_contact == NOW
        assert after.next_due is not None and after.next_due > NOW
        # The lead is no longer overdue: the panel and the column moved on.
        await pilot.press("u")
        await pilot.pause()
        assert len(store.contacts(lead_id)) == 1
        # As it was, but for its version: the undo is a save of its own.
        undone = store.get(lead_id)
        assert replace(undone, version=before.version) == before
        assert undone.version > before.version
    store.close()


async def test_add_lead_form_and_cancel(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "LeadFormScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert store.count() == 8
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Zed Zimmer")
        await pilot.press("f2")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        found = store.find(search="Zed Zimmer")
        assert len(found) == 1
        assert selected_id(app) == found[0].id
        await pilot.press("u")
        await settle(pilot, app)
        assert store.find(search="Zed Zimmer") == []
    store.close()


async def test_edit_and_detail(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LeadDetailScreen"
        assert "Send the quote for the gala" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "LeadFormScreen"
        await pilot.press("end", *" Jr")
        await pilot.press("f2")
        await pilot.pause()
        assert store.get(ids["Ana Ruiz"]).name == "Ana Ruiz Jr"
    store.close()


async def test_mark_won_lost_inactive_with_confirmation(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert store.get(ids["Ana Ruiz"]).status is Status.ACTIVE
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get(ids["Ana Ruiz"]).status is Status.WON
        assert board(app).column(Temperature.HOT).count == 1
        await pilot.press("x")  # Ben Okafor: lost, asks why
        await pilot.pause()
        await pilot.press(*"price", "enter")
        await pilot.pause()
        lost = store.get(ids["Ben Okafor"])
        assert lost.status is Status.LOST and lost.lost_reason == "price"
        await pilot.press("h", "i")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get(ids["Chloé Martin"]).status is Status.INACTIVE
        await pilot.press("u", "u", "u")
        await pilot.pause()
        for name in ("Ana Ruiz", "Ben Okafor", "Chloé Martin"):
            assert store.get(ids[name]).status is Status.ACTIVE
    store.close()


async def test_filter_narrows_every_column_and_escape_clears(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"bakery")
        await pilot.pause()
        counts = {t: board(app).column(t).count for t in Temperature}
        assert counts == {
            Temperature.COLD: 1,
            Temperature.COOL: 0,
            Temperature.WARM: 0,
            Temperature.HOT: 0,
        }
        await pilot.press("enter")
        await pilot.pause()
        assert selected_name(app) == "Frank Li"
        await pilot.press("escape")
        await pilot.pause()
        assert all(board(app).column(t).count == 2 for t in Temperature)
    store.close()


async def test_overdue_panel_lists_urgency_order_and_jumps(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(OverduePanel)
        assert panel.display
        text = screen_text(app)
        assert "Due 4" in text and "overdue 4" in text
        # Hot first, then warm, cool, cold, whatever how late each is.
        names = [lead.name for lead in panel.query_one(DueList).leads]
        assert names == ["Ana Ruiz", "Chloé Martin", "山田 太郎", "Eve Adams"]
        await pilot.press("o")
        await pilot.pause()
        assert not panel.display
        await pilot.press("o")
        await pilot.pause()
        panel.query_one(DueList).focus()
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert selected_name(app) == "Eve Adams"
        assert focused_column(app).temperature is Temperature.COLD
    store.close()


async def test_panel_floats_on_a_small_terminal(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(OverduePanel)
        assert not panel.display
        await pilot.press("o")
        await pilot.pause()
        assert panel.display
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.display
        assert isinstance(app.focused, LeadColumn)
    store.close()


async def test_contact_logged_elsewhere_shows_within_two_seconds(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = make_app(path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        selected = board(app).selected
        assert selected is not None and selected.name == "Ben Okafor"
        other: LeadStore = open_store(path)
        other.log_contact(ids["Ana Ruiz"], channel=Channel.CALL, outcome=Outcome.TALKED, now=NOW)
        other.close()
        await pilot.pause(1.6)
        # Ana is no longer overdue, so she moved down; the cursor stayed on Ben.
        assert selected_name(app) == "Ben Okafor"
        assert "overdue 3" in screen_text(app)
    store.close()


async def test_hostile_text_shows_literally(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("h", "h", "j")
        assert selected_name(app) == HOSTILE_NAME
        text = screen_text(app)
        assert "[/]" in text and "[bold]x" in text and "[@click=app.quit]q[/]" in text
        assert "\x1b" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert "red alert" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
    store.close()


async def test_help_lists_every_key_and_quit(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(100, 45)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Colder", "Hotter", "Log", "Undo", "Mark won", "Mark lost", "Filter", "Quit"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    store.close()


async def test_command_palette_lists_board_actions(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        commands = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Colder", "Hotter", "Log", "Add", "Undo", "Mark won", "Mark lost", "Session"):
            assert title in commands
    store.close()


async def test_empty_board_is_usable(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db", seeded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "k", "l", "h", "right_square_bracket", "c", "enter", "e", "w", "u")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert all(board(app).column(t).count == 0 for t in Temperature)
    store.close()


async def test_logging_a_reply_on_a_cold_lead_offers_a_move_hotter(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h", "h", "h")  # cold: Eve Adams
        assert selected_name(app) == "Eve Adams"
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        outcome = dialog.query_one("#outcome", Select)
        outcome.value = Outcome.TALKED
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")  # keep as is: a hint never moves a lead by itself
        await pilot.pause()
        assert store.get(ids["Eve Adams"]).temperature is Temperature.COLD
        # After a log the cursor keeps its place, now on the next lead (Frank); Eve, due
        # later now, sorts below him.
        assert selected_name(app) == "Frank Li"
        await pilot.press("j")
        assert selected_name(app) == "Eve Adams"
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#outcome", Select).value = Outcome.REPLIED
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get(ids["Eve Adams"]).temperature is Temperature.COOL
        assert selected_name(app) == "Eve Adams"
        await pilot.press("u")  # the move, then the contact
        await pilot.pause()
        assert store.get(ids["Eve Adams"]).temperature is Temperature.COLD
    store.close()


async def test_panel_folds_away_when_the_terminal_narrows(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(OverduePanel)
        assert panel.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not panel.display
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert panel.display
    store.close()


async def test_mouse_wheel_and_click_move_the_cursor(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        warm = board(app).column(Temperature.WARM)
        await pilot.click(warm, offset=(3, 6))  # the second card (cards are 5 lines)
        await pilot.pause()
        assert app.focused is warm and selected_name(app) == "Dmitri Volkov"
        warm.post_message(events.MouseScrollUp(warm, 3, 1, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert selected_name(app) == "Chloé Martin"
        assert "WARM  2" in screen_text(app)
    store.close()


async def test_no_second_colder_hint_right_after_a_move(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    lead_id = ids["Dmitri Volkov"]
    # They talked 12 days ago (the sequence starts over), then two calls went unanswered.
    for days_ago, outcome in ((12, Outcome.TALKED), (9, Outcome.NO_ANSWER), (6, Outcome.NO_ANSWER)):
        store.log_contact(
            lead_id,
            channel=Channel.CALL,
            outcome=outcome,
            at=NOW.subtract(days=days_ago),
            now=NOW.subtract(days=days_ago),
        )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        while selected_name(app) != "Dmitri Volkov":
            await pilot.press("j")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f2")  # a third unanswered touch in a row: move colder?
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()
        assert store.get(lead_id).temperature is Temperature.COOL
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f2")  # one more, after the move: no new suggestion yet
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert store.get(lead_id).temperature is Temperature.COOL
    store.close()
