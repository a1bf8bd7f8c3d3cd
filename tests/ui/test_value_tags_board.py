"""Deal values and tags on the board: cards, column totals, the form, `b` sorting, `#tag`."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from textual.widgets import Input

from leadboard.config import Config
from leadboard.domain.model import Lead, LeadDraft, Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, settle
from tests.ui.test_board import board, screen_text, selected_name

TAB_TO_VALUE = 9
"""Tabs from the form's name to its deal value: five texts, two choices, referrer, owner."""


def draft_of(lead: Lead, **changes: object) -> LeadDraft:
    """The lead as the form would hand it back, with some fields changed."""
    values = {field.name: getattr(lead, field.name) for field in fields(LeadDraft)}
    return LeadDraft(**{**values, "next_due": None, **changes})


def price(store: LeadStore, lead_id: int, value: int | None, *tags: str) -> None:
    """Give a stored lead a deal value (minor units) and tags."""
    store.update(lead_id, draft_of(store.get(lead_id), value=value, tags=tags), NOW)


def title(app: object, temperature: Temperature) -> str:
    """A column's title as drawn."""
    label = board(app).query_one(f"#title-{temperature.value}")  # type: ignore[arg-type]
    return str(label.render())


async def test_cards_and_titles_show_the_values(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    price(store, ids["Ana Ruiz"], 4_230_000, "vip")
    price(store, ids["Ben Okafor"], 1_250_050)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert title(app, Temperature.HOT) == "HOT  2 · €54,800.50"
        assert title(app, Temperature.WARM) == "WARM  2"  # nothing to add up
        text = screen_text(app)
        assert "€42.3k" in text and "€12.5k" in text
        assert "#vip" in text
    narrow = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        # A narrow title keeps its count and shortens the total; a card keeps the name.
        assert title(narrow, Temperature.HOT).startswith("HOT  2")
    store.close()


async def test_b_cycles_the_column_order_and_the_title_says_which(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    price(store, ids["Ben Okafor"], 5_000_000)
    price(store, ids["Ana Ruiz"], 4_230_000)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.pause()
        assert selected_name(app) == "Ana Ruiz"  # overdue: first by urgency
        await pilot.press(*"bbb")
        await pilot.pause()
        assert title(app, Temperature.HOT) == "HOT  2 · €92,300  by value"
        assert selected_name(app) == "Ben Okafor"  # the biggest deal first
        await pilot.press("j")
        await pilot.pause()
        assert selected_name(app) == "Ana Ruiz"
        assert "Hot: biggest deal first" in [str(n.message) for n in app._notifications]
        # Another column keeps its own order.
        assert "by" not in title(app, Temperature.WARM)
        await pilot.press("b")
        await pilot.pause()
        assert title(app, Temperature.HOT) == "HOT  2 · €92,300"
        assert selected_name(app) == "Ana Ruiz"
    store.close()


async def test_a_sorted_column_follows_writes(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    price(store, ids["Ben Okafor"], 5_000_000)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press(*"bbb", "j", "left_square_bracket")  # Ana (no value) to warm
        await settle(pilot, app)
        assert board(app).column(Temperature.HOT).count == 1
        assert title(app, Temperature.HOT) == "HOT  1 · €50,000  by value"
        assert title(app, Temperature.WARM) == "WARM  3"
    store.close()


async def test_the_form_takes_a_value_and_tags_and_refuses_a_bad_value(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e", *["tab"] * TAB_TO_VALUE, *"twelve", "tab", *"VIP, big deal", "f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "LeadFormScreen"  # refused, still open
        assert "Not an amount: 'twelve'" in screen_text(app)
        assert app.screen.focused is not None and app.screen.focused.id == "value"
        assert store.get(ids["Ana Ruiz"]).value is None
        field = app.screen.query_one("#value", Input)
        assert field.value == "twelve"  # what the rep typed stays
        await pilot.press("ctrl+u", *"€42,300.50", "f2")
        await settle(pilot, app)
        ana = store.get(ids["Ana Ruiz"])
        assert (ana.value, ana.tags) == (4_230_050, ("big-deal", "vip"))
        assert "€42.3k" in screen_text(app)
        # The form opens with what is stored, and the detail shows it.
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#value", Input).value == "€42,300.50"
        assert app.screen.query_one("#tags", Input).value == "big-deal, vip"
        await pilot.press("escape", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "€42,300.50" in text and "#big-deal #vip" in text
    store.close()


async def test_a_hash_tag_in_the_filter_finds_the_tagged_leads(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    price(store, ids["Chloé Martin"], None, "vip")
    price(store, ids["Frank Li"], 90_000, "vip", "q4")
    price(store, ids["Eve Adams"], None, "vipers")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"#vip")
        await pilot.pause()
        await settle(pilot, app)
        counts = {t: board(app).column(t).count for t in Temperature}
        assert counts == {
            Temperature.COLD: 1,
            Temperature.COOL: 0,
            Temperature.WARM: 1,
            Temperature.HOT: 0,
        }
        assert title(app, Temperature.COLD) == "COLD  1 · €900"  # the matches' total
        await pilot.press("ctrl+u", *"#vip #q4", "enter")
        await settle(pilot, app)
        assert selected_name(app) == "Frank Li"
        assert sum(board(app).column(t).count for t in Temperature) == 1
    store.close()
