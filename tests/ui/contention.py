"""A real second process holding SQLite's write lock, a board on a short busy timeout, bursts."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from textual import events
from textual.app import App
from textual.keys import _get_unicode_name_from_key
from textual.pilot import Pilot

from leadboard.config import Config
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from leadboard.ui.app import LeadboardApp
from tests.conftest import NOW
from tests.ui.board_fixtures import seed

HOLDER = r"""
import select, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
# Hold until told (a line on stdin, or stdin closed) or until the safety limit runs out.
select.select([sys.stdin], [], [], float(sys.argv[2]))
conn.execute("COMMIT")
conn.close()
print("released", flush=True)
"""
"""The second process: another leadboard (or anything) in the middle of a write."""


class LockHolder:
    """Another process holding the database's write lock (BEGIN IMMEDIATE) until `release`."""

    def __init__(self, path: Path, limit_seconds: float = 30.0) -> None:
        self.path = path
        self.limit_seconds = limit_seconds
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> LockHolder:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(self.path), str(self.limit_seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline() == "locked\n"
        return self

    def release(self) -> None:
        """Commit and let go; returns once the other process has."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("go\n")
        proc.stdin.close()
        assert proc.stdout.readline() == "released\n"
        proc.wait(timeout=10)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.release()
        finally:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            if self.proc is not None and self.proc.stdout is not None:
                self.proc.stdout.close()


def contended_app(
    path: Path, busy_timeout_ms: int, *, session: bool = False
) -> tuple[LeadboardApp, LeadStore, dict[str, int]]:
    """A seeded board (or session) whose writes give up on a lock after `busy_timeout_ms`."""
    config = Config(busy_timeout_ms=busy_timeout_ms)
    store = LeadStore(open_database(str(path), busy_timeout_ms=busy_timeout_ms), config.policy)
    ids = seed(store)
    return LeadboardApp(store, config, clock=lambda: NOW, session=session), store, ids


def burst(app: App[Any], *keys: str) -> None:
    """Type keys in one burst, as a terminal delivers them over SSH: no pause between them."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)


async def wait_until(pilot: Pilot[Any], done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until `done()` holds (failing after `seconds`)."""
    for _ in range(int(seconds / 0.02)):
        if done():
            return
        await pilot.pause(0.02)
    assert done(), "timed out"


def notes_of(app: App[Any]) -> list[str]:
    """The messages of every notification the app has shown."""
    return [str(note.message) for note in app._notifications]
