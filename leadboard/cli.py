"""The `leadboard` command: parse arguments, run a command, map errors to exit codes.

The board (Textual) is imported only when it is opened, so `due`, `list` and
`log` start fast and never load the UI.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from leadboard import __version__

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

FORMATS = ("table", "json", "csv")


class UsageError(Exception):
    """Arguments that parse but make no sense together (exit 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with its usage and one line, 'leadboard: ...'."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print usage and the error, exit 2."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"leadboard: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _common() -> _Parser:
    """Options every command takes."""
    common = _Parser(add_help=False)
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


def _lead_fields(parser: argparse.ArgumentParser) -> None:
    """The optional fields of a lead, shared by `add`."""
    parser.add_argument("--company", default="", help="company or organisation")
    parser.add_argument("--title", default="", help="job title")
    parser.add_argument("--email", default="", help="email address")
    parser.add_argument("--phone", default="", help="phone number")
    parser.add_argument("--temp", default="cool", help="cold, cool, warm or hot (default cool)")
    parser.add_argument("--source", help="referral, inquiry, website, event, purchased_list, ...")
    parser.add_argument("--referred-by", default="", help="who referred them")
    parser.add_argument("--channel", help="how they want to be followed up: call, email, ...")
    parser.add_argument("--next-step", default="", help="one concrete action: 'send the quote'")
    parser.add_argument("--due", help="first follow-up: 'tomorrow', '+3d', 'fri', '2026-12-01'")
    parser.add_argument("--promised", action="store_true", help="the due date was promised")
    for part in ("fit", "interest", "readiness"):
        parser.add_argument(f"--{part}", type=int, default=0, help=f"{part}, 0 to 3")
    parser.add_argument("--note", default="", help="notes about the lead")
    parser.add_argument("--owner", default="", help="who owns the lead")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(
        prog="leadboard",
        description="A terminal pipeline board for sales leads. With no command, opens the board.",
    )
    parser.add_argument("--version", action="version", version=f"leadboard {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or sqlite:/// URL")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[_common()], help=help_text, description=help_text)

    add = command("add", "add a lead and print its id")
    add.add_argument("name", help="the lead's name")
    _lead_fields(add)

    log = command("log", "log a contact with a lead")
    log.add_argument("lead", help="lead id")
    log.add_argument("--channel", required=True, help="call, email, text, voicemail, ...")
    log.add_argument("--outcome", required=True, help="no_answer, left_message, replied, ...")
    log.add_argument("--direction", default="out", help="out (we reached out) or in (they did)")
    log.add_argument("--note", default="", help="what was said")
    log.add_argument("--next-step", help="the next concrete action")
    log.add_argument("--due", help="next follow-up; default: the cadence of the temperature")
    log.add_argument("--promised", action="store_true", help="the --due date was promised")
    log.add_argument("--at", help="when the contact happened (default now): '-2h', 'yesterday'")

    move = command("move", "move a lead to another temperature")
    move.add_argument("lead", help="lead id")
    move.add_argument("temp", help="cold, cool, warm, hot, or hotter / colder")

    won = command("won", "mark a lead won")
    won.add_argument("lead", help="lead id")
    lost = command("lost", "mark a lead lost")
    lost.add_argument("lead", help="lead id")
    lost.add_argument("--reason", default="", help="why it was lost")
    inactive = command("inactive", "mark a lead inactive (kept at the ready)")
    inactive.add_argument("lead", help="lead id")
    revive = command("revive", "put an inactive, won or lost lead back on the board at step 1")
    revive.add_argument("lead", help="lead id")

    list_ = command("list", "list leads")
    list_.add_argument("--temp", help="only this temperature")
    list_.add_argument("--status", help="active (default), won, lost, inactive or all")
    list_.add_argument("--overdue", action="store_true", help="only overdue leads")
    list_.add_argument("--search", default="", help="text in name, company, email, phone, notes")
    list_.add_argument("--limit", type=int, help="at most N leads (table default 50; 0 = all)")

    show = command("show", "show a lead and its contact history")
    show.add_argument("lead", help="lead id")

    due = command("due", "leads overdue and due soon, most urgent first")
    due.add_argument("--within", type=int, default=0, metavar="DAYS", help="due within DAYS")
    due.add_argument("--summary", action="store_true", help="one line for a shell start-up file")
    due.add_argument("--limit", type=int, help="at most N leads (table default 50; 0 = all)")

    demo = command("demo", "fill the database with realistic sample data")
    demo.add_argument("--leads", type=int, default=300, help="how many leads (default 300)")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for the same data again")
    demo.add_argument("--append", action="store_true", help="add even if the database has leads")
    demo.add_argument("--open", action="store_true", help="open the board afterwards")

    backup = command("backup", "copy the database to FILE, safely while it is in use")
    backup.add_argument("file", help="where to write the copy")

    board = command("board", "open the board (the same as no command)")
    board.set_defaults(command="board")

    # Feature areas add their own commands (kept in their own modules).
    from leadboard import cli_session, cli_stats, cli_transfer

    cli_transfer.add_parsers(command)
    cli_session.add_parsers(command)
    cli_stats.add_parsers(command)
    return parser


DATE_OPTIONS = ("--at", "--due")


def _glue_negative_dates(argv: list[str]) -> list[str]:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(_glue_negative_dates(list(sys.argv[1:] if argv is None else argv)))
    from leadboard.commands import run

    try:
        return run(args)
    except UsageError as err:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"leadboard: {err}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("leadboard: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`leadboard list | head`): nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
