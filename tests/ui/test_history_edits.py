"""Editing and deleting a past contact from the detail, and undoing it on the board."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from leadboard.domain.model import Channel, Outcome
from leadboard.store.leads import LeadStore
from leadboard.ui.dialogs.contact_edit import ContactEditScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.lead_detail import LeadDetailScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, settle
from tests.ui.test_dialogs import plain


def three_touches(store: LeadStore, lead_id: int) -> None:
    """After the seed's message left 59 days ago: a reply 5 days ago, no answer 2 days ago."""
    for days, outcome, note in ((5, Outcome.REPLIED, "call me"), (2, Outcome.NO_ANSWER, "")):
        at = NOW.subtract(days=days)
        store.log_contact(lead_id, channel=Channel.CALL, outcome=outcome, note=note, at=at, now=at)


async def test_delete_the_second_contact_then_undo_on_the_board(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    ana = ids["Ana Ruiz"]
    three_touches(store, ana)
    before = store.get(ana)
    assert before.sequence_step == 2
    contacts = store.contacts(ana)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "n", "n", "d", "y")
        await settle(pilot, app)
        detail = app.screen
        assert isinstance(detail, LeadDetailScreen)
        assert [c.outcome for c in store.contacts(ana)] == [
            Outcome.NO_ANSWER,
            Outcome.LEFT_MESSAGE,
        ]
        after = store.get(ana)
        # No reply left between two unanswered touches: step 3; the newest stayed.
        assert (after.sequence_step, after.last_contact) == (3, before.last_contact)
        assert "Contact history (2)" in plain(detail.query_one("#history-heading", Static))
        assert "call me" not in plain(detail.query_one("#history", Static))
        assert "step 3" in plain(detail.query_one("#fields", Static))
        await pilot.press("escape", "u")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert store.contacts(ana) == contacts
        assert store.get(ana).sequence_step == 2
    store.close()


async def test_no_keeps_the_contact_and_edit_changes_its_note(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "b.db")
    ana = ids["Ana Ruiz"]
    three_touches(store, ana)
    contacts = store.contacts(ana)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        # d before any contact is picked does nothing; n (the newest), d, n(o) keeps it.
        await pilot.press("enter", "d", "n", "d", "n")
        await settle(pilot, app)
        assert store.contacts(ana) == contacts
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactEditScreen)
        await pilot.press("tab", "end", *" back [b]tue[/b]", "f2")
        await settle(pilot, app)
        assert isinstance(app.screen, LeadDetailScreen)
        edited = store.contacts(ana)[1]
        assert (edited.id, edited.note, edited.outcome) == (
            contacts[1].id,
            "call me back [b]tue[/b]",
            Outcome.REPLIED,
        )
        assert "call me back [b]tue[/b]" in plain(app.screen.query_one("#history", Static))
        await pilot.press("escape", "u")
        await settle(pilot, app)
        assert store.contacts(ana) == contacts
    store.close()
