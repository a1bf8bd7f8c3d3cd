"""Seeded boards for UI tests and snapshots: a real SQLite file, a fixed clock."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime
from textual.pilot import Pilot

from leadboard.config import Config
from leadboard.domain.model import Channel, LeadDraft, Outcome, Source, Temperature
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from tests.conftest import NOW

HOSTILE_NAME = "[/]"
"""A name that kills an app that builds markup from user text."""

SEED_LEADS: list[tuple[str, str, Temperature, int, str]] = [
    ("Ana Ruiz", "Bloom & Co", Temperature.HOT, -2, "Send the quote for the gala"),
    ("Ben Okafor", "Okafor Realty", Temperature.HOT, 3, "Book the viewing"),
    ("Chloé Martin", "Atelier Martin", Temperature.WARM, -1, "Share two examples"),
    ("Dmitri Volkov", "Volkov Dental", Temperature.WARM, 5, "Call about the budget"),
    ("山田 太郎", "山田商事", Temperature.COOL, -10, "Email the proposal"),
    (HOSTILE_NAME, "[bold]x", Temperature.COOL, 2, "[@click=app.quit]q[/]"),
    ("Eve Adams", "Adams Events", Temperature.COLD, -30, "Ask who signs off"),
    ("Frank Li", "Li Bakery", Temperature.COLD, 20, "Send a postcard"),
]
"""(name, company, temperature, due in days from NOW, next step)."""


def seed(store: LeadStore, now: DateTime = NOW) -> dict[str, int]:
    """Add the seed leads (created 60 days ago, one contact each); return ids by name."""
    ids: dict[str, int] = {}
    created = now.subtract(days=60)
    for index, (name, company, temperature, due_days, step) in enumerate(SEED_LEADS):
        draft = LeadDraft(
            name=name,
            company=company,
            temperature=temperature,
            preferred_channel=Channel.CALL if index % 2 else Channel.EMAIL,
            source=Source.REFERRAL,
            next_step=step,
            fit=index % 4,
            interest=(index + 1) % 4,
            readiness=(index + 2) % 4,
            notes="\x1b[31mred alert\x1b[0m" if name == HOSTILE_NAME else "",
        )
        lead = store.add(draft, created)
        assert lead.id is not None
        store.log_contact(
            lead.id,
            channel=Channel.CALL,
            outcome=Outcome.LEFT_MESSAGE,
            at=created.add(days=1),
            now=created.add(days=1),
            typed_due=now.add(days=due_days),
        )
        ids[name] = lead.id
    return ids


def open_store(path: Path, config: Config | None = None) -> LeadStore:
    """A store on a real file."""
    config = config or Config()
    return LeadStore(open_database(str(path)), config.policy)


def make_app(path: Path, *, seeded: bool = True) -> tuple[LeadboardApp, LeadStore, dict[str, int]]:
    """A board app over a fresh file, seeded, with the clock fixed at NOW."""
    config = Config()
    store = open_store(path, config)
    ids = seed(store) if seeded else {}
    return LeadboardApp(store, config, clock=lambda: NOW), store, ids


async def settle(pilot: Pilot[None], app: LeadboardApp, limit: float = 10.0) -> None:
    """Let a write that outran the writer's inline wait (a loaded machine) land, then redraw.

    A filter query on its worker thread is waited for too (ui.screens.board_search).
    """
    waited = 0.0
    while (app.writes.waiting or getattr(app.screen, "search_pending", False)) and waited < limit:
        await pilot.pause(0.01)
        waited += 0.01
    await pilot.pause()
