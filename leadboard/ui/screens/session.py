"""The weekly follow-up session: due leads one at a time, hot first, one key per outcome."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, ProgressBar, Static

from leadboard.actions.session import SessionFlow, SessionSummary
from leadboard.domain.hints import Hint
from leadboard.domain.model import Channel, Lead, Outcome
from leadboard.domain.session import QUICK_OUTCOMES
from leadboard.domain.text import printable
from leadboard.ui.widgets.session_card import KEYS_LEGEND, lead_card

RECENT_CONTACTS = 5
"""Contacts shown under the lead: enough to recall the thread, short enough for 80x24."""


class SessionScreen(Screen[SessionSummary]):
    """One lead at a time from the due queue; the summary follows the last one."""

    CSS_PATH = Path(__file__).with_name("session.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"quick('{outcome.value}')", outcome.label.capitalize())
            for key, outcome in QUICK_OUTCOMES
        ),
        Binding("c", "log_contact", "Log..."),
        Binding("z", "snooze", "Snooze"),
        Binding("n,space", "skip", "Skip"),
        Binding("p", "back", "Back"),
        Binding("right_square_bracket", "move(1)", "Hotter", key_display="]"),
        Binding("left_square_bracket", "move(-1)", "Colder", key_display="["),
        Binding("w", "won", "Won"),
        Binding("x", "lost", "Lost"),
        Binding("i", "inactive", "Inactive", show=False),
        Binding("y", "accept_hint", "Accept hint", show=False),
        Binding("u", "undo", "Undo", show=False),
        Binding("q,escape", "end", "End"),
    ]

    def __init__(self, flow: SessionFlow) -> None:
        super().__init__()
        self.flow = flow
        self.hint: Hint | None = None

    def compose(self) -> ComposeResult:
        """Progress, the lead, the keys."""
        yield Label(id="session-status", markup=False)
        yield ProgressBar(id="session-progress", show_eta=False)
        with VerticalScroll(id="session-lead"):
            yield Static(id="session-card")
        # Two lines of keys fit 80 columns, where a footer would cut half of them off.
        yield Static(KEYS_LEGEND, id="session-keys")

    def on_mount(self) -> None:
        """Show the first lead (or the summary when nothing is due)."""
        self.show_current()

    def show_current(self) -> None:
        """Redraw for the lead at the queue's position; at the end, show the summary."""
        lead = self.flow.current_lead()
        seen, queued = self.flow.queue.progress
        bar = self.query_one(ProgressBar)
        bar.update(total=max(queued, 1), progress=seen)
        tally = self.flow.tally
        from leadboard.domain.session import Mark

        self.query_one("#session-status", Label).update(
            f"Follow-up session  {min(seen + 1, queued)} of {queued}   "
            f"worked {tally.worked}  snoozed {tally.count(Mark.SNOOZED)}  "
            f"skipped {tally.count(Mark.SKIPPED)}  {tally.minutes(self.flow.clock())} min"
        )
        if lead is None:
            self.finish()
            return
        assert lead.id is not None
        contacts = self.flow.store.contacts(lead.id, limit=RECENT_CONTACTS)
        self.hint = self.flow.hint(lead)
        card = lead_card(lead, contacts, self.hint, self.flow.clock(), self.flow.tz)
        self.query_one("#session-card", Static).update(card)
        self.query_one("#session-lead", VerticalScroll).scroll_home(animate=False)

    def _after(self, advance: bool = True) -> None:
        if advance:
            self.flow.queue.advance()
        self.show_current()

    def action_quick(self, outcome_value: str) -> None:
        """Log the common outcome on the preferred channel, offer a hint if one applies, move on."""
        lead = self.flow.current_lead()
        if lead is None:
            return
        channel = lead.preferred_channel or Channel.CALL
        after = self.flow.log(lead, channel, Outcome(outcome_value), note="", next_step=None)
        self._offer_hint_then_advance(after)

    def _offer_hint_then_advance(self, lead: Lead | None) -> None:
        """After a touch: a drift hint or the inactive proposal asks one key, then next lead."""
        if lead is None or lead.id is None:
            self._after()
            return
        hint = self.flow.hint(lead)
        if hint is None:
            self._after()
            return
        from leadboard.ui.dialogs.confirm import ConfirmScreen

        question = f"{printable(lead.name)}: {hint.message}"
        self.app.push_screen(
            ConfirmScreen(question, yes=hint.action, no="Keep going"),
            lambda accepted: self._hint_answered(lead, hint, bool(accepted)),
        )

    def _hint_answered(self, lead: Lead, hint: Hint, accepted: bool) -> None:
        if accepted:
            self.flow.accept_hint(lead, hint)
        self._after()

    def action_log_contact(self) -> None:
        """Open the full log dialog for this lead."""
        from leadboard.actions.contacts import ContactEntry
        from leadboard.ui.dialogs.log_contact import LogContactScreen

        lead = self.flow.current_lead()
        if lead is None:
            return

        def logged(entry: ContactEntry | None) -> None:
            if entry is not None:
                after = self.flow.log_entry(lead, entry)
                self._offer_hint_then_advance(after)

        self.app.push_screen(LogContactScreen(lead, self.flow.policy, self.flow.clock()), logged)

    def action_snooze(self) -> None:
        """Put the lead off a day, three days or a week."""
        from leadboard.ui.dialogs.snooze import SnoozeScreen

        lead = self.flow.current_lead()
        if lead is None:
            return

        def chosen(days: int | None) -> None:
            if days is not None:
                self.flow.snooze(lead, days)
                self._after()

        self.app.push_screen(SnoozeScreen(printable(lead.name)), chosen)

    def action_skip(self) -> None:
        """Leave this lead for now."""
        lead = self.flow.current_lead()
        if lead is not None:
            self.flow.skip(lead)
            self._after()

    def action_back(self) -> None:
        """Back to the previous lead."""
        self.flow.queue.back()
        self.show_current()

    def action_move(self, step: int) -> None:
        """Move the lead one temperature hotter or colder; stay on it."""
        lead = self.flow.current_lead()
        if lead is not None and not self.flow.move(lead, step):
            self.notify(f"Already {lead.temperature.value}", markup=False)
        self._after(advance=False)

    def action_won(self) -> None:
        """Mark the lead won and move on."""
        lead = self.flow.current_lead()
        if lead is not None:
            self.flow.won(lead)
            self._after()

    def action_lost(self) -> None:
        """Ask why, mark the lead lost, move on."""
        from leadboard.ui.dialogs.confirm import ReasonScreen

        lead = self.flow.current_lead()
        if lead is None:
            return

        def reason_given(reason: str | None) -> None:
            if reason is not None:
                self.flow.lost(lead, reason)
                self._after()

        self.app.push_screen(
            ReasonScreen(f"Why was {printable(lead.name)} lost?", placeholder="price, timing..."),
            reason_given,
        )

    def action_inactive(self) -> None:
        """Mark the lead inactive (kept at the ready) and move on."""
        lead = self.flow.current_lead()
        if lead is not None:
            self.flow.inactive(lead)
            self._after()

    def action_accept_hint(self) -> None:
        """Take the hint shown on the card."""
        lead = self.flow.current_lead()
        if lead is not None and self.hint is not None:
            self.flow.accept_hint(lead, self.hint)
            self._after(advance=self.hint.target is None)

    def action_undo(self) -> None:
        """Undo the session's last change."""
        message = self.flow.undo()
        self.notify(message, markup=False)
        self.show_current()

    def action_end(self) -> None:
        """End the session now: the summary shows what was done."""
        self.finish()

    def finish(self) -> None:
        """Store the session and hand its summary back (the caller shows it)."""
        self.dismiss(self.flow.finish())
