"""The `leadboard` command: build the parser from the feature areas, run the chosen command.

Each subparser names its command with `set_defaults(run=...)`; this is the one
dispatch, and the one place that turns errors into a line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from leadboard import __version__
from leadboard.cli import board, demo, files, leads, lookup, stats
from leadboard.cli.context import EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, Context, UserError
from leadboard.cli.parser import Parser, common_options, glue_negative_dates

Command = Callable[[Context], int]
"""What a subparser's `run` default holds: the command, given its context, returns the exit code."""

AREAS = (leads, lookup, demo, files, board, stats)
"""The feature areas, in the order `--help` lists their commands."""


def build_parser() -> Parser:
    """The whole command line."""
    parser = Parser(
        prog="leadboard",
        description="A terminal pipeline board for sales leads. With no command, opens the board.",
    )
    parser.add_argument("--version", action="version", version=f"leadboard {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or sqlite:/// URL")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str) -> Parser:
        return sub.add_parser(
            name, parents=[common_options()], help=help_text, description=help_text
        )

    for area in AREAS:
        area.add_parsers(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(glue_negative_dates(list(sys.argv[1:] if argv is None else argv)))
    # No command opens the board.
    chosen: Command = getattr(args, "run", board.cmd_board)
    try:
        return run(chosen, args)
    except KeyboardInterrupt:
        sys.stderr.write("leadboard: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`leadboard list | head`): nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def run(command: Command, args: argparse.Namespace) -> int:
    """Run one command; user mistakes become one line on stderr and exit 1."""
    from leadboard.clock import ClockError, clock
    from leadboard.config import ConfigError, load_config
    from leadboard.domain.dates import DateParseError
    from leadboard.domain.text import clipped, printable
    from leadboard.domain.validation import ValidationError
    from leadboard.paths import config_path
    from leadboard.store.errors import StoreError

    try:
        config = load_config(config_path())
        ctx = Context(args=args, config=config, now=clock())
        try:
            return command(ctx)
        finally:
            ctx.close()
    except (UserError, ValidationError, DateParseError, ClockError, ConfigError, StoreError) as err:
        sys.stderr.write(f"leadboard: {printable(str(err))}\n")
        return EXIT_USER_ERROR
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as err:  # last resort: a user never sees a traceback
        if os.environ.get("LEADBOARD_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            f"leadboard: unexpected error ({type(err).__name__}: {clipped(str(err), 200, '')}); "
            "set LEADBOARD_DEBUG=1 for details\n"
        )
        return EXIT_USER_ERROR
