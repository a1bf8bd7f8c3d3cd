"""Undo history: each entry knows how to put a lead back as it was."""

from __future__ import annotations

from dataclasses import dataclass

from leadboard.domain.model import Lead

UNDO_DEPTH = 50
"""Changes remembered; older ones fall off."""


@dataclass(frozen=True)
class Change:
    """One change to undo: the lead before it, and what the change added."""

    description: str
    lead_id: int
    before: Lead | None
    """The lead as it was; None when the change created the lead."""
    contact_id: int | None = None
    """The contact the change logged, to remove on undo."""
    after_version: int | None = None
    """The lead's version the change saved: undo refuses if another rep has saved since."""


class UndoHistory:
    """A bounded stack of changes, newest last."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self._changes: list[Change] = []
        self._depth = depth

    def push(self, change: Change) -> None:
        """Remember a change, forgetting the oldest past the depth."""
        self._changes.append(change)
        del self._changes[: -self._depth]

    def pop(self) -> Change | None:
        """The newest change, removed; None when there is nothing to undo."""
        return self._changes.pop() if self._changes else None

    def __len__(self) -> int:
        """How many changes can be undone."""
        return len(self._changes)
