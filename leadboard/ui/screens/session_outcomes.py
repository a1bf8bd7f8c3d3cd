"""The session keys that record what happened to a lead: the number keys, log, won, lost, inactive.

`3` asks for a note and a next step, `4` for the meeting's date and a next step, `6` logs and
then offers lost or colder; won and inactive ask first, as on the board. Each tells, on the
line above the keys, what it recorded and on which channel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

from leadboard.actions.leads import short
from leadboard.actions.session import SessionFlow, SessionSummary
from leadboard.domain.dates import format_local
from leadboard.domain.followup import due_after_move
from leadboard.domain.hints import Hint
from leadboard.domain.model import Channel, Lead, Outcome, Status
from leadboard.domain.session import QUICK_OUTCOMES
from leadboard.ui.widgets.forms import describe_due
from leadboard.ui.writes import Saver, Write, WriteQueue

if TYPE_CHECKING:
    from leadboard.actions.contacts import ContactEntry
    from leadboard.ui.dialogs.after_no import AfterNo
    from leadboard.ui.dialogs.session_outcome import TouchDetails

R = TypeVar("R")


class SessionOutcomes(Screen[SessionSummary]):
    """The recording half of the session's keys; SessionScreen provides the helpers."""

    flow: SessionFlow
    writes: WriteQueue
    hint: Hint | None
    shown: Lead | None
    """The lead on the card: every key acts on it, never on one the rep has not seen."""

    if TYPE_CHECKING:

        def _write(self, job: Callable[[], R], landed: Callable[[R], object], key: str) -> None:
            """Save a change on the writer thread; `landed` runs once it is stored."""

        def _saver(self, job: Callable[[R], Any], landed: Callable[[Any], object]) -> Saver[R]:
            """For a dialog: write its result with `job`, then `landed` once it is stored."""

        def say(self, message: str) -> None:
            """Tell what the last key did."""

        def show_current(self) -> None:
            """Redraw for the lead at the queue's position."""

        def _after(self, advance: bool = True) -> None:
            """On to the next lead (or redraw this one)."""

    def _lead(self) -> Lead | None:
        """The lead on the card as stored now; None, after saying so, when it left the board."""
        shown, current = self.shown, self.flow.current_lead()
        if shown is None or (current is not None and current.id == shown.id):
            return current
        # Closed or deleted by another leadboard since it was drawn: the key would have
        # landed on the next lead, one the rep has not even seen.
        self.say(f"{short(shown)} left the board elsewhere; nothing was recorded.")
        self.show_current()
        return None

    # -- the number keys ---------------------------------------------------------

    def action_quick(self, outcome_value: str) -> None:
        """Log a common outcome on the session's channel; 3 and 4 ask a little more first."""
        lead = self._lead()
        if lead is None:
            return
        outcome = Outcome(outcome_value)
        key = next(key for key, quick in QUICK_OUTCOMES if quick is outcome)
        channel = self.flow.channel_for(lead, outcome)
        if outcome in (Outcome.TALKED, Outcome.MEETING_BOOKED):
            self._ask_details(lead, outcome, channel)
            return
        self._write(
            lambda: self.flow.quick(lead, outcome),
            lambda after: self._logged(after, outcome, channel),
            key,
        )

    def _ask_details(self, lead: Lead, outcome: Outcome, channel: Channel) -> None:
        """Talked: a note and a next step. Meeting booked: its date and a next step."""
        from leadboard.ui.dialogs.session_outcome import MeetingScreen, TalkedScreen

        def log(details: TouchDetails) -> Lead:
            return self.flow.quick(
                lead,
                outcome,
                note=details.note,
                next_step=details.next_step,
                meeting_at=details.meeting_at,
            )

        saver: Saver[TouchDetails] = self._saver(
            log, lambda after: self._logged(after, outcome, channel)
        )
        if outcome is Outcome.MEETING_BOOKED:
            screen: TalkedScreen | MeetingScreen = MeetingScreen(
                lead, self.flow.clock(), self.flow.tz, saver=saver
            )
        else:
            screen = TalkedScreen(lead, saver=saver)
        self.app.push_screen(screen, self._dialog_closed)

    def _dialog_closed(self, result: object | None) -> None:
        """A dialog cancelled (or closed on a lead gone elsewhere): nothing logged, redraw."""
        if result is None:
            self.show_current()

    def _logged(self, after: Lead, outcome: Outcome, channel: Channel) -> None:
        """Say what was filed where; then the not-interested choice, or a hint, or the next lead."""
        what = outcome.label
        if outcome is Outcome.MEETING_BOOKED and after.next_due is not None:
            what += f" for {format_local(after.next_due, self.flow.tz, now=self.flow.clock())}"
        self.say(f"Logged {channel.value} with {short(after)}: {what}.")
        self._ask_next(after, outcome)

    def _ask_next(self, after: Lead, outcome: Outcome) -> None:
        """The question that follows a log, asked from this screen.

        A dialog's write lands while the dialog is still the active screen: a question pushed
        then would send its answer back to the closing dialog, where it was lost (seen as a
        hint accepted with `y` that never moved the lead). Queued here, it answers to us.
        """
        if outcome is Outcome.NOT_INTERESTED and after.status is Status.ACTIVE:
            self.call_next(self._offer_after_no, after)
        else:
            self.call_next(self._offer_hint_then_advance, after)

    def _offer_after_no(self, lead: Lead) -> None:
        """'Not interested': mark lost, move one colder, or keep; one key, then the next lead."""
        from leadboard.ui.dialogs.after_no import AfterNoScreen

        now, tz = self.flow.clock(), self.flow.tz
        colder = lead.temperature.colder()
        colder_words = None
        if colder is not None:
            due = due_after_move(lead, colder, self.flow.policy, now)
            when = f", due {describe_due(due, now, tz)}" if due is not None else ""
            colder_words = f"move to {colder.value}{when}"
        keep = f"keep as is: {lead.temperature.value}"
        if lead.next_due is not None:
            keep += f", due {describe_due(lead.next_due, now, tz)}"
        screen = AfterNoScreen(short(lead), colder_words, keep)
        self.app.push_screen(screen, lambda choice: self._after_no(lead, choice))

    def _after_no(self, lead: Lead, choice: AfterNo | None) -> None:
        from leadboard.ui.dialogs.after_no import NOT_INTERESTED, AfterNo

        if choice is AfterNo.LOST:

            def lost(_: object) -> None:
                self.say(f"{short(lead)} marked lost ({NOT_INTERESTED}). u undoes it.")
                self._after()

            self._write(lambda: self.flow.lost(lead, NOT_INTERESTED), lost, "x")
        elif choice is AfterNo.COLDER:

            def moved(_: object) -> None:
                colder = lead.temperature.colder()
                self.say(f"Moved {short(lead)} to {colder.value if colder else 'colder'}.")
                self._after()

            self._write(lambda: self.flow.move(lead, -1), moved, "[")
        else:
            self._after()

    def _offer_hint_then_advance(self, lead: Lead) -> None:
        """After a touch: a drift hint or the inactive proposal asks one key, then next lead."""
        hint = self.flow.hint(lead)
        if hint is None:
            self._after()
            return
        from leadboard.ui.dialogs.confirm import ConfirmScreen

        question = f"{short(lead)}: {hint.message}"
        self.app.push_screen(
            ConfirmScreen(question, yes=hint.action, no="Keep going"),
            lambda accepted: self._hint_answered(lead, hint, bool(accepted)),
        )

    def _hint_answered(self, lead: Lead, hint: Hint, accepted: bool) -> None:
        if accepted:
            self._write(lambda: self.flow.accept_hint(lead, hint), lambda _: self._after(), "a")
        else:
            self._after()

    def action_accept_hint(self) -> None:
        """Take the hint shown on the card."""
        lead, hint = self._lead(), self.hint
        if lead is not None and hint is not None:
            advance = hint.target is None
            self._write(
                lambda: self.flow.accept_hint(lead, hint), lambda _: self._after(advance), "a"
            )

    # -- the full dialog ----------------------------------------------------------

    def action_log_contact(self) -> None:
        """Open the full log dialog for this lead, on the session's channel when one is set."""
        from leadboard.ui.dialogs.log_contact import LogContactScreen

        lead = self._lead()
        if lead is None:
            return

        def logged(after: Lead) -> None:
            self.say(f"Logged a contact with {short(after)}.")
            self.call_next(self._offer_hint_then_advance, after)  # see _ask_next

        saver: Saver[ContactEntry] = self._saver(
            lambda entry: self.flow.log_entry(lead, entry), logged
        )
        # The dialog opens on the lead's preferred channel: the session's choice goes first.
        chosen = self.flow.channel
        shown = lead if chosen is None else replace(lead, preferred_channel=chosen)
        screen = LogContactScreen(shown, self.flow.policy, self.flow.clock(), saver=saver)
        self.app.push_screen(screen, self._dialog_closed)

    # -- closing a lead: the same questions as the board --------------------------

    def action_won(self) -> None:
        """Ask, as the board does; then mark the lead won and move on."""
        from leadboard.ui.dialogs.closing import confirm_won

        lead = self._lead()
        if lead is not None:
            self.app.push_screen(
                confirm_won(lead), lambda yes: self._close(lead, Status.WON) if yes else None
            )

    def action_inactive(self) -> None:
        """Ask, as the board does; then mark the lead inactive (kept at the ready), move on."""
        from leadboard.ui.dialogs.closing import confirm_inactive

        lead = self._lead()
        if lead is not None:
            self.app.push_screen(
                confirm_inactive(lead),
                lambda yes: self._close(lead, Status.INACTIVE) if yes else None,
            )

    def _close(self, lead: Lead, status: Status) -> None:
        job = self.flow.won if status is Status.WON else self.flow.inactive
        key = "w" if status is Status.WON else "i"
        self._write(lambda: job(lead), lambda _: self._marked(lead, status), key)

    def _marked(self, lead: Lead, status: Status, reason: str = "") -> None:
        why = f" ({reason})" if reason else ""
        self.say(f"{short(lead)} marked {status.value}{why}. u undoes it.")
        self._after()

    def action_lost(self) -> None:
        """Ask why, mark the lead lost, move on."""
        from leadboard.ui.dialogs.confirm import ReasonScreen
        from leadboard.ui.dialogs.lost_reason import past_reasons

        lead = self._lead()
        if lead is None:
            return

        def write(reason: str) -> Write[None]:
            return Write(
                lambda: self.flow.lost(lead, reason),
                lambda _: self._marked(lead, Status.LOST, reason),
            )

        question = f"Why was {short(lead)} lost?"
        screen = ReasonScreen(
            question,
            "price, timing...",
            saver=Saver(self.writes, write),
            reasons=past_reasons(self.flow.store),
        )
        self.app.push_screen(screen, self._dialog_closed)
