"""The questions asked before a lead leaves the board, the same on the board and in the session."""

from __future__ import annotations

from leadboard.actions.leads import short
from leadboard.domain.model import Lead
from leadboard.ui.dialogs.confirm import ConfirmScreen


def confirm_won(lead: Lead) -> ConfirmScreen:
    """`w`: won takes the lead off the board, so it asks first."""
    return ConfirmScreen(f"Mark {short(lead)} as won? It leaves the board.", yes="Won")


def confirm_inactive(lead: Lead) -> ConfirmScreen:
    """`i`: inactive keeps the lead at the ready, off the board."""
    question = f"Mark {short(lead)} inactive? It stays reachable and can be revived."
    return ConfirmScreen(question, yes="Inactive")
