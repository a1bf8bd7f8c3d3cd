"""The session's quick-entry line (`:`) and its message key (`y`).

A line that names no lead logs on the lead on the card, then the session goes on as after a
number key (a hint, "not interested"'s choice, the next lead). A line naming another lead logs
on that one, inside the session (its tally and undo), and the card stays where it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from leadboard.actions.quick import QuickPlan, QuickProblem
from leadboard.domain.model import Lead
from leadboard.ui.message_copy import copy_message
from leadboard.ui.quick_planner import QuickPlanner, ask_past
from leadboard.ui.screens.session_outcomes import SessionOutcomes
from leadboard.ui.widgets.quick_line import QuickLine

if TYPE_CHECKING:
    from leadboard.message_templates import TemplateLibrary


class SessionQuick(SessionOutcomes):
    """The quick line and the message key; mixed into SessionScreen."""

    templates: TemplateLibrary

    def quick_line(self) -> QuickLine:
        """The session's quick-entry line."""
        return self.query_one(QuickLine)

    @property
    def quick(self) -> QuickPlanner:
        """Plans the session's quick lines."""
        return QuickPlanner(self.flow.store, self.flow.clock, self.flow.config)

    def action_quick_entry(self) -> None:
        """`:`: open the quick line, on the lead on the card unless the line names another."""
        self.quick_line().open(self.quick.for_preview(self.shown))

    @on(QuickLine.Closed)
    def _quick_closed(self) -> None:
        self.set_focus(None)  # the session's keys are the screen's own

    @on(QuickLine.Entered)
    def _quick_entered(self, event: QuickLine.Entered) -> None:
        """Enter: plan the line again where it is written and log it, or say why not."""
        text, selected = event.text, self.shown

        def job() -> tuple[QuickPlan | QuickProblem, Lead | None]:
            planned = self.quick.plan(text, selected)
            if isinstance(planned, QuickPlan) and not planned.past_due:
                return planned, self.flow.log_entry(planned.lead, planned.entry)
            return planned, None

        self._write(job, self._quick_landed, "Enter")

    def _quick_landed(self, result: tuple[QuickPlan | QuickProblem, Lead | None]) -> None:
        planned, after = result
        if after is not None and isinstance(planned, QuickPlan):
            self._quick_logged(planned, after)
        elif isinstance(planned, QuickPlan):
            self._ask_past(planned)
        else:
            self.quick_line().show(planned)  # the line stays open with what was typed

    def _quick_logged(self, plan: QuickPlan, after: Lead) -> None:
        self.quick_line().close()
        self.say(f"Logged: {self.quick.describe(plan)}. u undoes it.")
        shown = self.shown
        if shown is not None and shown.id == plan.lead.id:
            self._ask_next(after, plan.entry.outcome)
        else:
            self.show_current()  # another lead: the card stays on this one

    def _ask_past(self, plan: QuickPlan) -> None:
        def log() -> None:
            self._write(
                lambda: self.flow.log_entry(plan.lead, plan.entry),
                lambda after: self._quick_logged(plan, after),
                "Enter",
            )

        ask_past(self.app, plan, log, back=self.quick_line().open)  # back: text kept

    # -- the message on the card ---------------------------------------------------

    def action_copy_message(self) -> None:
        """`y`: copy the message on the card (the lead's step, the session's channel)."""
        lead = self._lead()
        if lead is None:
            return
        channel = self.flow.channel
        said, _ = copy_message(self.app, self.templates, self.flow.config, lead, channel)
        self.say(said)
