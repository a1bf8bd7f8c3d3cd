"""A column's order (`b`): urgency, score, last touched, value, and round again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadboard.ui.screens.board_closed import BoardClosed

if TYPE_CHECKING:
    from leadboard.ui.widgets.board.lead_column import LeadColumn


class BoardSort(BoardClosed):
    """Sorting the focused column; mixed into BoardScreen. The title says the order."""

    if TYPE_CHECKING:

        @property
        def current(self) -> LeadColumn:
            """The focused column (BoardScreen's)."""
            ...

    def action_sort_column(self) -> None:
        """`b`: the focused column's next order, cursor on its first card."""
        if self.data.closed:
            self._tell(
                "closed leads show the latest closed first; "
                f"press {self.key('closed_view')} for active leads"
            )
            return
        column = self.current
        temperature = column.temperature
        sort = self.data.sorts[temperature].following
        self.data.sorts[temperature] = sort
        column.reload(keep_index=0)
        self._show_title(temperature)
        column.focus()
        self._tell(f"{temperature.value.capitalize()}: {sort.meaning}")
