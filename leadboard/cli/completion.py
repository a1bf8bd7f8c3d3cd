"""`completion`: the shell's Tab completion script for bash, zsh or fish, written by shtab.

Each area's parsers say what their arguments complete to (`completes`); the words
come from the domain's enums and are read only when a script is written, so building
the parser for `--help` loads neither them nor shtab. The script is static: a Tab
runs no Python.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Literal

from leadboard.cli.context import EXIT_OK, Context

if TYPE_CHECKING:
    from leadboard.cli.parser import CommandFactory

SHELLS = ("bash", "zsh", "fish")

Words = Callable[[], Sequence[str]]
"""The words an argument completes to, read when the script is written."""

FILES: Final = "files"
"""An argument that completes to the paths on disk."""

Completion = Words | Literal["files"]

_HINT = "leadboard_completion"
"""The attribute of an argparse action that holds its `Completion`."""


def add_parsers(command: CommandFactory) -> None:
    """Add `completion`."""
    completion = command(
        "completion", "print the Tab completion script for bash, zsh or fish (see README)"
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
    completion.set_defaults(run=cmd_completion)


def cmd_completion(ctx: Context) -> int:
    """`leadboard completion SHELL`."""
    import shtab

    from leadboard.cli.entry import build_parser

    # A parser of its own: giving it choices below must not change what a command accepts.
    parser = build_parser()
    for action in _actions(parser):
        hint: Completion | None = getattr(action, _HINT, None)
        if hint == FILES:
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        elif callable(hint):
            action.choices = list(hint())
    sys.stdout.write(shtab.complete(parser, shell=ctx.args.shell).rstrip("\n") + "\n")
    return EXIT_OK


def completes(parser: argparse.ArgumentParser, **by_dest: Completion) -> None:
    """Say what the arguments of `parser`, named by their dest, complete to.

    It adds no `choices`: argparse accepts what it did, and the commands keep
    their own, clearer, messages for a word they do not know.
    """
    actions = {action.dest: action for action in parser._actions}
    for dest, completion in by_dest.items():
        if dest not in actions:
            raise ValueError(f"{parser.prog} has no argument {dest!r} to complete")
        setattr(actions[dest], _HINT, completion)


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every action of `parser` and of its subcommands' parsers."""
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions(sub)


def _values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


def temperatures() -> list[str]:
    """cold, cool, warm, hot."""
    from leadboard.domain.model import Temperature

    return _values(Temperature)


def channels() -> list[str]:
    """How a contact is made: call, email, ..."""
    from leadboard.domain.model import Channel

    return _values(Channel)


def outcomes() -> list[str]:
    """What came of a contact, with underscores as the CLI takes them: no_answer, ..."""
    from leadboard.domain.model import Outcome

    return _values(Outcome)


def directions() -> list[str]:
    """out, in."""
    from leadboard.domain.model import Direction

    return _values(Direction)


def sources() -> list[str]:
    """Where a lead came from: referral, inquiry, ..."""
    from leadboard.domain.model import Source

    return _values(Source)


def statuses() -> list[str]:
    """active, won, lost, inactive."""
    from leadboard.domain.model import Status

    return _values(Status)
