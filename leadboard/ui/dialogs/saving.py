"""SavingDialog: a dialog that writes its result first and closes only once it has landed.

Given a Saver, the dialog stays open with everything typed while the write runs; it says so
when the write waits for another leadboard, holds the keys typed meanwhile (they go on, in
order, to whatever is on top once it has landed), and after a failure shows why and how to try
again. A second save while one is on its way does nothing, so nothing is written twice.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual import events
from textual.screen import ModalScreen

from leadboard.store.errors import LeadClosed, StoreError
from leadboard.ui.dialogs.reuse import KeptStyles
from leadboard.ui.widgets.forms import ErrorLine
from leadboard.ui.writes import WAITING, Saver, Write, dropped_words

T = TypeVar("T")


class SavingDialog(KeptStyles, ModalScreen[T | None], Generic[T]):
    """A modal dialog that dismisses with its result, after writing it when given a Saver."""

    RETRY: ClassVar[str] = "F2 tries again, Escape cancels."
    """How to try again after a failed write, named by the dialog's own keys."""

    def __init__(self, saver: Saver[T] | None = None) -> None:
        super().__init__()
        self.saver = saver
        self.saving = False
        """True while the result's write is on its way."""

    def holds_key(self, event: events.Key) -> bool:
        """While the write is on its way, typed keys wait: they were typed after the save."""
        return self.saving

    def _say(self, message: str) -> None:
        """Show a line under the fields (hidden when empty)."""
        self.query_one(ErrorLine).say(message)

    def not_saved(self, err: StoreError, dropped: int) -> None:
        """The write failed: say why and how to try again; everything typed stays."""
        if isinstance(err, LeadClosed):
            # Trying again cannot help: the lead is no longer what the rep saw.
            self._say(f"{err}. Escape closes.")
            return
        self._say(f"Not saved: {err}{dropped_words(dropped)}. {self.RETRY}")

    def submit(self, result: T) -> None:
        """Close with `result`; with a Saver, only once its write has landed."""
        if self.saving:
            return
        if self.saver is None:
            self.dismiss(result)
            return
        write = self.saver.write_for(result)
        self.saving = True

        def landed(value: Any) -> None:
            self.saving = False
            self.dismiss(result)
            write.landed(value)

        def failed(err: StoreError, dropped: int) -> None:
            self.saving = False
            self.not_saved(err, dropped)

        def waiting() -> None:
            self._say(f"{WAITING} saving when it lets go")

        self.saver.writes.submit(Write(write.job, landed), failed, waiting)
