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

from leadboard.domain.followup import SEQUENCE_DONE
from leadboard.domain.model import Lead, Temperature
from leadboard.domain.money import DEFAULT_CURRENCY, Currency
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

    def beside(self, lead: Lead, limit: int, *, after: bool) -> list[Lead] | None:
        """The `limit` leads after (or before) one in its column; None: use `page`."""
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
        sequence_done: int = SEQUENCE_DONE,
        currency: Currency = DEFAULT_CURRENCY,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.sequence_done = sequence_done
        self.currency = currency
        """The currency the cards' deal values are in."""
        """The step past the sequence's last: a card there reads 'seq done'."""
        self.temperature = temperature
        self.source = source
        self.clock = clock
        self.tz = tz
        self.count = 0
        self.cursor = 0
        self._pages: LRUCache[int, list[Lead]] = LRUCache(PAGES_KEPT)
        self._strips: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(CARDS_KEPT)
        """Drawn cards by position, width and the styles they were drawn in: a cramped
        board's focused column is wider, and focus restyles the cursor's card, so h/l flips
        two columns between looks that are all kept here."""
        self._styles: CardStyles | None = None
        self.show_owner = False
        """True on a team's board showing everyone's leads: each card names its owner."""

    # -- data ------------------------------------------------------------------

    def reload(
        self, keep_index: int | None = None, anchor: Lead | None = None, above: Lead | None = None
    ) -> None:
        """Re-read the count and drop cached pages; the cursor may jump to `keep_index`.

        `anchor` is the lead at `keep_index`, `above` the one just above the cursor: the
        cursor's page is read from them by keyset, not by a deep offset.
        """
        self.count = self.source.count(self.temperature)
        self._pages.clear()
        self._strips.clear()
        # `above` sat just above the cursor as it was, before the count shrank under it.
        above_index = self.cursor - 1
        if keep_index is not None:
            self.cursor = keep_index
        self.cursor = max(0, min(self.cursor, self.count - 1))
        if anchor is not None and keep_index == self.cursor:
            self._read_around(anchor, keep_index)
        elif above is not None and 0 <= above_index < self.count:
            self._read_below(above, above_index)
        size = Size(0, self.count * CARD_HEIGHT)
        if size != self.virtual_size:
            # Set without its watchers: virtual_size is a layout reactive, and a layout pass
            # of the whole board (59 ms at 160x45) followed every move for a count of +1.
            # The column has no scrollbar; only how far it may scroll depends on it.
            self.set_reactive(LeadColumn.virtual_size, size)
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
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
            page = self._read_page(number)
            self._pages.set(number, page)
        return page[row] if row < len(page) else None

    def _read_page(self, number: int) -> list[Lead]:
        """A page, from a cached neighbour's edge when there is one (deep offsets cost)."""
        earlier, later = self._pages.get(number - 1), self._pages.get(number + 1)
        page: list[Lead] | None = None
        if earlier is not None and len(earlier) == PAGE_SIZE:
            page = self.source.beside(earlier[-1], PAGE_SIZE, after=True)
        elif later:
            page = self.source.beside(later[0], PAGE_SIZE, after=False)
        if page is None:
            page = self.source.page(self.temperature, number * PAGE_SIZE, PAGE_SIZE)
        return page

    def shows(self, lead_id: int) -> bool:
        """True if a page in memory holds the lead (never a query)."""
        pages = (self._pages.get(number) for number in self._pages.keys())  # noqa: SIM118
        return any(lead.id == lead_id for page in pages if page for lead in page)

    def cached_lead(self, index: int) -> Lead | None:
        """The lead at a position if its page is in memory (never a query)."""
        if not 0 <= index < self.count:
            return None
        number, row = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        return page[row] if page is not None and row < len(page) else None

    def _read_below(self, lead: Lead, index: int) -> None:
        """Fill the page holding position `index + 1`, from `lead` known to be at `index`."""
        if (index + 1) % PAGE_SIZE:
            self._read_around(lead, index)  # the same page as the lead's
            return
        page = self.source.beside(lead, PAGE_SIZE, after=True)
        if page is not None:
            self._pages.set((index + 1) // PAGE_SIZE, page)

    def _read_around(self, anchor: Lead, index: int) -> None:
        """Fill the page holding `index` from the lead known to be there."""
        number, row = divmod(index, PAGE_SIZE)
        before = self.source.beside(anchor, row, after=False) if row else []
        after = self.source.beside(anchor, PAGE_SIZE - row - 1, after=True)
        if before is None or after is None or len(before) != row:
            return  # the offset query will read it
        self._pages.set(number, [*before, anchor, *after])

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
        """Keep the virtual size in step (cards are kept by width, so none is dropped)."""
        self.virtual_size = Size(0, self.count * CARD_HEIGHT)
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        """Tell the screen which lead is now under the (focused) cursor."""
        self.post_message(self.Highlighted(self, self.selected_lead))

    def notify_style_update(self) -> None:
        """Theme, CSS or focus changed: rebuild styles (cards are kept by the styles used)."""
        # Clearing the cards here redrew all four columns on every h/l, for the one
        # card whose look focus changes.
        super().notify_style_update()
        self._styles = None

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
        focused = self.has_focus
        # Only the cursor's card shows selection and focus; the others look the same.
        look = (styles, focused) if selected else styles.unselected
        key = (index, width, selected, look, self.show_owner)
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
                focused=focused,
                owner=self.show_owner,
                sequence_done=self.sequence_done,
                currency=self.currency,
            )
            self._strips.set(key, strips)
        return strips[row]
