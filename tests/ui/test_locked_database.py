"""A real second process holds the write lock while the rep works on the board.

Nothing typed is lost, the screen stays live and says why it waits, every change lands once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from leadboard.domain.model import Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.confirm import ReasonScreen
from leadboard.ui.dialogs.lead_form import LeadFormScreen
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.widgets.forms import ErrorLine
from leadboard.ui.writes import WAITING
from tests.ui.contention import LockHolder, burst, contended_app, notes_of, wait_until

SHORT_MS = 300
"""A busy timeout that runs out quickly, so a failed wait costs a fraction of a second."""


def board(app: LeadboardApp) -> BoardScreen:
    """The board, wherever the stack is."""
    screen = app.screen_stack[0]
    assert isinstance(screen, BoardScreen)
    return screen


def status_line(app: LeadboardApp) -> str:
    """The board's top line."""
    return str(board(app).query_one("#status-line", Label).render())


def error_line(app: LeadboardApp) -> str:
    """What the dialog on top says under its fields."""
    line = app.screen.query_one(ErrorLine)
    return str(line.render()) if line.display else ""


def selected_name(app: LeadboardApp) -> str | None:
    """The lead under the board's cursor."""
    lead = board(app).selected
    return None if lead is None else lead.name


def notes_for(store: LeadStore, lead_id: int) -> list[str]:
    """The notes of a lead's contacts, newest first."""
    return [contact.note for contact in store.contacts(lead_id)]


async def test_a_note_typed_under_a_lock_stays_and_lands_once(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    ana = ids["Ana Ruiz"]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path) as lock:
            await pilot.press("c", "tab", *"call back friday", "f2")
            dialog = app.screen
            assert isinstance(dialog, LogContactScreen)
            # Said at once, and the dialog is still there with the note in it.
            assert WAITING in error_line(app)
            await pilot.press("f2")  # a second save while the first waits does nothing
            await wait_until(pilot, lambda: "locked" in error_line(app))
            assert app.screen is dialog
            assert dialog.query_one("#note", Input).value == "call back friday"
            assert "F2 tries again, Escape cancels" in error_line(app)
            assert "1 key typed while waiting was not applied" in error_line(app)
            assert notes_for(store, ana) == [""]  # only the seeded contact
            lock.release()
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert notes_for(store, ana) == ["call back friday", ""]
        assert len(board(app).actions.history) == 1
    store.close()


async def test_escape_after_a_failed_save_cancels_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, _ = contended_app(path, SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path):
            await pilot.press("a", *"Zoe Quinn", "f2")
            assert isinstance(app.screen, LeadFormScreen)
            await wait_until(pilot, lambda: "locked" in error_line(app))
            assert app.screen.query_one("#name", Input).value == "Zoe Quinn"
            await pilot.press("escape", "y")  # typed text: Escape asks, y discards it
            assert isinstance(app.screen, BoardScreen)
        assert [lead.name for lead in store.find(search="Zoe")] == []
        assert len(board(app).actions.history) == 0
    store.close()


async def test_an_edit_under_a_lock_keeps_what_was_typed_and_saves_after(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path) as lock:
            await pilot.press("e", "end", *" Jr", "f2")
            await wait_until(pilot, lambda: "locked" in error_line(app))
            assert app.screen.query_one("#name", Input).value == "Ana Ruiz Jr"
            assert store.get(ids["Ana Ruiz"]).name == "Ana Ruiz"
            lock.release()
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert store.get(ids["Ana Ruiz"]).name == "Ana Ruiz Jr"
    store.close()


async def test_a_lost_reason_survives_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path) as lock:
            await pilot.press("x", *"budget", "enter")
            assert isinstance(app.screen, ReasonScreen)
            await wait_until(pilot, lambda: "Enter tries again" in error_line(app))
            assert app.screen.query_one("#reason", Input).value == "budget"
            lock.release()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        ana = store.get(ids["Ana Ruiz"])
        assert (ana.status, ana.lost_reason) == (Status.LOST, "budget")
    store.close()


async def test_a_move_under_a_lock_changes_nothing_and_the_same_key_moves_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    chloe = ids["Chloé Martin"]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        assert selected_name(app) == "Chloé Martin"
        with LockHolder(path) as lock:
            await pilot.press("right_square_bracket")
            assert WAITING in status_line(app)
            await wait_until(pilot, lambda: not app.writes.waiting)
            assert any("Not saved" in n and "Press ] to try again" in n for n in notes_of(app))
            assert WAITING not in status_line(app)
            assert store.get(chloe).temperature is Temperature.WARM
            assert len(board(app).actions.history) == 0
            lock.release()
        await pilot.press("right_square_bracket")
        assert store.get(chloe).temperature is Temperature.HOT
        assert selected_name(app) == "Chloé Martin"
        assert len(board(app).actions.history) == 1
    store.close()


async def test_cursor_keys_move_while_a_write_waits_and_it_lands_after(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, 5000)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        with LockHolder(path) as lock:
            await pilot.press("right_square_bracket")
            assert app.writes.waiting
            await pilot.press("j")  # the board is live: the cursor moves at once
            assert selected_name(app) == "Dmitri Volkov"
            await pilot.press("l", "h")
            assert selected_name(app) == "Dmitri Volkov"
            assert app.writes.waiting
            lock.release()
            await wait_until(pilot, lambda: not app.writes.waiting)
        # Chloé moved once; the cursor stayed where the rep put it while waiting.
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.HOT
        assert selected_name(app) == "Dmitri Volkov"
        assert len(board(app).actions.history) == 1
    store.close()


async def test_keys_behind_a_waiting_move_run_in_order_after_it(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, 5000)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        with LockHolder(path) as lock:
            await pilot.press("right_square_bracket", "right_square_bracket", "u")
            assert store.get(ids["Chloé Martin"]).temperature is Temperature.WARM
            lock.release()
            await wait_until(pilot, lambda: not app.writes.waiting)
            await pilot.pause()
        # As typed slowly: hotter, "already hot", then the move undone.
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.WARM
        assert any("already hot" in note for note in notes_of(app))
        assert len(board(app).actions.history) == 0
    store.close()


async def test_keys_behind_a_move_that_could_not_land_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket")  # Ana to warm, before the lock
        with LockHolder(path):
            await pilot.press("right_square_bracket", "u")
            await wait_until(pilot, lambda: not app.writes.waiting)
        # The u was meant for a move that did not happen: Ana's own move stays.
        assert store.get(ids["Ana Ruiz"]).temperature is Temperature.WARM
        assert any("1 key typed while waiting was not applied" in n for n in notes_of(app))
        assert len(board(app).actions.history) == 1
    store.close()


async def test_undo_under_a_lock_can_be_pressed_again(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    ana = ids["Ana Ruiz"]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket")
        assert store.get(ana).temperature is Temperature.WARM
        with LockHolder(path):
            await pilot.press("u")
            await wait_until(pilot, lambda: not app.writes.waiting)
            assert any("press u to try again" in note for note in notes_of(app))
        assert store.get(ana).temperature is Temperature.WARM
        await pilot.press("u")
        assert store.get(ana).temperature is Temperature.HOT
        await pilot.press("u")
        assert notes_of(app)[-1] == "Nothing to undo"
    store.close()


async def test_a_session_key_under_a_lock_stays_on_the_lead(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS, session=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        with LockHolder(path) as lock:
            await pilot.press("1")
            assert WAITING in str(screen.query_one("#session-status", Label).render())
            await wait_until(pilot, lambda: not app.writes.waiting)
            assert any("Press 1 to try again" in note for note in notes_of(app))
            lead = screen.flow.current_lead()
            assert lead is not None and lead.name == "Ana Ruiz"
            assert len(store.contacts(ids["Ana Ruiz"])) == 1
            lock.release()
        await pilot.press("1")
        lead = screen.flow.current_lead()
        assert lead is not None and lead.name == "Chloé Martin"  # today's queue: Ana, Chloé, ...
        assert len(store.contacts(ids["Ana Ruiz"])) == 2
    store.close()


async def test_a_burst_into_a_just_pushed_dialog_lands_in_it(tmp_path: Path) -> None:
    app, store, ids = contended_app(tmp_path / "b.db", SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        burst(app, "c", "tab", *"typed ahead", "f2", "j")
        await wait_until(pilot, lambda: selected_name(app) == "Ben Okafor")
        assert notes_for(store, ids["Ana Ruiz"]) == ["typed ahead", ""]
        assert isinstance(app.screen, BoardScreen)
    store.close()


async def test_a_burst_of_column_keys_moves_one_column_each(tmp_path: Path) -> None:
    app, store, _ = contended_app(tmp_path / "b.db", SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        burst(app, "h", "h", "h")
        await wait_until(pilot, lambda: board(app).current.temperature is Temperature.COLD)
        await pilot.pause()
        assert board(app).current.temperature is Temperature.COLD
    store.close()


async def test_a_burst_of_moves_and_undo_is_as_typed_slowly(tmp_path: Path) -> None:
    app, store, ids = contended_app(tmp_path / "b.db", SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        burst(app, "h", "right_square_bracket", "right_square_bracket", "u", "j")
        await wait_until(pilot, lambda: "already hot" in " ".join(notes_of(app)))
        await pilot.pause()
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.WARM
        assert len(board(app).actions.history) == 0
        # After the undo the cursor followed Chloé back to warm; j went on from there.
        assert selected_name(app) == "Dmitri Volkov"
    store.close()


@pytest.mark.parametrize("second", ["e", "a", "c"])
async def test_quit_then_a_dialog_key_in_one_burst_quits_cleanly(
    tmp_path: Path, second: str
) -> None:
    app, store, _ = contended_app(tmp_path / "b.db", SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        burst(app, "q", second)
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    store.close()


async def test_keys_typed_while_a_save_waits_go_on_after_it_lands(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, 5000)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path) as lock:
            await pilot.press("c", "tab", *"later", "f2")
            dialog = app.screen
            assert isinstance(dialog, LogContactScreen) and WAITING in error_line(app)
            await pilot.press("x")  # typed after F2: it must not land in the note
            assert dialog.query_one("#note", Input).value == "later"
            lock.release()
            # Pushed is not yet mounted: wait for the question itself.
            await wait_until(
                pilot,
                lambda: (
                    isinstance(app.screen, ReasonScreen) and bool(app.screen.query("#question"))
                ),
            )
        # The save landed, the dialog closed, then x reached the board: "why was Ana lost?",
        # just as it would have, typed slowly.
        assert notes_for(store, ids["Ana Ruiz"]) == ["later", ""]
        assert "Ana Ruiz" in str(app.screen.query_one("#question").render())
    store.close()


async def test_won_under_a_lock_names_its_key(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path):
            await pilot.press("w", "y")
            await wait_until(pilot, lambda: not app.writes.waiting)
            assert any("Press w to try again" in note for note in notes_of(app))
        assert store.get(ids["Ana Ruiz"]).status is Status.ACTIVE
        await pilot.press("w", "y")
        assert store.get(ids["Ana Ruiz"]).status is Status.WON
    store.close()


async def test_the_session_log_dialog_keeps_its_note_under_a_lock(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = contended_app(path, SHORT_MS, session=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        with LockHolder(path) as lock:
            await pilot.press("c", "tab", *"voicemail", "f2")
            await wait_until(pilot, lambda: "locked" in error_line(app))
            assert app.screen.query_one("#note", Input).value == "voicemail"
            lock.release()
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert notes_for(store, ids["Ana Ruiz"]) == ["voicemail", ""]
        session = app.screen
        assert isinstance(session, SessionScreen)
        lead = session.flow.current_lead()
        assert lead is not None and lead.name == "Chloé Martin"
    store.close()
