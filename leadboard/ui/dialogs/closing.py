"""The questions asked before a lead leaves the board, the same on the board and in the session."""

from __future__ import annotations

from typing import Any

from textual.app import App

from leadboard.actions.leads import short
from leadboard.domain.model import Lead
from leadboard.ui.dialogs.confirm import ConfirmScreen, ask


def confirm_won(lead: Lead, app: App[Any] | None = None) -> ConfirmScreen:
    """`w`: won leaves the board, so it asks first (in the app's kept dialog, given one)."""
    question = f"Mark {short(lead)} as won? It leaves the board."
    return ConfirmScreen(question, yes="Won") if app is None else ask(app, question, yes="Won")


def confirm_inactive(lead: Lead, app: App[Any] | None = None) -> ConfirmScreen:
    """`i`: inactive keeps the lead at the ready, off the board."""
    question = f"Mark {short(lead)} inactive? It stays reachable and can be revived."
    if app is None:
        return ConfirmScreen(question, yes="Inactive")
    return ask(app, question, yes="Inactive")
