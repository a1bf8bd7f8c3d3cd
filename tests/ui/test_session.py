"""A whole follow-up session through Pilot: every key, the hints, and the summary's figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App

from leadboard.config import Config
from leadboard.domain.model import Channel, LeadDraft, Outcome, Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.store.schema import ContactRow
from leadboard.ui.app import LeadboardApp
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.screens.session_summary import SessionSummaryScreen
from tests.conftest import NOW
from tests.ui.board_fixtures import HOSTILE_NAME, open_store, seed


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
        await pilot.press("4")  # meeting booked
        await pilot.pause()
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
        await pilot.press("w")  # won
        await pilot.pause()
        assert store.get(ids["山田 太郎"]).status is Status.WON
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"price", "enter")  # lost, with a reason
        await pilot.pause()
        assert store.get(ids[HOSTILE_NAME]).lost_reason == "price"
        assert current_name(app) == "Eve Adams"
        await pilot.press("3")  # talked: a cold lead who talks is offered a move hotter
        await pilot.pause()
        assert "move them to cool" in str(app.screen.query_one("#question").render())
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
        await pilot.press("6")  # Chloé: not interested, logged, sequence unchanged
        await pilot.pause()
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
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        while not isinstance(app.screen, SessionSummaryScreen):
            # Talk to each due lead; decline the hints that follow a talk on a cool or cold lead.
            await pilot.press("3" if isinstance(app.screen, SessionScreen) else "n")
            await pilot.pause()
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
        await pilot.press("s")
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
