"""The board under the one overdue rule: a lead added "due now" reads "due now" all day."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from textual.app import App

from leadboard.config import Config
from leadboard.domain.dates import DateReading
from leadboard.domain.model import LeadDraft, Temperature
from leadboard.ui.app import LeadboardApp
from leadboard.ui.widgets.board.overdue_panel import DueList
from leadboard.ui.widgets.forms import app_date_reading, read_due
from tests.conftest import NOW
from tests.ui.board_fixtures import open_store, seed


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def board_text(path: Path, minutes: int) -> tuple[str, dict[str, str]]:
    """The screen, and the panel's due words by name, `minutes` after the new lead was added."""
    config = Config()
    store = open_store(path, config)
    later = NOW.add(minutes=minutes)
    app = LeadboardApp(store, config, clock=lambda: later)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        due_list = app.screen.query_one(DueList)
        words = {
            lead.name: due_list.render_line(2 * index + 1).text.strip()
            for index, lead in enumerate(due_list.leads)
        }
        text = screen_text(app)
    store.close()
    return text, words


async def test_a_new_lead_reads_due_now_and_counts_as_due_today(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    store = open_store(path)
    seed(store)  # four of the eight are overdue at NOW
    store.add(LeadDraft(name="Nina New", temperature=Temperature.HOT), NOW)
    store.close()

    text, words = await board_text(path, 3)
    assert "4 overdue  1 due today" in text
    assert "Due 5  overdue 4" in text
    assert "due now" in text
    assert "3min overdue" not in text
    assert words["Nina New"] == "due now"
    assert words["Ana Ruiz"] == "2 days overdue"

    text, words = await board_text(path, 24 * 60)
    assert "5 overdue  0 due today" in text
    assert "Due 5  overdue 5" in text
    assert words["Nina New"] == "1 day overdue"


async def test_dates_typed_in_the_app_follow_the_date_settings(tmp_path: Path) -> None:
    reading = DateReading(day_first=False, default_time=time(8, 30))
    store = open_store(tmp_path / "b.db")
    app = LeadboardApp(store, Config(date_reading=reading), clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app_date_reading() == reading
        typed = read_due("4/12", NOW, "UTC")
        assert typed is not None
        assert (typed.year, typed.month, typed.day, typed.hour, typed.minute) == (
            2027,
            4,
            12,
            8,
            30,
        )
    store.close()
    assert app_date_reading() == DateReading()
