"""The board's filter: typed text is matched on a worker thread; only the newest answer is drawn.

Each keystroke in the filter box asks for the matches of the whole text and stops the
query still running for the text before it (SQLite's interrupt, a server's cancel). An
answer that comes back for an older text is dropped, never drawn. While a query runs,
keys typed into the box go on at once; any other key waits for the answer it depends on
(Enter picks the hottest column with matches, `j` moves in it), so a burst lands as
typed slowly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pendulum import DateTime
from textual import events, on
from textual.widgets import Input

from leadboard.domain.followup import end_of_local_day
from leadboard.domain.model import TEMPERATURES, Lead, Status, Temperature
from leadboard.store.errors import StoreError
from leadboard.store.search_hits import SearchHits
from leadboard.ui.screens.board_actions import BoardActions
from leadboard.ui.widgets.board.lead_column import LeadColumn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from leadboard.ui.widgets.board.overdue_panel import OverduePanel

FIRST_MATCHES = 24
"""Matches per column drawn before the full answer: more cards than a tall column shows."""

TYPING_KEYS = frozenset({"backspace", "delete", "left", "right", "home", "end", "ctrl+u"})
"""Keys that edit the filter box's text: they never wait for a running query."""


class BoardSearch(BoardActions):
    """The filter box and its queries; BoardScreen provides the columns and reload."""

    _search_serial = 0
    """Counts the queries asked for; an answer whose number is not the latest is stale."""
    _search_wanted: tuple[int, Lead | None, bool] | None = None
    """(serial, lead to follow, cursors to the top) of the query the board waits for."""
    _search_connection: Any = None
    """The connection the running query is on, to stop it (a file's or a server's)."""
    _before_filter: tuple[Temperature, Lead | None, int] | None = None
    """Where the cursor was when `/` opened the filter box: Escape goes back there."""

    if TYPE_CHECKING:

        def column(self, temperature: Temperature) -> LeadColumn:
            """The column widget of a temperature."""

        def redraw(
            self,
            follow: Lead | None = None,
            columns: Iterable[Temperature] | None = None,
            *,
            to_top: bool = False,
        ) -> None:
            """Re-read counts and columns from the board's data, cursor on `follow`."""

        def _show_title(self, temperature: Temperature) -> None:
            """Update a column's title."""

    @property
    def search_pending(self) -> bool:
        """True while the board waits for the matches of the filter's text."""
        return self._search_wanted is not None

    def holds_key(self, event: events.Key) -> bool:
        """Keys wait for a running query, but for those typed into the filter box."""
        if self.search_pending and not self._types_into_filter(event):
            return True
        return super().holds_key(event)

    def _types_into_filter(self, event: events.Key) -> bool:
        box = self.query_one("#filter", Input)
        return self.focused is box and (event.is_printable or event.key in TYPING_KEYS)

    # -- the query ---------------------------------------------------------------

    def find_matches(self, text: str, follow: Lead | None = None, *, to_top: bool = False) -> None:
        """Ask for the matches of `text` on a worker; the board shows them when they come."""
        self._stop_search()
        self._search_serial += 1
        serial = self._search_serial
        self._search_wanted = (serial, follow, to_top)
        horizon = end_of_local_day(self.data.clock(), self.data.tz)
        self.run_worker(
            lambda: self._find(serial, text, horizon, first=to_top),
            thread=True,
            group="filter",
            exit_on_error=False,
        )

    def _find(self, serial: int, text: str, horizon: DateTime, *, first: bool) -> None:
        """On the worker thread: read the matches on a connection of its own.

        With `first`, each column's first matches are drawn before all of them are read.
        """
        store = self.data.store
        found: SearchHits | StoreError
        with store.own_connection():
            if serial != self._search_serial:
                return  # superseded before it started
            connection = self._search_connection = store.thread_connection()
            try:
                if first:
                    top = store.first_hits(text, FIRST_MATCHES)
                    if serial != self._search_serial:
                        return
                    self.app.call_from_thread(self._found_first, serial, top)
                found = store.search_hits(text, horizon)
            except StoreError as err:
                found = err  # an interrupted query lands here too, and is stale
            finally:
                if self._search_connection is connection:
                    self._search_connection = None
        if serial == self._search_serial:
            self.app.call_from_thread(self._found, serial, found)

    def _stop_search(self) -> None:
        """Interrupt the query under way: its answer would be dropped anyway."""
        self._search_wanted = None
        connection = self._search_connection
        if connection is not None:
            self.data.store.stop_query(connection)  # SQLite: interrupt; a server: cancel

    def _found_first(self, serial: int, top: SearchHits) -> None:
        """On the UI thread: draw each column's first matches while the rest are read."""
        wanted = self._search_wanted
        if wanted is None or wanted[0] != serial:
            return
        self.data.show(top)
        self.redraw(to_top=True)

    def _found(self, serial: int, found: SearchHits | StoreError) -> None:
        """On the UI thread: draw the newest matches; an older answer is never drawn."""
        wanted = self._search_wanted
        if wanted is None or wanted[0] != serial:
            return
        self._search_wanted = None
        _, follow, to_top = wanted
        if isinstance(found, StoreError):
            self._tell(f"The filter could not search: {found}", error=True)
        else:
            self.data.show(found)
            self.redraw(follow=self.data.fresh(follow), to_top=to_top)
        settle = getattr(self.app, "settle_keys", None)
        if settle is not None:
            settle()  # keys held for this answer go on now

    # -- the box -------------------------------------------------------------------

    def action_filter(self) -> None:
        """Show the filter box and type into it, remembering where the cursor was."""
        box = self.query_one("#filter", Input)
        focused = self.focused
        if isinstance(focused, LeadColumn):
            self._before_filter = (focused.temperature, focused.selected_lead, focused.cursor)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Narrow every column as the rep types; each column starts at its best match."""
        text = event.value.strip()
        if text:
            self.find_matches(text, to_top=True)
            return
        self._stop_search()
        self.data.show(None)
        self.redraw(to_top=True)

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        """Enter: keep the filter and go back to the cards."""
        self.current_or_hottest().focus()

    def current_or_hottest(self) -> LeadColumn:
        """The first non-empty column from hot to cold, else hot."""
        for temperature in reversed(TEMPERATURES):
            if self.data.count(temperature):
                return self.column(temperature)
        return self.column(Temperature.HOT)

    def action_clear_filter(self) -> None:
        """Escape: fold a floating panel away, or clear the filter and hide its box."""
        panel: OverduePanel = self.query_one("#panel")  # type: ignore[assignment]
        if self.has_class("narrow") and panel.display:
            panel.display = False
            self.current_or_hottest().focus()
            return
        if self.data.search or self.query_one("#filter", Input).display:
            lead = self.selected
            self.clear_filter()
            if lead is not None:
                # Escape from the cards: keep the lead the rep found with the filter.
                self.redraw(follow=self.data.fresh(lead))
            else:
                self.restore_cursor()

    def restore_cursor(self) -> None:
        """Back from the filter box: the cursor where it was before `/` (same lead, column)."""
        before, self._before_filter = self._before_filter, None
        if before is None:
            self.redraw()
            self.current_or_hottest().focus()
            return
        temperature, lead, index = before
        fresh = self.data.fresh(lead)
        if fresh is not None and fresh.status is Status.ACTIVE:
            self.redraw(follow=fresh)
            return
        # The lead left the board meanwhile: its place in the column, clamped.
        self.redraw()
        column = self.column(temperature)
        column.set_cursor(index)
        self._show_title(temperature)
        column.focus()

    def clear_filter(self) -> None:
        """Empty and hide the filter box without redrawing; a query under way is dropped."""
        self._stop_search()
        box = self.query_one("#filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False
        self.data.show(None)
