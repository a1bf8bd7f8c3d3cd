"""What the stats commands do."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leadboard.commands import Context

COMMANDS: dict[str, Callable[[Context], int]] = {}
"""Command name -> function, looked up by leadboard.commands.find_command."""
