"""The board's add, log and detail flows: column temperature, twins, a lead closed elsewhere."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from leadboard.domain.model import Channel, Outcome, Status, Temperature
from leadboard.ui.dialogs.duplicate import DuplicateScreen
from leadboard.ui.dialogs.lead_form import LeadFormScreen
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.lead_detail import LeadDetailScreen
from leadboard.ui.widgets.forms import ErrorLine
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, open_store, settle
from tests.ui.contention import wait_until
from tests.ui.test_dialogs import plain


def form_temperature(app: object) -> object:
    """The temperature the open lead form would save."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LeadFormScreen)
    return screen.query_one("#temperature", Select).value


async def test_add_starts_at_the_focused_columns_temperature(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")  # the board opens on HOT
        await pilot.pause()
        assert form_temperature(app) is Temperature.HOT
        # Nothing typed: Escape closes at once; then from WARM, then from COLD.
        await pilot.press("escape", "h", "a")
        await pilot.pause()
        assert form_temperature(app) is Temperature.WARM
        await pilot.press("escape", "h", "h", "a")
        await pilot.pause()
        assert form_temperature(app) is Temperature.COLD
    store.close()


async def test_a_likely_duplicate_asks_back_add_anyway_or_open(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = store.count()
        await pilot.press("a", *"ana ruiz", "tab", *"BLOOM & CO", "f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DuplicateScreen)
        question = plain(screen.query_one("#question", Static))
        assert f"#{ids['Ana Ruiz']} Ana Ruiz, Bloom & Co (same name and company)" in question
        await pilot.press("enter")  # Back has focus: the form, as typed
        await pilot.pause()
        assert isinstance(app.screen, LeadFormScreen)
        assert app.screen.query_one("#name", Input).value == "ana ruiz"
        assert store.count() == before
        await pilot.press("f2", "a")  # add anyway
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert store.count() == before + 1
        # A closed lead counts too, and "Open it" shows the stored one.
        store.set_status(ids["Ben Okafor"], Status.LOST, NOW, "price")
        await pilot.press("a", *"Ben Okafor", "tab", *"Okafor Realty", "f2")
        await pilot.pause()
        assert isinstance(app.screen, DuplicateScreen)
        assert "(lost; same name and company)" in plain(app.screen.query_one("#question", Static))
        await pilot.press("o")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, LeadDetailScreen) and detail.lead.id == ids["Ben Okafor"]
        assert store.count() == before + 1
    store.close()


async def test_log_from_the_detail_returns_to_the_refreshed_detail(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "c")
        await pilot.pause()
        assert isinstance(app.screen, LogContactScreen)
        await pilot.press("tab", *"asked about the gala", "f2")
        await settle(pilot, app)
        detail = app.screen
        assert isinstance(detail, LeadDetailScreen)
        assert detail.lead.id == ids["Ana Ruiz"]
        assert "Contact history (2)" in plain(detail.query_one("#history-heading", Static))
        assert "asked about the gala" in plain(detail.query_one("#history", Static))
        await pilot.press("e", "end", *" Jr", "f2")
        await settle(pilot, app)
        assert isinstance(app.screen, LeadDetailScreen)
        assert "Ana Ruiz Jr" in plain(app.screen.query_one("#title", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    store.close()


async def test_detail_shows_a_contact_logged_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    app, store, ids = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, LeadDetailScreen)
        other = open_store(path)
        other.log_contact(
            ids["Ana Ruiz"], channel=Channel.TEXT, outcome=Outcome.REPLIED, note="yes!", now=NOW
        )
        other.close()
        await wait_until(pilot, lambda: "yes!" in plain(detail.query_one("#history", Static)), 5)
        assert "Contact history (2)" in plain(detail.query_one("#history-heading", Static))
    store.close()


async def test_saving_a_contact_on_a_lead_lost_elsewhere_says_so_and_keeps_the_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.db"
    app, store, ids = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "tab", *"they said call back")
        await pilot.pause()
        other = open_store(path)  # another leadboard, on its own connection
        other.set_status(ids["Ana Ruiz"], Status.LOST, NOW, "went elsewhere")
        other.close()
        await pilot.press("f2")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        said = plain(dialog.query_one(ErrorLine))
        assert "Ana Ruiz was marked lost by another leadboard; contact not saved" in said
        assert dialog.query_one("#note", Input).value == "they said call back"
        assert store.contacts(ids["Ana Ruiz"], limit=10)[0].note == ""
        assert store.get(ids["Ana Ruiz"]).status is Status.LOST
    store.close()
