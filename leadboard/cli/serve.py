"""`serve`: the board in a web browser, through textual-serve (the optional `web` extra).

textual-serve (and aiohttp under it) is imported only inside the command: no
other command, and not the board, loads it.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path

from leadboard.cli.context import EXIT_OK, Context, UserError
from leadboard.cli.parser import CommandFactory
from leadboard.domain.text import clipped, printable

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PAGE_TEMPLATES = Path(__file__).with_name("serve_page")
"""Our app_index.html: textual-serve's own asks a public font service for its font."""

WEB_EXTRA_MISSING = "serve needs the web extra: pip install 'leadboard[web]'"

PORTS_TRIED = 20
"""How far past a busy port the suggestion looks for a free one."""


def port_number(text: str) -> int:
    """A TCP port, 1..65535 (argparse type: a bad one is a usage error, exit 2)."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 1 to 65535, not {text!r}")
    return int(text)


def add_parsers(command: CommandFactory) -> None:
    """Add `serve`."""
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


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1: addresses only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def board_command(db: str) -> str:
    """The shell command textual-serve runs for each browser: this Python, this database.

    A server's URL goes to the boards in their environment (LEADBOARD_DB), never on a
    command line: it may hold a password, and every user can read the process list.
    """
    from leadboard.store.server_url import is_server_target

    if is_server_target(db):
        os.environ["LEADBOARD_DB"] = db  # the boards textual-serve starts inherit it
        return shlex.join([sys.executable, "-m", "leadboard", "board"])
    target = db if "://" in db else str(Path(db).expanduser().resolve())
    return shlex.join([sys.executable, "-m", "leadboard", "--db", target, "board"])


def _bind_failure(host: str, port: int) -> OSError | None:
    """Why the server could not listen on host:port, found by binding there now; None if it can.

    A host name that does not resolve is a UserError at once.

    Bound as asyncio's server binds (SO_REUSEADDR on POSIX, IPv6 sockets IPv6
    only), and, as it does, an address family this machine lacks is skipped.
    """
    try:
        found = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError):
        shown_host = clipped(printable(host), 60)
        raise UserError(f'cannot listen on "{shown_host}": no such host') from None
    failure: OSError | None = None
    bound = 0
    for family, kind, proto, _, address in found:
        with socket.socket(family, kind, proto) as probe:
            if sys.platform != "win32":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as err:
                if err.errno != errno.EADDRNOTAVAIL:
                    return err
                failure = err
                continue
            bound += 1
    return None if bound else failure or OSError(errno.EADDRNOTAVAIL, "no address")


def _free_port_after(host: str, port: int) -> int | None:
    """The first port after `port` that can be bound now, looking PORTS_TRIED ahead."""
    for candidate in range(port + 1, min(port + PORTS_TRIED, 65535) + 1):
        if _bind_failure(host, candidate) is None:
            return candidate
    return None


def check_can_listen(host: str, port: int) -> None:
    """UserError, in one line, when the server could not listen there: before it says it does."""
    failure = _bind_failure(host, port)
    if failure is None:
        return
    shown_host = clipped(printable(host), 60)
    if failure.errno == errno.EADDRINUSE:
        free = _free_port_after(host, port)
        hint = f"; try --port {free}" if free is not None else "; choose another --port"
        raise UserError(f"port {port} is in use{hint}")
    if failure.errno in (errno.EACCES, errno.EPERM):
        raise UserError(
            f"port {port} is reserved for the system administrator; "
            f"choose one from 1024 up, like --port {DEFAULT_PORT}"
        )
    if failure.errno == errno.EADDRNOTAVAIL:
        raise UserError(
            f'cannot listen on "{shown_host}": not an address of this machine '
            f"(the default, {DEFAULT_HOST}, serves this machine only)"
        )
    reason = (failure.strerror or type(failure).__name__).lower()
    raise UserError(f'cannot listen on "{shown_host}" port {port}: {printable(reason)}')


def cmd_serve(ctx: Context) -> int:
    """`leadboard serve`."""
    from leadboard.paths import db_target

    a = ctx.args
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError(WEB_EXTRA_MISSING) from None
    target = db_target(a.db)
    ctx.store.count()  # open (and migrate) the database now: a bad --db fails here, not in a tab
    # textual-serve says "Serving ... on" before it binds, then fails with a traceback-like line.
    check_can_listen(a.host, a.port)
    if not is_loopback(a.host):
        sys.stderr.write(
            f"leadboard: warning: serving on {printable(a.host)}:{a.port} with no login; "
            "anyone who can reach that address can read and change your leads\n"
        )
    server = Server(
        board_command(target),
        host=a.host,
        port=a.port,
        title="leadboard",
        templates_path=PAGE_TEMPLATES,
    )
    try:
        server.serve()
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            # Taken between the check and the start (by another program starting just then).
            raise UserError(f"port {a.port} is in use; choose another --port") from None
        reason = (err.strerror or type(err).__name__).lower()
        raise UserError(f"cannot serve on port {a.port}: {printable(reason)}") from None
    return EXIT_OK
