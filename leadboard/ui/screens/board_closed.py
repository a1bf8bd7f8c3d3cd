"""The closed-leads view (`v`): won, lost and inactive leads in their last column; `r` revives.

The columns read closed leads through FilteredBoard.closed; keys that only make sense on an
active lead (log, move, mark, filter) say so in one line instead of acting.
"""

from __future__ import annotations

from leadboard.actions.leads import short
from leadboard.domain.model import TEMPERATURES, Lead, Status
from leadboard.domain.wording import number
from leadboard.ui.screens.board_quick import BoardQuick

CLOSED_VIEW = "closed leads (won, lost, inactive)"
"""What the status line says while the columns show closed leads."""

NOT_ON_CLOSED = (
    "a closed lead cannot be {what}; press {revive} to revive it or {view} for active leads"
)
"""What a key meant for active leads says in the closed view."""


class BoardClosed(BoardQuick):
    """The closed-leads view and reviving; mixed into BoardScreen."""

    def action_closed_view(self) -> None:
        """`v`: show closed leads instead of active ones, or back."""
        if self.data.search or self.query_one("#filter").display:
            self.clear_filter()  # the filter searches active leads only
        self.data.closed = not self.data.closed
        self.redraw(to_top=True)
        self.current_or_hottest().focus()

    def closed_line(self, status: str) -> str:
        """The status line: in the closed view it says so and counts the closed leads."""
        if not self.data.closed:
            return status
        whose = self.data.whose()
        title = f"leadboard  {whose}" if whose else "leadboard"
        closed = sum(self.data.count(temperature) for temperature in TEMPERATURES)
        return f"{title}  {CLOSED_VIEW}  {number(closed)} closed  (v: active leads)"

    def action_revive(self) -> None:
        """`r`: make the highlighted closed lead active again (u undoes it)."""
        lead = self.selected
        if not self.data.closed:
            revive, view = self.key("revive"), self.key("closed_view")
            self._tell(f"{revive} revives a closed lead: press {view} to show them")
            return
        if lead is None or lead.id is None or lead.status is Status.ACTIVE:
            return

        def revived(after: Lead) -> None:
            self._tell(f"{short(lead)} is active again ({self.key('undo')} to undo)")
            self.reload(follow=self._follow(None), columns=(lead.temperature,))

        self._write(
            lambda: self.actions.set_status(lead, Status.ACTIVE),
            revived,
            f"Press {self.key('revive')} to try again.",
        )

    def _refused(self, what: str) -> bool:
        """In the closed view, say why a key does nothing; True when it was refused."""
        if not self.data.closed:
            return False
        if self.selected is None:
            return True  # an empty column: nothing to refuse
        keys = {"revive": self.key("revive"), "view": self.key("closed_view")}
        self._tell(NOT_ON_CLOSED.format(what=what, **keys), error=True)
        return True

    def action_log_contact(self) -> None:
        """Log a touch, on an active lead only."""
        if not self._refused("logged"):
            super().action_log_contact()

    def action_move(self, step: int) -> None:
        """Move hotter or colder, an active lead only."""
        if not self._refused("moved"):
            super().action_move(step)

    def action_mark(self, won: bool) -> None:
        """Mark won or lost, an active lead only."""
        if not self._refused("marked won" if won else "marked lost"):
            super().action_mark(won)

    def action_inactive(self) -> None:
        """Mark inactive, an active lead only."""
        if not self._refused("marked inactive"):
            super().action_inactive()

    def _for_active_leads(self, what: str) -> bool:
        """In the closed view, say `what` works on active leads and how to get them; True then."""
        if not self.data.closed:
            return False
        self._tell(f"{what}; press {self.key('closed_view')} for them", error=True)
        return True

    def action_filter(self) -> None:
        """The filter searches active leads: in the closed view it says so."""
        if not self._for_active_leads("the filter searches active leads"):
            super().action_filter()

    def action_quick_entry(self) -> None:
        """The quick line logs touches with active leads: in the closed view it says so."""
        if not self._for_active_leads("the quick line logs on active leads"):
            super().action_quick_entry()
