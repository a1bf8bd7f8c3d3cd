"""`board`, `session`, `serve`: the commands that open the board, in a terminal or a browser.

Textual is imported only inside these commands: every other command starts
without it.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory
from leadboard.domain.text import printable

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def port_number(text: str) -> int:
    """A TCP port, 1..65535 (argparse type: a bad one is a usage error, exit 2)."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 1 to 65535, not {text!r}")
    return int(text)


def add_parsers(command: CommandFactory) -> None:
    """Add this area's subcommands."""
    board = command("board", "open the board (the same as no command)")
    board.set_defaults(command="board", run=cmd_board)

    session = command("session", "work through every due lead, hot first, one at a time")
    session.add_argument(
        "--week", action="store_true", help="include leads due later this week, not only today"
    )
    session.set_defaults(run=cmd_session)

    serve = command("serve", "serve the board to a web browser (no login: local by default)")
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; anything else is reachable by others)",
    )
    serve.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    serve.set_defaults(run=cmd_serve)


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
    from leadboard.ui.app import run_board

    return run_board(ctx.store, ctx.config, board_clock(), session=True, week=bool(ctx.args.week))


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1: addresses only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def board_command(db: str) -> str:
    """The shell command textual-serve runs for each browser: this Python, this database."""
    target = db if "://" in db else str(Path(db).expanduser().resolve())
    return shlex.join([sys.executable, "-m", "leadboard", "--db", target, "board"])


def cmd_serve(ctx: Context) -> int:
    """`leadboard serve`."""
    from leadboard.paths import db_target

    a = ctx.args
    target = db_target(a.db)
    ctx.store.count()  # open (and migrate) the database now: a bad --db fails here, not in a tab
    if not is_loopback(a.host):
        sys.stderr.write(
            f"leadboard: warning: serving on {printable(a.host)}:{a.port} with no login; "
            "anyone who can reach that address can read and change your leads\n"
        )
    from textual_serve.server import Server

    server = Server(board_command(target), host=a.host, port=a.port, title="leadboard")
    server.serve()
    return EXIT_OK
