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

from collections.abc import Sequence
from typing import Any

from pendulum import DateTime

from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.imported import ContactValues, LeadValues, name_key
from leadboard.domain.model import LEAD_MOMENTS, NAME_MAX, Source
from leadboard.domain.text import clean_input
from leadboard.domain.validation import FIELD_MAX, ValidationError, check_name
from leadboard.files import values
from leadboard.files.columns import ColumnMap
from leadboard.files.file_errors import RowError

TEXT_FIELDS = ("company", "title", "email", "referred_by", "next_step", "owner", "lost_reason")
SCORE_FIELDS = ("fit", "interest", "readiness")
TEXT_MAX = NAME_MAX * 5
"""The longest company, email, next step... that check_draft accepts."""
NOTES_MAX = FIELD_MAX * 10


def _header(columns: ColumnMap, field: str) -> str:
    return clean_input(columns.headers[columns.fields[field]]).strip()


def clean_cells(cells: Sequence[str], columns: ColumnMap) -> tuple[Sequence[str], int]:
    """The row's cells cleaned of control characters, and how many of them were changed."""
    if "".join(cells).isprintable():
        return cells, 0  # the common row: one C-speed check, nothing copied
    notes = {columns.fields[name] for name in ("notes", "note") if name in columns.fields}
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
        part for part in (cells.get("first_name"), cells.get("last_name")) if part
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


def read_lead(
    row: int, cells: Sequence[str], columns: ColumnMap, now: DateTime, tz: str
) -> LeadValues:
    """Check a lead row; RowError says why it cannot be imported."""
    cells, cleaned = clean_cells(cells, columns)
    c = columns.present(cells)
    given: dict[str, Any] = {"name": _name(c)}
    extra = columns.extra_lines(cells)
    for field in TEXT_FIELDS:
        if field in c:
            given[field] = _text(c, field)
    phone, mobile = _text(c, "phone"), _text(c, "mobile")
    if phone or mobile:
        given["phone"] = phone or mobile
        if phone and mobile and phone_key(mobile) != phone_key(phone):
            extra.append(f"{_header(columns, 'mobile')}: {mobile}")
    if "temperature" in c:
        given["temperature"] = values.temperature(c["temperature"])
    if "status" in c:
        given["status"] = values.status(c["status"])
    if "source" in c:
        found = values.source(c["source"])
        given["source"] = Source.OTHER if found is None else found
        if found is None:
            extra.append(f"{_header(columns, 'source')}: {c['source']}")
    if "preferred_channel" in c:
        preferred = values.channel(c["preferred_channel"])
        if preferred is None:
            extra.append(f"{_header(columns, 'preferred_channel')}: {c['preferred_channel']}")
        else:
            given["preferred_channel"] = preferred
    for field in SCORE_FIELDS:
        if field in c:
            given[field] = values.whole(c[field], field, 0, 3)
    if "sequence_step" in c:
        given["sequence_step"] = values.whole(c["sequence_step"], "sequence step", 1, 6)
    if "promised" in c:
        given["promised"] = values.boolean(c["promised"], "promised")
    for field in LEAD_MOMENTS:
        if field in c:
            given[field] = values.moment(c[field], field.replace("_", " "), now, tz)
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
    )


def read_contact(
    row: int, cells: Sequence[str], columns: ColumnMap, now: DateTime, tz: str
) -> ContactValues:
    """Check a contact-log row; RowError says why it cannot be imported."""
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
    due = c.get("next_due")
    return ContactValues(
        row=row,
        lead_id=lead_id,
        lead_name=name,
        email_key=email_key(email),
        phone_key=phone_key(phone),
        name_key=name_key(name, c.get("company", "")) if name else "",
        has_company="company" in c,
        at=values.moment(c["at"], "date", now, tz),
        channel=values.required_channel(c["channel"]),
        direction=values.direction(c.get("direction", "")),
        outcome=values.outcome(c["outcome"]),
        note=_notes(columns.raw(cells, "note"), columns.extra_lines(cells)),
        next_step=_text(c, "next_step"),
        next_due=values.moment(due, "next due", now, tz) if due else None,
        cleaned=cleaned,
    )
