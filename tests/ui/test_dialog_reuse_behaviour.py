"""Dialogs built once and shown again (ui/dialogs/reuse.py) open as new, for the lead at hand.

Keys typed right after the opening key land in the dialog.

Keys are pressed in bursts, without pauses, as a fast rep or a paste over SSH sends them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from leadboard.domain.model import Lead, Outcome, Status
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs import reuse
from leadboard.ui.dialogs.confirm import ConfirmScreen, ReasonScreen
from leadboard.ui.dialogs.lead_form import LeadFormScreen
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.lead_detail import LeadDetailScreen
from tests.ui.board_fixtures import make_app, settle

SIZE = (160, 45)


def selected(app: LeadboardApp) -> Lead:
    """The lead under the board's cursor."""
    board = app.screen_stack[0]
    assert isinstance(board, BoardScreen)
    lead = board.selected
    assert lead is not None and lead.id is not None
    return lead


def stored(store: LeadStore, lead: Lead) -> Lead:
    """The lead as stored now."""
    assert lead.id is not None
    found = store.get(lead.id)
    assert found is not None
    return found


def text(screen: object, selector: str) -> str:
    """What a Static shows, as plain text."""
    assert hasattr(screen, "query_one")
    return str(screen.query_one(selector, Static).render())


async def test_the_log_dialog_shown_again_is_new_for_the_next_lead(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = selected(app)
        await pilot.press("c", "enter", "o", "b", "enter", "tab", *"half typed")
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        assert dialog.query_one("#note", Input).value == "half typed"
        assert dialog.query_one("#outcome", Select).value is Outcome.OBJECTION
        await pilot.press("escape", "y")  # discard what was typed
        await pilot.press("j")
        second = selected(app)
        assert second.id != first.id
        await pilot.press("c")
        assert app.screen is dialog  # the same dialog, shown again, as new
        assert isinstance(dialog, LogContactScreen)
        assert dialog.lead.id == second.id
        assert second.name in str(dialog.query_one("#dialog").border_title)
        assert dialog.query_one("#outcome", Select).value is Outcome.NO_ANSWER
        assert dialog.query_one("#note", Input).value == ""
        assert dialog.query_one("#next-step", Input).value == second.next_step
        assert dialog.focused is dialog.query_one("#outcome", Select)
        # Nothing typed: Escape closes at once. Then the opening and keys typed at once.
        await pilot.press("escape", "c", "tab", *"called back")
        assert app.screen is dialog
        assert dialog.query_one("#note", Input).value == "called back"
        await pilot.press("f2")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert second.id is not None and first.id is not None
        assert store.contacts(second.id)[0].note == "called back"
        assert store.contacts(first.id)[0].note == ""  # the seeded contact only


async def test_the_lead_form_shown_again_keeps_nothing_of_the_last_one(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Zed", "tab", *"Zed Co")
        form = app.screen
        assert isinstance(form, LeadFormScreen)
        assert form.query_one("#name", Input).value == "Zed"
        assert form.query_one("#company", Input).value == "Zed Co"
        await pilot.press("escape", "y")
        lead = selected(app)
        await pilot.press("e")
        assert app.screen is form
        assert isinstance(form, LeadFormScreen)
        assert form.lead is not None and form.lead.id == lead.id
        assert form.query_one("#name", Input).value == lead.name
        assert form.query_one("#company", Input).value == lead.company
        assert form.query_one("#temperature", Select).value is lead.temperature
        assert form.query_one("#notes", TextArea).text == ""
        assert "Edit lead" in str(form.query_one("#dialog").border_title)
        await pilot.press("escape")  # nothing changed: closes at once
        assert isinstance(app.screen, BoardScreen)
        # Add again, typed straight after `a`: an empty form, the name typed lands in it.
        await pilot.press("a", *"Yara Ng", "f2")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        names = [found.name for found in store.find()]
        assert "Yara Ng" in names  # typed into the form shown again, and added
        assert "Zed" not in names  # the discarded one


async def test_the_reason_and_yes_no_questions_shown_again_ask_about_the_next_lead(
    tmp_path: Path,
) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = selected(app)
        await pilot.press("x", *"too dear")
        reason = app.screen
        assert isinstance(reason, ReasonScreen)
        assert first.name in text(reason, "#question")
        await pilot.press("enter")
        await settle(pilot, app)
        assert stored(store, first).status is Status.LOST
        assert stored(store, first).lost_reason == "too dear"
        second = selected(app)
        await pilot.press("x", *"timing")
        assert app.screen is reason
        assert second.name in text(reason, "#question")
        assert reason.query_one("#reason", Input).value == "timing"
        await pilot.press("escape")
        assert stored(store, second).status is Status.ACTIVE
        # Won, then inactive: the same yes-or-no dialog, each with its own question.
        await pilot.press("w")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "won" in text(confirm, "#question")
        await pilot.press("n", "i")
        assert app.screen is confirm
        assert "inactive" in text(confirm, "#question")
        assert stored(store, second).status is Status.ACTIVE
        await pilot.press("y")
        await settle(pilot, app)
        assert stored(store, second).status is Status.INACTIVE


async def test_the_detail_shown_again_shows_the_next_lead_from_the_top(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = selected(app)
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, LeadDetailScreen)
        assert first.name in text(detail, "#title")
        await pilot.press("escape", "j", "enter")
        second = selected(app)
        assert app.screen is detail
        assert second.name in text(detail, "#title")
        assert first.name not in text(detail, "#title")
        await pilot.press("escape", "j")
        assert isinstance(app.screen, BoardScreen)


async def test_after_the_stylesheets_are_read_ahead_keys_right_after_the_opening_key_land(
    tmp_path: Path,
) -> None:
    app, _, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        waited = 0.0
        log_css = str(LogContactScreen.CSS_PATH[-1])
        while not app.stylesheet.has_source(log_css, "") and waited < 10:
            await pilot.pause(0.05)
            waited += 0.05
        assert app.stylesheet.has_source(log_css, "")  # read ahead, before any dialog opened
        assert not reuse._shelf(app)  # and no dialog built ahead
        lead = selected(app)
        await pilot.press("c", "tab", *"first open")
        assert isinstance(app.screen, LogContactScreen)
        assert app.screen.lead.id == lead.id
        assert app.screen.query_one("#note", Input).value == "first open"
        await pilot.press("escape", "y", "a", *"Quinn")
        assert isinstance(app.screen, LeadFormScreen)
        assert app.screen.query_one("#name", Input).value == "Quinn"
        # A new lead starts in the column the cursor is in.
        assert app.screen.query_one("#temperature", Select).value is lead.temperature


async def test_a_question_asked_over_another_question_gets_its_own_dialog(
    tmp_path: Path,
) -> None:
    app, _, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kept = reuse.reused(
            app, ConfirmScreen, lambda: ConfirmScreen("first?"), lambda s: s.prepare("first?")
        )
        app.push_screen(kept)
        await pilot.pause()
        other = reuse.reused(
            app, ConfirmScreen, lambda: ConfirmScreen("second?"), lambda s: s.prepare("second?")
        )
        assert other is not kept
        assert kept.question == "first?"
        app.push_screen(other)
        await pilot.pause()
        assert "second?" in text(other, "#question")
        await pilot.press("n")
        assert app.screen is kept
        assert "first?" in text(kept, "#question")


@pytest.mark.parametrize("seconds", [0.5, 0.55, 0.6, 0.7, 0.8, 1.0])
async def test_quitting_while_dialogs_are_built_ahead_is_clean(
    tmp_path: Path, seconds: float
) -> None:
    # Found by the screenshot script: a dialog built ahead mounted after the app had
    # begun to close, and filling its fields raised ScreenStackError. The app is run as
    # leadboard runs it (not run_test, whose teardown differs) and quit mid-way.
    app, store, _ = make_app(tmp_path / "b.db")

    async def quit_later(pilot: Pilot[object]) -> None:
        await pilot.pause(seconds)
        app.exit()

    await app.run_async(headless=True, size=(80, 24), auto_pilot=quit_later)
    assert app.return_code == 0
    assert app._exception is None
    store.close()


async def test_the_help_shown_again_starts_at_the_top_with_the_screens_own_keys(
    tmp_path: Path,
) -> None:
    from rich.table import Table

    from leadboard.ui.dialogs.help import HelpScreen

    app, _, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark", "pagedown")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        board_keys = list(help_screen.keys)
        assert help_screen.query_one("#keys").scroll_y > 0
        await pilot.press("escape", "question_mark")
        reopened = app.screen is help_screen  # (a bare `is` in assert narrows the type)
        assert reopened  # kept, not built again
        assert help_screen.query_one("#keys").scroll_y == 0
        assert help_screen.keys == board_keys
        await pilot.press("escape", "s", "a")
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        reopened = app.screen is help_screen
        assert reopened
        assert help_screen.keys != board_keys  # the session's keys now
        shown = help_screen.query_one("#table", Static).content
        assert isinstance(shown, Table)
        described = [str(cell) for cell in shown.columns[1].cells]
        assert described == [description for _, description in help_screen.keys]
