"""Command-line parser for `leadboard session`."""

from __future__ import annotations

import argparse
from collections.abc import Callable

CommandFactory = Callable[[str, str], argparse.ArgumentParser]
"""Makes a subcommand parser with the common options: (name, help) -> parser."""


def add_parsers(command: CommandFactory) -> None:
    """Add `session`."""
    session = command("session", "work through every due lead, hot first, one at a time")
    session.add_argument(
        "--week", action="store_true", help="include leads due later this week, not only today"
    )
