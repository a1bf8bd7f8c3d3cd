"""The add, edit and log dialogs guard what the rep typed: Escape asks, doubtful values warn."""

from __future__ import annotations

from pendulum import DateTime
from textual.widgets import Input, Select
from textual.widgets._select import SelectOverlay

from leadboard.actions.contacts import ContactEntry
from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft, Outcome
from leadboard.store.errors import StoreError
from leadboard.ui.dialogs.confirm import ConfirmScreen
from leadboard.ui.dialogs.lead_form import LeadFormScreen
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.widgets.forms import DuePreview, FieldNote
from tests.ui.test_dialogs import SIZE, Host, make_lead, plain, screen_text, type_into


async def test_edit_form_has_the_owner_and_saves_it(now: DateTime) -> None:
    app = Host(LeadFormScreen(make_lead(now, owner="Sam"), "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#owner", Input).value == "Sam"
        await type_into(pilot, "#owner", "Kim")
        await pilot.press("f2")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, LeadDraft) and draft.owner == "Kim"


async def test_odd_email_and_phone_warn_under_the_field_and_still_save(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_into(pilot, "#name", "Ivy")
        await type_into(pilot, "#email", "not-an-email")
        await type_into(pilot, "#phone", "phone?")
        email_note = screen.query_one("#email-note", FieldNote)
        phone_note = screen.query_one("#phone-note", FieldNote)
        assert email_note.display and "needs one @" in plain(email_note)
        assert phone_note.display and "only digits" in plain(phone_note)
        await type_into(pilot, "#email", "ivy@example.com")
        await type_into(pilot, "#phone", "+44 (0)1632 960 001")
        assert not email_note.display and not phone_note.display
        await type_into(pilot, "#email", "ivy@example")
        assert "not a domain" in plain(email_note)
        await pilot.press("f2")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, LeadDraft) and draft.email == "ivy@example"


async def test_a_next_due_in_the_past_asks_before_saving(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#name", "Ivy")
        await type_into(pilot, "#due", "2026-11-20 10:00")
        assert "overdue" in plain(app.screen.query_one(DuePreview))
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "is in the past" in app.screen.question
        await pilot.press("enter")  # the default: change it
        await pilot.pause()
        assert isinstance(app.screen, LeadFormScreen) and app.results == []
        assert app.screen.focused is app.screen.query_one("#due", Input)
        await pilot.press("f2", "y")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, LeadDraft) and draft.next_due is not None


async def test_log_dialog_past_due_asks_too(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#due", "2026-11-01 09:00")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry) and entry.typed_due is not None


async def test_a_typed_weekend_warns_when_weekends_are_skipped(now: DateTime) -> None:
    policy = Policy(skip_weekends=True)
    app = Host(LogContactScreen(make_lead(now), policy, now))
    async with app.run_test(size=SIZE) as pilot:
        preview = app.screen.query_one(DuePreview)
        await type_into(pilot, "#due", "2026-11-28 10:00")  # a Saturday
        assert "Sat 28 Nov 10:00" in plain(preview)
        assert "weekend, kept as typed" in plain(preview)
        await type_into(pilot, "#due", "2026-11-30 10:00")  # a Monday
        assert "weekend" not in plain(preview)
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#due", "2026-11-28 10:00")
        assert "weekend" not in plain(app.screen.query_one(DuePreview))


async def test_outcome_list_opens_inside_the_dialog_at_80x24(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the outcome has focus: open its list
        await pilot.pause()
        screen = app.screen
        overlay = screen.query_one("#outcome", Select).query_one(SelectOverlay)
        dialog = screen.query_one("#dialog")
        assert overlay.display
        inside = dialog.region.shrink((1, 1, 1, 1))
        assert inside.contains_region(overlay.region), (overlay.region, dialog.region)
        # Every outcome is in view: none hides behind a scroll.
        assert overlay.region.height == len(Outcome)
        await pilot.press("escape")


async def test_a_long_message_keeps_the_title_and_buttons_in_the_dialog(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LeadFormScreen)
        await type_into(pilot, "#due", "the day after the big meeting with everyone in it")
        preview = screen.query_one(DuePreview)
        assert preview.region.height == 1  # a long date error stays one line
        screen.not_saved(StoreError("the disk is full " + "and more words " * 12), 0)
        await pilot.pause()
        await pilot.pause()
        assert "Add lead" in screen_text(app)
        dialog = screen.query_one("#dialog")
        assert dialog.region.y >= 0 and dialog.region.bottom <= SIZE[1]
        # The message and the buttons under it are inside the box, not cut off below it.
        inside = dialog.region.shrink((1, 1, 1, 1))
        assert inside.contains_region(screen.query_one("#error").region)
        assert inside.contains_region(screen.query_one("#save").region)
