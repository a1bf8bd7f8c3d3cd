"""The lead form's deal value and tags: filled from a lead, read back exactly, refused clearly."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Input

from leadboard.domain.model import Lead
from leadboard.domain.money import Currency, format_value, parse_value
from leadboard.domain.tags import TagError, listed_tags, parse_tags
from leadboard.ui.widgets.forms import FieldRow, fill_input, row


class DealFieldError(ValueError):
    """A deal field that cannot be saved: the message, and the id of the field to fix."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def deal_rows(currency: Currency) -> list[FieldRow]:
    """The two rows: a value in the rep's currency, and tags."""
    return [
        row(
            "Deal value",
            Input(placeholder=f"e.g. 42,300 or 12k ({currency.code})", id="value", compact=True),
        ),
        row("Tags", Input(placeholder="e.g. vip, q4", id="tags", compact=True)),
    ]


def fill_deal(form: DOMNode, lead: Lead | None, currency: Currency) -> None:
    """The rows as the lead has them (empty for a new lead)."""
    value = "" if lead is None or lead.value is None else format_value(lead.value, currency)
    fill_input(form.query_one("#value", Input), value)
    fill_input(form.query_one("#tags", Input), listed_tags(lead.tags) if lead else "")


def read_deal(form: DOMNode, currency: Currency) -> tuple[int | None, tuple[str, ...]]:
    """The typed value (minor units) and tags; DealFieldError says what to fix."""
    try:
        value = parse_value(form.query_one("#value", Input).value, currency)
    except ValueError as err:
        raise DealFieldError(str(err).capitalize() + ".", "value") from None
    try:
        tags = parse_tags(form.query_one("#tags", Input).value)
    except TagError as err:
        raise DealFieldError(str(err).capitalize() + ".", "tags") from None
    return value, tags
