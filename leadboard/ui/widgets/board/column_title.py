"""A column's title, fitted to its width: 'WARM  84 · €42,300  by value  #37'."""

from __future__ import annotations

from dataclasses import dataclass

from leadboard.domain.money import Currency, format_value
from leadboard.domain.text import cell_width


@dataclass(frozen=True)
class ColumnTitle:
    """What a column's title can say, most needed first."""

    name: str
    count: str
    value: int | None
    """The column's open deal value in minor units; None or 0 says nothing."""
    currency: Currency
    order: str = ""
    """'by value' when the column is not in urgency order."""
    place: str = ""
    """'#37' when the cursor is down the column."""


def column_title(title: ColumnTitle, width: int) -> str:
    """The longest form of the title that fits `width` cells.

    The exact total gives way to a short one ('€42.3k'), then the cursor's place,
    then the total; the name, count and order always stay (the order is why the
    cards look as they do).
    """
    exact = short = ""
    if title.value:
        exact = format_value(title.value, title.currency)
        short = format_value(title.value, title.currency, compact=True)
    forms = [(exact, title.place), (short, title.place), (short, ""), ("", "")]
    text = ""
    for amount, place in forms:
        head = f"{title.name}  {title.count}" + (f" · {amount}" if amount else "")
        text = "  ".join(part for part in (head, title.order, place) if part)
        if cell_width(text) <= width:
            return text
    return text
