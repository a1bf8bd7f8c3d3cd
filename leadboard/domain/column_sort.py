"""The orders a board column can show its leads in; one key cycles them."""

from __future__ import annotations

from enum import StrEnum


class ColumnSort(StrEnum):
    """How a column orders its active leads: by urgency unless the rep asks otherwise."""

    URGENCY = "urgency"
    SCORE = "score"
    TOUCHED = "last touched"
    VALUE = "value"

    @property
    def following(self) -> ColumnSort:
        """The order the sort key gives next (after value, urgency again)."""
        members = list(ColumnSort)
        return members[(members.index(self) + 1) % len(members)]

    @property
    def mark(self) -> str:
        """What a column's title says of its order: nothing for urgency, else 'by value'."""
        return "" if self is ColumnSort.URGENCY else f"by {self.value}"

    @property
    def meaning(self) -> str:
        """The order in words, for the line that confirms a change."""
        return _MEANINGS[self]


_MEANINGS = {
    ColumnSort.URGENCY: "most urgent first",
    ColumnSort.SCORE: "best score first",
    ColumnSort.TOUCHED: "longest untouched first",
    ColumnSort.VALUE: "biggest deal first",
}
