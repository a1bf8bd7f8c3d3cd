"""The board: four temperature columns, the overdue panel, and every key a rep uses on them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from leadboard.actions.leads import LeadActions
from leadboard.domain.followup import end_of_local_day, is_overdue
from leadboard.domain.model import TEMPERATURES, Lead, Status, Temperature
from leadboard.domain.wording import counted, number
from leadboard.ui.filtered_board import FilteredBoard
from leadboard.ui.screens.board_keys import BOARD_BINDINGS
from leadboard.ui.screens.board_sort import BoardSort
from leadboard.ui.widgets.board.column_title import ColumnTitle, column_title
from leadboard.ui.widgets.board.key_bar import KeyBar
from leadboard.ui.widgets.board.lead_column import LeadColumn
from leadboard.ui.widgets.board.overdue_panel import PANEL_LIMIT, DueList, OverduePanel
from leadboard.ui.widgets.quick_line import QuickLine
from leadboard.ui.writes import WriteQueue

WIDE_ENOUGH_FOR_PANEL = 110
"""Below this width the panel starts folded away, so four columns stay readable."""

READABLE_COLUMN = 24
"""Below this many cells a column cuts the next step short: the focused one then takes more."""

PANEL_WIDTH = 34
"""The overdue panel's width beside the columns (overdue_panel.tcss)."""

LIVE_REFRESH_SECONDS = 1.0
"""How often the board looks for changes made by other processes."""


class BoardScreen(BoardSort):
    """Four columns cold to hot; the screen talks to the store, the widgets only draw."""

    BINDINGS: ClassVar[list[BindingType]] = BOARD_BINDINGS  # board_keys.py: every key, named

    def __init__(self, data: FilteredBoard, writes: WriteQueue) -> None:
        super().__init__()
        self.data = data
        self.writes = writes
        self.actions = LeadActions(data.store, data.clock)
        self._last_version = -1
        self._labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """Status line, filter box, the four columns and the panel, the footer."""
        yield Label(id="status-line", markup=False)
        yield Input(placeholder="Filter: name, company, email, phone, notes", id="filter")
        with Horizontal(id="board"):
            for temperature in TEMPERATURES:
                with Vertical(classes=f"column-box {temperature.value}"):
                    yield Label(
                        temperature.value.upper(), id=f"title-{temperature.value}", markup=False
                    )
                    yield LeadColumn(
                        temperature,
                        self.data,
                        self.data.clock,
                        self.data.tz,
                        sequence_done=self.data.config.sequence.done,
                        currency=self.data.config.currency,
                        id=f"column-{temperature.value}",
                    )
            yield OverduePanel(id="panel")
        # A KeyBar, not Textual's Footer: the Footer rebuilds its keys whenever focus
        # moves between columns (about 200 ms a move at 120x40, measured).
        yield QuickLine(self.quick.for_preview(None), self.quick.describe)
        yield KeyBar(self.BINDINGS)

    def on_mount(self) -> None:
        """Fill the columns, start on the hottest non-empty one, watch for outside changes."""
        self.query_one("#filter", Input).display = False
        wide = self.app.size.width >= WIDE_ENOUGH_FOR_PANEL
        self.set_class(not wide, "narrow")
        self.query_one("#panel", OverduePanel).display = wide
        self._fit_columns()
        self._show_owners()
        self.reload()
        hottest = next((t for t in reversed(TEMPERATURES) if self.data.count(t)), Temperature.HOT)
        self.column(hottest).focus()
        self._last_version = self.data.version()
        self.set_interval(LIVE_REFRESH_SECONDS, self.check_outside_changes)

    # -- helpers ---------------------------------------------------------------

    def column(self, temperature: Temperature) -> LeadColumn:
        """The column widget of a temperature."""
        return self.query_one(f"#column-{temperature.value}", LeadColumn)

    @property
    def current(self) -> LeadColumn:
        """The focused column (the hottest when focus is elsewhere)."""
        focused = self.focused
        if isinstance(focused, LeadColumn):
            return focused
        return self.column(Temperature.HOT)

    @property
    def selected(self) -> Lead | None:
        """The lead under the cursor of the focused column."""
        focused = self.focused
        return focused.selected_lead if isinstance(focused, LeadColumn) else None

    def reload(
        self, follow: Lead | None = None, columns: Iterable[Temperature] | None = None
    ) -> None:
        """Show the board as stored now: the given columns (default all), cursor on `follow`.

        Under a filter its matches are read again first (on a worker: board_search).
        """
        if self.data.search:
            self.find_matches(self.data.search, follow=follow)
            return
        self.redraw(follow, columns)

    def redraw(
        self,
        follow: Lead | None = None,
        columns: Iterable[Temperature] | None = None,
        *,
        to_top: bool = False,
    ) -> None:
        """Re-read counts, the given columns (default all) and the panel; cursor on `follow`.

        `to_top` puts every column's cursor on its first card (a new filter text).
        """
        self.data.refresh_counts()
        target = None
        if follow is not None and follow.status is Status.ACTIVE:
            target = follow.temperature
        # A change touches one or two columns; re-reading only those keeps a key in a frame.
        changed = set(TEMPERATURES if columns is None else columns)
        if target is not None:
            changed.add(target)
        for temperature in TEMPERATURES:
            if temperature in changed:
                column = self.column(temperature)
                keep = self.data.position(follow) if temperature is target and follow else None
                if keep is not None:
                    column.reload(keep_index=keep, anchor=follow)
                elif to_top:
                    column.reload(keep_index=0)
                else:
                    # A lead left this column at the cursor (a move, a mark): the cards above
                    # it are as they were, so the cursor's page is read on from the one above.
                    above = column.cached_lead(column.cursor - 1) if columns is not None else None
                    column.reload(above=above)
            # After the reload, so the title shows the cursor's new place in this frame.
            self._show_title(temperature)
        if target is not None:
            self.column(target).focus()
        self.refresh_panel()

    def refresh_panel(self) -> None:
        """Re-read the due list and the status line."""
        now = self.data.clock()
        horizon = end_of_local_day(now, self.data.tz)
        overdue, total = self.data.store.due_overview(now, horizon)
        panel = self.query_one("#panel", OverduePanel)
        # While the matches are being read the panel keeps what it shows (it follows soon).
        if panel.display and not self.data.counting:
            leads = self.data.due_leads(horizon, PANEL_LIMIT)
            if self.data.search:
                # Under a filter the panel counts what it lists, not the whole board.
                shown_total = len(leads)
                tz = self.data.tz
                shown_overdue = sum(1 for lead in leads if is_overdue(lead, now, tz))
                panel.show(leads, shown_total, shown_overdue, now, tz)
            else:
                panel.show(leads, total, overdue, now, self.data.tz)
        active = sum(self.data.count(t) for t in TEMPERATURES)
        # On a team's database the line starts with whose leads these are (`t` switches).
        whose = self.data.whose()
        title = f"leadboard  {whose}" if whose else "leadboard"
        status = (
            f"{title}  {number(active)} active  {number(overdue)} overdue"
            f"  {number(total - overdue)} due today"
        )
        if self.data.counting:
            status = f"{title}  counting matches…  filter: {self.data.search}"
        elif self.data.search:
            # The columns count the matches; the due counts stay the whole board's, said so.
            status = (
                f"{title}  {counted(active, 'match', 'matches')}  filter: {self.data.search}"
                f"  (board: {number(overdue)} overdue, {number(total - overdue)} due today)"
            )
        if self.writes.waiting:
            self.show_waiting()
        else:
            self._set_label("#status-line", self.closed_line(status))

    def _show_title(self, temperature: Temperature) -> None:
        """'WARM  84 · €42,300  by value  #37': count, open value, order, the cursor's place."""
        column = self.column(temperature)
        total = self.data.value_total(temperature)
        place = ""
        if not self.data.counting and column.cursor > 0:
            # Columns have no scrollbar (it repainted on every focus move): this says where.
            place = f"#{number(column.cursor + 1)}"
        title = column_title(
            ColumnTitle(
                name=temperature.value.upper(),
                count=number(self.data.count(temperature)) + ("+" if self.data.counting else ""),
                value=total,
                currency=self.data.config.currency,
                order=self.data.sort_of(temperature).mark,
                place=place,
            ),
            self.query_one(f"#title-{temperature.value}", Label).content_size.width
            or READABLE_COLUMN,
        )
        self._set_label(f"#title-{temperature.value}", title)

    def _show_titles(self) -> None:
        """Every column's title again, fitted to the widths the last layout gave them."""
        if not self.is_attached or not self.children:
            return  # called after a refresh that came as the app closed
        for temperature in TEMPERATURES:
            self._show_title(temperature)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the focused column's box: its title shows where the keys act, without colour."""
        self._mark_focused_box(event.widget)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Focus left a column (to the filter box or the panel): no title is marked."""
        if self.focused is None or not isinstance(self.focused, LeadColumn):
            self._mark_focused_box(None)

    def _mark_focused_box(self, widget: object) -> None:
        # A class set here, not :focus-within in CSS: Textual does not restyle the box's
        # title when focus moves between columns.
        for temperature in TEMPERATURES:
            column = self.column(temperature)
            focused = column is widget
            # The title alone restyles when the board is wide enough: a class on the box
            # restyled and redrew the whole column (+20 ms a column change at a million).
            self.query_one(f"#title-{temperature.value}", Label).set_class(focused, "-focused")
            if column.parent is not None:
                column.parent.set_class(focused and self.has_class("cramped"), "-focused")
        if self.has_class("cramped"):
            self.call_after_refresh(self._show_titles)  # the focused column is wider now

    @on(LeadColumn.Highlighted)
    def _cursor_moved(self, event: LeadColumn.Highlighted) -> None:
        """Keep the column's title in step with its cursor."""
        self._show_title(event.column.temperature)

    def _set_label(self, selector: str, text: str) -> None:
        """Update a label only when its text changes (an update repaints it regardless)."""
        label = self.query_one(selector, Label)
        if self._labels.get(selector) != text:
            self._labels[selector] = text
            # Titles and the status line are one fixed line: no layout pass (~60 ms).
            label.update(text, layout=False)

    def check_outside_changes(self) -> None:
        """Another process committed (e.g. `leadboard log`): redraw, keeping the cursor's lead."""
        version = self.data.version()
        if version == self._last_version:
            return
        self._last_version = version
        lead = self.selected
        fresh = self.data.fresh(lead)
        self.reload(follow=fresh)
        self.refresh_detail()  # helper E: an open lead detail shows the change too

    # -- navigation ------------------------------------------------------------

    def action_focus_column(self, step: int) -> None:
        """Focus the column to the left or right."""
        index = TEMPERATURES.index(self.current.temperature) + step
        if 0 <= index < len(TEMPERATURES):
            self.column(TEMPERATURES[index]).focus()

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down one card."""
        self.current.move_cursor(step)
        # The title now, not on the Highlighted message: one frame instead of two.
        self._show_title(self.current.temperature)

    def action_page(self, step: int) -> None:
        """Move the cursor a screenful."""
        self.current.move_cursor(step * self.current.page_cards)
        self._show_title(self.current.temperature)

    def action_ends(self, step: int) -> None:
        """Jump to the first or last card."""
        column = self.current
        column.set_cursor(0 if step < 0 else column.count - 1)
        self._show_title(column.temperature)

    def on_resize(self) -> None:
        """On a narrow terminal the panel folds away (and floats when asked for)."""
        narrow = self.size.width < WIDE_ENOUGH_FOR_PANEL
        self._fit_columns()
        self.call_after_refresh(self._show_titles)
        if narrow != self.has_class("narrow"):
            self.set_class(narrow, "narrow")
            panel = self.query_one("#panel", OverduePanel)
            panel.display = not narrow
            if panel.display:
                self.refresh_panel()
            if not isinstance(self.focused, LeadColumn):
                self.current_or_hottest().focus()

    def _fit_columns(self) -> None:
        """Columns too narrow for a next step: the focused one gets twice the width (css)."""
        width = self.app.size.width
        panel = self.query_one("#panel", OverduePanel)
        if panel.display and width >= WIDE_ENOUGH_FOR_PANEL:
            width -= PANEL_WIDTH  # beside the columns, not floating over them
        cramped = width // len(TEMPERATURES) < READABLE_COLUMN
        if cramped != self.has_class("cramped"):
            self.set_class(cramped, "cramped")
            self._mark_focused_box(self.focused)  # the box's class widens it only when cramped

    def action_toggle_panel(self) -> None:
        """Show or fold away the overdue panel."""
        panel = self.query_one("#panel", OverduePanel)
        panel.display = not panel.display
        self._fit_columns()
        if panel.display:
            self.refresh_panel()
            if self.has_class("narrow"):
                panel.query_one(DueList).focus()
        elif not isinstance(self.focused, LeadColumn):
            self.current_or_hottest().focus()

    def action_toggle_owner(self) -> None:
        """On a team's database: the rep's own leads or everyone's, the cursor's lead kept."""
        if not self.data.store.shared:
            self._tell("one rep's database: every lead is yours")
            return
        lead = self.selected
        self.data.mine_or_everyones()
        self._show_owners()
        # The filter's matches were read for the other scope: reload reads them again.
        self.reload(follow=self.data.fresh(lead))  # the status line says whose they are now

    def _show_owners(self) -> None:
        """Cards name their owner while a team's board shows everyone's leads."""
        everyones = self.data.everyones
        for temperature in TEMPERATURES:
            self.column(temperature).show_owner = everyones

    @on(OverduePanel.Jump)
    def jump_to(self, event: OverduePanel.Jump) -> None:
        """Enter in the panel: put the cursor on that lead in its column."""
        lead = self.data.fresh_by_id(event.lead_id)
        if lead is None or lead.status is not Status.ACTIVE:
            return
        if self.has_class("narrow"):
            self.query_one("#panel", OverduePanel).display = False
        if self.data.search and self.data.position(lead) is None:
            self.clear_filter()
        self.reload(follow=lead)
