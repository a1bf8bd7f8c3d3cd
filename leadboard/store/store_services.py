"""What a store offers besides leads: live changes, stopping a query, sessions, stats, bulk."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, cast

import peewee
from pendulum import DateTime

from leadboard.store.database import translated_errors
from leadboard.store.dialect import is_server

if TYPE_CHECKING:
    from leadboard.domain.stats import Stats
    from leadboard.store.bulk import BulkWriter
    from leadboard.store.live_changes import ChangeListener
    from leadboard.store.server_bulk import ServerBulkWriter
    from leadboard.store.sessions import SessionStore


class StoreServices:
    """The part of LeadStore that is not reading or writing leads (LeadReads has `db`)."""

    db: peewee.Database
    _changes: ChangeListener | None

    def thread_connection(self) -> Any:
        """The calling thread's connection: another thread may stop its query (stop_query)."""
        return self.db.connection()

    def stop_query(self, connection: Any) -> None:
        """Stop the query running on a connection thread_connection gave (a newer filter)."""
        if is_server(self.db):
            connection.cancel_safe()  # the server answers the query with query_canceled
        else:
            connection.interrupt()

    def data_version(self) -> int:
        """A number that changes whenever another process commits (for live refresh).

        SQLite's data_version on a file; on a server, what the change listener heard
        (store.live_changes), which never asks the server from the calling thread.
        """
        if is_server(self.db):
            return self._listener().version()
        with translated_errors(self.db):
            return int(self.db.execute_sql("PRAGMA data_version").fetchone()[0])

    def _listener(self) -> ChangeListener:
        """The server's change listener, started on first use."""
        if self._changes is None:
            from leadboard.store.live_changes import ChangeListener
            from leadboard.store.server import ServerDatabase

            assert isinstance(self.db, ServerDatabase)
            self._changes = ChangeListener(self.db.target)
            self._changes.start()
        return self._changes

    def own_connection(self) -> contextlib.AbstractContextManager[Any]:
        """A connection for the calling thread, opened here and closed at the end (workers)."""
        # Peewee keeps one connection per thread: a worker must not leave its own open.
        return cast(contextlib.AbstractContextManager[Any], self.db.connection_context())

    def stats(self, now: DateTime, tz: str, weeks: int) -> Stats:
        """The stats as of `now`; safe from a worker thread (it uses its own connection)."""
        from leadboard.store.stats import load_stats_in_thread

        return load_stats_in_thread(self.db, now, tz, weeks)

    def sessions(self) -> SessionStore:
        """The follow-up sessions kept in this database."""
        from leadboard.store.sessions import SessionStore

        return SessionStore(self.db)

    def bulk_writer(self) -> BulkWriter | ServerBulkWriter:
        """A writer that appends many rows in one transaction (the demo, benchmarks)."""
        if is_server(self.db):
            from leadboard.store.server import ServerDatabase
            from leadboard.store.server_bulk import ServerBulkWriter

            assert isinstance(self.db, ServerDatabase)
            return ServerBulkWriter(self.db)
        from leadboard.store.bulk import BulkWriter

        return BulkWriter(self.db)
