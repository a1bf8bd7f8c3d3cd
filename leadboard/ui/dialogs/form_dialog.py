"""FormDialog: what the log-contact and lead forms share: save when valid, cancel, a due preview.

Escape closes at once while nothing was typed or changed; otherwise it asks first, with
"Keep editing" the answer Enter gives, so a stray Escape never throws a rep's typing away.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Button, Checkbox, Input, Select, TextArea

from leadboard.ui.dialogs.saving import SavingDialog
from leadboard.ui.widgets.forms import ErrorLine

T = TypeVar("T")

DISCARD_QUESTION = "Discard what you typed?"


class FormDialog(SavingDialog[T]):
    """A modal form that dismisses with its checked result (once saved), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("f2", "save", "Save"),
    ]

    _untouched: list[object] | None = None
    """Every field's value as the form opened (see `remember_fields`)."""

    def _result(self) -> T | None:
        """The fields read and checked, or None after showing why (and focusing the field)."""
        raise NotImplementedError

    def _preview(self) -> None:
        """Show the date the due field resolves to."""
        raise NotImplementedError

    def _second_thought(self, result: T) -> str | None:
        """A question to ask before saving a valid result (a date in the past), or None."""
        return None

    def remember_fields(self) -> None:
        """Note every field's value as opened; Escape asks only once one differs."""
        self._untouched = self._field_values()

    def _field_values(self) -> list[object]:
        values: list[object] = []
        for field in self.query("Input, Select, TextArea, Checkbox"):
            if isinstance(field, TextArea):
                values.append(field.text)
            elif isinstance(field, Input | Select | Checkbox):
                values.append(field.value)
        return values

    @property
    def changed(self) -> bool:
        """True once the rep typed or changed anything."""
        return self._untouched is not None and self._field_values() != self._untouched

    @on(Input.Changed, "#due")
    def _due_typed(self) -> None:
        """Resolve the date as the rep types it."""
        self.query_one(ErrorLine).say("")
        self._preview()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Save when every field is valid (asking first about a doubtful one); else say why."""
        if self.saving:
            return  # the first save is on its way; a second would write it twice
        result = self._result()
        if result is None:
            return
        question = self._second_thought(result)
        if question is None:
            self.submit(result)
            return
        from leadboard.ui.dialogs.confirm import ask

        def answered(save: bool | None) -> None:
            if save:
                self.submit(result)
            else:
                self.query_one("#due").focus()

        self.app.push_screen(
            ask(self.app, question, yes="Save anyway", no="Change it", default=False), answered
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving (asking first when something was typed; not while saving)."""
        if self.saving:
            return  # the save is on its way: it may land
        if not self.changed:
            self.dismiss(None)
            return
        from leadboard.ui.dialogs.confirm import ask

        def answered(discard: bool | None) -> None:
            if discard and not self.saving:
                self.dismiss(None)

        self.app.push_screen(
            ask(self.app, DISCARD_QUESTION, yes="Discard", no="Keep editing", default=False),
            answered,
        )
