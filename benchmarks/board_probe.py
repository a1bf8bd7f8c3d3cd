"""The headless board's figures for board_speed.py: keys posted, each timed until quiet, drawn.

Keys are posted to the app as the terminal driver sends them; each figure is a key sequence.

"Quiet" means: no key in line or settling (OrderedKeysApp), no write waiting, no filter query
pending or running (the board's `search_pending`), every message queue empty; then the screen
is rendered at once instead of at its next 60 Hz update.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import sqlite3
import statistics
import time
import unicodedata
from collections.abc import Awaitable, Callable
from typing import Any

ROUND_TRIP = "round trip: a key bound to nothing (f12)"
"""The baseline of every key figure."""

KEY_TIMEOUT = 10.0
"""Seconds a key may take before it counts as stuck (and the screen is reset)."""


def key_event(key: str) -> Any:
    """The Key event a terminal would send for `key` (as Pilot builds it)."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


class BoardCrashed(Exception):
    """The board under measurement raised: nothing more can be timed in it."""


class Probe:
    """Posts keys to a running board and times each until the app is quiet and rendered."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.ticks: list[float] = []

    @property
    def board(self) -> Any:
        """The board screen (the bottom of the stack)."""
        return self.app.screen_stack[0]

    def busy(self, *, search: bool = True) -> bool:
        """Anything left to do: a key in line or settling, a write, a filter query, a message.

        With `search` False a filter query still being read does not count (the board has
        drawn each column's first matches and reads the rest on its worker).
        """
        app = self.app
        if app._typed or app._settling or app.writes.waiting:
            return True
        if search and getattr(self.board, "search_pending", False):
            return True
        return app._busy_node() is not None

    async def quiet(
        self,
        until: Callable[[], bool] | None = None,
        timeout: float = KEY_TIMEOUT,
        *,
        search: bool = True,
    ) -> bool:
        """Wait until `until()` holds and the app is quiet, then render; False on a timeout."""
        deadline = time.perf_counter() + timeout
        spins = 0
        while time.perf_counter() < deadline:
            # A few bare turns of the loop first (resolution), then 1 ms sleeps (let threads run).
            await asyncio.sleep(0 if spins < 20 else 0.001)
            spins += 1
            if self.app._exception is not None:
                raise BoardCrashed(f"{type(self.app._exception).__name__}: {self.app._exception}")
            if (until is not None and not until()) or self.busy(search=search):
                continue
            self.app.screen._on_timer_update()  # draw now, not at the next 60 Hz update
            if not self.busy(search=search):
                return True
        return False

    async def press(
        self, key: str, until: Callable[[], bool] | None = None, *, search: bool = True
    ) -> float | None:
        """Milliseconds from posting `key` until done and drawn; None if it timed out."""
        event = key_event(key)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app.post_message(event)
        done = await self.quiet(until, search=search)
        return (time.perf_counter() - start) * 1000 if done else None

    async def back_to_board(self) -> None:
        """After a timeout or a surprise dialog: escape until the board is on top again."""
        for _ in range(5):
            if self.app.screen is self.board:
                break
            await self.press("escape")
        await self.quiet(timeout=30)

    def on_board(self) -> bool:
        return self.app.screen is self.board

    def off_board(self) -> bool:
        return self.app.screen is not self.board

    def start_ticks(self) -> None:
        """A 60 Hz timer in the app: the gaps between its ticks are the UI thread's lateness."""
        self.app.set_interval(1 / 60, lambda: self.ticks.append(time.perf_counter()))

    def max_gap(self, start: float, end: float) -> float:
        """The longest gap between ticks (or the window's edges) in [start, end], in ms."""
        inside = [start, *(t for t in self.ticks if start <= t <= end), end]
        return max(b - a for a, b in itertools.pairwise(inside)) * 1000


class Keys:
    """Times per figure, and a key's misses (timeouts) with the first reason seen."""

    def __init__(self, probe: Probe, presses: int) -> None:
        self.probe = probe
        self.presses = presses
        self.times: dict[str, list[float]] = {}
        self.misses: dict[str, str] = {}

    def add(self, label: str, value: float | None, why: str = "timed out") -> None:
        """Record one timing (None: a timeout)."""
        if value is None:
            self.misses.setdefault(label, why)
        else:
            self.times.setdefault(label, []).append(value)

    async def each(self, label: str, step: Callable[[], Awaitable[None]]) -> None:
        """Run `step` `presses` times; an error or a timeout is noted, never fatal (a crash is)."""
        for _ in range(self.presses):
            try:
                await step()
            except BoardCrashed:
                raise
            except Exception as err:  # the code under measurement changes while we measure
                self.misses.setdefault(label, f"{type(err).__name__}: {err}")
                await self.probe.back_to_board()
                return

    async def timed(self, label: str, key: str, until: Callable[[], bool] | None = None) -> bool:
        """Press one key, record its time under `label`; False (and back to the board) on a miss."""
        value = await self.probe.press(key, until)
        self.add(label, value)
        if value is None:
            await self.probe.back_to_board()
        return value is not None

    async def untimed(self, *keys: str) -> None:
        """Press keys to set up a figure, each to quiet."""
        for key in keys:
            await self.probe.press(key)


async def board_keys(keys: Keys) -> None:
    """Navigation, moves, undo, closing a lead, every dialog: each key's time by figure."""
    probe = keys.probe

    async def pair(label: str, first: str, second: str) -> None:
        async def step() -> None:
            await keys.timed(label, first)
            await keys.timed(label, second)

        await keys.each(label, step)

    await pair(ROUND_TRIP, "f12", "f12")
    await pair("down, up (j, k)", "j", "k")
    await pair("column right, left (l, h)", "l", "h")

    async def page() -> None:
        await keys.timed("page down (pagedown)", "pagedown")

    await keys.each("page down (pagedown)", page)
    await keys.untimed("home")
    await pair("move colder, hotter ([, ])", "left_square_bracket", "right_square_bracket")

    async def undo() -> None:
        await keys.untimed("left_square_bracket")
        await keys.timed("undo a move (u)", "u")

    await keys.each("undo a move (u)", undo)

    def closing(label: str, key: str, answer: list[str]) -> Callable[[], Awaitable[None]]:
        async def step() -> None:
            if not await keys.timed(f"{label}: {key} opens the dialog", key, probe.off_board):
                return
            *typed, last = answer
            await keys.untimed(*typed)
            if await keys.timed(
                f"{label}: {last} closes it, lead off the board", last, probe.on_board
            ):
                await keys.untimed("u")  # the lead back, for the next round

        return step

    await keys.each("won", closing("won", "w", ["y"]))
    await keys.each("lost", closing("lost", "x", [*"price", "enter"]))
    await keys.each("inactive", closing("inactive", "i", ["y"]))

    for name, key in (
        ("log", "c"),
        ("add", "a"),
        ("edit", "e"),
        ("detail", "enter"),
        ("help", "question_mark"),
    ):

        async def dialog(name: str = name, key: str = key) -> None:
            if await keys.timed(f"{name} dialog: {key} opens", key, probe.off_board):
                await keys.timed(f"{name} dialog: escape closes", "escape", probe.on_board)

        await keys.each(f"{name} dialog", dialog)


async def session_keys(keys: Keys) -> None:
    """`s a` (all due) until the session shows its first lead, then the next lead by `n` and `1`."""
    from leadboard.ui.screens.session import SessionScreen

    probe = keys.probe

    def in_session() -> bool:
        return isinstance(probe.app.screen, SessionScreen)

    label = "session: s a (all due) shows the first lead"
    await keys.untimed("s")  # the question of the session's size
    if not await keys.timed(label, "a", in_session):
        return

    async def skip() -> None:
        await keys.timed("session: next lead (n)", "n", in_session)

    async def no_answer() -> None:
        await keys.timed("session: log no answer, next lead (1)", "1")
        if not in_session():  # a question after repeated no answers: keep the lead
            await keys.untimed("escape")

    await keys.each("session: next lead (n)", skip)
    await keys.each("session: log no answer, next lead (1)", no_answer)
    await keys.untimed("q")  # end: the summary, then the board
    await probe.back_to_board()


def sample_queries(db: str) -> list[tuple[str, str]]:
    """(what it is, query) to type: a progressive word, a broad, a selective, a phone, a short."""
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM lead").fetchone()
        phones = connection.execute(
            "SELECT phone FROM lead WHERE status = 'active' AND phone != '' LIMIT 1 OFFSET ?",
            (min(4321, count // 3),),
        ).fetchall()
    queries = [("progressive", "baker"), ("broad", "ing"), ("selective name", "Anna K")]
    if phones:
        queries.append(("phone digits", re.sub(r"\D", "", phones[0][0])[-7:]))
    queries.append(("short", "a"))
    return queries


async def filter_typing(keys: Keys, queries: list[tuple[str, str]]) -> dict[str, float | None]:
    """Each query typed a character at a time; returns the longest UI tick gap per burst."""
    probe = keys.probe

    def filtered(text: str) -> Callable[[], bool]:
        # Shown means the board filters by what is typed so far (and is quiet: quiet() checks).
        return lambda: probe.board.data.search == text.strip()

    gaps: dict[str, float | None] = {}
    for kind, query in queries:
        await keys.untimed("slash")
        for at, char in enumerate(query):
            key = char if char != " " else "space"
            typed = query[: at + 1]
            # First: the columns show the text's first matches (the rest still being read).
            start = time.perf_counter()
            first = await probe.press(key, filtered(typed), search=False)
            # Then: every match is read, counted and drawn.
            if first is not None and await probe.quiet(filtered(typed)):
                every: float | None = (time.perf_counter() - start) * 1000
            else:
                every = None
            keys.add(f"filter '{query}' ({kind}): first matches shown", first)
            keys.add(f"filter '{query}' ({kind}): all counted", every)
            if at == len(query) - 1:
                keys.add(f"filter '{query}' ({kind}): last key, first matches", first)
                keys.add(f"filter '{query}' ({kind}): last key, all counted", every)
            if every is None:
                break
        await keys.untimed("escape", "escape")
        await probe.back_to_board()
    # Typing in a burst, a character every 30 ms: how late does the UI's 60 Hz tick get?
    for kind, query in queries[:2]:
        await keys.untimed("slash")
        start = time.perf_counter()
        for char in query:
            event = key_event(char)
            event.set_sender(probe.app)
            probe.app.post_message(event)
            await asyncio.sleep(0.03)
        done = await probe.quiet(filtered(query))
        gaps[f"'{query}' ({kind})"] = probe.max_gap(start, time.perf_counter()) if done else None
        await keys.untimed("escape", "escape")
        await probe.back_to_board()
    return gaps


def live_refresh(probe: Probe, times: int = 200) -> float:
    """Median milliseconds of one outside-change check with nothing changed."""
    check = probe.board.check_outside_changes
    values = []
    for _ in range(times):
        start = time.perf_counter()
        check()
        values.append((time.perf_counter() - start) * 1000)
    return statistics.median(values)


async def stats_screen(probe: Probe, runs: int) -> dict[str, list[float]]:
    """`S`: until its first screen shows, until the figures do; tick gaps while counting, after."""
    from leadboard.ui.screens.stats import StatsScreen

    store = probe.board.data.store
    count = store.stats
    counted: list[float] = []

    def timed_count(*args: Any) -> Any:
        try:
            return count(*args)
        finally:
            counted.append(time.perf_counter())  # the count's end: the figures' frame follows

    store.stats = timed_count
    found: dict[str, list[float]] = {"shown": [], "figures": [], "gap": [], "fill": []}
    try:
        for _ in range(runs):
            counted.clear()
            start = time.perf_counter()
            shown = await probe.press("S", probe.off_board)
            # The count runs in a thread: quiet() waits for the figures' screen, drawn.
            if shown is None or not await probe.quiet(
                lambda: isinstance(probe.app.screen, StatsScreen), timeout=60
            ):
                break
            end = time.perf_counter()
            done = counted[-1] if counted else end
            found["shown"].append(shown)
            found["figures"].append((end - start) * 1000)
            found["gap"].append(probe.max_gap(start, done))
            found["fill"].append(probe.max_gap(done, end))
            await probe.press("escape", probe.on_board)
            await probe.back_to_board()
    finally:
        del store.stats
    return found
