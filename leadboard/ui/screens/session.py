"""The weekly follow-up session: due leads one at a time, hot first, one key per outcome.

Every change goes through the app's writer (ui/writes.py). While one waits for another
leadboard the status line says so and every key waits behind it (each depends on where the
session is after it); when it cannot land the session stays on the lead and names the key.
The number keys and what they ask next live in session_outcomes.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, ProgressBar, Static

from leadboard.actions.leads import short
from leadboard.actions.session import SessionFlow, Undone
from leadboard.domain.hints import Hint
from leadboard.domain.model import Lead, Outcome
from leadboard.domain.session import QUICK_OUTCOMES, Mark
from leadboard.domain.templates import FilledMessage, TemplateError
from leadboard.domain.wording import counted, number
from leadboard.store.errors import LeadClosed, LeadNotFound, StaleLead, StoreError
from leadboard.ui.filtered_board import whose_leads
from leadboard.ui.keys import key_lookup
from leadboard.ui.message_copy import message_for
from leadboard.ui.screens.session_quick import SessionQuick
from leadboard.ui.widgets.quick_line import QuickLine
from leadboard.ui.widgets.session_card import lead_card, session_legend
from leadboard.ui.writes import WAITING, Saver, Write, WriteQueue, dropped_words

if TYPE_CHECKING:
    from leadboard.message_templates import TemplateLibrary

R = TypeVar("R")

RECENT_CONTACTS = 5
"""Contacts shown under the lead: enough to recall the thread, short enough for 80x24."""


ASKS = {
    Outcome.TALKED: "Talked: asks a note and a next step (enter skips)",
    Outcome.MEETING_BOOKED: "Meeting booked: asks its date and a next step",
    Outcome.NOT_INTERESTED: "Not interested: then l lost, c colder or enter keep",
}
"""What the number keys that ask something more say in the help."""


class SessionScreen(SessionQuick):
    """One lead at a time from the due queue; the summary follows the last one."""

    CSS_PATH = Path(__file__).with_name("session.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"quick('{outcome.value}')",
                ASKS.get(outcome, outcome.label.capitalize()),
                id=f"session.{outcome.value}",
            )
            for key, outcome in QUICK_OUTCOMES
        ),
        Binding(
            "v",
            "channel",
            "Change the channel the number keys log on, for the session",
            id="session.channel",
        ),
        Binding("c", "log_contact", "Log... (every field)", id="session.log_contact"),
        Binding("z", "snooze", "Snooze", id="session.snooze"),
        Binding("n,space", "skip", "Skip", id="session.skip"),
        Binding("p", "back", "Back", id="session.back"),
        Binding("right_square_bracket", "move(1)", "Hotter", key_display="]", id="session.hotter"),
        Binding("left_square_bracket", "move(-1)", "Colder", key_display="[", id="session.colder"),
        Binding("w", "won", "Won (asks first)", id="session.won"),
        Binding("x", "lost", "Lost (asks why)", id="session.lost"),
        Binding("i", "inactive", "Inactive (asks first)", show=False, id="session.inactive"),
        Binding(
            "a", "accept_hint", "Accept the hint on the card", show=False, id="session.accept_hint"
        ),
        Binding(
            "y",
            "copy_message",
            "Copy the message on the card to the clipboard",
            id="session.copy_message",
        ),
        Binding(
            "colon",
            "quick_entry",
            "Quick entry: log a touch in one line",
            key_display=":",
            id="session.quick_entry",
        ),
        Binding("u", "undo", "Undo", show=False, id="session.undo"),
        Binding("question_mark", "help", "Help", show=False, id="session.help"),
        Binding("q,escape", "end", "End", id="session.end"),
    ]

    def __init__(self, flow: SessionFlow, writes: WriteQueue, templates: TemplateLibrary) -> None:
        super().__init__()
        self.flow = flow
        self.writes = writes
        self.templates = templates
        self.hint: Hint | None = None
        self.shown: Lead | None = None
        # The queue was read for these leads (store.due_ids honours the board's `t`).
        self.whose = whose_leads(flow.store)

    def compose(self) -> ComposeResult:
        """Progress, the lead, what was just done, the keys."""
        yield Label(id="session-status", markup=False)
        yield ProgressBar(id="session-progress", show_eta=False)
        with VerticalScroll(id="session-lead"):
            yield Static(id="session-card")
        # What the last key did stays here until the next one: toasts would cover the keys.
        yield Label(id="session-last", markup=False)
        # Three lines of keys fit 80 columns, where a footer would cut half of them off.
        yield Static(id="session-keys")
        yield QuickLine(self.quick.for_preview(None), self.quick.describe)

    def on_mount(self) -> None:
        """Show the first lead (or the summary when nothing is due)."""
        self.show_current()

    def holds_key(self, event: events.Key) -> bool:
        """While a change waits, every key waits behind it: each acts on where it leaves us."""
        return self.writes.waiting

    # -- writing -----------------------------------------------------------------

    def _write(self, job: Callable[[], R], landed: Callable[[R], object], key: str) -> None:
        """Save a change on the writer thread; `landed` runs once it is stored."""
        self.writes.submit(Write(job, landed), self._not_saved(key), self._show_waiting)

    def _saver(self, job: Callable[[R], Any], landed: Callable[[Any], object]) -> Saver[R]:
        """For a dialog: write its result with `job`, then `landed` once it is stored."""
        return Saver(self.writes, lambda result: Write(lambda: job(result), landed))

    def _not_saved(self, key: str) -> Callable[[StoreError, int], None]:
        def failed(err: StoreError, dropped: int) -> None:
            if isinstance(err, (LeadClosed, LeadNotFound)):
                # Trying again cannot help: the lead left the board elsewhere; go on without it.
                self.notify(f"{err}; on to the next lead", severity="warning", markup=False)
                self.show_current()
                return
            if isinstance(err, StaleLead):
                # Another rep saved the lead since: trying again cannot help; theirs stays.
                self.notify(str(err), severity="warning", markup=False)
                self._show_status()
                return
            message = f"not saved: {err}{dropped_words(dropped)}. Press {key} to try again."
            self.notify(message, severity="error", markup=False)
            self._show_status()

        return failed

    def _show_waiting(self) -> None:
        status = self.query_one("#session-status", Label)
        status.update(f"{WAITING}  the change lands when it lets go")

    # -- drawing -----------------------------------------------------------------

    def say(self, message: str) -> None:
        """Tell what the last key did, on the line above the keys."""
        self.query_one("#session-last", Label).update(message)

    def _show_status(self) -> None:
        """Progress and the tally in the top line."""
        seen, queued = self.flow.queue.progress
        tally = self.flow.tally
        whose = f" ({self.whose})" if self.whose else ""
        self.query_one("#session-status", Label).update(
            f"Follow-up session{whose}  {number(min(seen + 1, queued))} of {number(queued)}   "
            f"worked {number(tally.worked)}  snoozed {number(tally.count(Mark.SNOOZED))}  "
            f"skipped {number(tally.count(Mark.SKIPPED))}  "
            f"{counted(tally.minutes(self.flow.clock()), 'min', 'min')}"
        )

    def show_current(self) -> None:
        """Redraw for the lead at the queue's position; at the end, show the summary."""
        lead = self.flow.current_lead()
        seen, queued = self.flow.queue.progress
        self.query_one(ProgressBar).update(total=max(queued, 1), progress=seen)
        self._show_status()
        self._show_keys(lead)
        self.shown = lead
        if lead is None:
            self.finish()
            return
        assert lead.id is not None
        contacts = self.flow.store.contacts(lead.id, limit=RECENT_CONTACTS)
        self.hint = self.flow.hint(lead)
        card = lead_card(
            lead,
            contacts,
            self.hint,
            self.flow.clock(),
            self.flow.tz,
            self._message(lead),
            self.flow.policy.sequence,
        )
        self.query_one("#session-card", Static).update(card)
        self.query_one("#session-lead", VerticalScroll).scroll_home(animate=False)

    def _message(self, lead: Lead) -> FilledMessage | TemplateError:
        """The message for the lead's step on the channel the keys log on, or what is wrong."""
        try:
            return message_for(self.templates, self.flow.config, lead, self.flow.channel)
        except TemplateError as err:
            return err

    def _show_keys(self, lead: Lead | None) -> None:
        """The legend, with the channel the number keys use for this lead."""
        key = key_lookup(self.app, self.BINDINGS, "session")  # the rep's [keys]
        self.query_one("#session-keys", Static).update(session_legend(self.flow.channel, lead, key))

    def _after(self, advance: bool = True) -> None:
        if advance:
            self.flow.queue.advance()
        self.show_current()

    # -- the other keys ----------------------------------------------------------

    def action_channel(self) -> None:
        """Change the channel the number keys log on, for the rest of the session."""
        channel = self.flow.cycle_channel()
        if channel is None:
            self.say("Number keys log on each lead's preferred channel.")
        else:
            self.say(f"Number keys log as {channel.value} for this session.")
        self.show_current()  # the legend and the card's message follow the channel

    def action_snooze(self) -> None:
        """Put the lead off a day, three days or a week."""
        from leadboard.ui.dialogs.snooze import SnoozeScreen, days_words

        lead = self._lead()
        if lead is None:
            return

        def snoozed(days: int) -> None:
            self.say(f"Snoozed {short(lead)} for {days_words(days)}.")
            self._after()

        def chosen(days: int | None) -> None:
            if days is not None:
                self._write(lambda: self.flow.snooze(lead, days), lambda _: snoozed(days), "z")

        self.app.push_screen(SnoozeScreen(short(lead)), chosen)

    def action_skip(self) -> None:
        """Leave this lead for now."""
        lead = self._lead()
        if lead is not None:
            self.flow.skip(lead)
            self.say(f"Skipped {short(lead)}; p goes back.")
            self._after()

    def action_back(self) -> None:
        """Back to the previous lead."""
        self.flow.back()
        self.show_current()

    def action_move(self, step: int) -> None:
        """Move the lead one temperature hotter or colder; stay on it."""
        lead = self._lead()
        if lead is None:
            return

        target = lead.temperature.hotter() if step > 0 else lead.temperature.colder()

        def moved(done: bool) -> None:
            if done and target is not None:
                self.say(f"Moved {short(lead)} to {target.value}.")
            else:
                self.say(f"{short(lead)} is already {lead.temperature.value}")
            self._after(advance=False)

        self._write(lambda: self.flow.move(lead, step), moved, "]" if step > 0 else "[")

    def action_undo(self) -> None:
        """Undo the session's last change and go back to its lead."""

        def undone(result: Undone) -> None:
            self.say(result.message)
            self.show_current()

        self._write(self.flow.undo, undone, "u")

    def action_help(self) -> None:
        """Every session key and what it does."""
        from leadboard.ui.dialogs.help import key_names, show_help
        from leadboard.ui.keys import bound_keys

        keys = [
            (key_names(bound_keys(self.app, binding)), binding.description)
            for binding in self.BINDINGS
            if isinstance(binding, Binding) and binding.description
        ]
        show_help(self.app, keys)

    def action_end(self) -> None:
        """End the session now: the summary shows what was done."""
        self.finish()

    def finish(self) -> None:
        """Store the session and hand its summary back (the caller shows it)."""
        self._write(self.flow.finish, self.dismiss, "q")
