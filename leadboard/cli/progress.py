"""A one-line progress bar on stderr for long commands (demo, import, export, backup)."""

from __future__ import annotations

import sys
import time

BAR_WIDTH = 30


class Progress:
    """Call with (done, total) as work advances; draws at most ten times a second."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar."""
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        sys.stderr.write(f"\r{self.label} [{bar}] {done:,}/{total:,}")
        sys.stderr.flush()

    def done(self) -> None:
        """End the bar's line."""
        sys.stderr.write("\n")
        sys.stderr.flush()
