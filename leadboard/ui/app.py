"""LeadboardApp: the Textual application that hosts the board and its dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import pendulum
from pendulum import DateTime
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from leadboard.config import Config
from leadboard.store.leads import LeadStore
from leadboard.ui.board_data import BoardData
from leadboard.ui.screens.board import BoardScreen


def utc_now() -> DateTime:
    """The real clock, for the real app."""
    return pendulum.now("UTC")


class LeadboardApp(App[None]):
    """The board over a store; `clock` is injected so tests and screenshots are stable."""

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).parent / "leadboard.tcss"
    TITLE = "leadboard"

    def __init__(
        self, store: LeadStore, config: Config, clock: Callable[[], DateTime] = utc_now
    ) -> None:
        super().__init__()
        self.data = BoardData(store, config, clock)

    def get_default_screen(self) -> Screen[None]:
        """The board is the first screen."""
        return BoardScreen(self.data)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every board action in the command palette, besides Textual's own."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, BoardScreen):
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    key = binding.key_display or binding.key.split(",")[0]
                    yield SystemCommand(
                        binding.description,
                        f"{binding.description} (key: {key})",
                        partial(screen.run_action, binding.action),
                    )


def run_board(store: LeadStore, config: Config, clock: Callable[[], DateTime] = utc_now) -> int:
    """Open the board in the terminal until the rep quits."""
    LeadboardApp(store, config, clock).run()
    return 0
