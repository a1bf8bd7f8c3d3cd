"""The argparse pieces every feature area uses: the parser class, the common options, dates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from leadboard.cli.completion import FILES, completes
from leadboard.cli.context import EXIT_USAGE

FORMATS = ("table", "json", "csv")

CommandFactory = Callable[[str, str], argparse.ArgumentParser]
"""Makes a subcommand parser with the common options: (name, help) -> parser."""

DATE_OPTIONS = ("--at", "--due")

LEAD_HELP = 'lead id (12 or #12) or exact name ("Emma Hughes", or "Emma Hughes, Acme")'
"""The help of every lead argument."""


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with its usage and one line, 'leadboard: ...'."""

    def error(self, message: str) -> NoReturn:
        """Print usage and the error, exit 2."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"leadboard: {message}\n")
        raise SystemExit(EXIT_USAGE)


def global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """The options every command takes, before or after its name: --db and --format.

    Before the command they default to None (not given); after it to SUPPRESS,
    so `leadboard --format json due` keeps json instead of the subcommand
    resetting it, and the later of two wins.
    """
    default = argparse.SUPPRESS if after_command else None
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or sqlite:/// URL (default: $LEADBOARD_DB, else the user data dir); "
        "a missing file named here is created only by add, import, demo and restore",
        default=default,
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        # None: not given; a command reads it as table (export: from the file's extension).
        help="output format (default: table)",
        default=default,
    )
    completes(parser, db=FILES)


def common_options() -> Parser:
    """Options every command takes."""
    common = Parser(add_help=False)
    global_options(common, after_command=True)
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
