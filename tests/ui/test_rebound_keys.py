"""A rep's own keys through Pilot: the new key works in a burst, the old one is gone.

The key bar, the session's legend and the help say the new key.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from leadboard.config import ConfigError, load_config
from leadboard.domain.model import Outcome, Temperature
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.help import HelpScreen
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.widgets.board.key_bar import KeyBar
from tests.conftest import NOW
from tests.ui.board_fixtures import open_store, seed, settle

REBOUND = '[keys]\nlog_contact = "l"\ncolumn_right = "right,semicolon"\n'
"""`l` logs a touch; column right moves to `;` (it had `l`: kept there, the clash refuses)."""


def app_with(tmp_path: Path, keys: str, *, session: bool = False) -> LeadboardApp:
    """A seeded board (or a session) started with this [keys] table in its config file."""
    path = tmp_path / "config.toml"
    path.write_text(keys, encoding="utf-8")
    config = load_config(path)
    store = open_store(tmp_path / "b.db", config)
    seed(store)
    return LeadboardApp(store, config, clock=lambda: NOW, session=session, week=True)


def plain(content: object) -> str:
    """A Static's text without its styles."""
    return content.plain if isinstance(content, Text | Content) else str(content)


def focused(board: BoardScreen) -> Temperature:
    """The focused column's temperature (read anew each time: it changes under the keys)."""
    return board.current.temperature


def test_every_board_and_session_key_has_a_name_of_its_screen() -> None:
    for screen, prefix in ((BoardScreen, "board."), (SessionScreen, "session.")):
        ids = [b.id for b in screen.BINDINGS if isinstance(b, Binding)]
        assert len(ids) == len(screen.BINDINGS)
        assert all(i is not None and i.startswith(prefix) for i in ids), ids
        assert len(set(ids)) == len(ids)


async def test_a_rebound_board_key_works_in_a_burst_and_the_old_one_is_gone(
    tmp_path: Path,
) -> None:
    app = app_with(tmp_path, REBOUND)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert focused(board) is Temperature.HOT
        # h: warm; ; (column right now): hot again; l: log the hot lead under the cursor.
        await pilot.press("h", "semicolon", "l")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        assert dialog.lead.name == "Ana Ruiz"
        # Back on the board, warm: `c` logs no more.
        await pilot.press("escape", "h", "c")
        await settle(pilot, app)
        back = app.screen is board  # (a bare `is` in assert narrows the type)
        assert back
        assert focused(board) is Temperature.WARM
        # `l` no longer moves right: it logs the warm lead.
        await pilot.press("l")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        assert dialog.lead.name == "Chloé Martin"
        await pilot.press("escape", "right")
        await settle(pilot, app)
        assert focused(board) is Temperature.HOT  # → is kept beside ;


async def test_the_key_bar_and_the_help_show_the_reps_keys(tmp_path: Path) -> None:
    app = app_with(tmp_path, REBOUND + '"board.filter" = "f"\nundo = "ctrl+z"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = plain(app.screen.query_one(KeyBar).content)
        assert " l Log " in bar
        assert " f Filter " in bar
        assert " ctrl+z Undo " in bar
        assert " c Log" not in bar and "/ Filter" not in bar
        await pilot.press("question_mark")
        await settle(pilot, app)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = dict((words, key) for key, words in help_screen.keys)
        assert keys["Log"] == "l"
        assert keys["Column right"] == "→ / ;"
        assert keys["Column left"] == "← / h"  # kept as it was
        assert keys["Filter"] == "f"


async def test_a_board_without_keys_shows_the_shipped_ones(tmp_path: Path) -> None:
    app = app_with(tmp_path, 'name = "Ann"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = plain(app.screen.query_one(KeyBar).content)
        assert " c Log " in bar and " / Filter " in bar and " ? Help " in bar


async def test_rebound_session_keys_work_and_the_legend_says_them(tmp_path: Path) -> None:
    app = app_with(
        tmp_path, '[keys]\nskip = "s"\nno_answer = "0"\n"session.help" = "h"\n', session=True
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        session = app.screen
        assert isinstance(session, SessionScreen)
        first = session.flow.current_lead()
        assert first is not None and first.id is not None
        # 0: no answer on the first lead; s: skip the second; n (skip before) does nothing.
        await pilot.press("0", "s", "n")
        await settle(pilot, app)
        assert session.flow.queue.progress[0] == 2
        contacts = session.flow.store.contacts(first.id, limit=1)
        assert contacts[0].outcome is Outcome.NO_ANSWER
        legend = plain(session.query_one("#session-keys", Static).content)
        assert " 0 no answer " in legend
        assert " s skip " in legend and " n skip " not in legend
        assert " h keys" in legend
        assert " 2 left message " in legend  # kept as it was
        await pilot.press("h")
        await settle(pilot, app)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = dict((words, key) for key, words in help_screen.keys)
        assert keys["Skip"] == "s"
        assert keys["No answer"] == "0"


@pytest.mark.parametrize("session", [False, True], ids=["board", "session"])
def test_a_clash_refuses_the_start_with_the_line(tmp_path: Path, session: bool) -> None:
    with pytest.raises(ConfigError) as refused:
        app_with(tmp_path, '[keys]\nlog_contact = "l"\n', session=session)
    assert str(refused.value) == (
        f"{tmp_path / 'config.toml'} line 2: log_contact and column_right would both be 'l' "
        "on the board; give one of them another key in [keys]"
    )


async def test_the_board_s_messages_name_the_reps_keys(tmp_path: Path) -> None:
    app = app_with(tmp_path, '[keys]\nundo = "ctrl+z"\n"board.revive" = "R"\n')
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w", "y")  # mark won, confirmed
        await settle(pilot, app)
        await pilot.press("v", "c")  # the closed view refuses a log, naming the keys
        await pilot.pause()
        told = [str(note.message) for note in app._notifications]
        assert any(message.endswith("marked won (ctrl+z to undo)") for message in told), told
        assert "press R to revive it or v for active leads" in told[-1], told
