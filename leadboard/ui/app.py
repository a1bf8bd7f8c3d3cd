"""LeadboardApp: the Textual application that hosts the board and its dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

import pendulum
from pendulum import DateTime
from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from leadboard.config import Config
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore
from leadboard.ui.filtered_board import FilteredBoard
from leadboard.ui.keys import apply_keys, shown_key
from leadboard.ui.screens.board import BoardScreen
from leadboard.ui.typeahead import OrderedKeysApp
from leadboard.ui.widgets.board.lead_column import LEAD_COLUMN_CSS
from leadboard.ui.widgets.board.overdue_panel import OVERDUE_PANEL_CSS
from leadboard.ui.writes import Write, WriteQueue, dropped_words

if TYPE_CHECKING:
    from leadboard.actions.session import SessionFlow, SessionSummary
    from leadboard.domain.session_scope import SessionScope


UI = Path(__file__).parent
"""The ui package folder, where the stylesheets sit beside their screens and widgets."""


def utc_now() -> DateTime:
    """The real clock, for the real app."""
    return pendulum.now("UTC")


class LeadboardApp(OrderedKeysApp):
    """The board over a store; `clock` is injected so tests and screenshots are stable.

    Keys are handed on in the order typed (OrderedKeysApp) and every change is written by one
    writer thread (`writes`), so a locked database never freezes the screen or loses a key.
    """

    # The app loads the board's sheets: Textual skips the CSS_PATH of a default screen.
    # Absolute paths, so subclasses defined elsewhere (tests, benchmarks) find them too.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        UI / "leadboard.tcss",
        UI / "screens" / "board.tcss",
        LEAD_COLUMN_CSS,
        OVERDUE_PANEL_CSS,
    ]
    TITLE = "leadboard"

    warm_dialogs: ClassVar[bool] = True
    """Read the dialogs' stylesheets after the first frame (off for tests that count steps)."""

    def __init__(
        self,
        store: LeadStore,
        config: Config,
        clock: Callable[[], DateTime] = utc_now,
        *,
        session: bool = False,
        week: bool = False,
        scope: SessionScope | None = None,
    ) -> None:
        super().__init__()
        apply_keys(self, config)  # the rep's [keys]; a clash refuses the start (ConfigError)
        self.data = FilteredBoard(store, config, clock)
        self.start_session = session
        self.session_week = week
        self.session_scope = scope
        """What `leadboard session --temp/--limit` narrowed the session to (None: all due)."""
        self.writes = WriteQueue(self, store)
        self.writes.drop_keys = self.drop_held_keys
        self.writes.changed = self.settle_keys

    def on_mount(self) -> None:
        """`leadboard session` opens straight into the session; its summary ends the app."""
        if self.start_session:
            from leadboard.actions.session import SessionFlow

            data, week, scope = self.data, self.session_week, self.session_scope
            start = Write(
                lambda: SessionFlow.start(
                    data.store, data.config, data.clock, week=week, scope=scope
                ),
                lambda flow: self.run_session(flow, on_done=self.exit),
            )
            self.writes.submit(start, self._session_not_started)

    def on_ready(self) -> None:
        """The first frame is up: read the dialogs' stylesheets ahead (dialogs/reuse.warm)."""
        if self.warm_dialogs:
            from leadboard.ui.dialogs.reuse import warm

            warm(self, self._dialogs_to_keep(), busy=lambda: bool(self._typed or self._settling))

    def _dialogs_to_keep(self) -> list[type[Screen[Any]]]:
        """The dialogs the board opens most: log, lead form, detail, the questions."""
        from leadboard.ui.dialogs.confirm import ConfirmScreen, ReasonScreen
        from leadboard.ui.dialogs.lead_form import LeadFormScreen
        from leadboard.ui.dialogs.log_contact import LogContactScreen
        from leadboard.ui.screens.lead_detail import LeadDetailScreen

        return [LogContactScreen, ConfirmScreen, LeadFormScreen, LeadDetailScreen, ReasonScreen]

    def _session_not_started(self, err: StoreError, dropped: int) -> None:
        """The session could not be recorded: the board stays, and `s` tries again."""
        message = f"No session started: {err}{dropped_words(dropped)}. Press s to try again."
        self.notify(message, severity="error", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A count the board held keys for (the stats) is done: hand the keys on."""
        if event.worker.is_finished:
            self.settle_keys()

    def on_unmount(self) -> None:
        """No more writes; one on its way finishes by itself."""
        self.writes.close()

    @on(BoardScreen.SessionRequested)
    def _session_requested(self, event: BoardScreen.SessionRequested) -> None:
        """`s` on the board: run the session, then hand the board back its turn."""
        self.run_session(event.flow, on_done=event.board.after_session)

    def run_session(self, flow: SessionFlow, on_done: Callable[[], None]) -> None:
        """Show the session, then its summary, then call `on_done`."""
        from leadboard.ui.screens.session import SessionScreen
        from leadboard.ui.screens.session_summary import SessionSummaryScreen

        def summarise(summary: SessionSummary | None) -> None:
            if summary is None:
                on_done()
                return

            def closed(_: None) -> None:
                on_done()

            self.push_screen(SessionSummaryScreen(summary), closed)

        self.push_screen(SessionScreen(flow, self.writes, self.data.templates), summarise)

    def get_default_screen(self) -> Screen[None]:
        """The board is the first screen."""
        return BoardScreen(self.data, self.writes)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every board action in the command palette, besides Textual's own."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, BoardScreen):
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    key = shown_key(self, binding)  # the rep's key, after their [keys]
                    yield SystemCommand(
                        binding.description,
                        f"{binding.description} (key: {key})",
                        partial(screen.run_action, binding.action),
                    )


def run_board(
    store: LeadStore,
    config: Config,
    clock: Callable[[], DateTime] = utc_now,
    *,
    session: bool = False,
    week: bool = False,
    scope: SessionScope | None = None,
) -> int:
    """Open the board (or a follow-up session) in the terminal until the rep quits."""
    LeadboardApp(store, config, clock, session=session, week=week, scope=scope).run()
    return 0
