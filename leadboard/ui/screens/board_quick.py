"""The board's quick-entry line (`:`) and its message key (`y`).

`:` opens one line at the bottom (widgets/quick_line.py); Enter plans the line again on the
writer thread and logs it through LeadActions.log, so `u` undoes it like any logged contact.
A line that names no lead logs on the lead under the cursor. A problem (no such lead, two
of them, no outcome) keeps the line open with what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.widget import Widget

from leadboard.domain.model import Contact, Lead
from leadboard.ui.quick_planner import QuickPlanner, ask_past
from leadboard.ui.screens.board_search import BoardSearch
from leadboard.ui.widgets.board.lead_column import LeadColumn
from leadboard.ui.widgets.quick_line import QuickLine

# Read when the rep first types a line or copies a message: not for the first frame.
if TYPE_CHECKING:
    from leadboard.actions.quick import QuickPlan, QuickProblem

Logged = tuple[Lead, Contact]


class BoardQuick(BoardSearch):
    """The quick line and the message key; mixed into BoardScreen."""

    _before_quick: Widget | None = None
    """What had focus when `:` opened the line: Escape or a logged line goes back there."""
    _quick_selected: Lead | None = None
    """The lead under the cursor when `:` opened the line: a line naming no lead logs on it."""

    def quick_line(self) -> QuickLine:
        """The board's quick-entry line."""
        return self.query_one(QuickLine)

    @property
    def quick(self) -> QuickPlanner:
        """Plans the board's quick lines."""
        return QuickPlanner(self.data.store, self.data.clock, self.data.config)

    def holds_key(self, event: events.Key) -> bool:
        """While a logged line waits for the lock, keys typed into the line wait behind it."""
        line = self.quick_line()
        if line.is_open and self.writes.waiting:
            return True  # a second Enter would log the same line twice
        return super().holds_key(event)

    def action_quick_entry(self) -> None:
        """`:`: open the quick line, on the lead under the cursor unless the line names one."""
        line = self.quick_line()
        self._before_quick = self.focused
        self._quick_selected = self.selected
        line.open(self.quick.for_preview(self._quick_selected))

    @on(QuickLine.Closed)
    def _quick_closed(self) -> None:
        before = self._before_quick
        self._before_quick = None
        if isinstance(before, LeadColumn) and before.is_attached:
            before.focus()
        else:
            self.current_or_hottest().focus()

    @on(QuickLine.Entered)
    def _quick_entered(self, event: QuickLine.Entered) -> None:
        """Enter: plan the line again where it is written and log it, or say why not."""
        text, selected = event.text, self._quick_selected

        from leadboard.actions.quick import QuickPlan

        def job() -> tuple[QuickPlan | QuickProblem, Logged | None]:
            planned = self.quick.plan(text, selected)
            if isinstance(planned, QuickPlan) and not planned.past_due:
                return planned, self.actions.log(planned.lead, planned.entry)
            return planned, None

        self._write(job, self._quick_landed, "Press Enter to try again.")

    def _quick_landed(self, result: tuple[QuickPlan | QuickProblem, Logged | None]) -> None:
        from leadboard.actions.quick import QuickPlan

        planned, logged = result
        line = self.quick_line()
        if logged is not None and isinstance(planned, QuickPlan):
            line.close()
            self._quick_logged(planned, *logged)
        elif isinstance(planned, QuickPlan):
            self._ask_past(planned)
        else:
            line.show(planned)  # the line stays open with what was typed

    def _quick_logged(self, plan: QuickPlan, after: Lead, contact: Contact) -> None:
        del contact
        self._tell(f"Logged: {self.quick.describe(plan)} ({self.key('undo')} to undo)")
        lead = plan.lead
        self.reload(follow=self._follow(None), columns=(lead.temperature, after.temperature))
        self.refresh_detail()
        self._offer_hint(after)

    def _ask_past(self, plan: QuickPlan) -> None:
        line = self.quick_line()

        def logged(done: Logged) -> None:
            line.close()
            self._quick_logged(plan, *done)

        def log() -> None:
            retry = "Press Enter to try again."
            self._write(lambda: self.actions.log(plan.lead, plan.entry), logged, retry)

        ask_past(self.app, plan, log, back=line.open)  # back: to the line, text kept

    # -- the message for the lead's step ------------------------------------------

    def action_copy_message(self) -> None:
        """`y`: copy the filled message for the lead's sequence step and channel."""
        lead = self.selected
        if lead is None:
            return
        from leadboard.ui.message_copy import copy_message

        said, error = copy_message(self.app, self.data.templates, self.data.config, lead)
        self._tell(said, error=error)
