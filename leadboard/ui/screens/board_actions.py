"""The board's changing actions: move, log, add, edit, mark, undo; each opens a dialog if needed.

Every change goes through the app's WriteQueue (ui/writes.py): it runs on the writer thread and
the board redraws, offers a hint or tells only once it has landed; when it could not land the
message names the key that tries again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message

from leadboard.actions.leads import short
from leadboard.domain.model import Contact, Lead, Status
from leadboard.ui.screens.board_writes import BoardWrites
from leadboard.ui.writes import Saver

# Dialogs are imported when first opened: the board's first frame should not wait for them.
if TYPE_CHECKING:
    from leadboard.actions.contacts import ContactEntry
    from leadboard.actions.session import SessionFlow
    from leadboard.actions.undo import Change
    from leadboard.domain.hints import Hint
    from leadboard.domain.model import LeadDraft


class BoardActions(BoardWrites):
    """Actions that change leads; mixed into BoardScreen, which provides the helpers."""

    class SessionRequested(Message):
        """The board asks the app to run a follow-up session, then to call `board.after_session`."""

        def __init__(self, board: BoardActions, flow: SessionFlow) -> None:
            super().__init__()
            self.board = board
            self.flow = flow

        @property
        def control(self) -> BoardActions:
            """The board that asked."""
            return self.board

    # -- moving and marking ----------------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the selected lead one temperature hotter (1) or colder (-1)."""
        lead = self.selected
        if lead is None or lead.id is None:
            return

        def moved(after: Lead | None) -> None:
            if after is None:
                self._tell(f"{short(lead)} is already {lead.temperature.value}")
                return
            self.reload(follow=self._follow(after), columns=(lead.temperature, after.temperature))

        key = "]" if step > 0 else "["
        self._write(lambda: self.actions.shift(lead, step), moved, f"Press {key} to try again.")

    def action_mark(self, won: bool) -> None:
        """Mark the selected lead won (w) or lost (x, asking why), after a confirmation."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.dialogs.confirm import ConfirmScreen, ReasonScreen

        if won:
            question = f"Mark {short(lead)} as won? It leaves the board."
            self.app.push_screen(
                ConfirmScreen(question, yes="Won"),
                lambda yes: self._set_status(lead, Status.WON, "", "w") if yes else None,
            )
            return
        saver: Saver[str] = self._saver(
            lambda reason: self.actions.set_status(lead, Status.LOST, reason),
            lambda _: self._status_set(lead, Status.LOST),
        )
        question = f"Why was {short(lead)} lost?"
        placeholder = "price, timing, went with a competitor..."
        self.app.push_screen(ReasonScreen(question, placeholder=placeholder, saver=saver))

    def action_inactive(self) -> None:
        """Mark the selected lead inactive: kept at the ready, off the board."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.dialogs.confirm import ConfirmScreen

        question = f"Mark {short(lead)} inactive? It stays reachable and can be revived."
        self.app.push_screen(
            ConfirmScreen(question, yes="Inactive"),
            lambda yes: self._set_status(lead, Status.INACTIVE, "", "i") if yes else None,
        )

    def _set_status(self, lead: Lead, status: Status, reason: str, key: str) -> None:
        self._write(
            lambda: self.actions.set_status(lead, status, reason),
            lambda _: self._status_set(lead, status),
            f"Press {key} to try again.",
        )

    def _status_set(self, lead: Lead, status: Status) -> None:
        self._tell(f"{short(lead)} marked {status.value} (u to undo)")
        self.reload(follow=self._follow(None), columns=(lead.temperature,))

    # -- dialogs -----------------------------------------------------------------

    def action_log_contact(self) -> None:
        """Open the log-contact dialog for the selected lead."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.dialogs.log_contact import LogContactScreen

        saver: Saver[ContactEntry] = self._saver(
            lambda entry: self.actions.log(lead, entry), lambda done: self._logged(lead, *done)
        )
        now = self.data.clock()
        self.app.push_screen(LogContactScreen(lead, self.data.config.policy, now, saver=saver))

    def _logged(self, lead: Lead, after: Lead, contact: Contact) -> None:
        self._tell(f"Logged {contact.channel.value} ({contact.outcome.label}) with {short(lead)}")
        self.reload(follow=self._follow(after), columns=(lead.temperature,))
        self._offer_hint(after)

    def _offer_hint(self, lead: Lead) -> None:
        """A drift hint or the inactive proposal, accepted with one key, never applied alone."""
        from leadboard.ui.dialogs.confirm import ConfirmScreen

        hint = self.actions.hint(lead)
        if hint is None:
            return
        question = f"{short(lead)}: {hint.message}"
        self.app.push_screen(
            ConfirmScreen(question, yes=hint.action, no="Keep as is"),
            lambda accepted: self._hint_answered(lead, hint) if accepted else None,
        )

    def _hint_answered(self, lead: Lead, hint: Hint) -> None:
        if hint.target is None:
            self._set_status(lead, Status.INACTIVE, "", "i")
            return

        def moved(after: Lead) -> None:
            self.reload(follow=self._follow(after), columns=(lead.temperature, after.temperature))

        retry = "Press ] or [ to move the lead yourself."
        self._write(lambda: self.actions.accept_hint(lead, hint), moved, retry)

    def action_add_lead(self) -> None:
        """Open the form for a new lead."""
        from leadboard.ui.dialogs.lead_form import LeadFormScreen

        saver: Saver[LeadDraft] = self._saver(self.actions.add, self._added)
        self.app.push_screen(LeadFormScreen(None, self.data.tz, self.data.clock(), saver=saver))

    def _added(self, lead: Lead) -> None:
        self._tell(f"Added {short(lead)}: due now")
        self.reload(follow=self._follow(lead))

    def action_edit_lead(self) -> None:
        """Open the form on the selected lead."""
        lead = self.selected
        if lead is None:
            return
        from leadboard.ui.dialogs.lead_form import LeadFormScreen

        def edited(after: Lead) -> None:
            self.reload(follow=self._follow(after), columns=(lead.temperature, after.temperature))

        saver: Saver[LeadDraft] = self._saver(lambda draft: self.actions.edit(lead, draft), edited)
        self.app.push_screen(LeadFormScreen(lead, self.data.tz, self.data.clock(), saver=saver))

    def action_open_detail(self) -> None:
        """Open the selected lead's detail with its history."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.screens.lead_detail import LeadDetailScreen

        contacts = self.data.store.contacts(lead.id, limit=200)
        screen = LeadDetailScreen(lead, contacts, self.data.clock(), self.data.tz)
        self.app.push_screen(screen, self._after_detail)

    def _after_detail(self, choice: str | None) -> None:
        if choice == "log":
            self.action_log_contact()
        elif choice == "edit":
            self.action_edit_lead()

    def action_help(self) -> None:
        """Show every key."""
        from leadboard.ui.dialogs.help import HelpScreen, key_names

        keys = [
            (key_names(binding.key), binding.description)
            for binding in self.BINDINGS
            if isinstance(binding, Binding) and binding.description
        ]
        keys.append(("ctrl+p", "Command palette: every action by name"))
        self.app.push_screen(HelpScreen(keys))

    # -- session and stats -------------------------------------------------------

    def action_session(self) -> None:
        """Start a follow-up session over every overdue and due-today lead, hot first."""
        from leadboard.actions.session import SessionFlow

        data = self.data
        self._write(
            lambda: SessionFlow.start(data.store, data.config, data.clock),
            lambda flow: self.post_message(self.SessionRequested(self, flow)),
            "Press s to try again.",
        )

    def after_session(self) -> None:
        """Back from a session: re-read the board, keeping the cursor's lead."""
        self.reload(follow=self.selected)

    def action_stats(self) -> None:
        """Open the stats: conversion, reply rates, touches per week, debt, streak."""
        from leadboard.ui.screens.stats import open_stats

        open_stats(self.app, self.data.store, self.data.config, self.data.clock)

    def action_import(self) -> None:
        """Import leads or a contact log from a CSV or Excel file."""
        from pathlib import Path

        from leadboard.ui.dialogs.import_file import ImportScreen

        screen = ImportScreen(self.data.store, self.data.clock, Path.cwd())
        self.app.push_screen(screen, lambda result: self.reload() if result else None)

    # -- undo --------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change (several levels deep), including a logged contact."""

        def undone(change: Change | None) -> None:
            if change is None:
                self._tell("Nothing to undo")
                return
            self._tell(f"Undid: {change.description}")
            self.reload(follow=self._follow(change.before))

        self._write(self.actions.undo, undone, "Nothing was undone; press u to try again.")
