"""`board`, `session`: the commands that open the board in a terminal.

Textual is imported only inside these commands: every other command starts
without it.
"""

from __future__ import annotations

import argparse
import os
import sys

from leadboard.cli.context import Context, UserError
from leadboard.cli.lookup import ALL_HELP
from leadboard.cli.parser import CommandFactory


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    board = command("board", "open the board (the same as no command)")
    board.add_argument("--all", action="store_true", help=ALL_HELP)
    board.set_defaults(command="board", run=cmd_board)

    session = command("session", "work through every due lead, hot first, one at a time")
    session.add_argument(
        "--week", action="store_true", help="include leads due later this week, not only today"
    )
    session.add_argument(
        "--temp",
        choices=SESSION_TEMPS,
        help="only leads of this temperature and hotter (hot: hot only; warm: hot and warm)",
    )
    session.add_argument(
        "--limit", type=session_limit, metavar="N", help="only the N most urgent due leads"
    )
    session.add_argument("--all", action="store_true", help=ALL_HELP)
    session.set_defaults(run=cmd_session)


SESSION_TEMPS = ("hot", "warm", "cool", "cold")
"""What `session --temp` takes, hottest first: that temperature and every hotter one."""


def session_limit(text: str) -> int:
    """A session's --limit: a whole number from 1 (argparse type: a bad one exits 2)."""
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of leads from 1, not {text!r}")
    return int(text)


def require_terminal(what: str = "the board") -> None:
    """UserError unless stdin and stdout are a terminal (or textual-serve drives the app).

    Piped, the full-screen app would wait for keys that never come and draw
    escape codes into a file: say so in one line instead.
    """
    if os.environ.get("TEXTUAL_DRIVER"):
        return  # textual-serve talks to the app over pipes through its web driver
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        if stream is None or not stream.isatty():
            raise UserError(
                f"{what} needs a terminal, and its {name} is not one; "
                "run it in a terminal window (`leadboard list` and `due` print to pipes)"
            )


def cmd_board(ctx: Context) -> int:
    """Open the board (also what `leadboard` with no command does)."""
    require_terminal()
    from leadboard.clock import board_clock
    from leadboard.ui.app import run_board

    return run_board(ctx.store, ctx.config, board_clock())


def cmd_session(ctx: Context) -> int:
    """`leadboard session`: open the app straight into a follow-up session."""
    require_terminal("a session")
    from leadboard.clock import board_clock
    from leadboard.domain.model import Temperature
    from leadboard.domain.session_scope import SessionScope
    from leadboard.ui.app import run_board

    coldest = Temperature(ctx.args.temp) if ctx.args.temp else Temperature.COLD
    scope = SessionScope(coldest, ctx.args.limit)
    week = bool(ctx.args.week)
    return run_board(ctx.store, ctx.config, board_clock(), session=True, week=week, scope=scope)
