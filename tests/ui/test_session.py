"""A whole follow-up session through Pilot: every key, the hints, and the summary's figures."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.widgets import Input, Select, Static

from leadboard.actions.session import SessionSummary
from leadboard.config import Config
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.store.schema import ContactRow
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.closing import confirm_inactive, confirm_won
from leadboard.ui.dialogs.confirm import ConfirmScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.screens.session_summary import SessionSummaryScreen, summary_body
from tests.conftest import NOW
from tests.ui.board_fixtures import HOSTILE_NAME, open_store, seed, settle


def current_name(app: App[None]) -> str | None:
    """The name of the lead the session shows."""
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    lead = screen.flow.current_lead()
    return None if lead is None else lead.name


def session_contacts(store: LeadStore, session_id: int) -> Counter[tuple[Channel, Outcome]]:
    """Contacts stored with the session's id, by channel and outcome."""
    rows = ContactRow.select(ContactRow.channel, ContactRow.outcome).where(
        ContactRow.session_id == session_id
    )
    return Counter((Channel(row.channel), Outcome(row.outcome)) for row in rows)


async def test_whole_week_session_with_every_key(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True, week=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        session_id = screen.flow.session_id
        # Hot first, then most overdue: the week's queue in urgency order.
        order = [store.get(i).name for i in screen.flow.queue.lead_ids]
        assert order == [
            "Ana Ruiz",
            "Ben Okafor",
            "Chloé Martin",
            "Dmitri Volkov",
            "山田 太郎",
            HOSTILE_NAME,
            "Eve Adams",
        ]
        assert current_name(app) == "Ana Ruiz"
        await pilot.press("1")  # no answer, on her preferred channel (email)
        assert current_name(app) == "Ben Okafor"
        await pilot.press("p")  # back to Ana
        assert current_name(app) == "Ana Ruiz"
        await pilot.press("n")  # skip
        assert current_name(app) == "Ben Okafor"
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("3")  # snooze three days
        await pilot.pause()
        assert store.get(ids["Ben Okafor"]).next_due == NOW.add(days=3)
        assert current_name(app) == "Chloé Martin"
        await pilot.press("right_square_bracket")  # hotter, and stay on her
        assert store.get(ids["Chloé Martin"]).temperature is Temperature.HOT
        assert current_name(app) == "Chloé Martin"
        # Meeting booked: its date and a next step, typed in one burst.
        await pilot.press("4", *"fri", "tab", *"send quote", "enter")
        await settle(pilot, app)
        chloe = store.get(ids["Chloé Martin"])
        assert chloe.next_due is not None and chloe.next_due.date() == date(2026, 11, 27)
        assert chloe.promised and chloe.next_step == "send quote"
        assert current_name(app) == "Dmitri Volkov"
        await pilot.press("left_square_bracket")  # colder...
        assert store.get(ids["Dmitri Volkov"]).temperature is Temperature.COOL
        await pilot.press("u")  # ...undone
        assert store.get(ids["Dmitri Volkov"]).temperature is Temperature.WARM
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f2")  # the full dialog, saved with its defaults
        await pilot.pause()
        assert current_name(app) == "山田 太郎"
        await pilot.press("w", "y")  # won, once confirmed
        await settle(pilot, app)
        assert store.get(ids["山田 太郎"]).status is Status.WON
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"price", "enter")  # lost, with a reason
        await pilot.pause()
        assert store.get(ids[HOSTILE_NAME]).lost_reason == "price"
        assert current_name(app) == "Eve Adams"
        await pilot.press("3", "enter")  # talked, nothing to add: a cold lead is offered hotter
        await settle(pilot, app)
        assert "You talked: move them to cool?" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()
        assert store.get(ids["Eve Adams"]).temperature is Temperature.COOL
        # The queue is done: the summary shows what the database holds.
        assert isinstance(app.screen, SessionSummaryScreen)
        summary = app.screen.summary
        logged = session_contacts(store, session_id)
        assert summary.contacts == logged
        assert logged == Counter(
            {
                (Channel.EMAIL, Outcome.NO_ANSWER): 1,
                (Channel.EMAIL, Outcome.MEETING_BOOKED): 1,
                (Channel.CALL, Outcome.NO_ANSWER): 1,
                (Channel.EMAIL, Outcome.TALKED): 1,
            }
        )
        assert (summary.queued, summary.seen) == (7, 7)
        # Ana was skipped after her touch: a skip never undoes work, so nobody counts as skipped.
        assert (summary.won, summary.lost, summary.snoozed, summary.skipped) == (1, 1, 1, 0)
        assert summary.moved == 2  # Chloé hotter, Eve hotter (Dmitri's move was undone)
        assert summary.worked == 6  # everyone but Ben, who was only snoozed
        assert summary.streak_weeks == 1 and summary.sessions_total == 1
        assert summary.still_overdue == 0
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    store.close()


async def test_fifth_unanswered_touch_proposes_inactive(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    lead = store.add(LeadDraft(name="Quiet Quinn", temperature=Temperature.HOT), NOW)
    assert lead.id is not None
    for day in range(4):
        store.log_contact(
            lead.id,
            channel=Channel.CALL,
            outcome=Outcome.NO_ANSWER,
            at=NOW.subtract(days=5 - day),
            now=NOW.subtract(days=5 - day),
            typed_due=NOW.subtract(hours=1),
        )
    assert store.get(lead.id).sequence_step == 5
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # left message: the fifth touch without a reply
        await pilot.pause()
        assert "mark inactive" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()
        assert store.get(lead.id).status is Status.INACTIVE
        assert isinstance(app.screen, SessionSummaryScreen)
    store.close()


async def test_objection_and_not_interested_keys_and_end_early(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("5")  # Ana: objection jumps to step 4
        await pilot.pause()
        assert store.get(ids["Ana Ruiz"]).sequence_step == 4
        await pilot.press("6", "enter")  # Chloé: not interested, logged, kept as she is
        await settle(pilot, app)
        assert store.contacts(ids["Chloé Martin"])[0].outcome is Outcome.NOT_INTERESTED
        await pilot.press("q")  # end early
        await pilot.pause()
        assert isinstance(app.screen, SessionSummaryScreen)
        assert app.screen.summary.seen == 2
        assert app.screen.summary.still_overdue == 2  # 山田 and Eve were not reached
    store.close()


async def test_session_from_the_board_returns_to_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "a")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        while not isinstance(app.screen, SessionSummaryScreen):
            # Talk to each due lead (nothing to add); decline the hints on a cool or cold lead.
            if isinstance(app.screen, SessionScreen):
                await pilot.press("3", "enter")
            else:
                await pilot.press("n")
            await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "0 overdue" in app.screen.query_one("#status-line").render().__str__()
    store.close()


async def test_s_on_the_board_reaches_the_app_as_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "s.db")
    seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    done: list[Callable[[], None]] = []
    monkeypatch.setattr(app, "run_session", lambda flow, on_done: done.append(on_done))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("s", "a")
        await pilot.pause()
        # The app ran the session the board asked for, and hands the board back its turn.
        assert done == [board.after_session]
    store.close()


async def test_empty_queue_goes_straight_to_the_summary(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionSummaryScreen)
        assert app.screen.summary.queued == 0
    store.close()


def shown(app: App[None], selector: str) -> str:
    """The plain text of a label or static on the top screen."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def session_of(app: App[None]) -> SessionScreen:
    """The session screen, wherever it is in the stack."""
    return next(s for s in app.screen_stack if isinstance(s, SessionScreen))


async def test_not_interested_is_no_reply_and_offers_lost_colder_or_keep(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)  # every lead at step 2 after one message left
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("6", "l")  # Ana (hot): not interested, then lost
        await settle(pilot, app)
        ana = store.get(ids["Ana Ruiz"])
        assert (ana.status, ana.lost_reason, ana.sequence_step) == (
            Status.LOST,
            "not interested",
            2,  # not a reply: the sequence was not restarted
        )
        assert store.contacts(ids["Ana Ruiz"])[0].outcome is Outcome.NOT_INTERESTED
        assert "Ana Ruiz marked lost (not interested)" in shown(app, "#session-last")
        await pilot.press("6", "c")  # Chloé (warm): one colder
        await settle(pilot, app)
        chloe = store.get(ids["Chloé Martin"])
        assert (chloe.temperature, chloe.status, chloe.sequence_step) == (
            Temperature.COOL,
            Status.ACTIVE,
            2,
        )
        await pilot.press("6", "enter")  # 山田 (cool): kept as is
        await settle(pilot, app)
        assert store.get(ids["山田 太郎"]).temperature is Temperature.COOL
        assert current_name(app) == "Eve Adams"
        await pilot.press("6")  # Eve is cold: nothing colder to offer, and c does nothing
        await settle(pilot, app)
        assert "move to" not in shown(app, "#choices")
        await pilot.press("c", "escape")
        await settle(pilot, app)
        assert store.get(ids["Eve Adams"]).temperature is Temperature.COLD
        assert isinstance(app.screen, SessionSummaryScreen)
        assert (app.screen.summary.lost, app.screen.summary.moved) == (1, 1)
    store.close()


async def test_meeting_booked_asks_its_date_and_escape_logs_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    ana = ids["Ana Ruiz"]
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", *"+2d")
        await settle(pilot, app)
        assert "Wed 25 Nov" in shown(app, "#due-preview")  # the resolved date, as typed
        await pilot.press("escape", "y")  # typed text: asked first, then the whole log goes
        await settle(pilot, app)
        assert len(store.contacts(ana)) == 1 and current_name(app) == "Ana Ruiz"
        await pilot.press("4", "enter")  # no date: asked for, nothing written
        await settle(pilot, app)
        assert "type when the meeting is" in shown(app, "#error")
        await pilot.press(*"2026-11-20 10:00", "enter")  # in the past
        await settle(pilot, app)
        assert "in the past" in shown(app, "#error")
        assert len(store.contacts(ana)) == 1
        await pilot.press("escape", "escape")  # the question's Escape keeps what was typed
        await settle(pilot, app)
        assert app.screen.query_one("#due", Input).value == "2026-11-20 10:00"
        await pilot.press("escape", "y")
        await settle(pilot, app)
        await pilot.press("4", "escape")  # nothing typed: Escape closes at once
        await settle(pilot, app)
        assert current_name(app) == "Ana Ruiz"
        await pilot.press("4", *"+3d", "tab", *"prepare the deck", "enter")
        await settle(pilot, app)
        lead = store.get(ana)
        assert lead.next_due is not None and lead.next_due.date() == date(2026, 11, 26)
        assert lead.promised and lead.next_step == "prepare the deck" and lead.sequence_step == 1
        assert store.contacts(ana)[0].outcome is Outcome.MEETING_BOOKED
        assert current_name(app) == "Chloé Martin"
        assert "meeting booked for Thu 26 Nov" in shown(app, "#session-last")
    store.close()


async def test_talked_takes_a_note_and_next_step_or_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", *"wants a quote", "tab", *"send quote", "enter")
        await settle(pilot, app)
        ana = store.get(ids["Ana Ruiz"])
        talk = store.contacts(ids["Ana Ruiz"])[0]
        assert (talk.outcome, talk.note, ana.next_step) == (
            Outcome.TALKED,
            "wants a quote",
            "send quote",
        )
        await pilot.press("3", "enter")  # Chloé: Enter alone logs the talk, nothing else
        await settle(pilot, app)
        chloe = store.get(ids["Chloé Martin"])
        assert store.contacts(ids["Chloé Martin"])[0].note == ""
        assert chloe.next_step == "Share two examples"
        assert current_name(app) == "山田 太郎"
        await pilot.press("3", *"typed", "escape", "y")  # Escape (and discard): nothing logged
        await settle(pilot, app)
        assert len(store.contacts(ids["山田 太郎"])) == 1 and current_name(app) == "山田 太郎"
    store.close()


async def test_the_keys_show_and_change_their_channel(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True, week=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "log as: email (their preferred)" in shown(app, "#session-keys")
        await pilot.press("2")  # Ana prefers email: a message left by email stays email
        await settle(pilot, app)
        assert store.contacts(ids["Ana Ruiz"])[0].channel is Channel.EMAIL
        # Ben prefers calls: a message left on a call is a voicemail.
        assert "call (their preferred, 2 as voicemail)" in shown(app, "#session-keys")
        await pilot.press("2")
        await settle(pilot, app)
        assert store.contacts(ids["Ben Okafor"])[0].channel is Channel.VOICEMAIL
        assert shown(app, "#session-last") == "Logged voicemail with Ben Okafor: left message."
        await pilot.press("v", "v", "v")  # call, email, text: for the rest of the session
        assert "log as: text (for this session)" in shown(app, "#session-keys")
        await pilot.press("1")  # Chloé prefers email; the session says text
        await settle(pilot, app)
        assert store.contacts(ids["Chloé Martin"])[0].channel is Channel.TEXT
        await pilot.press("c")  # the full dialog opens on the session's channel too
        await settle(pilot, app)
        assert app.screen.query_one("#channel", Select).value is Channel.TEXT
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press(*"v" * 6)  # all the way round: each lead's preferred again
        assert session_of(app).flow.channel is None
        assert "(their preferred" in shown(app, "#session-keys")
    store.close()


async def test_won_and_inactive_ask_as_on_the_board_and_undo_goes_back(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    ana = ids["Ana Ruiz"]
    board_app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with board_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = board_app.screen
        assert isinstance(board, BoardScreen)
        on_board = board.selected
        assert on_board is not None
        await pilot.press("w")
        await settle(pilot, board_app)
        asked = board_app.screen
        assert isinstance(asked, ConfirmScreen)
        assert asked.question == confirm_won(on_board).question
        await pilot.press("n")
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await settle(pilot, app)
        asked = app.screen
        assert isinstance(asked, ConfirmScreen)
        assert asked.question == confirm_won(store.get(ana)).question
        await pilot.press("n")  # no: nothing changed, still on Ana
        await settle(pilot, app)
        assert store.get(ana).status is Status.ACTIVE and current_name(app) == "Ana Ruiz"
        await pilot.press("w", "y")
        await settle(pilot, app)
        assert store.get(ana).status is Status.WON
        assert shown(app, "#session-last") == "Ana Ruiz marked won. u undoes it."
        assert current_name(app) == "Chloé Martin"
        await pilot.press("u")  # the undo names her and goes back to her
        await settle(pilot, app)
        assert store.get(ana).status is Status.ACTIVE
        assert shown(app, "#session-last") == "Undid: mark Ana Ruiz won"
        assert current_name(app) == "Ana Ruiz"
        await pilot.press("i")
        await settle(pilot, app)
        asked = app.screen
        assert isinstance(asked, ConfirmScreen)
        assert asked.question == confirm_inactive(store.get(ana)).question
        await pilot.press("y")
        await settle(pilot, app)
        assert store.get(ana).status is Status.INACTIVE
        await pilot.press("p")  # back passes over the lead that left the board
        assert current_name(app) == "Chloé Martin"
    store.close()


async def test_a_key_never_lands_on_a_lead_the_rep_has_not_seen(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_name(app) == "Ana Ruiz"
        store.set_status(ids["Ana Ruiz"], Status.WON, NOW)  # another leadboard closes her
        await pilot.press("1")
        await settle(pilot, app)
        # Nothing logged on Ana, nor on Chloé, whom the rep had not seen yet.
        assert len(store.contacts(ids["Ana Ruiz"])) == 1
        assert len(store.contacts(ids["Chloé Martin"])) == 1
        assert "left the board elsewhere" in shown(app, "#session-last")
        assert current_name(app) == "Chloé Martin"
        await pilot.press("1", "1")  # a burst: one for Chloé, one for 山田
        await settle(pilot, app)
        assert len(store.contacts(ids["Chloé Martin"])) == 2
        assert len(store.contacts(ids["山田 太郎"])) == 2
        assert current_name(app) == "Eve Adams"
    store.close()


async def test_an_empty_session_keeps_no_streak_and_counts_words_right(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    seed(store)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "q")  # a skip is not work
        await settle(pilot, app)
        summary_screen = app.screen
        assert isinstance(summary_screen, SessionSummaryScreen)
        assert summary_screen.summary.streak_weeks == 0
        assert not summary_screen.summary.counts_for_streak
        assert "does not count for the streak" in body_text(summary_screen.summary)
    app = LeadboardApp(store, Config(), clock=lambda: NOW, session=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "q")
        await settle(pilot, app)
        summary_screen = app.screen
        assert isinstance(summary_screen, SessionSummaryScreen)
        text = body_text(summary_screen.summary)
        for words in ("1 lead worked", "1 contact logged", "0 leads moved", "1 week in a row"):
            assert words in text
        assert "does not count" not in text
    one_minute = replace(summary_screen.summary, minutes=1, moved=3_661)
    assert "1 minute\n" in body_text(one_minute) and "3,661 leads moved" in body_text(one_minute)
    store.close()


def body_text(summary: SessionSummary) -> str:
    """The summary's figures as plain text, as a terminal shows them."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(summary_body(summary))
    # One space between a figure and its words, however the grid pads them.
    return "\n".join(" ".join(line.split()) for line in console.export_text().splitlines())
