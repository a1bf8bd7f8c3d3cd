"""`s` asks the session's size first: all due, hot only, hot and warm, or the N most urgent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from leadboard.actions.session import queue_horizon
from leadboard.config import Config
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.domain.session_scope import SessionScope
from leadboard.store.leads import LeadStore
from leadboard.store.schema import SessionRow
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.session_scope import SessionScopeScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.screens.session_summary import SessionSummaryScreen, summary_body
from leadboard.ui.widgets.forms import ErrorLine
from tests.conftest import NOW
from tests.ui.board_fixtures import open_store, seed, settle

HORIZON = queue_horizon(NOW, "UTC", week=False)
HOT_DUE = ["Ana Ruiz", "Hot One", "Hot Two", "Hot Three"]
"""The hot leads due today, in urgency order (Ana is two days overdue, the rest due now)."""


def scoped_app(tmp_path: Path, **session: object) -> tuple[LeadboardApp, LeadStore]:
    """The seeded board plus three new hot leads (due now): 4 hot, 1 warm, 1 cool, 1 cold due."""
    store = open_store(tmp_path / "scope.db")
    seed(store)
    for name in HOT_DUE[1:]:
        store.add(LeadDraft(name=name, temperature=Temperature.HOT), NOW)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, **session)  # type: ignore[arg-type]
    return app, store


def queued(app: LeadboardApp, store: LeadStore) -> list[str]:
    """The names the session on screen queued, in order."""
    screen = app.screen
    assert isinstance(screen, SessionScreen), screen
    return [store.get(lead_id).name for lead_id in screen.flow.queue.lead_ids]


def dialog_text(app: LeadboardApp) -> str:
    """Every line the chooser shows."""
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


def summary_text(app: LeadboardApp) -> str:
    """The summary's figures as plain text."""
    screen = app.screen
    assert isinstance(screen, SessionSummaryScreen), screen
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(summary_body(screen.summary))
    return console.export_text()


async def test_s_h_in_a_burst_queues_only_the_hot_leads(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "h")
        await settle(pilot, app)
        assert queued(app, store) == HOT_DUE
    store.close()


async def test_s_w_queues_hot_and_warm(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "w")
        await settle(pilot, app)
        assert queued(app, store) == [*HOT_DUE, "Chloé Martin"]
    store.close()


@pytest.mark.parametrize("key", ["a", "enter"])
async def test_a_or_enter_queues_every_due_lead(tmp_path: Path, key: str) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", key)
        await settle(pilot, app)
        assert queued(app, store) == [*HOT_DUE, "Chloé Martin", "山田 太郎", "Eve Adams"]
        assert len(queued(app, store)) == sum(store.count_due(HORIZON).values())
    store.close()


async def test_s_n_5_enter_queues_the_five_most_urgent(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "n", "5", "enter")
        await settle(pilot, app)
        # Past the four hot leads into the warm column: the urgency order, cut at five.
        assert queued(app, store) == [*HOT_DUE, "Chloé Martin"]
    store.close()


async def test_n_then_enter_alone_takes_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("leadboard.ui.dialogs.session_scope.DEFAULT_LIMIT", 3)
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "n")
        await settle(pilot, app)
        assert app.screen.query_one("#limit", Input).placeholder == "3"
        await pilot.press("enter")
        await settle(pilot, app)
        assert queued(app, store) == HOT_DUE[:3]
    store.close()


async def test_the_chooser_shows_what_each_choice_takes(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot, app)
        assert isinstance(app.screen, SessionScopeScreen)
        text = dialog_text(app)
        for line in ("a  all due (7)", "h  hot only (4)", "w  hot and warm (5)", "n  the N most"):
            assert line in text, text
    store.close()


async def test_escape_cancels_and_starts_nothing(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "escape")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("s", "n", "escape")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
    with store.db.bind_ctx([SessionRow]):
        assert SessionRow.select().count() == 0
    store.close()


async def test_a_limit_below_one_is_refused_in_the_box(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "n", "0", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SessionScopeScreen)
        error = app.screen.query_one(ErrorLine)
        assert error.display
        assert str(error.render()) == "the number of leads must be 1 or more, not 0"
        # The letters are not choices while the box is open; the box takes a number again.
        await pilot.press("h", "backspace", "2", "enter")
        await settle(pilot, app)
        assert queued(app, store) == HOT_DUE[:2]
    store.close()


async def test_keys_after_the_choice_reach_the_session(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "h", "1")  # no answer on Ana, typed in one burst
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        current = screen.flow.current_lead()
        assert current is not None and current.name == "Hot One"
        assert sum(screen.flow.tally.contacts.values()) == 1
    store.close()


async def test_the_summary_says_what_was_left_for_next_time(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "h", *"1111")  # every hot lead: no answer, due again tomorrow
        await settle(pilot, app)
        assert isinstance(app.screen, SessionSummaryScreen)
        summary = app.screen.summary
        assert summary.queued == 4 and summary.seen == 4
        assert summary.left == {
            Temperature.HOT: 0,
            Temperature.WARM: 1,
            Temperature.COOL: 1,
            Temperature.COLD: 1,
        }
        assert "Left for next time: 3 due leads (1 warm, 1 cool, 1 cold)" in summary_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
    store.close()


async def test_leadboard_session_with_a_scope_starts_at_once(tmp_path: Path) -> None:
    app, store = scoped_app(tmp_path, session=True, scope=SessionScope(Temperature.HOT, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await settle(pilot, app)
        assert queued(app, store) == HOT_DUE[:2]  # no chooser: the flags chose
        await pilot.press("q")
        await settle(pilot, app)
        assert "Left for next time: 7 due leads (4 hot, 1 warm, 1 cool, 1 cold)" in summary_text(
            app
        )
    store.close()
