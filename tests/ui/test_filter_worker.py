"""The filter's queries run on a worker: a superseded answer is never drawn, no key is lost."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pendulum import DateTime

from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store.leads import LeadStore
from leadboard.store.search_hits import SearchHits
from leadboard.ui.app import LeadboardApp
from leadboard.ui.filtered_board import FilteredBoard
from leadboard.ui.screens.board import BoardScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, settle


class HeldQueries:
    """Wraps the store's search so a chosen text's query waits until released."""

    def __init__(self, store: LeadStore, held: str) -> None:
        self.held = held
        self.release = threading.Event()
        self.started = threading.Event()
        self.asked: list[str] = []
        real = store.search_hits

        def search_hits(text: str, horizon: DateTime) -> SearchHits:
            self.asked.append(text)
            if text == self.held:
                self.started.set()
                self.release.wait(10)
            return real(text, horizon)

        store.search_hits = search_hits  # type: ignore[method-assign]


def drawn_texts(monkeypatch: Any) -> list[tuple[str, bool]]:
    """Every filter text whose matches the board was given to draw, and if only the first."""
    shown: list[tuple[str, bool]] = []
    real = FilteredBoard.show

    def show(self: FilteredBoard, hits: SearchHits | None) -> None:
        shown.append(("", False) if hits is None else (hits.text, hits.partial))
        real(self, hits)

    monkeypatch.setattr(FilteredBoard, "show", show)
    return shown


def board(app: LeadboardApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def add_bakers(store: LeadStore) -> None:
    """Leads whose names share 'Bak' but differ after it."""
    for name, temperature in [
        ("Bakewell Tart", Temperature.HOT),
        ("Baker Street", Temperature.WARM),
        ("Baker Hughes", Temperature.HOT),
        ("Bakul Shah", Temperature.COLD),
    ]:
        store.add(LeadDraft(name, temperature=temperature), NOW)


async def test_an_answer_for_an_older_text_is_never_drawn(tmp_path: Path, monkeypatch: Any) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    add_bakers(store)
    held = HeldQueries(store, "Bak")
    shown = drawn_texts(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "B", "a", "k")
        assert held.started.wait(5)  # the query for 'Bak' is running, held
        await pilot.press("e", "r")  # 'Baker' supersedes it
        await settle(pilot, app)
        screen = board(app)
        assert screen.data.search == "Baker"
        # Baker Street, Baker Hughes, and Frank Li of the seeded Li Bakery.
        assert sum(screen.column(t).count for t in Temperature) == 3
        held.release.set()  # the old query now finishes…
        await pilot.pause(0.2)
        await settle(pilot, app)
        # … and its answer is dropped: the board still shows 'Baker', never 'Bak' after it.
        assert screen.data.search == "Baker"
        assert sum(screen.column(t).count for t in Temperature) == 3
        after = shown[[text for text, _ in shown].index("Baker") :]
        assert all(text == "Baker" for text, _ in after), shown
        assert shown[-1] == ("Baker", False)
        assert "Bak" in held.asked
    store.close()


async def test_keys_typed_while_a_query_runs_wait_for_it_and_land(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    add_bakers(store)
    held = HeldQueries(store, "Bak")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Bak")
        assert held.started.wait(5)
        # Enter picks the hottest column with matches and j moves in it: both need the answer.
        await pilot.press("enter", "j")
        screen = board(app)
        assert screen.search_pending
        held.release.set()
        await settle(pilot, app)
        await pilot.pause()
        assert not screen.search_pending
        assert screen.focused is screen.column(Temperature.HOT)
        assert screen.selected is not None
        assert screen.selected.name == "Baker Hughes"  # the second hot match: j landed
    store.close()


async def test_typed_slowly_or_in_a_burst_the_filter_ends_the_same(tmp_path: Path) -> None:
    async def run(burst: bool, path: Path) -> tuple[str, list[int], str | None]:
        app, store, _ = make_app(path)
        add_bakers(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            keys = ["slash", *"Baker", "backspace", "backspace", "enter", "j", "l"]
            if burst:
                await pilot.press(*keys)
            else:
                for key in keys:
                    await pilot.press(key)
                    await settle(pilot, app)
            await settle(pilot, app)
            screen = board(app)
            counts = [screen.column(t).count for t in Temperature]
            selected = screen.selected.name if screen.selected else None
            result = (screen.data.search, counts, selected)
        store.close()
        return result

    slow = await run(False, tmp_path / "slow.db")
    burst = await run(True, tmp_path / "burst.db")
    assert slow == burst
    assert slow[0] == "Bak"


async def test_a_move_under_a_filter_reads_the_matches_again(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    add_bakers(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Baker", "enter", "left_square_bracket")
        await settle(pilot, app)
        screen = board(app)
        assert [screen.column(t).count for t in Temperature] == [1, 0, 2, 0]
        assert screen.selected is not None
        assert screen.selected.name == "Baker Hughes"  # moved colder, the cursor with it
        assert screen.focused is screen.column(Temperature.WARM)
    store.close()


async def test_the_first_matches_show_while_the_rest_are_read(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    add_bakers(store)
    held = HeldQueries(store, "Bak")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Bak")
        assert held.started.wait(5)  # the full answer is held; the first matches are not
        await pilot.pause(0.1)
        await pilot.pause()
        screen = board(app)
        assert screen.data.counting
        hot = screen.column(Temperature.HOT)
        names = [lead.name for i in range(hot.count) if (lead := hot.lead_at(i))]
        assert names == ["Bakewell Tart", "Baker Hughes"]
        assert str(screen.query_one("#title-hot").render()) == "HOT  2+"
        status = str(screen.query_one("#status-line").render())
        assert status == "leadboard  counting matches…  filter: Bak"
        held.release.set()
        await settle(pilot, app)
        assert not screen.data.counting
        assert str(screen.query_one("#title-hot").render()) == "HOT  2"
        assert str(screen.query_one("#status-line").render()).startswith("leadboard  5 matches")
    store.close()
