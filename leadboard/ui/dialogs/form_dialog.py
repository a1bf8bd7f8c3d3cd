"""FormDialog: what the log-contact and lead forms share: save when valid, cancel, a due preview."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input

from leadboard.ui.dialogs.saving import SavingDialog
from leadboard.ui.widgets.forms import ErrorLine

T = TypeVar("T")


class FormDialog(SavingDialog[T]):
    """A modal form that dismisses with its checked result (once saved), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("f2", "save", "Save"),
    ]

    def _result(self) -> T | None:
        """The fields read and checked, or None after showing why (and focusing the field)."""
        raise NotImplementedError

    def _preview(self) -> None:
        """Show the date the due field resolves to."""
        raise NotImplementedError

    @on(Input.Changed, "#due")
    def _due_typed(self) -> None:
        """Resolve the date as the rep types it."""
        self.query_one(ErrorLine).say("")
        self._preview()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Save when every field is valid; otherwise show why and stay open."""
        if self.saving:
            return  # the first save is on its way; a second would write it twice
        result = self._result()
        if result is not None:
            self.submit(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving anything (not while a save is on its way: it may land)."""
        if not self.saving:
            self.dismiss(None)
