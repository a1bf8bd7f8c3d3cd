"""The stats screen: opening it from the board, its figures, its keys, and how it looks.

Snapshots (80x24 and 160x45) take hand-made Stats, so they change only when the
screen does. Accept a deliberate change with `pytest --snapshot-update` after
looking at the report.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import LoadingIndicator

from leadboard.config import Config
from leadboard.domain.model import Channel, Direction, Outcome, Source, Temperature
from leadboard.domain.stats import (
    ClosedTally,
    ContactTally,
    Moves,
    Stats,
    StatsTallies,
    compute_stats,
    stats_window,
)
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.stats import (
    COUNTING,
    StatsCounting,
    StatsScreen,
    big_numbers,
    open_stats,
)
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app

SnapCompare = Callable[..., bool]
PARIS = "Europe/Paris"


def sample_stats(scale: int = 1, weeks: int = 12) -> Stats:
    """Stats of a busy rep (scale 1) or of a big team (scale 1000), fixed at NOW."""
    window = stats_window(NOW, PARIS, weeks)
    closed = [
        ClosedTally(Source.REFERRAL, True, Temperature.WARM, 12 * scale),
        ClosedTally(Source.REFERRAL, False, Temperature.COOL, 4 * scale),
        ClosedTally(Source.WEBSITE, True, Temperature.HOT, 5 * scale),
        ClosedTally(Source.WEBSITE, False, Temperature.COLD, 7 * scale),
        ClosedTally(Source.PURCHASED_LIST, False, Temperature.COLD, 9 * scale),
        ClosedTally(Source.PURCHASED_LIST, True, Temperature.COLD, 1 * scale),
        ClosedTally(Source.EVENT, True, Temperature.HOT, 3 * scale),
    ]
    contacts = [
        ContactTally(Channel.CALL, Direction.OUT, Outcome.TALKED, 30 * scale),
        ContactTally(Channel.CALL, Direction.OUT, Outcome.NO_ANSWER, 45 * scale),
        ContactTally(Channel.EMAIL, Direction.OUT, Outcome.NO_ANSWER, 80 * scale),
        ContactTally(Channel.EMAIL, Direction.IN, Outcome.REPLIED, 20 * scale),
        ContactTally(Channel.TEXT, Direction.OUT, Outcome.REPLIED, 9 * scale),
        ContactTally(Channel.TEXT, Direction.OUT, Outcome.NO_ANSWER, 3 * scale),
        ContactTally(Channel.VOICEMAIL, Direction.OUT, Outcome.LEFT_MESSAGE, 14 * scale),
        ContactTally(Channel.MEETING, Direction.OUT, Outcome.MEETING_BOOKED, 4 * scale),
    ]
    touches = [14, 20, 9, 0, 31, 26, 18, 22, 0, 12, 27, 6][-weeks:]
    tallies = StatsTallies(
        closed=closed,
        days_to_win=[5.5, 12.0, 19.25, 40.0],
        contacts=contacts,
        touches=[count * scale for count in touches],
        warmed=Moves(7 * scale, 19 * scale),
        cooled=Moves(4 * scale, 11 * scale),
        overdue=6 * scale,
        overdue_days=23.46 * scale,
        sessions_ended=[NOW.subtract(days=d) for d in (0, 7, 14, 35)],
    )
    return compute_stats(tallies, window, NOW, PARIS)


def empty_stats() -> Stats:
    """Stats of a brand-new database."""
    window = stats_window(NOW, "UTC")
    tallies = StatsTallies([], [], [], [0] * 12, Moves(), Moves(), 0, 0.0, [])
    return compute_stats(tallies, window, NOW, "UTC")


class StatsHost(App[None]):
    """The stats screen alone, on the board's stylesheet."""

    CSS_PATH = LeadboardApp.CSS_PATH

    def __init__(self, stats: Stats) -> None:
        super().__init__()
        self.stats = stats

    def on_mount(self) -> None:
        """Show the stats at once."""
        self.push_screen(StatsScreen(self.stats))


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_big_numbers() -> None:
    numbers = {title: (value, caption) for title, value, caption in big_numbers(sample_stats())}
    assert numbers["Conversion"] == ("51%", "won of 41 closed")
    assert numbers["Median to win"] == ("15.6 days", "created to won")
    assert numbers["Overdue"] == ("6", "leads past due")
    assert numbers["Follow-up debt"] == ("23.5 days", "sum of days overdue")
    assert numbers["Streak"] == ("3 weeks", "with a session")
    assert numbers["Sessions"] == ("1 this week", "4 in all")
    empty = {title: value for title, value, _ in big_numbers(empty_stats())}
    assert empty["Conversion"] == "-"
    assert empty["Median to win"] == "-"
    assert empty["Streak"] == "0 weeks"


# -- the screen through Pilot ---------------------------------------------------


async def test_board_opens_stats_and_escape_or_q_goes_back(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("escape", "q"):
            open_stats(app, store, Config(), lambda: NOW)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, StatsScreen)
            stats = app.screen.stats
            assert stats is not None
            # The seed: 8 active leads, one left message each, 60 days before NOW.
            assert stats.overall.closed == 0
            assert stats.channels[0].contacts == 8
            assert stats.overdue == 4
            text = screen_text(app)
            assert "Overdue" in text
            assert "Stats as of Mon 23 Nov 09:00 (UTC)" in text
            await pilot.press(key)
            assert isinstance(app.screen, BoardScreen)
    store.close()


async def test_opening_twice_shows_one_screen(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        open_stats(app, store, Config(), lambda: NOW)
        # The second replaces the first, whose thread may still finish: it must not show.
        await open_stats(app, store, Config(), lambda: NOW).wait()
        await pilot.pause(0.3)
        open_stats(app, store, Config(), lambda: NOW)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stats_screens(app) == 1
    store.close()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (StoreError("the database is locked [/]"), "the database is locked [/]"),
        (RuntimeError("boom"), "RuntimeError: boom"),
    ],
)
async def test_an_error_is_a_notification_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, message: str
) -> None:
    def failing(*args: object) -> Stats:
        raise error

    monkeypatch.setattr(LeadStore, "stats", failing)
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        open_stats(app, store, Config(), lambda: NOW)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        messages = [n.message for n in app._notifications]
        assert messages == [message]
    store.close()


async def test_layout_follows_the_width_and_keys_scroll() -> None:
    app = StatsHost(sample_stats())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert not screen.has_class("wide")
        body = screen.query_one("#stats-body")
        assert app.focused is body
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y > 10
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert screen.has_class("wide")
        # Wide, it all fits: nothing left to scroll.
        assert body.max_scroll_y == 0
        text = screen_text(app)
        for words in ("purchased list", "Reply rate by channel", "voicemail", "warmed"):
            assert words in text


# -- while counting ----------------------------------------------------------------


@pytest.fixture
def slow_count(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The stats count waits for the event (seconds at a million leads, here on demand)."""
    done = threading.Event()
    count = LeadStore.stats

    def waiting(self: LeadStore, *args: object) -> Stats:
        assert done.wait(10), "the test never let the count finish"
        return count(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(LeadStore, "stats", waiting)
    yield done
    done.set()  # a test that failed half-way must not leave the thread waiting


async def test_counting_shows_an_indicator_until_the_figures_show(
    tmp_path: Path, slow_count: threading.Event
) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        assert isinstance(app.screen, StatsCounting)
        assert len(app.screen.query(LoadingIndicator)) == 1
        assert COUNTING in screen_text(app)
        assert "Overdue" not in screen_text(app)
        slow_count.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert len(screen.query(LoadingIndicator)) == 0
        text = screen_text(app)
        assert "Overdue" in text
        assert COUNTING not in text
        assert app.focused is screen.query_one("#stats-body")
        # The count replaced the indicator: escape goes straight back to the board.
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    store.close()


def stats_screens(app: App[None]) -> int:
    """How many stats screens (counting or counted) are open."""
    return sum(isinstance(s, StatsScreen | StatsCounting) for s in app.screen_stack)


async def test_keys_typed_while_counting_reach_the_figures(
    tmp_path: Path, slow_count: threading.Event
) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # S twice: one screen; j j wait for the figures, then scroll them.
        await pilot.press("S", "S", "j", "j")
        assert stats_screens(app) == 1
        slow_count.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert stats_screens(app) == 1
        assert screen.query_one("#stats-body").scroll_y == 2
    store.close()


async def test_escape_while_counting_goes_back_at_once(
    tmp_path: Path, slow_count: threading.Event
) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("S", "escape")
        # Back on the board while the count still runs: its keys work again.
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("slash", *"Ben")
        assert app.screen.query_one("#filter").value == "Ben"  # type: ignore[attr-defined]
        slow_count.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        # The dropped count never shows its screen.
        assert isinstance(app.screen, BoardScreen)
        assert stats_screens(app) == 0
    store.close()


TEXT_RUN = re.compile(
    r'<text[^>]*x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>'
)


def svg_rows(svg: str) -> list[list[tuple[int, str]]]:
    """Each screen row of an SVG screenshot: (column, text) of every text run in it."""
    rows: dict[float, list[tuple[int, str]]] = {}
    for x, y, length, escaped in TEXT_RUN.findall(svg):
        text = html.unescape(escaped).replace("\xa0", " ")
        column = round(float(x) / (float(length) / len(text)))
        rows.setdefault(float(y), []).append((column, text))
    return [rows[y] for y in sorted(rows)]


@pytest.mark.parametrize("size", [(80, 40), (160, 45)])
@pytest.mark.parametrize("stats", [sample_stats, lambda: sample_stats(scale=1000)])
async def test_adjacent_texts_keep_a_gap_in_every_row(
    size: tuple[int, int], stats: Callable[[], Stats]
) -> None:
    """'14%  1 of 7', never '14%1 of 7': on screen, and in the screenshot's text runs."""
    app = StatsHost(stats())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        svg = app.export_screenshot()
    for strip in strips[1:-1]:  # the title and the footer are Textual's
        text = strip.text
        edges = [0]
        for segment in strip:
            edges.append(edges[-1] + len(segment.text))
        for edge in edges[1:-1]:
            before, after = text[edge - 1 : edge], text[edge : edge + 1]
            # Two differently styled words side by side would read as one.
            assert not (before.isalnum() and after.isalnum()), text
    for row in svg_rows(svg)[1:-1]:
        for x, run in row:
            if run[:1] == " " and run.strip(" ")[:1].isalnum():
                # A viewer that drops a run's edge spaces draws it from x, against the run
                # before: only a border title, after its '─', may start with a space.
                previous = [text for at, text in row if at < x]
                assert previous and previous[-1].endswith("─"), (run, row)


# -- how it looks ---------------------------------------------------------------

SCENES: list[tuple[str, tuple[int, int], list[str]]] = [
    ("stats_small", (80, 24), []),
    ("stats_small_scrolled", (80, 24), ["end"]),
    ("stats_wide", (160, 45), []),
]


@pytest.mark.parametrize(("name", "size", "keys"), SCENES, ids=[scene[0] for scene in SCENES])
def test_stats_screen(
    snap_compare: SnapCompare, name: str, size: tuple[int, int], keys: list[str]
) -> None:
    """The stats screen looks as it did when last accepted."""
    assert snap_compare(StatsHost(sample_stats()), terminal_size=size, press=keys)


def test_stats_screen_big_numbers_wide(snap_compare: SnapCompare) -> None:
    """A big team's numbers still fit their boxes and the week labels."""
    assert snap_compare(StatsHost(sample_stats(scale=1000)), terminal_size=(160, 45))


def test_stats_screen_empty(snap_compare: SnapCompare) -> None:
    """A new database: dashes for rates, zeros for weeks, no channel bars."""
    assert snap_compare(StatsHost(empty_stats()), terminal_size=(80, 24), press=["end"])


def test_stats_screen_no_color(snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR the bars and their numbers still read."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(StatsHost(sample_stats()), terminal_size=(80, 24), press=["pagedown"])
