"""What `leadboard session` does: open the app straight into a follow-up session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leadboard.cli_context import Context


def cmd_session(ctx: Context) -> int:
    """`leadboard session`."""
    from leadboard.cli_context import board_clock
    from leadboard.ui.app import run_board

    return run_board(ctx.store, ctx.config, board_clock(), session=True, week=bool(ctx.args.week))


COMMANDS: dict[str, Callable[[Context], int]] = {"session": cmd_session}
"""Command name -> function, looked up by leadboard.commands.find_command."""
