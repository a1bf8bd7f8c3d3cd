"""How the board writes: through the app's writer, keys held while a change waits, retry keys.

While a change waits for another process's lock the board stays live for looking around (the
NAVIGATION actions run at once); any key that changes something waits in line behind it, so
`] ] u` does what it would do typed slowly. When the change lands the cursor stays where the
rep moved it meanwhile; when it cannot land, the message names the key that tries again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.screen import Screen

from leadboard.domain.model import Lead, Temperature
from leadboard.store.errors import StaleLead, StoreError
from leadboard.ui.widgets.board.lead_column import LeadColumn
from leadboard.ui.writes import WAITING, Saver, Write, WriteQueue, dropped_words

if TYPE_CHECKING:
    from textual.worker import Worker

    from leadboard.actions.leads import LeadActions
    from leadboard.ui.filtered_board import FilteredBoard

R = TypeVar("R")

NAVIGATION = frozenset(
    {
        "focus_column",
        "cursor",
        "page",
        "ends",
        "toggle_panel",
        "filter",
        "clear_filter",
        "help",
        "copy_message",
    }
)
"""Board actions that only look: they run at once, even while a change waits."""


class BoardWrites(Screen[None]):
    """The writing half of the board's actions; BoardScreen provides the helpers."""

    data: FilteredBoard
    actions: LeadActions
    writes: WriteQueue
    _cursor_kept = False
    """True while a change that waited lands after the rep moved the cursor: it stays put."""
    counting: Worker[None] | None = None
    """The stats being counted for `S`; keys wait for their screen."""

    if TYPE_CHECKING:

        @property
        def selected(self) -> Lead | None:
            """The lead under the cursor."""

        def reload(
            self, follow: Lead | None = None, columns: Iterable[Temperature] | None = None
        ) -> None:
            """Re-read counts and columns, cursor on `follow`."""

        def refresh_panel(self) -> None:
            """Re-read the due list and the status line."""

        def _set_label(self, selector: str, text: str) -> None:
            """Update a one-line label."""

    def show_waiting(self) -> None:
        """Say in the status line that a change waits for another process's lock."""
        self._set_label("#status-line", f"{WAITING}  the change lands when it lets go")

    def cursor_mark(self) -> tuple[object, int]:
        """Where the cursor is: the focused widget and, in a column, the card."""
        focused = self.focused
        return focused, focused.cursor if isinstance(focused, LeadColumn) else -1

    def holds_key(self, event: events.Key) -> bool:
        """While a change waits, keys of changing actions wait behind it; looking goes on."""
        if self.counting is not None and not self.counting.is_finished:
            return True  # they are meant for the stats screen about to open
        if not self.writes.waiting:
            return False
        active = self.app.active_bindings.get(event.key)
        if active is None or active.node is not self:
            # No binding, or a widget's own (the filter box, the panel's cursor), or the app's.
            return False
        return active.binding.action.split("(")[0] not in NAVIGATION

    def key(self, name: str) -> str:
        """The key the rep presses for the board's `name` ('undo' -> 'u', or their own)."""
        from leadboard.ui.keys import key_lookup
        from leadboard.ui.screens.board_keys import BOARD_BINDINGS

        return key_lookup(self.app, BOARD_BINDINGS, "board")(name)

    def _tell(self, message: str, *, error: bool = False) -> None:
        # notify() parses markup by default; user text must stay literal.
        self.notify(message, severity="error" if error else "information", markup=False)

    def _write(self, job: Callable[[], R], landed: Callable[[R], object], retry: str) -> None:
        """Save a change on the writer thread; `landed` runs once it is stored."""
        mark = self.cursor_mark()

        def done(value: R) -> None:
            # Only a change that waited can find the cursor moved: the rep looked around.
            self._cursor_kept = self.cursor_mark() != mark
            try:
                landed(value)
            finally:
                self._cursor_kept = False

        self.writes.submit(Write(job, done), self._not_saved(retry), self.show_waiting)

    def _saver(self, job: Callable[[R], Any], landed: Callable[[Any], object]) -> Saver[R]:
        """For a dialog: write its result with `job`, then `landed` once it is stored."""
        # The dialog covers the board while its write waits: the cursor cannot have moved.
        return Saver(self.writes, lambda result: Write(lambda: job(result), landed))

    def _not_saved(self, retry: str) -> Callable[[StoreError, int], None]:
        """What a failed write says: why, and which key tries again."""

        def failed(err: StoreError, dropped: int) -> None:
            if isinstance(err, StaleLead):
                # Another rep saved the lead since: trying again cannot help, theirs stays.
                # The message says it all ("... was changed by another leadboard (...);
                # not undone"); the board shows the lead as they left it.
                self._tell(str(err), error=True)
                self.reload(follow=self.data.fresh(self.selected))
                return
            self._tell(f"Not saved: {err}{dropped_words(dropped)}. {retry}", error=True)
            self.refresh_panel()

        return failed

    def _follow(self, lead: Lead | None) -> Lead | None:
        """The lead the cursor goes to after a change: it, unless the rep moved on meanwhile."""
        return self.data.fresh(self.selected) if self._cursor_kept else lead
