"""The weekly follow-up session: due leads one at a time, hot first, one key per outcome.

Every change goes through the app's writer (ui/writes.py). While one waits for another
leadboard the status line says so and every key waits behind it (each depends on where the
session is after it); when it cannot land the session stays on the lead and names the key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual import events
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
from leadboard.store.errors import StoreError
from leadboard.ui.widgets.session_card import KEYS_LEGEND, lead_card
from leadboard.ui.writes import WAITING, Saver, Write, WriteQueue, dropped_words

R = TypeVar("R")

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

    def __init__(self, flow: SessionFlow, writes: WriteQueue) -> None:
        super().__init__()
        self.flow = flow
        self.writes = writes
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

    def holds_key(self, event: events.Key) -> bool:
        """While a change waits, every key waits behind it: each acts on where it leaves us."""
        return self.writes.waiting

    def _write(self, job: Callable[[], R], landed: Callable[[R], object], key: str) -> None:
        """Save a change on the writer thread; `landed` runs once it is stored."""
        self.writes.submit(Write(job, landed), self._not_saved(key), self._show_waiting)

    def _saver(self, job: Callable[[R], Any], landed: Callable[[Any], object]) -> Saver[R]:
        """For a dialog: write its result with `job`, then `landed` once it is stored."""
        return Saver(self.writes, lambda result: Write(lambda: job(result), landed))

    def _not_saved(self, key: str) -> Callable[[StoreError, int], None]:
        def failed(err: StoreError, dropped: int) -> None:
            message = f"Not saved: {err}{dropped_words(dropped)}. Press {key} to try again."
            self.notify(message, severity="error", markup=False)
            self._show_status()

        return failed

    def _show_waiting(self) -> None:
        status = self.query_one("#session-status", Label)
        status.update(f"{WAITING}  the change lands when it lets go")

    def _show_status(self) -> None:
        """Progress and the tally in the top line."""
        seen, queued = self.flow.queue.progress
        tally = self.flow.tally
        from leadboard.domain.session import Mark

        self.query_one("#session-status", Label).update(
            f"Follow-up session  {min(seen + 1, queued)} of {queued}   "
            f"worked {tally.worked}  snoozed {tally.count(Mark.SNOOZED)}  "
            f"skipped {tally.count(Mark.SKIPPED)}  {tally.minutes(self.flow.clock())} min"
        )

    def show_current(self) -> None:
        """Redraw for the lead at the queue's position; at the end, show the summary."""
        lead = self.flow.current_lead()
        seen, queued = self.flow.queue.progress
        self.query_one(ProgressBar).update(total=max(queued, 1), progress=seen)
        self._show_status()
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
        outcome = Outcome(outcome_value)
        key = next(key for key, quick in QUICK_OUTCOMES if quick is outcome)
        self._write(
            lambda: self.flow.log(lead, channel, outcome, note="", next_step=None),
            self._offer_hint_then_advance,
            key,
        )

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
            self._write(lambda: self.flow.accept_hint(lead, hint), lambda _: self._after(), "y")
        else:
            self._after()

    def action_log_contact(self) -> None:
        """Open the full log dialog for this lead."""
        from leadboard.actions.contacts import ContactEntry
        from leadboard.ui.dialogs.log_contact import LogContactScreen

        lead = self.flow.current_lead()
        if lead is None:
            return
        saver: Saver[ContactEntry] = self._saver(
            lambda entry: self.flow.log_entry(lead, entry), self._offer_hint_then_advance
        )
        now = self.flow.clock()
        self.app.push_screen(LogContactScreen(lead, self.flow.policy, now, saver=saver))

    def action_snooze(self) -> None:
        """Put the lead off a day, three days or a week."""
        from leadboard.ui.dialogs.snooze import SnoozeScreen

        lead = self.flow.current_lead()
        if lead is None:
            return

        def chosen(days: int | None) -> None:
            if days is not None:
                self._write(lambda: self.flow.snooze(lead, days), lambda _: self._after(), "z")

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
        if lead is None:
            return

        def moved(done: bool) -> None:
            if not done:
                self.notify(f"Already {lead.temperature.value}", markup=False)
            self._after(advance=False)

        self._write(lambda: self.flow.move(lead, step), moved, "]" if step > 0 else "[")

    def action_won(self) -> None:
        """Mark the lead won and move on."""
        lead = self.flow.current_lead()
        if lead is not None:
            self._write(lambda: self.flow.won(lead), lambda _: self._after(), "w")

    def action_lost(self) -> None:
        """Ask why, mark the lead lost, move on."""
        from leadboard.ui.dialogs.confirm import ReasonScreen

        lead = self.flow.current_lead()
        if lead is None:
            return
        saver: Saver[str] = self._saver(
            lambda reason: self.flow.lost(lead, reason), lambda _: self._after()
        )
        question = f"Why was {printable(lead.name)} lost?"
        self.app.push_screen(ReasonScreen(question, placeholder="price, timing...", saver=saver))

    def action_inactive(self) -> None:
        """Mark the lead inactive (kept at the ready) and move on."""
        lead = self.flow.current_lead()
        if lead is not None:
            self._write(lambda: self.flow.inactive(lead), lambda _: self._after(), "i")

    def action_accept_hint(self) -> None:
        """Take the hint shown on the card."""
        lead, hint = self.flow.current_lead(), self.hint
        if lead is not None and hint is not None:
            advance = hint.target is None
            self._write(
                lambda: self.flow.accept_hint(lead, hint), lambda _: self._after(advance), "y"
            )

    def action_undo(self) -> None:
        """Undo the session's last change."""

        def undone(message: str) -> None:
            self.notify(message, markup=False)
            self.show_current()

        self._write(self.flow.undo, undone, "u")

    def action_end(self) -> None:
        """End the session now: the summary shows what was done."""
        self.finish()

    def finish(self) -> None:
        """Store the session and hand its summary back (the caller shows it)."""
        self._write(self.flow.finish, self.dismiss, "q")
