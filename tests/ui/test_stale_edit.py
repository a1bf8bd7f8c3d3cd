"""A save from the lead form after another rep saved the lead: refused, told, reloadable."""

from __future__ import annotations

from textual.widgets import Input

from leadboard.config import Config
from leadboard.domain.model import Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.lead_form import LeadFormScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.widgets.forms import ErrorLine
from tests.conftest import NOW
from tests.postgres import write_elsewhere
from tests.ui.board_fixtures import seed, settle

THEIR_STEP = "[/]Call on [b]Tuesday"
"""The other rep's next step: markup-like text that must show literally."""


def error_text(form: LeadFormScreen) -> str:
    """What the form's error line says."""
    return str(form.query_one(ErrorLine).render())


def field(form: LeadFormScreen, id: str) -> str:
    """A one-line field's value."""
    return form.query_one(f"#{id}", Input).value


def other_rep_saves(store: LeadStore, lead_id: int) -> None:
    """Another leadboard changes the company and the next step, as its save would."""
    write_elsewhere(
        store,
        "UPDATE lead SET company = ?, next_step = ?, version = version + 1 WHERE id = ?",
        ("Bloom Group", THEIR_STEP, lead_id),
    )


async def test_stale_save_keeps_the_form_says_what_changed_and_reload_saves_both(
    store: LeadStore,
) -> None:
    ids = seed(store)
    ana = ids["Ana Ruiz"]
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeadFormScreen) and form.lead is not None
        assert form.lead.id == ana
        # The rep changes the title and the company; the other rep saves the lead meanwhile.
        await pilot.press("tab", "end", *" Ltd", "tab", *"Owner")
        other_rep_saves(store, ana)
        await pilot.press("f2")
        await settle(pilot, app)
        still_open = app.screen is form
        assert still_open, "a stale save must not close the form"
        assert field(form, "company") == "Bloom & Co Ltd"
        assert field(form, "title") == "Owner"
        said = error_text(form)
        assert said.startswith("not saved: another leadboard saved Ana Ruiz meanwhile:")
        assert "company 'Bloom & Co' → 'Bloom Group'" in said
        assert f"next step 'Send the quote for the gala' → '{THEIR_STEP}'" in said
        assert "F5 reloads" in said
        stored = store.get(ana)
        assert (stored.company, stored.next_step, stored.title) == ("Bloom Group", THEIR_STEP, "")

        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, LeadFormScreen) and app.screen is form
        # Theirs where only they changed, the rep's where the rep did (both: the rep's).
        assert field(form, "next_step") == THEIR_STEP
        assert field(form, "company") == "Bloom & Co Ltd"
        assert field(form, "title") == "Owner"
        said = error_text(form)
        assert said.startswith("Reloaded: the lead as saved now, with your changes on top.")
        assert "You both changed company (theirs: 'Bloom Group'): yours is kept." in said

        await pilot.press("f2")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        saved = store.get(ana)
        assert (saved.company, saved.next_step, saved.title) == (
            "Bloom & Co Ltd",
            THEIR_STEP,
            "Owner",
        )
        assert saved.version == stored.version + 1
        # Undo puts back the other rep's version, not the one the form first opened on.
        await pilot.press("u")
        await settle(pilot, app)
        undone = store.get(ana)
        assert (undone.company, undone.next_step, undone.title) == ("Bloom Group", THEIR_STEP, "")


async def test_escape_after_a_stale_save_cancels_and_keeps_theirs(store: LeadStore) -> None:
    ids = seed(store)
    ana = ids["Ana Ruiz"]
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e", "tab", "end", *" Ltd")
        other_rep_saves(store, ana)
        await pilot.press("f2")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, LeadFormScreen)
        assert "another leadboard saved" in error_text(form)
        # Escape asks first (something was typed), and "Discard" closes without a save.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert store.get(ana).company == "Bloom Group"


async def test_reload_takes_their_notes_and_keeps_the_reps_next_step(
    store: LeadStore,
) -> None:
    """They changed only the notes: reload takes them, and the step the rep typed is saved."""
    ids = seed(store)
    ana = ids["Ana Ruiz"]
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeadFormScreen)
        form.query_one("#next_step", Input).focus()
        await pilot.press("end", *" today")
        write_elsewhere(
            store,
            "UPDATE lead SET notes = ?, version = version + 1 WHERE id = ?",
            ("their note", ana),
        )
        await pilot.press("f2")
        await settle(pilot, app)
        assert "notes '' → 'their note'" in error_text(form)
        await pilot.press("f5", "f2")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        saved = store.get(ana)
        assert (saved.notes, saved.next_step) == ("their note", "Send the quote for the gala today")
        assert saved.temperature is Temperature.HOT


async def test_an_undo_another_rep_saved_over_is_refused_in_one_line(store: LeadStore) -> None:
    ids = seed(store)
    ana = ids["Ana Ruiz"]
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket")  # Ana: hot -> warm
        await settle(pilot, app)
        assert store.get(ana).temperature is Temperature.WARM
        write_elsewhere(
            store,
            "UPDATE lead SET next_step = ?, version = version + 1 WHERE id = ?",
            ("their step", ana),
        )
        await pilot.press("u")
        await settle(pilot, app)
        told = [str(note.message) for note in app._notifications]
        assert len(told) == 1 and "\n" not in told[0]
        assert told[0].startswith("Ana Ruiz was changed by another leadboard (")
        assert "next step 'Send the quote for the gala' → 'their step'" in told[0]
        assert told[0].endswith("; not undone")
        kept = store.get(ana)
        assert (kept.temperature, kept.next_step) == (Temperature.WARM, "their step")
        # The board goes on: the next key works, and the refused change is not offered again.
        await pilot.press("u")
        await settle(pilot, app)
        assert [str(note.message) for note in app._notifications][-1] == "Nothing to undo"
        assert isinstance(app.screen, BoardScreen) and app.is_running
