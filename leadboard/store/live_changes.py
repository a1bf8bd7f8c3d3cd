"""Hearing another rep's changes on a server: LISTEN in a thread, a cheap poll as a safety net.

Every statement that changes leads or contacts sends a NOTIFY at commit (the
server's statement triggers, store.server_schema) carrying the writer's origin;
this process's own are not counted. If notifications stop coming (the listening
connection dropped, a proxy that does not pass them), the change counter the
same triggers bump is polled: a change seen there but never heard counts too.
A board asks `version()` once a second, as it asks SQLite's data_version.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from leadboard.store.server import ORIGIN
from leadboard.store.server_url import ServerTarget

POLL_S = 5.0
"""How often the counter is read while no notification comes."""

WAIT_S = 0.5
"""The longest a wait for notifications lasts: how soon `stop` is noticed."""

RECONNECT_S = 2.0
"""The pause before connecting again after the listening connection was lost."""


class ChangeListener:
    """Counts other processes' commits to one schema, from a thread of its own."""

    def __init__(self, target: ServerTarget) -> None:
        self.target = target
        self._heard = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="leadboard-listen", daemon=True)

    def start(self) -> None:
        """Start listening; returns once LISTEN is in place (or the first attempt failed)."""
        self._thread.start()
        self._ready.wait(timeout=5)

    def version(self) -> int:
        """A number that changes whenever another process commits a change."""
        with self._lock:
            return self._heard

    def stop(self) -> None:
        """Stop the thread and close its connection."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)

    def _count(self) -> None:
        with self._lock:
            self._heard += 1

    def _run(self) -> None:
        """Listen until stopped; after a lost connection, count once (changes may be missed)."""
        first = True
        while not self._stopping.is_set():
            try:
                self._listen()
            except Exception:
                pass
            finally:
                self._ready.set()
            if self._stopping.is_set():
                return
            if not first:
                self._count()
            first = False
            self._stopping.wait(RECONNECT_S)

    def _listen(self) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.target.conninfo, autocommit=True) as conn:
            channel = conn.execute("SELECT 'leadboard_' || current_schema()").fetchone()
            assert channel is not None
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(str(channel[0]))))
            counter = _counter(conn)
            self._ready.set()
            polled_at = time.monotonic()
            while not self._stopping.is_set():
                heard_any = False
                for note in conn.notifies(timeout=WAIT_S, stop_after=100):
                    heard_any = True
                    if note.payload != ORIGIN:
                        self._count()
                if heard_any:
                    counter = _counter(conn)  # what was heard is in the counter too
                    polled_at = time.monotonic()
                elif time.monotonic() - polled_at >= POLL_S:
                    now = _counter(conn)
                    if now != counter:
                        self._count()  # changed, never heard: notifications are not arriving
                    counter, polled_at = now, time.monotonic()


def _counter(conn: Any) -> int:
    """The change counter the triggers bump (store.server_schema's leadboard_change)."""
    row = conn.execute("SELECT n FROM leadboard_change WHERE id = 1").fetchone()
    return int(row[0]) if row is not None else 0
