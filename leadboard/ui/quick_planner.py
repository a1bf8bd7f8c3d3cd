"""What a quick line comes to, for the board and the session alike: planned, described, asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from pendulum import DateTime
from textual.app import App

from leadboard.actions.leads import short
from leadboard.config import Config
from leadboard.domain.model import Lead
from leadboard.store.errors import StoreError
from leadboard.store.leads import LeadStore

# The quick line's rules are read when the rep first types one: not for the first frame.
if TYPE_CHECKING:
    from leadboard.actions.quick import QuickPlan, QuickProblem

Planned: TypeAlias = "QuickPlan | QuickProblem | StoreError"
"""What a line comes to: what it will log, why it cannot, or why the store could not say."""


@dataclass(frozen=True)
class QuickPlanner:
    """Plans quick lines against a store, in the rep's settings and zone."""

    store: LeadStore
    clock: Callable[[], DateTime]
    config: Config

    def plan(self, text: str, selected: Lead | None) -> QuickPlan | QuickProblem:
        """The line planned against the store as it is now (the preview and Enter agree)."""
        from leadboard.actions.quick import plan_quick

        config = self.config
        now = self.clock()
        return plan_quick(
            self.store, text, now, config.policy, config.date_reading, selected=selected
        )

    def for_preview(self, selected: Lead | None) -> Callable[[str], Planned]:
        """What a line comes to for the preview, on a worker's own connection."""

        def plan(text: str) -> Planned:
            try:
                with self.store.own_connection():
                    return self.plan(text, selected)
            except StoreError as err:
                return err

        return plan

    def describe(self, plan: QuickPlan) -> str:
        """The preview's words for a plan, in the rep's zone."""
        return plan.summary(self.clock(), self.config.timezone)


def ask_past(
    app: App[Any], plan: QuickPlan, log: Callable[[], None], back: Callable[[], None]
) -> None:
    """A date in the past asks first, as the log dialog does: `log` it, or go `back` to the line."""
    from leadboard.ui.dialogs.confirm import ask

    question = f"The next due for {short(plan.lead)} is in the past. Log it anyway?"
    screen = ask(app, question, yes="Log it", no="Change it")
    app.push_screen(screen, lambda yes: log() if yes else back())
