"""The `leadboard` command: build the parser from the feature areas, run the chosen command.

Each subparser names its command with `set_defaults(run=...)`; this is the one
dispatch, and the one place that turns errors into a line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from leadboard import __version__
from leadboard.cli import (
    board,
    completion,
    demo,
    editing,
    files,
    leads,
    lookup,
    moving,
    quick,
    serve,
    stats,
    templates,
)
from leadboard.cli.context import EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, Context, UserError
from leadboard.cli.parser import Parser, common_options, global_options, glue_negative_dates
from leadboard.domain.text import clipped, printable

Command = Callable[[Context], int]
"""What a subparser's `run` default holds: the command, given its context, returns the exit code."""

AREAS = (
    leads,
    quick,
    editing,
    lookup,
    templates,
    demo,
    files,
    board,
    serve,
    stats,
    moving,
    completion,
)
"""The feature areas, in the order `--help` lists their commands."""


def build_parser() -> Parser:
    """The whole command line."""
    parser = Parser(
        prog="leadboard",
        description="A terminal pipeline board for sales leads. With no command, opens the board.",
    )
    parser.add_argument("--version", action="version", version=f"leadboard {__version__}")
    global_options(parser, after_command=False)
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
    _never_fail_to_print()
    parser = build_parser()
    args = parser.parse_args(glue_negative_dates(list(sys.argv[1:] if argv is None else argv)))
    # No command opens the board.
    chosen: Command = getattr(args, "run", board.cmd_board)
    try:
        code = run(chosen, args)
        # Behind a redirect to a full disk, the end of the output may fail only now.
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        sys.stderr.write("leadboard: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`leadboard list | head`): nothing more to say.
        _stdout_to_devnull()
        return EXIT_OK
    except OSError as err:
        # Writing the output failed (`leadboard list > file-on-a-full-disk`).
        _stdout_to_devnull()
        from leadboard.paths import os_failure

        return _say(os_failure(err, "standard output"))


def _stdout_to_devnull() -> None:
    """Send what is left in stdout's buffer nowhere, so the exit's flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _never_fail_to_print() -> None:
    """Print what cannot be encoded as escapes, never raise over it.

    A file name given in another encoding than UTF-8 arrives as surrogates; on a
    UTF-8 terminal printing it raised after the command had done its work, and
    the raw bytes Python writes on a C locale may be C1 controls (0x9b is CSI).
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def not_utf8(err: UnicodeEncodeError) -> str:
    """The line for text that is not valid UTF-8 (an argument in another encoding)."""
    try:
        raw = err.object.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = err.object.encode("utf-8", "backslashreplace")
    shown = clipped(raw.decode("utf-8", "backslashreplace"), 80)
    return f'"{shown}" is not valid UTF-8 text; give it in UTF-8 (nothing was changed)'


def run(command: Command, args: argparse.Namespace) -> int:
    """Run one command; user mistakes and failures become one line on stderr and exit 1."""
    from leadboard.clock import ClockError, clock
    from leadboard.config import ConfigError, load_config
    from leadboard.domain.dates import DateParseError
    from leadboard.domain.validation import ValidationError
    from leadboard.paths import config_path, os_failure
    from leadboard.store.errors import StoreError

    try:
        config = load_config(config_path())
        ctx = Context(args=args, config=config, now=clock())
        try:
            code = command(ctx)
        except BaseException:
            ctx.close(after_error=True)  # the failure is the story; a failed close must not hide it
            raise
        ctx.close()
        return code
    except UserError as err:
        return _say(str(err), err.details)
    except (ValidationError, DateParseError, ClockError, ConfigError, StoreError) as err:
        return _say(str(err))
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except OSError as err:
        if err.filename is None:
            raise  # no file named: writing stdout itself failed; main says so
        return _say(os_failure(err, doing="open"))
    except UnicodeEncodeError as err:
        if "surrogates" not in err.reason:
            return _unexpected(err)
        return _say(not_utf8(err))
    except Exception as err:  # last resort: a user never sees a traceback
        return _unexpected(err)


def _say(message: str, details: Sequence[str] = ()) -> int:
    """Write the error line (and the lines that detail it) to stderr; the exit code for it."""
    lines = [f"leadboard: {printable(message)}", *(printable(line) for line in details)]
    sys.stderr.write("".join(line + "\n" for line in lines))
    return EXIT_USER_ERROR


def _unexpected(err: Exception) -> int:
    if os.environ.get("LEADBOARD_DEBUG"):
        traceback.print_exc()
    sys.stderr.write(
        f"leadboard: unexpected error ({type(err).__name__}: {clipped(str(err), 200, '')}); "
        "set LEADBOARD_DEBUG=1 for details\n"
    )
    return EXIT_USER_ERROR
