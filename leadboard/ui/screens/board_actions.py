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
from leadboard.domain.model import TEMPERATURES, Contact, Lead, Status, Temperature
from leadboard.ui.screens.board_writes import BoardWrites
from leadboard.ui.widgets.board.lead_column import LeadColumn
from leadboard.ui.writes import Saver

DETAIL_CONTACTS = 200
"""Newest contacts the detail lists."""

# Dialogs are imported when first opened: the board's first frame should not wait for them.
if TYPE_CHECKING:
    from leadboard.actions.contacts import ContactEntry
    from leadboard.actions.session import SessionFlow
    from leadboard.actions.undo import Change
    from leadboard.domain.hints import Hint
    from leadboard.domain.model import LeadDraft
    from leadboard.ui.screens.lead_detail import LeadDetailScreen


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
        from leadboard.ui.dialogs.closing import confirm_won
        from leadboard.ui.dialogs.confirm import ask_reason
        from leadboard.ui.dialogs.lost_reason import past_reasons

        if won:
            self.app.push_screen(
                confirm_won(lead, self.app),
                lambda yes: self._set_status(lead, Status.WON, "", "w") if yes else None,
            )
            return
        saver: Saver[str] = self._saver(
            lambda reason: self.actions.set_status(lead, Status.LOST, reason),
            lambda _: self._status_set(lead, Status.LOST),
        )
        question = f"Why was {short(lead)} lost?"
        placeholder = "price, timing, went with a competitor..."
        reasons = past_reasons(self.actions.store)
        self.app.push_screen(
            ask_reason(self.app, question, placeholder, saver=saver, reasons=reasons)
        )

    def action_inactive(self) -> None:
        """Mark the selected lead inactive: kept at the ready, off the board."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        from leadboard.ui.dialogs.closing import confirm_inactive

        self.app.push_screen(
            confirm_inactive(lead, self.app),
            lambda yes: self._set_status(lead, Status.INACTIVE, "", "i") if yes else None,
        )

    def _set_status(self, lead: Lead, status: Status, reason: str, key: str) -> None:
        self._write(
            lambda: self.actions.set_status(lead, status, reason),
            lambda _: self._status_set(lead, status),
            f"Press {key} to try again.",
        )

    def _status_set(self, lead: Lead, status: Status) -> None:
        self._tell(f"{short(lead)} marked {status.value} ({self.key('undo')} to undo)")
        self.reload(follow=self._follow(None), columns=(lead.temperature,))

    # -- dialogs -----------------------------------------------------------------

    def action_log_contact(self) -> None:
        """Open the log-contact dialog for the selected lead."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        self._open_log(lead)

    def _open_log(self, lead: Lead) -> None:
        from leadboard.ui.dialogs.log_contact import LogContactScreen
        from leadboard.ui.dialogs.reuse import reused

        saver: Saver[ContactEntry] = self._saver(
            lambda entry: self.actions.log(lead, entry), lambda done: self._logged(lead, *done)
        )
        now, policy = self.data.clock(), self.data.config.policy
        screen = reused(
            self.app,
            LogContactScreen,
            lambda: LogContactScreen(lead, policy, now, saver=saver),
            lambda dialog: dialog.prepare(lead, policy, now, saver=saver),
        )
        self.app.push_screen(screen)

    def _logged(self, lead: Lead, after: Lead, contact: Contact) -> None:
        self._tell(f"Logged {contact.channel.value} ({contact.outcome.label}) with {short(lead)}")
        # The cursor keeps its place in the column, so it now rests on the next lead to work
        # (the logged one sorts later); a move follows its lead instead.
        self.reload(follow=self._follow(None), columns=(lead.temperature,))
        self.refresh_detail()
        self._offer_hint(after)

    def _offer_hint(self, lead: Lead) -> None:
        """A drift hint or the inactive proposal, accepted with one key, never applied alone."""
        from leadboard.ui.dialogs.confirm import ask

        hint = self.actions.hint(lead)
        if hint is None:
            return
        question = f"{short(lead)}: {hint.message}"
        self.app.push_screen(
            ask(self.app, question, yes=hint.action, no="Keep as is"),
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
        """Open the form for a new lead, at the temperature of the column the rep is in."""
        from leadboard.ui.dialogs.lead_form import LeadFormScreen
        from leadboard.ui.dialogs.reuse import reused

        focused = self.focused
        temperature = focused.temperature if isinstance(focused, LeadColumn) else Temperature.COOL
        tz, now, skip = self.data.tz, self.data.clock(), self.data.config.policy.skip_weekends
        form = reused(
            self.app,
            LeadFormScreen,
            lambda: LeadFormScreen(
                None,
                tz,
                now,
                temperature=temperature,
                skip_weekends=skip,
                open_lead=self._open_twin,
            ),
            lambda dialog: dialog.prepare(
                None,
                tz,
                now,
                temperature=temperature,
                skip_weekends=skip,
                open_lead=self._open_twin,
            ),
        )
        # A likely duplicate is refused until the rep answers "Add anyway" in the form.
        form.saver = self._saver(
            lambda draft: self.actions.add(draft, allow_duplicate=form.allow_duplicate),
            self._added,
        )
        self.app.push_screen(form)

    def _open_twin(self, lead_id: int) -> None:
        """The rep chose to open the stored lead a new one looked like."""
        lead = self.data.fresh_by_id(lead_id)
        if lead is not None:
            self._open_detail(lead)

    def _added(self, lead: Lead) -> None:
        self._tell(f"Added {short(lead)}: due now")
        self.reload(follow=self._follow(lead))

    def action_edit_lead(self) -> None:
        """Open the form on the selected lead."""
        lead = self.selected
        if lead is None:
            return
        self._open_edit(lead)

    def _open_edit(self, lead: Lead) -> None:
        from leadboard.ui.dialogs.lead_form import LeadFormScreen
        from leadboard.ui.dialogs.reuse import reused

        tz, now, skip = self.data.tz, self.data.clock(), self.data.config.policy.skip_weekends
        form = reused(
            self.app,
            LeadFormScreen,
            lambda: LeadFormScreen(lead, tz, now, skip_weekends=skip),
            lambda dialog: dialog.prepare(lead, tz, now, skip_weekends=skip),
        )

        def save(draft: LeadDraft) -> Lead:
            # Over the lead the form shows: after a stale save's Reload, the one saved since.
            return self.actions.edit(form.lead or lead, draft)

        def edited(after: Lead) -> None:
            shown = (form.lead or lead).temperature
            columns = (lead.temperature, shown, after.temperature)
            self.reload(follow=self._follow(after), columns=columns)
            self.refresh_detail()

        saver: Saver[LeadDraft] = self._saver(save, edited)
        form.saver = saver
        self.app.push_screen(form)

    # -- the lead's detail (helper E) ---------------------------------------------

    _detail: LeadDetailScreen | None = None
    """The detail screen open over the board, kept up to date with every change."""

    def action_open_detail(self) -> None:
        """Open the selected lead's detail with its history."""
        lead = self.selected
        if lead is None or lead.id is None:
            return
        self._open_detail(lead)

    def _open_detail(self, lead: Lead) -> None:
        from leadboard.ui.dialogs.reuse import reused
        from leadboard.ui.screens.lead_detail import LeadDetailScreen

        assert lead.id is not None
        contacts = self.data.store.contacts(lead.id, limit=DETAIL_CONTACTS)
        now, tz, choose = self.data.clock(), self.data.tz, self._detail_chose
        screen = reused(
            self.app,
            LeadDetailScreen,
            lambda: LeadDetailScreen(lead, contacts, now, tz, choose=choose),
            lambda detail: detail.prepare(lead, contacts, now, tz, choose=choose),
        )
        self._detail = screen
        self.app.push_screen(screen, lambda _: self._detail_closed(screen))

    def _detail_closed(self, screen: LeadDetailScreen) -> None:
        if self._detail is screen:
            self._detail = None

    def _detail_chose(self, what: str, lead: Lead) -> None:
        """`c` or `e` in the detail: the dialog opens over it, and the detail stays."""
        if what == "log":
            self._open_log(lead)
        else:
            self._open_edit(lead)

    def refresh_detail(self) -> None:
        """Show the open detail's lead as stored now (a change here or by another process)."""
        screen = self._detail
        if screen is None or screen.lead.id is None:
            return
        lead = self.data.fresh_by_id(screen.lead.id)
        if lead is None:
            screen.dismiss(None)  # gone (an add undone elsewhere): nothing left to show
            return
        contacts = self.data.store.contacts(screen.lead.id, limit=DETAIL_CONTACTS)
        screen.show(lead, contacts, self.data.clock())

    def action_help(self) -> None:
        """Show every key."""
        from leadboard.ui.dialogs.help import key_names, show_help
        from leadboard.ui.keys import bound_keys

        keys = [
            (key_names(bound_keys(self.app, binding)), binding.description)
            for binding in self.BINDINGS
            if isinstance(binding, Binding) and binding.description
        ]
        keys.append(("ctrl+p", "Command palette: every action by name"))
        show_help(self.app, keys)

    # -- session and stats -------------------------------------------------------

    def action_session(self) -> None:
        """Ask the session's scope (all due, hot, hot and warm, N), then start it, hot first."""
        from leadboard.actions.session import SessionFlow, queue_horizon
        from leadboard.domain.session_scope import SessionScope
        from leadboard.ui.dialogs.session_scope import SessionScopeScreen

        data = self.data
        horizon = queue_horizon(data.clock(), data.config.timezone, week=False)

        def chosen(scope: SessionScope | None) -> None:
            if scope is None:
                return  # escape: no session
            self._write(
                lambda: SessionFlow.start(data.store, data.config, data.clock, scope=scope),
                lambda flow: self.post_message(self.SessionRequested(self, flow)),
                f"Press {self.key('session')} to try again.",
            )

        self.app.push_screen(SessionScopeScreen(data.store.count_due(horizon)), chosen)

    def after_session(self) -> None:
        """Back from a session: re-read the board, keeping the cursor's lead."""
        self.reload(follow=self.selected)

    def action_stats(self) -> None:
        """Open the stats: conversion, reply rates, touches per week, debt, streak."""
        from leadboard.ui.screens.stats import open_stats

        # Keys typed while they are counted wait for the stats screen (holds_key): `S j`
        # scrolls the stats, `S escape` closes them, as typed slowly.
        self.counting = open_stats(self.app, self.data.store, self.data.config, self.data.clock)

    def action_import(self) -> None:
        """Import leads or a contact log from a CSV or Excel file."""
        from pathlib import Path

        from leadboard.ui.dialogs.import_file import ImportScreen

        screen = ImportScreen(self.data.store, self.data.clock, Path.cwd())
        self.app.push_screen(screen, lambda result: self.reload() if result else None)

    # -- undo --------------------------------------------------------------------

    def _columns_of(self, change: Change) -> list[Temperature] | None:
        """The columns an undone change touched, or None (all) when that is not known."""
        # Where the lead was on screen, and where it goes back to: only those two redraw.
        shown = [
            column.temperature for column in self.query(LeadColumn) if column.shows(change.lead_id)
        ]
        if not shown:
            return None  # it was not in a page in memory: re-read every column
        back = [change.before.temperature] if change.before is not None else []
        return [t for t in TEMPERATURES if t in shown or t in back]

    def action_undo(self) -> None:
        """Undo the last change (several levels deep), including a logged contact."""

        def undone(change: Change | None) -> None:
            if change is None:
                self._tell("Nothing to undo")
                return
            self._tell(f"Undid: {change.description}")
            self.reload(follow=self._follow(change.before), columns=self._columns_of(change))

        retry = f"Nothing was undone; press {self.key('undo')} to try again."
        self._write(self.actions.undo, undone, retry)
