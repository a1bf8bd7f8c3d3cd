"""The stats screen's "Deal value" section: won per month, the average deal and the forecast.

Seeded on a real file: hot leads won 3 (€100, €200 and one with no value) and lost 1,
active hot €1,000 + €333.33, active warm €500 with no warm lead closed yet.
Hot: €1,333.33 × 3/4 = €999.9975 -> €1,000.00 (halves up); 75% of 4 closed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.app import App

from leadboard.config import Config
from leadboard.domain.model import LeadDraft, Status, Temperature
from leadboard.domain.money import CURRENCIES
from leadboard.store.leads import LeadStore
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.stats import StatsScreen, open_stats
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app

HOT, WARM = Temperature.HOT, Temperature.WARM


def _seed(store: LeadStore) -> None:
    won_at = NOW.subtract(days=5)  # 18 Nov 2026: this month
    for name, value, status in [
        ("Won A", 10000, Status.WON),
        ("Won B", 20000, Status.WON),
        ("Won C", None, Status.WON),
        ("Lost D", 5000, Status.LOST),
    ]:
        lead = store.add(LeadDraft(name, temperature=HOT, value=value), won_at.subtract(days=30))
        assert lead.id is not None
        store.set_status(lead.id, status, won_at)
    for name, value, temperature in [
        ("Open E", 100000, HOT),
        ("Open F", 33333, HOT),
        ("Open G", 50000, WARM),
    ]:
        store.add(LeadDraft(name, temperature=temperature, value=value), NOW.subtract(days=1))


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_section_shows_the_forecast_in_the_configured_currency(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    _seed(store)
    config = dataclasses.replace(Config(), currency=CURRENCIES["USD"])
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.pause()
        open_stats(app, store, config, lambda: NOW)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "Value won (USD) by local month, last 12 months" in text
        assert "Forecast (USD): open value × win rate of the column's closed leads" in text
        assert "Nov 2026" in text and "Dec 2025" in text
        assert "$300" in text and "2 leads, 1 no value" in text
        assert "Average won deal $150 (of 2 won with a value)" in text
        assert "HOT   $1,333.33 open × 75% (of 4 closed) = $1,000" in text
        assert "WARM  $500 open × — (no closed warm leads yet)" in text
        assert "Forecast total $1,000 (cold, cool, warm left out: no rate yet)" in text
        assert "€" not in text
    store.close()


async def test_keys_typed_while_counting_reach_the_section(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    _seed(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        open_stats(app, store, Config(), lambda: NOW)
        # Typed at once, before the figures are laid out: held, then scroll to the end.
        await pilot.press("end", *"jk")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "Forecast total €1,000 (cold, cool, warm left out" in text
        await pilot.press("q")
        assert isinstance(app.screen, BoardScreen)
    store.close()


async def test_a_new_file_shows_no_rate_rather_than_zero(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db", seeded=False)
    async with app.run_test(size=(160, 90)) as pilot:
        await pilot.pause()
        open_stats(app, store, Config(), lambda: NOW)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Average won deal — (no won lead has a value yet)" in text
        assert "HOT   €0 open × — (no closed hot leads yet)" in text
        assert "Forecast total €0 (cold, cool, warm, hot left out: no rate yet)" in text
    store.close()
