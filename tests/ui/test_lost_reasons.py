"""The lost-reason dialog offers the rep's past reasons with counts; the stats count them.

Keys go in one burst (no pause between them): the reasons are read on a thread, and the
keys typed meanwhile must land exactly as if typed slowly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from leadboard.config import Config
from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.confirm import ReasonScreen
from leadboard.ui.dialogs.lost_reason import PastReasons, matching
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.screens.stats import StatsScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, open_store, seed, settle
from tests.ui.test_board import board, screen_text, selected_id

PAST = [
    ("price", 2),
    ("Price", 1),
    ("timing", 2),
    ("went with a competitor", 1),
    ("[b]price[/b]", 1),
]
"""(reason, how many leads were lost for it) before each test."""


def lose_some(store: LeadStore) -> None:
    """Leads lost for the PAST reasons (off the board), and a revived one that counts for none."""
    n = 0
    for reason, count in PAST:
        for _ in range(count):
            n += 1
            lead = store.add(LeadDraft(name=f"Gone {n}", temperature=Temperature.COLD), NOW)
            assert lead.id is not None
            store.set_status(lead.id, Status.LOST, NOW, reason)
    back = store.add(LeadDraft(name="Back again", temperature=Temperature.COLD), NOW)
    assert back.id is not None
    store.set_status(back.id, Status.LOST, NOW, "old reason")
    store.set_status(back.id, Status.ACTIVE, NOW)


def offered(app: LeadboardApp) -> list[str]:
    """The past reasons the open dialog shows, as plain text."""
    picker = app.screen.query_one(PastReasons)
    return [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]


async def until(pilot: Pilot[None], app: LeadboardApp, done: Callable[[], bool]) -> None:
    """Let held keys and writes go on until `done` (the reasons are read on a thread)."""
    for _ in range(500):
        if done():
            break
        await pilot.pause(0.01)
    await settle(pilot, app)
    assert done()


def on_board(app: LeadboardApp) -> bool:
    """The dialog has closed and nothing waits: the keys have all landed."""
    return not isinstance(app.screen, ReasonScreen) and not app._typed


def reasons_read(app: LeadboardApp) -> bool:
    """The reason dialog is up with its past reasons read and every key handed on."""
    screen = app.screen
    return isinstance(screen, ReasonScreen) and not screen.loading and not app._typed


async def _lose_with(tmp_path: Path, *keys: str) -> tuple[LeadStore, int, LeadboardApp]:
    """Press x and `keys` in one burst on the board; return the store and the lead's id."""
    app, store, _ = make_app(tmp_path / "b.db")
    lose_some(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lead_id = selected_id(app)
        assert lead_id is not None
        await pilot.press("x", *keys)
        await until(pilot, app, lambda: on_board(app))
    return store, lead_id, app


async def test_typing_narrows_and_down_enter_takes_the_past_reason(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, *"pri", "down", "enter")
    lead = store.get(lead_id)
    # "price" twice and "Price" once are one reason, in the spelling used most.
    assert lead.status is Status.LOST and lead.lost_reason == "price"


async def test_down_twice_takes_the_second_reason(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, "down", "down", "enter")
    assert store.get(lead_id).lost_reason == "timing"


async def test_a_word_inside_a_reason_matches(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, *"COMP", "down", "enter")
    assert store.get(lead_id).lost_reason == "went with a competitor"


async def test_enter_without_a_highlight_takes_the_typed_text(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, *"pri", "enter")
    assert store.get(lead_id).lost_reason == "pri"
    store, lead_id, _ = await _lose_with(tmp_path / "2", *"budget cut", "down", "enter")
    assert store.get(lead_id).lost_reason == "budget cut"  # matches none: down did nothing


async def test_up_from_the_first_reason_goes_back_to_the_typed_text(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, *"tim", "down", "up", "enter")
    assert store.get(lead_id).lost_reason == "tim"


async def test_typing_after_a_pick_narrows_again_and_drops_the_pick(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, "down", *"went", "enter")
    assert store.get(lead_id).lost_reason == "went"


async def test_escape_cancels_with_a_reason_highlighted(tmp_path: Path) -> None:
    store, lead_id, _ = await _lose_with(tmp_path, *"pri", "down", "escape")
    lead = store.get(lead_id)
    assert lead.status is Status.ACTIVE and lead.lost_reason == ""


async def test_past_reasons_show_with_counts_literally(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    lose_some(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await until(pilot, app, lambda: reasons_read(app))
        assert offered(app) == [
            "price · 3",
            "timing · 2",
            "[b]price[/b] · 1",
            "went with a competitor · 1",
        ]
        text = screen_text(app)
        assert "[b]price[/b] · 1" in text  # brackets as typed, not bold markup
        assert "old reason" not in text  # a revived lead's reason is not offered
        assert "↑↓ picks a past reason" in text
        await pilot.press(*"PRI")
        await settle(pilot, app)
        assert offered(app) == ["price · 3"]
        await pilot.press(*"zz")
        await settle(pilot, app)
        assert offered(app) == []
        assert not app.screen.query_one(PastReasons).display
        await pilot.press("escape")
        await until(pilot, app, lambda: on_board(app))
        # Shown again (a kept dialog): empty input, every reason, one more after a loss.
        assert app.screen is board(app)
        await pilot.press("x", *"timing", "enter", "j", "x")
        await until(pilot, app, lambda: reasons_read(app))
        assert app.screen.query_one("#reason", Input).value == ""
        assert offered(app)[:2] == ["price · 3", "timing · 3"]


async def test_a_file_with_no_lost_leads_offers_nothing(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lead_id = selected_id(app)
        assert lead_id is not None
        await pilot.press("x", "down", *"late", "enter")
        await until(pilot, app, lambda: on_board(app))
    assert store.get(lead_id).lost_reason == "late"


async def test_session_x_offers_the_past_reasons_too(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    seed(store)
    lose_some(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        lead = session.flow.current_lead()
        assert lead is not None and lead.id is not None
        await pilot.press("x", *"tim", "down", "enter")
        await until(pilot, app, lambda: on_board(app) and app.screen is session)
    assert store.get(lead.id).lost_reason == "timing"


def test_matching_takes_a_start_or_a_word_start_in_any_case() -> None:
    reasons = [("Went with a competitor", 3), ("price", 2), ("no budget", 1)]
    assert matching(reasons, "") == reasons
    assert matching(reasons, "  ") == reasons
    assert matching(reasons, "with A") == [("Went with a competitor", 3)]
    assert matching(reasons, "b") == [("no budget", 1)]
    assert matching(reasons, "et") == []  # inside a word is no match


async def test_the_stats_screen_lists_lost_reasons_by_count(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    lose_some(store)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        for _ in range(200):
            if isinstance(app.screen, StatsScreen):
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
    assert "Lost reasons" in text
    lines = [line for line in text.splitlines() if "price" in line or "timing" in line]
    assert any("price" in line and "3" in line and "[b]" not in line for line in lines)
    assert any("[b]price[/b]" in line for line in lines)
    assert "old reason" not in text
    order = [text.index(word) for word in ("price", "timing", "went with a competitor")]
    assert order == sorted(order)
