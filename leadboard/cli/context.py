"""What every command shares: exit codes, the one user-error type, settings, clock and store.

Kept free of heavy imports (the store, pendulum) at the top, so building the
parser for `--help` stays fast; the store is opened on first use.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pendulum import DateTime

    from leadboard.actions.leads import LeadActions
    from leadboard.config import Config
    from leadboard.domain.model import Lead
    from leadboard.store.database import Create
    from leadboard.store.leads import LeadStore

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
"""128 + SIGINT, what a shell shows for Ctrl+C."""


class UserError(Exception):
    """A mistake the user can fix; printed as one line (and any `details` under it), exit 1."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)


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
            from leadboard.store.database import NoDatabase, open_database
            from leadboard.store.leads import LeadStore

            option = getattr(self.args, "db", None)
            target = db_target(option)
            try:
                db = open_database(
                    target,
                    self.config.busy_timeout_ms,
                    self.may_create(),
                    from_command_line=bool(option),
                    config_password=self.config.database_password,
                )
            except NoDatabase as err:
                if option:
                    raise
                raise NoDatabase(err.path, named_by="LEADBOARD_DB") from None
            store = LeadStore(db, self.config.policy, me=self.config.owner)
            if store.shared and not getattr(self.args, "all", False):
                store.owner = store.me  # a team's database: the rep's own leads by default
            self._store = store
        return self._store

    def may_create(self) -> Create:
        """Whether this command may make a missing database file, and its folder.

        The default file (and its data directory) is made by any command: the
        first `leadboard` opens an empty board. A file the user named is made
        only by a command that adds data, and only in a folder that exists, so a
        mistyped --db is refused instead of becoming a new, empty database.
        """
        from leadboard.paths import chosen_db, default_db_path
        from leadboard.store.database import sqlite_path
        from leadboard.store.server_url import is_server_target

        chosen = chosen_db(getattr(self.args, "db", None))
        if chosen is None:
            return "anywhere"
        if is_server_target(chosen):  # the server's database exists; its tables may be made
            return "anywhere" if getattr(self.args, "creates_db", False) else "never"
        if not getattr(self.args, "creates_db", False):
            return "never"
        folder = sqlite_path(chosen).absolute().parent
        return "anywhere" if folder == default_db_path().parent else "in_folder"

    @property
    def actions(self) -> LeadActions:
        """The use cases over the store, at this command's moment."""
        from leadboard.actions.leads import LeadActions

        return LeadActions(self.store, lambda: self.now)

    def lead(self, text: str) -> Lead:
        """The lead a lead argument names (an id or a unique name), as stored now."""
        from leadboard.cli.lead_argument import find_lead

        return find_lead(self.store, text)

    @property
    def format(self) -> str:
        """table, json or csv (--format may come before or after the command)."""
        return str(getattr(self.args, "format", None) or "table")

    def when(self, text: str | None, *, past: bool = False) -> DateTime | None:
        """Parse a date the user typed, in their zone; `past` for a moment that has happened."""
        from leadboard.domain.date_parsing import parse_when

        if text is None:
            return None
        return parse_when(text, self.now, self.tz, self.config.date_reading, past=past)

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
