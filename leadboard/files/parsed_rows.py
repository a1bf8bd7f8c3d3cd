"""Turn one spreadsheet row into checked lead or contact values, or a reason it cannot be.

The values are plain domain data (leadboard.domain.imported), so the store can
write them without knowing the file formats.

A row gives only the fields its cells hold: a new lead takes the defaults for
the rest, and an update leaves the rest as they were (an empty cell never
erases). Cells no column claims become "Header: value" lines in the notes.
Every cell is cleaned of control characters first (domain.text.clean_input;
the notes, and the cells that go into them, keep their tabs and newlines),
and the row's values count the cells that needed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pendulum import DateTime

from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.imported import ContactValues, LeadValues, name_key
from leadboard.domain.model import LEAD_MOMENTS, NAME_MAX, Direction, Source
from leadboard.domain.money import DEFAULT_CURRENCY, Currency
from leadboard.domain.text import clean_input
from leadboard.domain.validation import (
    FIELD_MAX,
    PHONE_DIGITS,
    ValidationError,
    check_name,
    email_problem,
    phone_problem,
)
from leadboard.files import status_map, values
from leadboard.files.cell_lists import LISTED_FIELDS, split_listed
from leadboard.files.columns import ColumnMap
from leadboard.files.file_dates import DateOrders
from leadboard.files.file_errors import RowError

TEXT_FIELDS = ("company", "title", "email", "referred_by", "next_step", "owner", "lost_reason")
SCORE_FIELDS = ("fit", "interest", "readiness")
TEXT_MAX = NAME_MAX * 5
"""The longest company, email, next step... that check_draft accepts."""
NOTES_MAX = FIELD_MAX * 10


def _header(columns: ColumnMap, field: str, cells: Sequence[str] = ()) -> str:
    """The field's header; given the row, the header of the group column that filled it."""
    return clean_input(columns.header_of(cells, field)).strip()


def clean_cells(cells: Sequence[str], columns: ColumnMap) -> tuple[Sequence[str], int]:
    """The row's cells cleaned of control characters, and how many of them were changed."""
    if "".join(cells).isprintable():
        return cells, 0  # the common row: one C-speed check, nothing copied
    notes = {columns.fields[name] for name in ("notes", "note") if name in columns.fields}
    notes.update(i for name, group in columns.groups if name in ("notes", "note") for i, _ in group)
    multi_line = notes | {index for index, _ in columns.extras}
    width = len(columns.headers)
    cleaned = [
        clean_input(cell, multiline=index in multi_line or index >= width)
        for index, cell in enumerate(cells)
    ]
    return cleaned, sum(1 for old, new in zip(cells, cleaned, strict=True) if old != new)


def _text(cells: dict[str, str], field: str) -> str:
    value = cells.get(field, "")
    if len(value) > TEXT_MAX:
        raise RowError(f"{field.replace('_', ' ')} is too long ({len(value):,} characters)")
    return value


def _name(cells: dict[str, str]) -> str:
    name = cells.get("name") or " ".join(
        part
        for part in (cells.get("first_name"), cells.get("middle_name"), cells.get("last_name"))
        if part
    )
    try:
        return check_name(name)
    except ValidationError as err:
        raise RowError(str(err)) from None


def _notes(base: str, lines: list[str]) -> str:
    notes = base if base.strip() else ""
    if lines:
        # The lines name their columns: a header is cleaned here like a cell.
        lines = [clean_input(line, multiline=True) for line in lines]
        notes = (notes.rstrip("\n") + "\n" if notes else "") + "\n".join(lines)
    if len(notes) > NOTES_MAX:
        raise RowError(f"notes are too long ({len(notes):,} characters; {NOTES_MAX:,} at most)")
    return notes


class _Aside:
    """A row's notes lines and warnings: where a value that cannot be a field is kept."""

    def __init__(self, columns: ColumnMap, extra: list[str], cells: Sequence[str]) -> None:
        self.columns = columns
        self.extra = extra
        self.cells = cells
        self.warnings: list[str] = []

    def keep(self, field: str, value: str, why: str, then: str = "") -> None:
        """Keep the cell in the notes as 'Header: value' and warn why it is not the field."""
        self.extra.append(f"{self.header(field)}: {value}")
        self.warnings.append(f"{why}; kept in notes{then}")

    def header(self, field: str) -> str:
        """The header of the column that gave the field in this row."""
        return _header(self.columns, field, self.cells)

    def text(self, c: dict[str, str], field: str) -> str:
        """A one-line text cell, or '' when it is too long for the field (kept in notes)."""
        value = c.get(field, "")
        if len(value) > TEXT_MAX:
            self.keep(field, value, f"{field.replace('_', ' ')} is too long")
            return ""
        return value


def _listed(c: dict[str, str], extra: list[str]) -> None:
    """A JSON list or several emails in one cell: the first is the field, the rest notes."""
    for field in LISTED_FIELDS:
        cell = c.get(field)
        if cell is None or not (
            cell[0] == "[" or (field == "email" and ("," in cell or ";" in cell))
        ):
            continue
        found = split_listed(field, cell)
        if found is not None:
            first, lines = found
            if first:
                c[field] = first
            else:
                del c[field]
            extra.extend(lines)


def _status(c: dict[str, str], given: dict[str, Any], aside: _Aside) -> None:
    """The status cell read through files.status_map: a word it lacks lands the lead active."""
    text = c["status"]
    found = status_map.reading(text)
    if found is None:
        why = f'status "{values.shown(text)}" is not one leadboard knows'
        aside.keep("status", text, why, ", imported as active")
        return
    given["status"], temperature = found
    if temperature is not None and "temperature" not in given:
        given["temperature"] = temperature
    if status_map.says_more(text):
        # "Attempted to Contact" says more than "active": the notes keep the export's word.
        aside.extra.append(f"{aside.header('status')}: {text}")


# What email_problem and phone_problem accept, checked at C speed: the common cell
# passes here, and only the others pay for the checks that say what is wrong.
_PLAIN_EMAIL = re.compile(r"[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+")
_FEWEST, _MOST = PHONE_DIGITS
_PLAIN_PHONE = re.compile(rf"(?:[+()\-./ ]*[0-9]){{{_FEWEST},{_MOST}}}[+()\-./ ]*")
"""Only the characters phone_problem allows, and 6 to 15 digits among them."""


def _reach(given: dict[str, Any], aside: _Aside) -> None:
    """Warn about an email or phone that does not look like one; it is kept as given."""
    email, phone = given.get("email", ""), given.get("phone", "")
    if email and _PLAIN_EMAIL.fullmatch(email) is None and (problem := email_problem(email)):
        aside.warnings.append(
            f'email "{values.shown(email)}" does not look like an email ({problem}); kept'
        )
    if phone and _PLAIN_PHONE.fullmatch(phone) is None and (problem := phone_problem(phone)):
        aside.warnings.append(
            f'phone "{values.shown(phone)}" does not look like a phone number ({problem}); kept'
        )


def read_lead(
    row: int,
    cells: Sequence[str],
    columns: ColumnMap,
    now: DateTime,
    tz: str,
    dates: DateOrders | None = None,
    currency: Currency = DEFAULT_CURRENCY,
) -> LeadValues:
    """Check a lead row; RowError says why it cannot be imported (only a missing name does).

    A cell that cannot be its optional field (a date that is none, an unknown
    status, a score of 7, an amount that is none) goes to the notes as
    'Header: value' with a warning; `dates` gives each date column's day/month
    order (files.file_dates), `currency` the deal value's (the config's).
    """
    cells, cleaned = clean_cells(cells, columns)
    c = columns.present(cells)
    given: dict[str, Any] = {"name": _name(c)}
    extra = columns.extra_lines(cells)
    aside = _Aside(columns, extra, cells)
    _listed(c, extra)
    for field in TEXT_FIELDS:
        if field in c:
            if len(value := c[field]) > TEXT_MAX:
                aside.keep(field, value, f"{field.replace('_', ' ')} is too long")
            else:
                given[field] = value
    # A mobile column is one of the phone group's columns (files.columns picks per row).
    if phone := aside.text(c, "phone"):
        given["phone"] = phone
    if "temperature" in c:
        try:
            given["temperature"] = values.temperature(c["temperature"])
        except RowError:
            text = c["temperature"]
            why = f'{aside.header("temperature")} "{values.shown(text)}" is not a temperature'
            aside.keep("temperature", text, why)
    if "status" in c:
        _status(c, given, aside)
    if "source" in c:
        found = values.source(c["source"])
        given["source"] = Source.OTHER if found is None else found
        if found is None:
            extra.append(f"{_header(columns, 'source', cells)}: {c['source']}")
    if "preferred_channel" in c:
        preferred = values.channel(c["preferred_channel"])
        if preferred is None:
            extra.append(
                f"{_header(columns, 'preferred_channel', cells)}: {c['preferred_channel']}"
            )
        else:
            given["preferred_channel"] = preferred
    _numbers(c, given, aside)
    _deal(c, given, aside, currency)
    for field in LEAD_MOMENTS:
        if field in c:
            day_first = dates.of(field) if dates is not None else True
            try:
                given[field] = values.moment(c[field], field, now, tz, day_first)
            except RowError:
                text = c[field]
                aside.keep(
                    field, text, f'{aside.header(field)} "{values.shown(text)}" is not a date'
                )
    _reach(given, aside)
    notes = _notes(columns.raw(cells, "notes") if "notes" in c else "", extra)
    if notes:
        given["notes"] = notes
    company = given.get("company", "")
    key = name_key(given["name"], company) if company else ""
    return LeadValues(
        row=row,
        given=given,
        email_key=email_key(given.get("email", "")),
        phone_key=phone_key(given.get("phone", "")),
        name_key="" if key.endswith("|") else key,
        cleaned=cleaned,
        warnings=tuple(aside.warnings),
    )


def _numbers(c: dict[str, str], given: dict[str, Any], aside: _Aside) -> None:
    """Score parts, the sequence step and promised; one that is out of range goes to notes."""
    for field in SCORE_FIELDS:
        if field in c:
            try:
                given[field] = values.whole(c[field], field, 0, 3)
            except RowError as err:
                aside.keep(field, c[field], str(err))
    if "sequence_step" in c:
        try:
            given["sequence_step"] = values.whole(c["sequence_step"], "sequence step", 1, 6)
        except RowError as err:
            aside.keep("sequence_step", c["sequence_step"], str(err))
    if "promised" in c:
        try:
            given["promised"] = values.boolean(c["promised"], "promised")
        except RowError as err:
            aside.keep("promised", c["promised"], str(err))


def _deal(c: dict[str, str], given: dict[str, Any], aside: _Aside, currency: Currency) -> None:
    """The deal value and tags; a cell that is neither goes to the notes, never costing the lead."""
    if "value" in c:
        try:
            given["value"] = values.amount(c["value"], currency)
        except RowError as err:
            aside.keep("value", c["value"], f"{aside.header('value')}: {err}")
    if "tags" in c:
        try:
            given["tags"] = values.tags(c["tags"])
        except RowError as err:
            aside.keep("tags", c["tags"], f"{aside.header('tags')}: {err}")


def read_contact(
    row: int,
    cells: Sequence[str],
    columns: ColumnMap,
    now: DateTime,
    tz: str,
    dates: DateOrders | None = None,
) -> ContactValues:
    """Check a contact-log row; RowError says why it cannot be imported.

    The touch needs its lead, date, channel and outcome; an unreadable next due
    or direction goes to the note with a warning instead.
    """
    cells, cleaned = clean_cells(cells, columns)
    c = columns.present(cells)
    lead_text = c.get("lead_id", "").removeprefix("#")
    lead_id = values.whole(lead_text, "lead id", 1, 2**62) if lead_text else None
    name, email, phone = c.get("name", ""), c.get("email", ""), c.get("phone", "")
    if lead_id is None and not (name or email_key(email) or phone_key(phone)):
        raise RowError("no lead named: give a lead id, name, email or phone")
    if "at" not in c:
        raise RowError("no date: a contact needs the day it happened")
    if "channel" not in c:
        raise RowError("no channel: call, email, text, meeting...")
    if "outcome" not in c:
        raise RowError("no outcome: no answer, replied, talked...")
    aside = _Aside(columns, columns.extra_lines(cells), cells)
    at = values.moment(c["at"], "date", now, tz, dates.of("at") if dates is not None else True)
    direction = Direction.OUT
    if "direction" in c:
        try:
            direction = values.direction(c["direction"])
        except RowError as err:
            aside.keep("direction", c["direction"], str(err), ", read as out")
    next_due = None
    if due := c.get("next_due"):
        day_first = dates.of("next_due") if dates is not None else True
        try:
            next_due = values.moment(due, "next due", now, tz, day_first)
        except RowError:
            why = f'{aside.header("next_due")} "{values.shown(due)}" is not a date'
            aside.keep("next_due", due, why)
    return ContactValues(
        row=row,
        lead_id=lead_id,
        lead_name=name,
        email_key=email_key(email),
        phone_key=phone_key(phone),
        name_key=name_key(name, c.get("company", "")) if name else "",
        has_company="company" in c,
        at=at,
        channel=values.required_channel(c["channel"]),
        direction=direction,
        outcome=values.outcome(c["outcome"]),
        note=_notes(columns.raw(cells, "note"), aside.extra),
        next_step=_text(c, "next_step"),
        next_due=next_due,
        cleaned=cleaned,
        warnings=tuple(aside.warnings),
    )
