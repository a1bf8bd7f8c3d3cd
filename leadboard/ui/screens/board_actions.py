"""The board's changing actions: move, log, add, edit, mark, undo; each opens a dialog if needed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from leadboard.actions.leads import LeadActions, short
from leadboard.domain.model import Lead, Status, Temperature
from leadboard.store.errors import StoreError

# Dialogs are imported when first opened: the board's first frame should not wait for them.
if TYPE_CHECKING:
    from leadboard.actions.contacts import ContactEntry
    from leadboard.actions.session import SessionFlow
    from leadboard.domain.model import LeadDraft
    from leadboard.ui.filtered_board import FilteredBoard


class BoardActions(Screen[None]):
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

    data: FilteredBoard
    actions: LeadActions

    if TYPE_CHECKING:

        @property
        def selected(self) -> Lead | None:
            """The lead under the cursor."""

        def reload(
            self, follow: Lead | None = None, columns: Iterable[Temperature] | None = None
        ) -> None:
            """Re-read counts and columns, cursor on `follow`."""

    def _tell(self, message: str, *, error: bool = False) -> None:
        # notify() parses markup by default; user text must stay literal.
        self.notify(message, severity="error" if error else "information", markup=False)

    def _attempt(self, change: Callable[[], Lead | None]) -> Lead | None:
        """Run a use case; a store error (locked, gone) becomes a message, not a crash."""
        try:
            return change()
        except StoreError as err:
            self._tell(str(err), error=True)
            return None

    # -- moving and marking ----------------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the selected lead one temperature hotter (1) or colder (-1)."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        try:
            moved = self.actions.shift(lead, step)
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        if moved is None:
            self._tell(f"{short(lead)} is already {lead.temperature.value}")
            return
        self.reload(follow=moved, columns=(lead.temperature, moved.temperature))

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
                lambda yes: self._set_status(lead, Status.WON, "") if yes else None,
            )
        else:
            question = f"Why was {short(lead)} lost?"
            self.app.push_screen(
                ReasonScreen(question, placeholder="price, timing, went with a competitor..."),
                lambda reason: (
                    None if reason is None else self._set_status(lead, Status.LOST, reason)
                ),
            )

    def action_inactive(self) -> None:
        """Mark the selected lead inactive: kept at the ready, off the board."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.dialogs.confirm import ConfirmScreen

        question = f"Mark {short(lead)} inactive? It stays reachable and can be revived."
        self.app.push_screen(
            ConfirmScreen(question, yes="Inactive"),
            lambda yes: self._set_status(lead, Status.INACTIVE, "") if yes else None,
        )

    def _set_status(self, lead: Lead, status: Status, reason: str) -> None:
        if self._attempt(lambda: self.actions.set_status(lead, status, reason)) is None:
            return
        self._tell(f"{short(lead)} marked {status.value} (u to undo)")
        self.reload(columns=(lead.temperature,))

    # -- dialogs -----------------------------------------------------------------

    def action_log_contact(self) -> None:
        """Open the log-contact dialog for the selected lead."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.dialogs.log_contact import LogContactScreen

        screen = LogContactScreen(lead, self.data.config.policy, self.data.clock())
        self.app.push_screen(screen, lambda entry: self._log(lead, entry))

    def _log(self, lead: Lead, entry: ContactEntry | None) -> None:
        if entry is None:
            return
        try:
            after, contact = self.actions.log(lead, entry)
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        self._tell(f"Logged {contact.channel.value} ({contact.outcome.label}) with {short(lead)}")
        self.reload(follow=after, columns=(lead.temperature,))
        self._offer_hint(after)

    def _offer_hint(self, lead: Lead) -> None:
        """A drift hint or the inactive proposal, accepted with one key, never applied alone."""
        from leadboard.ui.dialogs.confirm import ConfirmScreen

        hint = self.actions.hint(lead)
        if hint is None:
            return

        def answered(accepted: bool | None) -> None:
            if not accepted:
                return
            if hint.target is None:
                self._set_status(lead, Status.INACTIVE, "")
                return
            moved = self._attempt(lambda: self.actions.accept_hint(lead, hint))
            if moved is not None:
                self.reload(follow=moved, columns=(lead.temperature, moved.temperature))

        question = f"{short(lead)}: {hint.message}"
        self.app.push_screen(ConfirmScreen(question, yes=hint.action, no="Keep as is"), answered)

    def action_add_lead(self) -> None:
        """Open the form for a new lead."""
        from leadboard.ui.dialogs.lead_form import LeadFormScreen

        screen = LeadFormScreen(None, self.data.tz, self.data.clock())
        self.app.push_screen(screen, self._added)

    def _added(self, draft: LeadDraft | None) -> None:
        if draft is None:
            return
        lead = self._attempt(lambda: self.actions.add(draft))
        if lead is not None:
            self._tell(f"Added {short(lead)}: due now")
            self.reload(follow=lead)

    def action_edit_lead(self) -> None:
        """Open the form on the selected lead."""
        lead = self.selected
        if lead is None:
            return
        from leadboard.ui.dialogs.lead_form import LeadFormScreen

        screen = LeadFormScreen(lead, self.data.tz, self.data.clock())
        self.app.push_screen(screen, lambda draft: self._edited(lead, draft))

    def _edited(self, lead: Lead, draft: LeadDraft | None) -> None:
        if draft is None:
            return
        after = self._attempt(lambda: self.actions.edit(lead, draft))
        if after is not None:
            self.reload(follow=after, columns=(lead.temperature, after.temperature))

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

        flow = SessionFlow.start(self.data.store, self.data.config, self.data.clock)
        self.post_message(self.SessionRequested(self, flow))

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
        try:
            change = self.actions.undo()
        except StoreError as err:
            self._tell(f"Cannot undo: {err}", error=True)
            return
        if change is None:
            self._tell("Nothing to undo")
            return
        self._tell(f"Undid: {change.description}")
        self.reload(follow=change.before)
