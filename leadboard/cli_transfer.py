"""Command-line parsers for the transfer commands (kept apart so each area grows on its own)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

CommandFactory = Callable[[str, str], argparse.ArgumentParser]
"""Makes a subcommand parser with the common options: (name, help) -> parser."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def port_number(text: str) -> int:
    """A TCP port, 1..65535 (argparse type: a bad one is a usage error, exit 2)."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 1 to 65535, not {text!r}")
    return int(text)


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    imp = command("import", "import leads (or a contact log) from a CSV or .xlsx file")
    imp.add_argument("file", help="the spreadsheet: CSV (any delimiter, UTF-8/16) or .xlsx")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    imp.add_argument(
        "--on-duplicate",
        choices=("skip", "update"),
        default="skip",
        help="a lead already there (same email, phone, or name + company): skip it "
        "(default) or update it from the row",
    )
    imp.add_argument("--strict", action="store_true", help="import nothing if any row is rejected")
    kind = imp.add_mutually_exclusive_group()
    kind.add_argument(
        "--contacts", action="store_true", help="the file is a contact log (default: detected)"
    )
    kind.add_argument("--leads", action="store_true", help="the file is leads (default: detected)")

    exp = command("export", "write every lead (or the contact log) to a CSV or JSON file")
    exp.add_argument("file", help="where to write; .json means JSON, anything else CSV")
    exp.add_argument("--contacts", action="store_true", help="export the contact log instead")
    exp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    # None: take the format from the file's extension (the common --format says table).
    exp.set_defaults(format=None)

    cal = command("calendar", "write upcoming follow-ups to an .ics calendar file")
    cal.add_argument("file", help="the .ics file to write")
    cal.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAYS",
        help="follow-ups due within DAYS (default 30; overdue ones are always included)",
    )
    cal.add_argument("--force", action="store_true", help="replace FILE if it exists")

    serve = command("serve", "serve the board to a web browser (no login: local by default)")
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; anything else is reachable by others)",
    )
    serve.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )

    restore = command("restore", "replace the database with a backup, keeping the old one aside")
    restore.add_argument("file", help="a file written by `leadboard backup`")
