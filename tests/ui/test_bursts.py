"""Keys in a burst (as SSH delivers them) do exactly what the same keys typed slowly do.

Each case is typed twice on fresh copies of one board: once key by key with the app idle in
between, once in one burst with no pause at all. The screen, the focus, every field and the
stored leads must come out the same, on the seeded board at 80x24 and on demo data at 160x45.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from leadboard.actions.demo import fill_demo
from leadboard.config import Config
from leadboard.domain.model import Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.widgets.board.lead_column import LeadColumn
from tests.conftest import NOW
from tests.ui.board_fixtures import open_store, seed, settle
from tests.ui.contention import burst, wait_until

SEEDED = ("seeded", (80, 24))
DEMO = ("demo", (160, 45))


@dataclass(frozen=True)
class Board:
    """A board file to copy for each run, and the terminal size to run it at."""

    path: Path
    size: tuple[int, int]


_BOARDS: dict[str, Path] = {}
"""Boards made once per test run, copied for every test that types on them."""


def make_board(tmp_path: Path, kind: str, size: tuple[int, int]) -> Board:
    """The seeded eight leads, or 300 demo leads (several screens per column)."""
    made = _BOARDS.get(kind)
    if made is None or not made.exists():
        made = tmp_path / f"{kind}-template.db"
        store = open_store(made)
        if kind == "seeded":
            seed(store)
        else:
            fill_demo(store, 300, NOW)
        store.close()
        _BOARDS[kind] = made
    path = tmp_path / f"{kind}.db"
    shutil.copy(made, path)
    return Board(path, size)


@dataclass(frozen=True)
class Outcome:
    """Everything a key can change: what is on screen, where focus is, what is stored."""

    running: bool
    screen: str
    focused: str
    cursor: tuple[str, int, int | None] | None
    fields: dict[str, str]
    filter_shown: bool
    leads: list[tuple[int, str, str, str, int]]


def outcome_of(app: LeadboardApp, store: LeadStore) -> Outcome:
    """The app's state after the keys (or only the store's when it has quit)."""
    leads = [
        (lead.id or 0, lead.temperature.value, lead.status.value, lead.next_step, contacts)
        for lead in store.find()
        for contacts in [len(store.contacts(lead.id or 0))]
    ]
    if not app.is_running:
        return Outcome(False, "", "", None, {}, False, leads)
    focused = app.focused
    cursor = None
    if isinstance(focused, LeadColumn):
        lead = focused.selected_lead
        cursor = (focused.temperature.value, focused.cursor, lead.id if lead else None)
    board = app.screen_stack[0]
    assert isinstance(board, BoardScreen)
    return Outcome(
        running=True,
        screen=type(app.screen).__name__,
        focused="" if focused is None else f"{type(focused).__name__}#{focused.id}",
        cursor=cursor,
        fields={str(box.id): box.value for box in app.screen.query(Input)},
        filter_shown=board.query_one("#filter", Input).display,
        leads=leads,
    )


async def settled(pilot: Pilot[None], app: LeadboardApp, rounds: int = 3) -> None:
    """Wait until every key has been handed on and what it set off has finished."""

    def idle() -> bool:
        return not app.is_running or (not app._typed and not app._settling)

    for _ in range(rounds):
        await wait_until(pilot, idle)
        if not app.is_running:
            return
        await settle(pilot, app)


async def run_keys(board: Board, copy: Path, keys: tuple[str, ...], *, slowly: bool) -> Outcome:
    """Type `keys` on a fresh copy of the board, slowly or in one burst."""
    shutil.copy(board.path, copy)
    config = Config()
    store = open_store(copy, config)
    app = LeadboardApp(store, config, clock=lambda: NOW)
    try:
        async with app.run_test(size=board.size) as pilot:
            await pilot.pause()
            if slowly:
                for key in keys:
                    await pilot.press(key)
                    await settled(pilot, app, rounds=1)
            else:
                burst(app, *keys)
            await settled(pilot, app)
            result = outcome_of(app, store)
        assert app.return_code in (None, 0)
        return result
    finally:
        store.close()


async def as_typed_slowly(tmp_path: Path, board: Board, keys: tuple[str, ...]) -> Outcome:
    """Type the keys both ways; they must agree. Returns the burst's outcome."""
    slow = await run_keys(board, tmp_path / "slow.db", keys, slowly=True)
    fast = await run_keys(board, tmp_path / "fast.db", keys, slowly=False)
    assert fast == slow
    return fast


BURSTS: list[tuple[str, tuple[str, ...]]] = [
    # The reported cases.
    ("log-tabs-and-text", ("c", "tab", *"rang", "tab", "tab", *"fri")),
    ("log-tabs-text-save", ("c", "tab", *"rang", "tab", "tab", *"fri", "f2", "j")),
    ("columns-left-right", ("h", "h", "h", "l", "l", "l")),
    ("cursor-jjjj", ("j", "j", "j", "j", "k")),
    ("columns-llll-from-cold", ("h", "h", "h", "l", "l", "l", "l", "h")),
    ("three-hotter", ("h", "h", "h", "j", *["right_square_bracket"] * 3)),
    ("three-colder", ("left_square_bracket", "left_square_bracket", "left_square_bracket", "j")),
    # Every key that opens a screen, followed at once by more keys.
    ("help-escape-j", ("question_mark", "escape", "j")),
    ("log-escape-log", ("c", "escape", "c")),
    ("log-escape-log-escape-j", ("c", "escape", "c", "escape", "j")),
    ("edit-escape-add", ("e", "escape", "a")),
    ("edit-escape-add-typed", ("e", "escape", "a", *"Zoe", "tab", *"Acme")),
    ("won-no-j", ("w", "n", "j")),
    ("won-yes-j", ("w", "y", "j")),
    ("inactive-no-j", ("i", "n", "j")),
    ("lost-reason-j", ("x", *"price", "enter", "j")),
    ("detail-escape-j", ("enter", "escape", "j")),
    ("detail-log", ("enter", "c", *"hi")),
    ("stats-escape-j", ("S", "escape", "j")),
    ("import-escape-j", ("I", "escape", "j")),
    ("filter-no-match-escape-log", ("slash", *"zzzq", "escape", "c")),
    ("filter-enter-j", ("slash", *"a", "enter", "j", "escape", "j")),
    ("panel-j-enter", ("o", "j", "j", "enter", "j")),
    ("undo-burst", ("right_square_bracket", "j", "u", "j")),
]


@pytest.mark.parametrize(("kind", "size"), [SEEDED, DEMO], ids=["seeded-80x24", "demo-160x45"])
@pytest.mark.parametrize("keys", [keys for _, keys in BURSTS], ids=[name for name, _ in BURSTS])
async def test_a_burst_does_what_the_keys_do_typed_slowly(
    tmp_path: Path, kind: str, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    board = make_board(tmp_path, kind, size)
    outcome = await as_typed_slowly(tmp_path, board, keys)
    assert outcome.running


@pytest.mark.parametrize(
    "second", ["i", "c", "e", "a", "w", "x", "question_mark", "S", "I", "enter", "slash", "o"]
)
async def test_quit_then_any_screen_key_quits_cleanly(tmp_path: Path, second: str) -> None:
    board = make_board(tmp_path, *SEEDED)
    outcome = await run_keys(board, tmp_path / "b.db", ("q", second, "j"), slowly=False)
    assert not outcome.running  # and run_keys checked no error ended it


async def burst_on(
    tmp_path: Path, keys: tuple[str, ...], check: Callable[[LeadboardApp, LeadStore], None]
) -> None:
    """Type `keys` in one burst on the seeded board at 80x24, then run `check`."""
    board = make_board(tmp_path, *SEEDED)
    config = Config()
    store = open_store(board.path, config)
    app = LeadboardApp(store, config, clock=lambda: NOW)
    try:
        async with app.run_test(size=board.size) as pilot:
            await pilot.pause()
            burst(app, *keys)
            await settled(pilot, app)
            check(app, store)
    finally:
        store.close()


def column_of(app: LeadboardApp) -> LeadColumn:
    """The focused column (fails when focus is elsewhere: an invisible cursor)."""
    focused = app.focused
    assert isinstance(focused, LeadColumn)
    return focused


async def test_lll_from_cold_reaches_hot(tmp_path: Path) -> None:
    def check(app: LeadboardApp, _: LeadStore) -> None:
        assert column_of(app).temperature is Temperature.HOT

    await burst_on(tmp_path, ("h", "h", "h", "l", "l", "l"), check)


async def test_every_cursor_press_counts(tmp_path: Path) -> None:
    def check(app: LeadboardApp, _: LeadStore) -> None:
        column = column_of(app)
        assert (column.temperature, column.cursor) == (Temperature.COOL, 1)

    # hot -> cold, three right (one past nothing), one down, two up clamp, one down.
    await burst_on(tmp_path, ("h", "h", "h", "h", "l", "j", "k", "k", "j"), check)


async def test_three_hotter_moves_the_lead_three_times_and_the_cursor_follows(
    tmp_path: Path,
) -> None:
    def check(app: LeadboardApp, store: LeadStore) -> None:
        column = column_of(app)
        lead = column.selected_lead
        assert lead is not None and lead.name == "Eve Adams"
        assert store.get(lead.id or 0).temperature is Temperature.HOT
        assert column.temperature is Temperature.HOT

    await burst_on(tmp_path, ("h", "h", "h", *["right_square_bracket"] * 3), check)


async def test_the_reported_log_burst_fills_the_fields_it_reached(tmp_path: Path) -> None:
    """`c Tab rang Tab Tab fri`: each Tab moves focus before the next letter arrives.

    Reported: the next step became `f` and the due field got `ri`. The Tabs are counted from
    the dialog's own focus order (note, then past the next step to the due date).
    """
    board = make_board(tmp_path, *SEEDED)
    config = Config()
    store = open_store(board.path, config)
    app = LeadboardApp(store, config, clock=lambda: NOW)
    try:
        async with app.run_test(size=board.size) as pilot:
            await pilot.pause()
            await pilot.press("c")
            await settled(pilot, app)
            chain = [widget.id for widget in app.screen.focus_chain]
            start = chain.index(app.focused.id if app.focused else None)
            to_note = chain.index("note") - start
            to_due = chain.index("due") - chain.index("note")
            assert to_note > 0 and to_due == 2  # the next step lies between them
            await pilot.press("escape")
            await settled(pilot, app)
            assert isinstance(app.screen, BoardScreen)
            burst(app, "c", *["tab"] * to_note, *"rang", *["tab"] * to_due, *"fri")
            await settled(pilot, app)
            fields = {str(box.id): box.value for box in app.screen.query(Input)}
            assert fields["note"] == "rang"
            assert fields["next-step"] == "Send the quote for the gala"
            assert fields["due"] == "fri"
            burst(app, "f2")
            await settled(pilot, app)
            # Ana now sorts after Ben: the cursor stayed at the top of the column, on Ben.
            lead = column_of(app).selected_lead
            assert lead is not None and lead.name == "Ben Okafor"
            ana = store.find(search="Ana Ruiz")[0]
            newest = store.contacts(ana.id or 0)[0]
            assert newest.note == "rang"
            assert ana.next_step == "Send the quote for the gala"
    finally:
        store.close()


async def test_escape_after_a_filter_with_no_match_puts_the_cursor_back(tmp_path: Path) -> None:
    def check(app: LeadboardApp, store: LeadStore) -> None:
        # `c` went to the cursor's lead (Chloé, warm, second key h), not into the hidden box.
        assert type(app.screen).__name__ == "LogContactScreen"
        board = app.screen_stack[0]
        assert isinstance(board, BoardScreen)
        assert board.data.search == ""
        assert board.query_one("#filter", Input).value == ""
        column = board.focused
        assert isinstance(column, LeadColumn) and column.temperature is Temperature.WARM
        lead = column.selected_lead
        assert lead is not None and lead.name == "Chloé Martin"

    await burst_on(tmp_path, ("h", "slash", *"nobody", "escape", "c"), check)


async def test_escape_from_an_empty_filtered_column_restores_the_cursor(tmp_path: Path) -> None:
    def check(app: LeadboardApp, _: LeadStore) -> None:
        column = column_of(app)
        lead = column.selected_lead
        assert column.temperature is Temperature.COOL and column.cursor == 1
        assert lead is not None and lead.name != ""

    # Cool, second card; a filter that matches nothing, Enter (to an empty column), Escape.
    await burst_on(tmp_path, ("h", "h", "j", "slash", *"nobody", "enter", "escape"), check)


async def test_a_lead_marked_won_under_the_filter_leaves_the_cursor_in_its_column(
    tmp_path: Path,
) -> None:
    def check(app: LeadboardApp, store: LeadStore) -> None:
        column = column_of(app)
        assert column.temperature is Temperature.HOT
        won = [lead for lead in store.find() if lead.status is Status.WON]
        assert [lead.name for lead in won] == ["Ana Ruiz"]

    await burst_on(tmp_path, ("w", "y", "slash", *"zz", "escape"), check)
