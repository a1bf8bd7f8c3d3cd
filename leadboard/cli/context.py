"""What every command shares: exit codes, the one user-error type, settings, clock and store.

Kept free of heavy imports (the store, pendulum) at the top, so building the
parser for `--help` stays fast; the store is opened on first use.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leadboard.domain.text import clipped

if TYPE_CHECKING:
    from pendulum import DateTime

    from leadboard.actions.leads import LeadActions
    from leadboard.config import Config
    from leadboard.domain.model import Lead
    from leadboard.store.leads import LeadStore

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell shows for Ctrl+C."""


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit 1."""


@dataclass
class Context:
    """What a command needs: its arguments, settings, the clock, the store."""

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
            from leadboard.paths import db_target
            from leadboard.store.database import open_database
            from leadboard.store.leads import LeadStore

            db = open_database(db_target(self.args.db), self.config.busy_timeout_ms)
            self._store = LeadStore(db, self.config.policy)
        return self._store

    @property
    def actions(self) -> LeadActions:
        """The use cases over the store, at this command's moment."""
        from leadboard.actions.leads import LeadActions

        return LeadActions(self.store, lambda: self.now)

    def lead(self, text: str) -> Lead:
        """The lead a lead argument names, as stored now."""
        return self.store.get(self.lead_id(text))

    @property
    def format(self) -> str:
        """table, json or csv."""
        return str(getattr(self.args, "format", "table"))

    def when(self, text: str | None) -> DateTime | None:
        """Parse a date the user typed, in their zone."""
        from leadboard.domain.date_parsing import parse_when

        return None if text is None else parse_when(text, self.now, self.tz)

    def lead_id(self, text: str) -> int:
        """A lead argument: an id, with or without '#'."""
        cleaned = text.strip().removeprefix("#")
        # isdigit() alone accepts '²'; SQLite ids stop at 2**63.
        if not (cleaned.isascii() and cleaned.isdigit()):
            raise UserError(f'"{clipped(text, 40, "")}" is not a lead id (a number, like 12)')
        if len(cleaned) > 18:
            raise UserError(f"no lead with id {cleaned}")
        return int(cleaned)

    def close(self, after_error: bool = False) -> None:
        """Close the store if a command opened it; after a failure, quietly, whatever is left."""
        if self._store is None:
            return
        from leadboard.store.database import close_after_failure, translated_errors

        if after_error:
            close_after_failure(self._store.db)
            return
        with translated_errors(self._store.db):
            self._store.close()
