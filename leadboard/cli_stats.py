"""Command-line parsers for the stats commands (kept apart so each area grows on its own)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

CommandFactory = Callable[[str, str], argparse.ArgumentParser]
"""Makes a subcommand parser with the common options: (name, help) -> parser."""


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    stats = command(
        "stats",
        "what works: conversion, reply rates, touches per week, moves, overdue debt, streak",
    )
    # No default here: the parser stays free of the domain's imports (see cli.py).
    stats.add_argument(
        "--weeks", type=int, metavar="N", help="weeks of touches and moves to show (default 12)"
    )
