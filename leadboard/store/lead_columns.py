"""The one lead-row and contact-row mapping: columns from the Peewee models, values by name.

Every reader and writer of the lead and contact tables goes through here (the
ORM, the bulk writer, the importer, the demo), so a field added to `Lead` and
`LeadRow` needs no list updated anywhere else; tests/store/test_lead_columns.py
fails when the two disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pendulum import DateTime

from leadboard.domain.dates import from_utc_text, to_utc_text
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import (
    LEAD_MOMENTS,
    Channel,
    Contact,
    Direction,
    Lead,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.domain.tags import stored_tags, tags_from_stored
from leadboard.store.schema import ContactRow, LeadRow, TemperatureChangeRow

LEAD_COLUMNS: tuple[str, ...] = tuple(field.column_name for field in LeadRow._meta.sorted_fields)
"""Stored lead columns in table order, `id` first."""

DERIVED_LEAD_COLUMNS = ("email_key", "phone_key", "score")
"""Lead columns worked out from other fields, never set by themselves."""

CONTACT_COLUMNS: tuple[str, ...] = tuple(
    field.column_name for field in ContactRow._meta.sorted_fields
)
"""Stored contact columns in table order, `id` first (`session_id` is the store's own)."""

CHANGE_COLUMNS: tuple[str, ...] = tuple(
    field.column_name for field in TemperatureChangeRow._meta.sorted_fields
)[1:]
"""Columns of a temperature-change record (temperatures as ranks 0..3), without `id`."""

LEAD_FIELDS = tuple(getattr(LeadRow, name) for name in LEAD_COLUMNS)
"""The Peewee fields to select for a whole lead."""

CONTACT_FIELDS = tuple(
    field.alias(field.column_name) if field.name != field.column_name else field
    for field in ContactRow._meta.sorted_fields
)
"""The Peewee fields to select for a whole contact, each named as its column (`lead_id`)."""

_LEAD_NAMES = tuple(field.name for field in dataclasses.fields(Lead))
_CONTACT_NAMES = tuple(field.name for field in dataclasses.fields(Contact))


def stored_moment(moment: DateTime | None) -> str | None:
    """A moment as stored: UTC text (domain.dates.to_utc_text), or None."""
    return None if moment is None else to_utc_text(moment)


def _moment(value: Any) -> DateTime | None:
    """A stored moment as a DateTime: Peewee's UtcField has converted it, raw SQL has not."""
    if value is None or isinstance(value, DateTime):
        return value
    return from_utc_text(value)


def _word(value: Any) -> Any:
    """An enum member as its stored word; None stays None."""
    return None if value is None else value.value


def _optional(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A stored word as an enum member, where no word (NULL or '') means None."""
    return lambda value: kind(value) if value else None


# How a Lead field differs from its column; fields not named here are stored as they are.
_LEAD_TO_STORED: dict[str, Callable[[Any], Any]] = {
    "preferred_channel": _word,
    "source": _word,
    "temperature": lambda temperature: temperature.rank,
    "status": _word,
    "tags": stored_tags,
    **dict.fromkeys(LEAD_MOMENTS, stored_moment),
}
_LEAD_FROM_STORED: dict[str, Callable[[Any], Any]] = {
    "preferred_channel": _optional(Channel),
    "source": _optional(Source),
    "temperature": Temperature.from_rank,
    "status": Status,
    "promised": bool,
    "tags": tags_from_stored,
    **dict.fromkeys(LEAD_MOMENTS, _moment),
}


def _stored(
    item: object, names: Sequence[str], convert: Mapping[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """A dataclass's fields (but `id`) as stored values, each converted where its column differs."""
    record = {}
    for name in names:
        if name != "id":
            value = getattr(item, name)
            record[name] = convert[name](value) if name in convert else value
    return record


def _from_stored(
    row: Mapping[str, Any], names: Sequence[str], convert: Mapping[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """A row's columns as dataclass field values, each converted where its column differs."""
    values = {}
    for name in names:
        value = row[name]
        values[name] = convert[name](value) if name in convert else value
    return values


def lead_record(lead: Lead) -> dict[str, Any]:
    """Column name -> stored value for every lead column but `id`, derived ones included."""
    record = _stored(lead, _LEAD_NAMES, _LEAD_TO_STORED)
    record["email_key"] = email_key(lead.email)
    record["phone_key"] = phone_key(lead.phone)
    record["score"] = lead.score
    return record


def lead_from_record(row: Mapping[str, Any]) -> Lead:
    """A Lead from a row read by column name (Peewee `.dicts()` or a raw SQL row)."""
    return Lead(**_from_stored(row, _LEAD_NAMES, _LEAD_FROM_STORED))


_CONTACT_TO_STORED: dict[str, Callable[[Any], Any]] = {
    "at": to_utc_text,
    "next_due": stored_moment,
    "channel": _word,
    "direction": _word,
    "outcome": _word,
}
_CONTACT_FROM_STORED: dict[str, Callable[[Any], Any]] = {
    "at": _moment,
    "next_due": _moment,
    "channel": Channel,
    "direction": Direction,
    "outcome": Outcome,
}


def contact_record(contact: Contact, session_id: int | None = None) -> dict[str, Any]:
    """Column name -> stored value for every contact column but `id`."""
    record = _stored(contact, _CONTACT_NAMES, _CONTACT_TO_STORED)
    record["session_id"] = session_id
    return record


def contact_from_record(row: Mapping[str, Any]) -> Contact:
    """A Contact from a row read by column name (Peewee `.dicts()` or a raw SQL row)."""
    return Contact(**_from_stored(row, _CONTACT_NAMES, _CONTACT_FROM_STORED))


def insert_statement(table: str, columns: Sequence[str]) -> str:
    """'INSERT INTO t (a, b) VALUES (:a, :b)': values are bound by name, never by position."""
    names = ", ".join(columns)
    marks = ", ".join(f":{column}" for column in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"
