"""A team's board: the rep's own leads or everyone's (`t`), owners on the cards, the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pendulum import DateTime
from rich.style import Style
from textual.app import App
from textual.widgets import Label

from leadboard.config import Config
from leadboard.domain.followup import Policy
from leadboard.domain.model import Lead, LeadDraft, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.widgets.board.card import OWNER_CELLS, CardStyles, card_strips
from leadboard.ui.widgets.board.lead_column import LeadColumn
from tests.conftest import NOW
from tests.ui.board_fixtures import make_app, seed, settle

HOSTILE_OWNER = "[b]Samantha-Jones-Smith[/b]"
"""Another rep, with a name longer than a card shows and markup-like text in it."""


@pytest.fixture
def team(pg_url: str) -> Iterator[tuple[LeadStore, dict[str, int]]]:
    """A team's server store as `leadboard` opens it for emma: her leads, two of a colleague's."""
    store = LeadStore(open_database(pg_url), Policy(), me="emma")
    ids = seed(store)  # all emma's: new leads are the rep's own
    for name, temperature in (("Gus Grant", Temperature.HOT), ("Hana Ito", Temperature.COLD)):
        lead = store.add(
            LeadDraft(
                name=name, company="Grant & Ito", temperature=temperature, owner=HOSTILE_OWNER
            ),
            NOW.subtract(days=3),
        )
        assert lead.id is not None
        ids[name] = lead.id
    store.owner = store.me  # cli/context.py: a team's database shows the rep's own by default
    yield store, ids
    store.close()


def board(app: App[None]) -> BoardScreen:
    """The board screen of a running app."""
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def status_line(app: App[None]) -> str:
    """The board's top line."""
    return str(board(app).query_one("#status-line", Label).render())


def column_text(app: App[None], temperature: Temperature) -> str:
    """Every line a column draws on screen."""
    column = board(app).query_one(f"#column-{temperature.value}", LeadColumn)
    return "\n".join(column.render_line(y).text for y in range(column.size.height))


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_t_switches_between_the_reps_leads_and_everyones_keeping_the_cursor(
    team: tuple[LeadStore, dict[str, int]],
) -> None:
    store, ids = team
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = board(app)
        assert status_line(app).startswith("leadboard  emma's leads  8 active")
        assert "Gus Grant" not in column_text(app, Temperature.HOT)
        await pilot.press("j")  # Ana, Ben: the cursor on Ben
        assert screen.selected is not None and screen.selected.id == ids["Ben Okafor"]

        await pilot.press("t")
        await settle(pilot, app)
        assert status_line(app).startswith("leadboard  everyone's leads  10 active")
        assert screen.selected is not None and screen.selected.id == ids["Ben Okafor"]
        hot = column_text(app, Temperature.HOT)
        assert "Gus Grant" in hot
        # The owner is on each card, clipped and literal; the rep's own say so too.
        assert HOSTILE_OWNER[: OWNER_CELLS - 1] + "…" in hot
        assert "emma" in hot

        # On a colleague's lead, back to the rep's own: that lead is not shown there.
        await pilot.press("k", "k", "k")
        for _ in range(3):
            if screen.selected is not None and screen.selected.id == ids["Gus Grant"]:
                break
            await pilot.press("j")
        assert screen.selected is not None and screen.selected.id == ids["Gus Grant"]
        await pilot.press("t")
        await settle(pilot, app)
        assert status_line(app).startswith("leadboard  emma's leads  8 active")
        assert screen.selected is not None and screen.selected.owner == "emma"
        assert "Gus Grant" not in column_text(app, Temperature.HOT)
        assert "emma" not in column_text(app, Temperature.HOT)


async def test_the_session_says_whose_leads_it_works_through(
    team: tuple[LeadStore, dict[str, int]],
) -> None:
    store, _ = team
    mine = len(store.due_ids(NOW.add(days=1)))
    app = LeadboardApp(store, Config(), clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s", "a")
        await settle(pilot, app)
        top = str(app.screen.query_one("#session-status", Label).render())
        assert top.startswith(f"Follow-up session (emma's leads)  1 of {mine}")
        await pilot.press("q")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        # Everyone's: the colleague's two leads (due now) join the queue.
        await pilot.press("t", "s", "a")
        await settle(pilot, app)
        top = str(app.screen.query_one("#session-status", Label).render())
        assert top.startswith(f"Follow-up session (everyone's leads)  1 of {mine + 2}")


async def test_on_one_reps_file_t_says_every_lead_is_theirs(tmp_path: Path) -> None:
    app, store, _ = make_app(tmp_path / "b.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        before = status_line(app)
        assert before.startswith("leadboard  8 active")
        await pilot.press("t")
        await pilot.pause()
        told = [str(note.message) for note in app._notifications]
        assert told == ["one rep's database: every lead is yours"]
        assert store.owner is None and status_line(app) == before
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Your leads / everyone's (a team's database)" in screen_text(app)
    store.close()


def test_a_card_names_its_owner_at_the_right_and_cuts_the_company_first(now: DateTime) -> None:
    styles = CardStyles(*(Style() for _ in range(8)))
    lead = Lead(
        id=1,
        name="Ana",
        company="A very long company name that goes on",
        created_at=now,
        owner=HOSTILE_OWNER,
    )
    line = card_strips(lead, 40, now, "UTC", styles, selected=False, owner=True)[1].text
    assert line.rstrip().endswith("[b]Samantha…")
    assert line == " A very long company name… [b]Samantha… "
    assert len(line) == 40
    plain = card_strips(lead, 40, now, "UTC", styles, selected=False)[1].text
    assert "Samantha" not in plain
