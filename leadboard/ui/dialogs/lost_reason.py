"""The lost-reason picker: the rep's past reasons with their counts, narrowed as they type.

The reasons are read on a thread when the dialog opens (about 90 ms over the 50,000 lost
leads of a million-lead file: the board index finds them, each reason is a row read), and
the keys typed meanwhile wait for them (ReasonScreen.holds_key), so `x pri down enter` typed
in one burst picks the same reason as typed slowly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from leadboard.domain.text import cell_text, printable
from leadboard.domain.wording import number

if TYPE_CHECKING:
    from leadboard.store.lead_reads import LeadReads

PICKER_CSS = Path(__file__).with_name("lost_reason.tcss")
"""The picker's look, loaded with the reason dialog's own."""

PAST_REASONS = 50
"""How many past reasons the picker offers, most used first."""

ReasonLoader = Callable[[], Sequence[tuple[str, int]]]
"""Reads the past reasons with their counts; runs on a thread."""


def past_reasons(store: LeadReads) -> ReasonLoader:
    """The loader of the store's past lost reasons (its owner's), for a thread of its own."""

    def read() -> Sequence[tuple[str, int]]:
        from leadboard.store.lost_reasons import lost_reasons_in_thread

        return lost_reasons_in_thread(store, PAST_REASONS)

    return read


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def matching(reasons: Sequence[tuple[str, int]], typed: str) -> list[tuple[str, int]]:
    """The reasons that start with what was typed, or have a word that does (any case)."""
    query = _folded(typed)
    if not query:
        return list(reasons)
    found = []
    for reason, count in reasons:
        words = _folded(reason).split(" ")
        if any(" ".join(words[at:]).startswith(query) for at in range(len(words))):
            found.append((reason, count))
    return found


class PastReasons(OptionList):
    """The past reasons under the reason's input; the input keeps focus, up and down move here."""

    can_focus = False

    def __init__(self) -> None:
        super().__init__(id="past-reasons", compact=True, markup=False)
        self.display = False  # until there are reasons to offer
        self.reasons: Sequence[tuple[str, int]] = ()
        self.shown: list[tuple[str, int]] = []
        self.typed: str | None = None
        """What the shown reasons were narrowed for (None: not yet)."""

    def fill(self, reasons: Sequence[tuple[str, int]], typed: str) -> None:
        """Offer `reasons`, narrowed to what is typed so far."""
        self.reasons = reasons
        self.typed = None
        self.narrow(typed)

    def narrow(self, typed: str) -> None:
        """Show the reasons matching `typed`, none highlighted: Enter takes the typed text."""
        if typed == self.typed:
            return
        self.typed = typed
        self.shown = matching(self.reasons, typed)
        self.set_options(
            Option(Content.assemble(cell_text(reason), (f" · {number(count)}", "dim")))
            for reason, count in self.shown
        )
        self.highlighted = None
        self.display = bool(self.shown)

    def move(self, step: int) -> None:
        """Down from the input enters the list; up from its first reason goes back to typing."""
        if not self.shown:
            return
        at = self.highlighted
        if at is None:
            at = 0 if step > 0 else None
        else:
            at += step
            at = None if at < 0 else min(at, len(self.shown) - 1)
        self.highlighted = at

    def chosen(self) -> str | None:
        """The highlighted reason, as it may be stored, or None while none is."""
        at = self.highlighted
        if at is None or not 0 <= at < len(self.shown):
            return None
        return printable(self.shown[at][0]).strip() or None
