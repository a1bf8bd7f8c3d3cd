"""The argparse pieces every feature area uses: the parser class, the common options, dates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from leadboard.cli.context import EXIT_USAGE

FORMATS = ("table", "json", "csv")

CommandFactory = Callable[[str, str], argparse.ArgumentParser]
"""Makes a subcommand parser with the common options: (name, help) -> parser."""

DATE_OPTIONS = ("--at", "--due")


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with its usage and one line, 'leadboard: ...'."""

    def error(self, message: str) -> NoReturn:
        """Print usage and the error, exit 2."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"leadboard: {message}\n")
        raise SystemExit(EXIT_USAGE)


def common_options() -> Parser:
    """Options every command takes."""
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        # SUPPRESS: `leadboard --db X list` must keep X, not be reset by the subcommand.
        default=argparse.SUPPRESS,
        help="database file or sqlite:/// URL (default: $LEADBOARD_DB, else the user data dir)",
    )
    common.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    return common


def glue_negative_dates(argv: list[str]) -> list[str]:
    """Read `--at -2h` as `--at=-2h`: argparse would take '-2h' for an option."""
    glued: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        following = argv[index + 1] if index + 1 < len(argv) else ""
        if word in DATE_OPTIONS and following.startswith("-") and following[1:2].isdigit():
            glued.append(f"{word}={following}")
            index += 2
            continue
        glued.append(word)
        index += 1
    return glued
