"""The quick-entry line on the board and in the session, typed through Pilot in bursts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from leadboard.config import Config
from leadboard.domain.model import Channel, Lead, LeadDraft, Outcome, Status, Temperature
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.dialogs.confirm import ConfirmScreen
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.screens.session import SessionScreen
from leadboard.ui.widgets.board.lead_column import LeadColumn
from leadboard.ui.widgets.quick_line import QuickLine
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, open_store, seed, settle


def line_of(app: LeadboardApp) -> QuickLine:
    """The quick line of the topmost screen that has one (a hint may be asked over it)."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, (BoardScreen, SessionScreen)):
            return screen.query_one(QuickLine)
    raise AssertionError("no board or session")


def preview(app: LeadboardApp) -> str:
    """What the quick line's preview says now."""
    return str(line_of(app).query_one("#quick-preview", Static).render())


async def wait_preview(pilot: object, app: LeadboardApp, words: str) -> str:
    """Wait (the preview is read on a worker) until the preview holds `words`."""
    for _ in range(300):
        if words in preview(app):
            break
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    return preview(app)


def newest_contact(store: LeadStore, lead_id: int) -> tuple[Channel, Outcome, str]:
    """The channel, outcome and note of a lead's newest contact."""
    contact = store.contacts(lead_id, limit=1)[0]
    return contact.channel, contact.outcome, contact.note


def contact_count(store: LeadStore, lead_id: int) -> int:
    """How many contacts a lead has."""
    return len(store.contacts(lead_id))


async def test_a_burst_logs_the_line_and_u_undoes_it(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    ben = ids["Ben Okafor"]
    before = store.get(ben)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Every key at once, as over SSH: the line opens, takes the words, logs on Enter.
        await pilot.press("colon", *"ben call talked +3d book the viewing for friday", "enter")
        await settle(pilot, app)
        after = store.get(ben)
        assert newest_contact(store, ben)[:2] == (Channel.CALL, Outcome.TALKED)
        assert after.next_step == "book the viewing for friday"
        assert after.next_due == NOW.add(days=3)
        assert after.sequence_step == 1  # talked: a reply resets the sequence
        assert not line_of(app).is_open
        assert isinstance(app.focused, LeadColumn)
        assert line_of(app).text == ""
        await pilot.press("u")
        await settle(pilot, app)
        undone = store.get(ben)
        assert contact_count(store, ben) == 1
        assert (undone.next_step, undone.next_due) == (before.next_step, before.next_due)


async def test_the_preview_says_what_enter_will_do(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        assert line_of(app).is_open
        assert "e.g." in preview(app)  # what to type, before anything is typed
        await pilot.press(*"dmitri vm fri")
        shown = await wait_preview(pilot, app, "Dmitri Volkov")
        assert "Enter logs: Dmitri Volkov" in shown
        assert "left message" in shown
        assert "Fri" in shown
        assert contact_count(store, ids["Dmitri Volkov"]) == 1  # a preview writes nothing


async def test_an_ambiguous_name_lists_the_candidates_and_logs_nothing(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    twin = store.add(LeadDraft(name="Ana Lopez", company="Lopez Legal"), NOW.subtract(days=3))
    assert twin.id is not None
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"ana email replied", "enter")
        await settle(pilot, app)
        line = line_of(app)
        assert line.is_open  # nothing logged: the line stays with what was typed
        assert line.text == "ana email replied"
        shown = preview(app)
        assert "Ana Ruiz" in shown and "Ana Lopez" in shown
        assert contact_count(store, ids["Ana Ruiz"]) == 1
        assert contact_count(store, twin.id) == 0
        # More of the name picks one; the burst lands as if typed slowly.
        await pilot.press("ctrl+u", *"ana lopez email replied", "enter")
        await settle(pilot, app)
        assert not line_of(app).is_open
        assert newest_contact(store, twin.id)[:2] == (Channel.EMAIL, Outcome.REPLIED)
        assert isinstance(app.screen, ConfirmScreen)  # they replied: move them warmer?
        assert contact_count(store, ids["Ana Ruiz"]) == 1


async def test_a_line_without_a_name_logs_on_the_lead_under_the_cursor(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "q.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        selected = board.selected
        assert selected is not None and selected.id is not None
        await pilot.press("colon", *"text no answer", "enter")
        await settle(pilot, app)
        assert newest_contact(store, selected.id)[:2] == (Channel.TEXT, Outcome.NO_ANSWER)
        assert store.get(selected.id).sequence_step == selected.sequence_step + 1


async def test_escape_leaves_nothing_behind(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"ben call talked", "escape")
        await settle(pilot, app)
        assert not line_of(app).is_open
        assert contact_count(store, ids["Ben Okafor"]) == 1
        await pilot.press("colon")
        assert line_of(app).text == ""
        assert "e.g." in preview(app)


async def test_hostile_text_is_stored_and_shown_literally(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    ben = ids["Ben Okafor"]
    hostile = "[bold red]send[/] \x1b]52;c;ZXZpbA==\x07the \x1b[31mquote\u202e"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        # Pasted, not typed: escape sequences arrive inside the text.
        line_of(app).query_one(Input).insert_text_at_cursor(f"ben call talked {hostile}")
        shown = await wait_preview(pilot, app, "Ben Okafor")
        assert "[bold red]send[/]" in shown
        assert "\x1b" not in shown
        await pilot.press("enter")
        await settle(pilot, app)
        step = store.get(ben).next_step
        assert "[bold red]send[/]" in step
        assert not any(ch in step for ch in "\x1b\x07\u202e")
        assert newest_contact(store, ben)[:2] == (Channel.CALL, Outcome.TALKED)


async def test_a_past_date_asks_first(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    ben = ids["Ben Okafor"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"ben call talked yesterday", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # change it: back to the line, text kept
        await settle(pilot, app)
        assert line_of(app).is_open and line_of(app).text == "ben call talked yesterday"
        assert contact_count(store, ben) == 1
        await pilot.press("enter", "y")
        await settle(pilot, app)
        assert contact_count(store, ben) == 2
        due = store.get(ben).next_due
        assert due is not None and due < NOW


async def test_a_won_line_closes_the_lead(tmp_path: Path) -> None:
    app, store, ids = make_app(tmp_path / "q.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"frank meeting won signed the contract", "enter")
        await settle(pilot, app)
        # Two outcomes in one line are refused, not guessed.
        assert line_of(app).is_open
        assert store.get(ids["Frank Li"]).status is Status.ACTIVE
        await pilot.press("ctrl+u", *"frank won; signed the contract", "enter")
        await settle(pilot, app)
        frank = store.get(ids["Frank Li"])
        assert frank.status is Status.WON
        assert newest_contact(store, ids["Frank Li"]) == (
            Channel.CALL,
            Outcome.WON,
            "signed the contract",
        )


def session_app(tmp_path: Path) -> tuple[LeadboardApp, LeadStore, dict[str, int]]:
    """A session over the seed leads that are due."""
    store = open_store(tmp_path / "s.db")
    ids = seed(store)
    return LeadboardApp(store, Config(), clock=lambda: NOW, session=True), store, ids


def card_lead(app: LeadboardApp) -> Lead:
    """The lead on the session's card."""
    screen = app.screen
    assert isinstance(screen, SessionScreen) and screen.shown is not None
    return screen.shown


async def test_the_session_line_logs_on_the_card_and_moves_on(tmp_path: Path) -> None:
    app, store, _ = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = card_lead(app)
        assert first.id is not None and first.temperature is Temperature.HOT
        await pilot.press("colon", *"email replied +2d send two dates", "enter")
        await settle(pilot, app)
        assert newest_contact(store, first.id)[:2] == (Channel.EMAIL, Outcome.REPLIED)
        assert store.get(first.id).next_step == "send two dates"
        assert card_lead(app).id != first.id  # on to the next lead
        await pilot.press("u")
        await settle(pilot, app)
        assert contact_count(store, first.id) == 1
        assert card_lead(app).id == first.id


async def test_the_session_line_can_name_another_lead(tmp_path: Path) -> None:
    app, store, ids = session_app(tmp_path)
    frank = ids["Frank Li"]  # not due: not in the queue
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = card_lead(app)
        await pilot.press("colon", *"frank postcard no answer", "enter")
        await settle(pilot, app)
        assert newest_contact(store, frank)[:2] == (Channel.POSTCARD, Outcome.NO_ANSWER)
        assert card_lead(app).id == first.id  # the card stays on its lead


async def test_y_copies_the_message_for_the_lead(tmp_path: Path) -> None:
    app, _, _ = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lead = card_lead(app)
        first_name = lead.name.split()[0]
        on_screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "y copies it" in on_screen
        assert f"Hi {first_name}," in on_screen  # the message itself, on the card
        await pilot.press("y")
        await pilot.pause()
        assert first_name in app.clipboard
        assert "Copied the step" in str(app.screen.query_one("#session-last", Static).render())
    board_app, _, _ = make_app(tmp_path / "b.db")
    async with board_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = board_app.screen
        assert isinstance(board, BoardScreen)
        selected = board.selected
        assert selected is not None
        await pilot.press("y")
        await pilot.pause()
        assert selected.name.split()[0] in board_app.clipboard
