"""The board's changing actions: move, log, add, edit, mark, undo; each opens a dialog if needed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from leadboard.domain.model import TEMPERATURES, Lead, Status, Temperature
from leadboard.domain.text import printable
from leadboard.store.errors import StoreError
from leadboard.ui.undo import Change, UndoHistory

# Dialogs are imported when first opened: the board's first frame should not wait for them.
if TYPE_CHECKING:
    from leadboard.domain.model import LeadDraft
    from leadboard.ui.board_data import BoardData
    from leadboard.ui.screens.log_contact import ContactEntry


KEY_NAMES = {
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
    "shift+left": "shift+←",
    "shift+right": "shift+→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


def key_names(keys: str) -> str:
    """'left,h' as '← / h' for the help screen."""
    return " / ".join(KEY_NAMES.get(key, key) for key in keys.split(","))


def short(lead: Lead) -> str:
    """A lead's name cut for a notification."""
    name = printable(lead.name)
    return name if len(name) <= 40 else name[:39] + "…"


class BoardActions(Screen[None]):
    """Actions that change leads; mixed into BoardScreen, which provides the helpers."""

    data: BoardData
    history: UndoHistory

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

    # -- moving and marking ----------------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the selected lead one temperature hotter (1) or colder (-1)."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        index = TEMPERATURES.index(lead.temperature) + step
        if not 0 <= index < len(TEMPERATURES):
            self._tell(f"{short(lead)} is already {lead.temperature.value}")
            return
        target = TEMPERATURES[index]
        try:
            moved = self.data.store.move(lead.id, target, self.data.clock())
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        self.history.push(Change(f"move {short(lead)} to {target.value}", lead.id, lead))
        self.reload(follow=moved, columns=(lead.temperature, target))

    def action_mark(self, won: bool) -> None:
        """Mark the selected lead won (w) or lost (x, asking why), after a confirmation."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.screens.confirm import ConfirmScreen, ReasonScreen

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
        from leadboard.ui.screens.confirm import ConfirmScreen

        question = f"Mark {short(lead)} inactive? It stays reachable and can be revived."
        self.app.push_screen(
            ConfirmScreen(question, yes="Inactive"),
            lambda yes: self._set_status(lead, Status.INACTIVE, "") if yes else None,
        )

    def _set_status(self, lead: Lead, status: Status, reason: str) -> None:
        assert lead.id is not None
        try:
            self.data.store.set_status(lead.id, status, self.data.clock(), reason)
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        self.history.push(Change(f"mark {short(lead)} {status.value}", lead.id, lead))
        self._tell(f"{short(lead)} marked {status.value} (u to undo)")
        self.reload(columns=(lead.temperature,))

    # -- dialogs -----------------------------------------------------------------

    def action_log_contact(self) -> None:
        """Open the log-contact dialog for the selected lead."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.screens.log_contact import LogContactScreen

        screen = LogContactScreen(lead, self.data.config.policy, self.data.clock())
        self.app.push_screen(screen, lambda entry: self._log(lead, entry))

    def _log(self, lead: Lead, entry: ContactEntry | None) -> None:
        if entry is None or lead.id is None:
            return
        from leadboard.ui.screens.log_contact import save_entry

        try:
            after, contact = save_entry(self.data.store, lead.id, entry, self.data.clock())
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        self.history.push(Change(f"log contact with {short(lead)}", lead.id, lead, contact.id))
        self._tell(f"Logged {contact.channel.value} ({contact.outcome.label}) with {short(lead)}")
        self.reload(follow=after, columns=(lead.temperature,))
        self._offer_hint(after)

    def _offer_hint(self, lead: Lead) -> None:
        """A drift hint or the inactive proposal, accepted with one key, never applied alone."""
        from leadboard.domain.hints import drift_hint
        from leadboard.ui.screens.confirm import ConfirmScreen

        lead_id = lead.id
        assert lead_id is not None
        store = self.data.store
        hint = drift_hint(lead, store.contacts(lead_id, limit=5), store.last_moved(lead_id))
        if hint is None:
            return

        def answered(accepted: bool | None) -> None:
            if not accepted:
                return
            if hint.target is None:
                self._set_status(lead, Status.INACTIVE, "")
                return
            try:
                moved = self.data.store.move(lead_id, hint.target, self.data.clock())
            except StoreError as err:
                self._tell(str(err), error=True)
                return
            self.history.push(Change(f"move {short(lead)} to {hint.target.value}", lead_id, lead))
            self.reload(follow=moved, columns=(lead.temperature, hint.target))

        question = f"{short(lead)}: {hint.message}"
        self.app.push_screen(ConfirmScreen(question, yes=hint.action, no="Keep as is"), answered)

    def action_add_lead(self) -> None:
        """Open the form for a new lead."""
        from leadboard.ui.screens.lead_form import LeadFormScreen

        screen = LeadFormScreen(None, self.data.tz, self.data.clock())
        self.app.push_screen(screen, self._added)

    def _added(self, draft: LeadDraft | None) -> None:
        if draft is None:
            return
        try:
            lead = self.data.store.add(draft, self.data.clock())
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        assert lead.id is not None
        self.history.push(Change(f"add {short(lead)}", lead.id, None))
        self._tell(f"Added {short(lead)}: due now")
        self.reload(follow=lead)

    def action_edit_lead(self) -> None:
        """Open the form on the selected lead."""
        lead = self.selected
        if lead is None:
            return
        from leadboard.ui.screens.lead_form import LeadFormScreen

        screen = LeadFormScreen(lead, self.data.tz, self.data.clock())
        self.app.push_screen(screen, lambda draft: self._edited(lead, draft))

    def _edited(self, lead: Lead, draft: LeadDraft | None) -> None:
        if draft is None or lead.id is None:
            return
        try:
            after = self.data.store.update(lead.id, draft, self.data.clock())
        except StoreError as err:
            self._tell(str(err), error=True)
            return
        self.history.push(Change(f"edit {short(lead)}", lead.id, lead))
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
        from leadboard.ui.screens.help import HelpScreen

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
        from leadboard.ui.session_flow import SessionFlow

        flow = SessionFlow.start(self.data.store, self.data.config, self.data.clock)
        self.app.run_session(flow, on_done=lambda: self.reload(follow=self.selected))  # type: ignore[attr-defined]

    def action_stats(self) -> None:
        """Open the stats: conversion, reply rates, touches per week, debt, streak."""
        from leadboard.ui.screens.stats import open_stats

        open_stats(self.app, self.data.store, self.data.config, self.data.clock)

    def action_import(self) -> None:
        """Import leads or a contact log from a CSV or Excel file."""
        from pathlib import Path

        from leadboard.ui.screens.import_screen import ImportScreen

        screen = ImportScreen(self.data.store, self.data.clock, Path.cwd())
        self.app.push_screen(screen, lambda result: self.reload() if result else None)

    # -- undo --------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change (several levels deep), including a logged contact."""
        change = self.history.pop()
        if change is None:
            self._tell("Nothing to undo")
            return
        try:
            if change.before is None:
                self.data.store.delete(change.lead_id)
            else:
                self.data.store.restore(change.before, drop_contact_id=change.contact_id)
        except StoreError as err:
            self._tell(f"Cannot undo: {err}", error=True)
            return
        self._tell(f"Undid: {change.description}")
        self.reload(follow=change.before)
