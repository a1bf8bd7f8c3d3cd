"""What every command shares: settings, the clock, the store, and how a changed lead prints."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pendulum
from pendulum import DateTime

from leadboard.config import Config
from leadboard.domain.dates import DateParseError, format_local, humanize_due, parse_when
from leadboard.domain.model import Lead
from leadboard.domain.text import printable
from leadboard.output import LEAD_KEYS, csv_text, dumps, lead_json
from leadboard.paths import db_target
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore

TABLE_LIMIT = 50
"""A table stops here unless --limit says otherwise: a terminal is not a spreadsheet."""


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit 1."""


def clock() -> DateTime:
    """Now, in UTC; LEADBOARD_NOW fixes it (for demos, screenshots and tests)."""
    fixed = os.environ.get("LEADBOARD_NOW")
    if fixed:
        try:
            return parse_when(fixed, pendulum.now("UTC"), "UTC")
        except DateParseError as err:
            raise UserError(f"LEADBOARD_NOW: {err}") from None
    return pendulum.now("UTC")


@dataclass
class Context:
    """What a command needs: settings, the clock, the store, where to print."""

    args: argparse.Namespace
    config: Config
    now: DateTime
    _store: LeadStore | None = None

    @property
    def tz(self) -> str:
        """The user's time zone."""
        return self.config.timezone

    @property
    def store(self) -> LeadStore:
        """The store, opened on first use."""
        if self._store is None:
            db = open_database(db_target(self.args.db), self.config.busy_timeout_ms)
            self._store = LeadStore(db, self.config.policy)
        return self._store

    @property
    def format(self) -> str:
        """table, json or csv."""
        return str(getattr(self.args, "format", "table"))

    def when(self, text: str | None) -> DateTime | None:
        """Parse a date the user typed, in their zone."""
        return None if text is None else parse_when(text, self.now, self.tz)

    def lead_id(self, text: str) -> int:
        """A lead argument: an id, with or without '#'."""
        cleaned = text.strip().removeprefix("#")
        # isdigit() alone accepts '²'; SQLite ids stop at 2**63.
        if not (cleaned.isascii() and cleaned.isdigit()):
            raise UserError(f'"{printable(text)[:40]}" is not a lead id (a number, like 12)')
        if len(cleaned) > 18:
            raise UserError(f"no lead with id {cleaned}")
        return int(cleaned)


def out(text: str) -> None:
    """Print to stdout."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_lead(ctx: Context, lead: Lead, message: str) -> None:
    """Print a changed lead: a line for people, the lead for scripts."""
    if ctx.format == "json":
        out(dumps(lead_json(lead, ctx.now, ctx.tz)))
    elif ctx.format == "csv":
        out(csv_text([lead_json(lead, ctx.now, ctx.tz)], LEAD_KEYS))
    else:
        out(message)


def due_phrase(ctx: Context, lead: Lead) -> str:
    """'next due Mon 30 Nov 09:00 (in 3 days)' or the status off the board."""
    if lead.next_due is None:
        return lead.status.value
    return (
        f"next due {format_local(lead.next_due, ctx.tz, now=ctx.now)} "
        f"({humanize_due(lead.next_due, ctx.now)})"
    )


def label(lead: Lead) -> str:
    """'#12 Jane Doe' with the name made safe for a terminal."""
    return f"#{lead.id} {printable(lead.name)}"


def board_clock() -> Callable[[], DateTime]:
    """The board's clock: LEADBOARD_NOW fixes it (demos, screenshots), else the real time."""
    if os.environ.get("LEADBOARD_NOW"):
        fixed = clock()
        return lambda: fixed
    return lambda: pendulum.now("UTC")
