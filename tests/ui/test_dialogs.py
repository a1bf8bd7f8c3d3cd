"""Pilot tests of the dialogs and the detail screen, each pushed on a tiny host app."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pendulum
from pendulum import DateTime
from rich.console import Console
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static, TextArea

from leadboard.actions.contacts import ContactEntry
from leadboard.domain.followup import Policy
from leadboard.domain.model import (
    Channel,
    Contact,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.ui.dialogs.confirm import ConfirmScreen, ReasonScreen
from leadboard.ui.dialogs.help import HelpScreen
from leadboard.ui.dialogs.lead_form import LeadFormScreen
from leadboard.ui.dialogs.log_contact import LogContactScreen
from leadboard.ui.screens.lead_detail import LeadDetailScreen
from leadboard.ui.widgets.forms import DuePreview, ErrorLine, TickBox

SIZE = (80, 24)
HOSTILE = {
    "name": "[/]",
    "company": "[bold]x",
    "next_step": "[@click=app.quit]q[/]",
    "notes": "\x1b[31mred\x1b[0m [/] \x07bell",
}


class Host(App[None]):
    """Pushes one screen at start and records what it is dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        # No smooth scrolling: tests wait for animations to finish.
        self.animation_level = "none"
        self.dialog = screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def make_lead(now: DateTime, **changes: Any) -> Lead:
    """A warm lead who prefers email, due now, one contact ago."""
    fields: dict[str, Any] = {
        "name": "Ada Lovelace",
        "created_at": now.subtract(days=30),
        "id": 7,
        "company": "Analytical Engines",
        "temperature": Temperature.WARM,
        "preferred_channel": Channel.EMAIL,
        "next_step": "send the quote",
        "next_due": now,
        "fit": 3,
        "interest": 2,
        "readiness": 1,
        "sequence_step": 2,
        "last_contact": now.subtract(days=14),
    }
    fields.update(changes)
    return Lead(**fields)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    body = svg[svg.index("</style>") :]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def plain(widget: Static) -> str:
    """A Static's content as plain text, whatever kind of renderable it holds."""
    content = widget.content
    if isinstance(content, Content):
        return content.plain
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(content)
    return capture.get()


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Put text in an Input as if typed: all but the last key set at once, for speed."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.pause()
    field.value = text[:-1]
    field.action_end()
    await pilot.press(text[-1])
    await pilot.pause()


# -- log contact ---------------------------------------------------------------------------


async def test_log_contact_defaults_follow_the_lead_and_the_rules(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#channel", Select).value is Channel.EMAIL
        assert screen.query_one("#direction", Select).value is Direction.OUT
        assert screen.query_one("#outcome", Select).value is Outcome.NO_ANSWER
        assert screen.query_one("#next-step", Input).value == "send the quote"
        assert screen.query_one("#due", Input).value == "2026-12-07 09:00"
        preview = plain(screen.query_one(DuePreview))
        assert preview.startswith("Mon 7 Dec 09:00 (due in")
        # A lead with no preferred channel gets a call.
        await pilot.press("escape")
    app = Host(LogContactScreen(make_lead(now, preferred_channel=None), Policy(), now))
    async with app.run_test(size=SIZE):
        assert app.screen.query_one("#channel", Select).value is Channel.CALL


async def test_log_contact_happy_path_leaves_dates_to_the_rules(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#note", "[x]")
        app.screen.query_one("#note", Input).value = "left a voicemail about [pricing]"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        ContactEntry(
            channel=Channel.EMAIL,
            direction=Direction.OUT,
            outcome=Outcome.NO_ANSWER,
            note="left a voicemail about [pricing]",
            next_step=None,
            typed_due=None,
            promise=False,
        )
    ]


async def test_log_contact_outcome_and_direction_keep_the_cadence(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.query_one("#outcome", Select).value = Outcome.OBJECTION
        await pilot.pause()
        assert screen.query_one("#due", Input).value == "2026-12-07 09:00"
        screen.query_one("#direction", Select).value = Direction.IN
        await pilot.pause()
        assert screen.query_one("#due", Input).value == "2026-12-07 09:00"
        # Won closes the lead: no follow-up, and the preview says so.
        screen.query_one("#outcome", Select).value = Outcome.WON
        await pilot.pause()
        assert screen.query_one("#due", Input).value == ""
        assert "no follow-up" in plain(screen.query_one(DuePreview))
        screen.query_one("#save", Button).press()
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    assert (entry.outcome, entry.direction, entry.typed_due) == (Outcome.WON, Direction.IN, None)


async def test_log_contact_outcome_via_keyboard(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        # The outcome has focus on open; enter opens the list, type-to-search picks.
        await pilot.press("enter", "o", "b", "enter")
        await pilot.pause()
        assert app.screen.query_one("#outcome", Select).value is Outcome.OBJECTION
        await pilot.press("f2")
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    assert entry.outcome is Outcome.OBJECTION


async def test_log_contact_typed_date_resolves_as_you_type(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#due", "+3d")
        assert "Thu 26 Nov" in plain(app.screen.query_one(DuePreview))
        assert "Thu 26 Nov" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    assert entry.typed_due == pendulum.datetime(2026, 11, 26, 9, 0, tz="UTC")
    assert entry.promise is False


async def test_log_contact_promise_toggle_promises_the_shown_date(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#promised", TickBox).focus()
        await pilot.press("space", "f2")
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    assert entry.promise is True
    assert entry.typed_due == pendulum.datetime(2026, 12, 7, 9, 0, tz="UTC")


async def test_log_contact_keeps_a_standing_promise(now: DateTime) -> None:
    promised = now.add(days=3)
    lead = make_lead(now, next_due=promised, promised=True)
    app = Host(LogContactScreen(lead, Policy(tz="Europe/Paris"), now))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#due", Input).value == "2026-11-26 10:00"
        assert app.screen.query_one("#promised", TickBox).value is True
        await pilot.press("f2")
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    # Untouched: the rules keep the promise themselves.
    assert entry.typed_due is None


async def test_log_contact_changed_next_step_is_returned(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#next-step", Input).value = "  book a demo "
        await type_into(pilot, "#note", "ok")
        await pilot.press("enter")
        await pilot.pause()
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    assert entry.next_step == "book a demo"


async def test_log_contact_unreadable_date_blocks_saving(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#due", "blah")
        preview = app.screen.query_one(DuePreview)
        assert "can't read" in plain(preview)
        assert preview.has_class("-error")
        await pilot.press("enter")
        app.screen.query_one("#save", Button).press()
        await pilot.press("f2")
        await pilot.pause()
        assert app.results == []
        assert isinstance(app.screen, LogContactScreen)
        assert app.screen.query_one(ErrorLine).display
        assert "can't read" in screen_text(app)
        assert app.focused is app.screen.query_one("#due", Input)


async def test_log_contact_escape_cancels_at_once_when_nothing_was_typed(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LogContactScreen)
    assert app.results == [None]


async def test_log_contact_escape_after_typing_asks_and_keeps_the_text(now: DateTime) -> None:
    app = Host(LogContactScreen(make_lead(now), Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#note", "no")
        # Escape asks; Enter gives the default, "Keep editing"; a second Escape asks again
        # and Escape answers "keep" too; only "Discard" closes.
        await pilot.press("escape", "enter", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LogContactScreen)
        assert app.screen.query_one("#note", Input).value == "no"
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard what you typed?" in screen_text(app)
        await pilot.press("tab", "enter")  # from "Keep editing" to "Discard"
        await pilot.pause()
        assert not isinstance(app.screen, (LogContactScreen, ConfirmScreen))
    assert app.results == [None]


async def test_log_contact_shows_hostile_text_literally(now: DateTime) -> None:
    lead = make_lead(now, **HOSTILE)
    app = Host(LogContactScreen(lead, Policy(), now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Log contact: [/]" in text
        assert "[bold]x" in text
        assert app.screen.query_one("#next-step", Input).value == HOSTILE["next_step"]
        await pilot.press("f2")
        await pilot.pause()
    assert app.is_running is False
    [entry] = app.results
    assert isinstance(entry, ContactEntry)
    assert entry.next_step is None


# -- lead form -------------------------------------------------------------------------------


async def test_lead_form_add_happy_path(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press(*"Grace")
        screen.query_one("#name", Input).value += " Hopper"
        screen.query_one("#company", Input).value = "Navy"
        screen.query_one("#channel", Select).value = Channel.CALL
        screen.query_one("#source", Select).value = Source.PURCHASED_LIST
        screen.query_one("#temperature", Select).value = Temperature.HOT
        screen.query_one("#fit", Select).value = 2
        screen.query_one("#readiness", Select).value = 3
        screen.query_one("#notes", TextArea).text = "line one\nline two"
        await pilot.pause()
        assert "score 5/9" in screen_text(app)
        screen.query_one("#name", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        LeadDraft(
            name="Grace Hopper",
            company="Navy",
            preferred_channel=Channel.CALL,
            source=Source.PURCHASED_LIST,
            temperature=Temperature.HOT,
            fit=2,
            readiness=3,
            notes="line one\nline two",
        )
    ]


async def test_lead_form_needs_a_name(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "enter")
        await pilot.pause()
        assert app.results == []
        error = app.screen.query_one(ErrorLine)
        assert error.display
        assert "needs a name" in plain(error)
        assert app.focused is app.screen.query_one("#name", Input)


async def test_lead_form_unreadable_date_blocks_saving(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#name", Input).value = "Grace"
        await type_into(pilot, "#due", "blah")
        assert "can't read" in plain(app.screen.query_one(DuePreview))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        assert isinstance(app.screen, LeadFormScreen)


async def test_lead_form_typed_date_and_promise(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "Europe/Paris", now))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#name", Input).value = "Grace"
        app.screen.query_one("#promised", TickBox).value = True
        await type_into(pilot, "#due", "+3d")
        assert "Thu 26 Nov" in plain(app.screen.query_one(DuePreview))
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, LeadDraft)
    # Now is 10:00 in Paris; three days on at the same wall-clock time.
    assert draft.next_due == pendulum.datetime(2026, 11, 26, 9, 0, tz="UTC")
    assert draft.promised is True


async def test_lead_form_promise_needs_a_date(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#name", Input).value = "Grace"
        app.screen.query_one("#promised", TickBox).value = True
        await pilot.press("f2")
        await pilot.pause()
        assert app.results == []
        assert "promised" in plain(app.screen.query_one(ErrorLine))


async def test_lead_form_edit_prefills_and_keeps_the_due_date(now: DateTime) -> None:
    lead = make_lead(now, promised=True, notes="met at the fair", source=Source.EVENT)
    app = Host(LeadFormScreen(lead, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#name", Input).value == "Ada Lovelace"
        assert screen.query_one("#channel", Select).value is Channel.EMAIL
        assert screen.query_one("#temperature", Select).value is Temperature.WARM
        assert screen.query_one("#fit", Select).value == 3
        assert screen.query_one("#due", Input).value == ""
        assert "keep Mon 23 Nov 09:00" in plain(screen.query_one(DuePreview))
        assert screen.query_one("#promised", TickBox).value is True
        screen.query_one("#temperature", Select).value = Temperature.HOT
        await pilot.press("f2")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, LeadDraft)
    assert (draft.name, draft.temperature, draft.next_due) == (
        "Ada Lovelace",
        Temperature.HOT,
        None,
    )
    assert (draft.source, draft.notes, draft.promised) == (Source.EVENT, "met at the fair", True)
    assert (draft.fit, draft.interest, draft.readiness) == (3, 2, 1)


async def test_lead_form_escape_cancels_at_once_when_nothing_changed(now: DateTime) -> None:
    app = Host(LeadFormScreen(make_lead(now), "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_lead_form_escape_after_a_change_asks_first(now: DateTime) -> None:
    app = Host(LeadFormScreen(make_lead(now), "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#name", "x")
        await pilot.press("escape", "enter")  # asked; Enter keeps editing
        await pilot.pause()
        assert isinstance(app.screen, LeadFormScreen)
        assert app.screen.query_one("#name", Input).value == "x"
        await pilot.press("escape", "y")  # y: discard
        await pilot.pause()
    assert app.results == [None]


async def test_lead_form_scrolls_to_the_notes_at_80x24(now: DateTime) -> None:
    app = Host(LeadFormScreen(None, "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        notes = app.screen.query_one("#notes", TextArea)
        notes.focus()
        await pilot.pause()
        form = app.screen.query_one("#form")
        assert form.scroll_y > 0
        assert form.region.contains_region(notes.region)
        assert app.screen.query_one("#save", Button).region.bottom <= SIZE[1]


async def test_lead_form_shows_hostile_text_literally(now: DateTime) -> None:
    app = Host(LeadFormScreen(make_lead(now, **HOSTILE), "UTC", now))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#name", Input).value == "[/]"
        assert screen.query_one("#company", Input).value == "[bold]x"
        assert "\x1b" not in screen.query_one("#notes", TextArea).text
        assert "Edit lead: [/]" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, LeadDraft)
    assert draft.name == "[/]"
    assert draft.notes == "red [/] bell"


# -- lead detail ---------------------------------------------------------------------------


def history(now: DateTime) -> list[Contact]:
    """Two contacts, oldest first, so the screen must sort them."""
    return [
        Contact(7, now.subtract(days=20), Channel.EMAIL, Outcome.NO_ANSWER, note="first"),
        Contact(7, now.subtract(days=2), Channel.CALL, Outcome.TALKED, Direction.IN, "second"),
    ]


async def test_lead_detail_shows_every_field_and_history_newest_first(now: DateTime) -> None:
    lead = make_lead(now, promised=True, status=Status.LOST, lost_reason="price", owner="me")
    app = Host(LeadDetailScreen(lead, history(now), now.add(hours=3), "UTC"))
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert "Ada Lovelace · Analytical Engines" in plain(screen.query_one("#title", Static))
        fields = plain(screen.query_one("#fields", Static))
        for expected in (
            "6/9 (fit 3, interest 2, readiness 1)",
            "step 2: first personal message",
            "Mon 23 Nov 09:00 (3h overdue), promised",
            "Lost reason   price",
            "Preferred     email",
            "Last contact  Mon 9 Nov 09:00 (2 weeks ago)",
        ):
            assert expected in fields
        log = plain(screen.query_one("#history", Static))
        assert log.index("second") < log.index("first")
        assert "<- in   call  talked" in log
        assert "-> out  email  no answer" in log


async def test_lead_detail_keys(now: DateTime) -> None:
    for key, expected in (("escape", None), ("q", None), ("c", "log"), ("e", "edit")):
        app = Host(LeadDetailScreen(make_lead(now), [], now, "UTC"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
        assert app.results == [expected], key


async def test_lead_detail_long_hostile_note_scrolls_and_stays_literal(now: DateTime) -> None:
    note = ("漢字 wide [/] مرحبا " * 600)[:10_000] + "\nlast line \x1b[31m"
    contacts = [Contact(7, now, Channel.CALL, Outcome.TALKED, note=note)]
    app = Host(LeadDetailScreen(make_lead(now, **HOSTILE), contacts, now, "UTC"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert "[/] · [bold]x" in screen_text(app)
        fields = plain(screen.query_one("#fields", Static))
        assert HOSTILE["next_step"] in fields
        assert "\x1b" not in plain(screen.query_one("#notes", Static))
        log = plain(screen.query_one("#history", Static))
        assert "last line" in log
        assert "\x1b" not in log
        assert max(len(line) for line in log.splitlines()) <= 200
        await pilot.press("end")
        await pilot.pause()
        assert screen.query_one("#body").scroll_y > 100
        assert "last line" in screen_text(app)


# -- confirm, reason, help -------------------------------------------------------------------


async def test_confirm_keys() -> None:
    for key, expected in (("y", True), ("enter", True), ("n", False), ("escape", False)):
        app = Host(ConfirmScreen("Mark [/] as won?", yes="Won"))
        async with app.run_test(size=SIZE) as pilot:
            assert "Mark [/] as won?" in screen_text(app)
            await pilot.press(key)
            await pilot.pause()
        assert app.results == [expected], key


async def test_confirm_no_button() -> None:
    app = Host(ConfirmScreen("[@click=app.quit]Sure?[/]"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")
        await pilot.pause()
    assert app.results == [False]


async def test_reason_returns_trimmed_text_or_none() -> None:
    app = Host(ReasonScreen("Why was [/] lost?", placeholder="price..."))
    async with app.run_test(size=SIZE) as pilot:
        assert "Why was [/] lost?" in screen_text(app)
        app.screen.query_one(Input).value = "  too [expensive"
        await pilot.press("]", "space", "enter")
        await pilot.pause()
    assert app.results == ["too [expensive]"]
    app = Host(ReasonScreen("Why?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [""]
    app = Host(ReasonScreen("Why?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"typed", "escape")
        await pilot.pause()
    assert app.results == [None]


async def test_help_lists_keys_literally_and_closes() -> None:
    keys = [("[", "move colder"), ("]", "move hotter"), ("c", "log a [b]contact")] * 10
    for close in ("escape", "q", "question_mark"):
        app = Host(HelpScreen(keys))
        async with app.run_test(size=SIZE) as pilot:
            table = plain(app.screen.query_one("#table", Static))
            assert "[  move colder" in table
            assert "log a [b]contact" in table
            await pilot.press(close)
            await pilot.pause()
        assert app.results == [None], close
