"""LeadColumn: one temperature's leads, drawn line by line from small page and card caches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Protocol

from pendulum import DateTime
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from leadboard.domain.model import Lead, Temperature
from leadboard.ui.widgets.board.card import CARD_HEIGHT, CardStyles, card_strips

PAGE_SIZE = 24
"""Leads fetched per query: two or three screens of cards; each row costs about 80 us to read."""

PAGES_KEPT = 8
"""Pages kept in memory per column: enough to scroll back and forth without re-querying."""

CARDS_KEPT = 256
"""Drawn cards kept per column (by position, width and selection): several screens' worth."""

LEAD_COLUMN_CSS = Path(__file__).with_name("lead_column.tcss")
"""The column's look; the screen that shows columns loads it."""


class PageSource(Protocol):
    """Where a column gets its leads: the screen provides it over the store."""

    def count(self, temperature: Temperature) -> int:
        """How many leads the column holds."""
        ...

    def page(self, temperature: Temperature, offset: int, limit: int) -> list[Lead]:
        """The leads at positions offset .. offset+limit in urgency order."""
        ...


class LeadColumn(ScrollView, can_focus=True, inherit_bindings=False):
    """A virtual column: only visible cards are drawn; no widget per lead.

    It takes none of ScrollView's keys: arrows, page keys, home and end move the
    board's cursor (the screen's bindings), not the view under it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lead-column--card",
        "lead-column--selected",
        "lead-column--marker",
        "lead-column--name",
        "lead-column--dim",
        "lead-column--overdue",
        "lead-column--today",
        "lead-column--score",
    }

    class Highlighted(Message):
        """The cursor moved to another lead (or the column became empty)."""

        def __init__(self, column: LeadColumn, lead: Lead | None) -> None:
            super().__init__()
            self.column = column
            self.lead = lead

    def __init__(
        self,
        temperature: Temperature,
        source: PageSource,
        clock: Callable[[], DateTime],
        tz: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.temperature = temperature
        self.source = source
        self.clock = clock
        self.tz = tz
        self.count = 0
        self.cursor = 0
        self._pages: LRUCache[int, list[Lead]] = LRUCache(PAGES_KEPT)
        self._strips: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(CARDS_KEPT)
        self._styles: CardStyles | None = None

    # -- data ------------------------------------------------------------------

    def reload(self, keep_index: int | None = None) -> None:
        """Re-read the count and drop cached pages; the cursor may jump to `keep_index`."""
        self.count = self.source.count(self.temperature)
        self._pages.clear()
        self._strips.clear()
        if keep_index is not None:
            self.cursor = keep_index
        self.cursor = max(0, min(self.cursor, self.count - 1))
        size = Size(0, self.count * CARD_HEIGHT)
        if size != self.virtual_size:
            # Only a changed size: setting it anew redraws the scrollbar every time.
            self.virtual_size = size
        self.refresh()
        # The new virtual size takes effect at the next layout; scroll after it.
        self.call_after_refresh(self._scroll_to_cursor)
        self.post_message(self.Highlighted(self, self.selected_lead))

    def lead_at(self, index: int) -> Lead | None:
        """The lead at a position, fetching its page when it is not cached."""
        if not 0 <= index < self.count:
            return None
        number, row = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self.source.page(self.temperature, number * PAGE_SIZE, PAGE_SIZE)
            self._pages.set(number, page)
        return page[row] if row < len(page) else None

    @property
    def selected_lead(self) -> Lead | None:
        """The lead under the cursor."""
        return self.lead_at(self.cursor)

    # -- cursor ----------------------------------------------------------------

    def move_cursor(self, delta: int) -> None:
        """Move the cursor by `delta` cards, stopping at the ends."""
        self.set_cursor(self.cursor + delta)

    def set_cursor(self, index: int) -> None:
        """Put the cursor on a card; only the two cards involved are redrawn."""
        index = max(0, min(index, self.count - 1)) if self.count else 0
        if index == self.cursor:
            self._scroll_to_cursor()
            return
        old = self.cursor
        self.cursor = index
        self._forget_card(old)
        self._forget_card(index)
        self.refresh_lines(old * CARD_HEIGHT, CARD_HEIGHT)
        self.refresh_lines(index * CARD_HEIGHT, CARD_HEIGHT)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.selected_lead))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel moves the cursor (the column has no scrollbar of its own)."""
        event.stop()
        self.move_cursor(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel moves the cursor (the column has no scrollbar of its own)."""
        event.stop()
        self.move_cursor(-1)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the card under the pointer."""
        self.focus()
        self.set_cursor((round(self.scroll_offset.y) + event.y) // CARD_HEIGHT)

    @property
    def page_cards(self) -> int:
        """How many whole cards fit on screen (for page up/down)."""
        return max(1, self.size.height // CARD_HEIGHT)

    def _scroll_to_cursor(self) -> None:
        """Scroll the least whole cards needed to show the cursor, so no card is cut at the top."""
        height = self.scrollable_content_region.height
        if not self.count or not height:
            return
        visible = max(1, height // CARD_HEIGHT)
        first = round(self.scroll_offset.y) // CARD_HEIGHT
        if self.cursor < first:
            first = self.cursor
        elif self.cursor >= first + visible:
            first = self.cursor - visible + 1
        self.scroll_to(y=first * CARD_HEIGHT, animate=False, immediate=True, force=True)

    def _forget_card(self, index: int) -> None:
        # LRUCache has no __iter__: its keys() is the way to walk it.
        for key in [key for key in self._strips.keys() if key[0] == index]:  # noqa: SIM118
            self._strips.discard(key)

    # -- drawing ---------------------------------------------------------------

    def on_resize(self) -> None:
        """Cards are drawn to the width; keep the virtual size in step with it."""
        self._strips.clear()
        self.virtual_size = Size(0, self.count * CARD_HEIGHT)
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        """Tell the screen which lead is now under the (focused) cursor."""
        self.post_message(self.Highlighted(self, self.selected_lead))

    def notify_style_update(self) -> None:
        """Theme, CSS or focus changed: rebuild styles and cards."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _card_styles(self) -> CardStyles:
        if self._styles is None:

            def part(name: str) -> Style:
                return self.get_component_rich_style(f"lead-column--{name}", partial=True)

            base = self.get_component_rich_style("lead-column--card")
            self._styles = CardStyles(
                base=base,
                selected=base + part("selected"),
                marker=part("marker"),
                name=part("name"),
                dim=part("dim"),
                overdue=part("overdue"),
                today=part("today"),
                score=part("score"),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        """Draw one line of the visible area from its card."""
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, row = divmod(line, CARD_HEIGHT)
        styles = self._card_styles()
        if index >= self.count:
            return Strip.blank(width, styles.base)
        selected = index == self.cursor
        key = (index, width, selected)
        strips = self._strips.get(key)
        if strips is None:
            lead = self.lead_at(index)
            if lead is None:
                return Strip.blank(width, styles.base)
            strips = card_strips(
                lead,
                width,
                self.clock(),
                self.tz,
                styles,
                selected=selected,
                focused=self.has_focus,
            )
            self._strips.set(key, strips)
        return strips[row]
