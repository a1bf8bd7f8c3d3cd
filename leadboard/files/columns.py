"""Which column holds which field: headers of leadboard's own exports and of common CRMs.

Headers are compared after normalizing (case, punctuation and spacing ignored),
so "First Name", "first_name" and "FIRST-NAME" are one header. A column no alias
claims is kept: its values go into the lead's notes as "Header: value" lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from leadboard.files.file_errors import FileError

LEADS, CONTACTS = "leads", "contacts"


def normalize_header(header: str) -> str:
    """'Person - Email - Work' -> 'person email work'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.casefold()).split())


def _aliases(table: Mapping[str, str]) -> dict[str, str]:
    """Expand {'field': 'alias, alias'} into {normalized alias: field}."""
    return {
        normalize_header(alias): name
        for name, aliases in table.items()
        for alias in aliases.split(",")
    }


LEAD_ALIASES = _aliases(
    {
        # Salesforce, HubSpot and Pipedrive spellings, then leadboard's own export keys.
        "name": "name, full name, person, person name, contact, contact name, lead name",
        "first_name": "first name, firstname, given name, person first name",
        "last_name": "last name, lastname, surname, family name, person last name",
        "company": "company, company name, organization, organisation, organization name, "
        "organisation name, org, account, account name, business",
        "title": "title, job title, position, role, person job title",
        "email": "email, e mail, email address, work email, person email, person email work, "
        "primary email",
        "phone": "phone, phone number, telephone, tel, work phone, business phone, "
        "person phone, person phone work",
        "mobile": "mobile, mobile phone, mobile phone number, cell, cell phone, "
        "person phone mobile",
        "temperature": "temperature, temp, rating, lead rating, label, lead label, heat",
        "status": "status, lead status",
        "source": "source, lead source, original source, origin",
        "referred_by": "referred by, referrer, referred",
        "preferred_channel": "preferred channel, contact preference, preferred contact method",
        "fit": "fit",
        "interest": "interest",
        "readiness": "readiness",
        "next_step": "next step, next action",
        "next_due": "next due, next follow up, follow up, follow up date, next follow up date, "
        "due, due date",
        "promised": "promised",
        "sequence_step": "sequence step",
        "notes": "notes, note, description, comments, comment, remarks",
        "owner": "owner, lead owner, contact owner, owner name, assigned to",
        "lost_reason": "lost reason, reason lost",
        "created_at": "created at, created, create date, created date, date created",
        "updated_at": "updated at",
        "last_contact": "last contact, last contacted, last contact date, last activity",
        "won_at": "won at",
        "lost_at": "lost at",
        "inactive_at": "inactive at",
        # Ids belong to the database the file came from; derived keys are recomputed.
        "": "id, score, overdue, due today, sequence label",
    }
)

CONTACT_ALIASES = _aliases(
    {
        "lead_id": "lead id",
        "name": "lead name, lead, name, full name, person, person name, contact, contact name",
        "email": "lead email, email, e mail, email address, person email",
        "phone": "lead phone, phone, phone number, person phone",
        "company": "lead company, company, company name, organization, organisation",
        "at": "at, when, date, contact date, activity date, date time, time, timestamp",
        "channel": "channel, type, activity type, medium, how",
        "direction": "direction",
        "outcome": "outcome, result, disposition",
        "note": "note, notes, comment, comments, description, summary",
        "next_step": "next step, next action",
        "next_due": "next due, next follow up, follow up, follow up date, due",
        "": "id",
    }
)

FIELD_LABELS = {"": "(ignored)", "first_name": "name (first)", "last_name": "name (last)"}
"""How the preview names a field, where its key would read oddly."""


@dataclass(frozen=True)
class ColumnMap:
    """Where each field is in a row, and the columns whose values go into notes."""

    kind: str
    headers: tuple[str, ...]
    fields: Mapping[str, int]
    extras: tuple[tuple[int, str], ...]
    ignored: tuple[int, ...] = ()

    def present(self, cells: Sequence[str]) -> dict[str, str]:
        """{field: trimmed cell} for the fields this row fills (one pass: the import's hot path)."""
        width = len(cells)
        found: dict[str, str] = {}
        for name, index in self.fields.items():
            if index < width and (value := cells[index].strip()):
                found[name] = value
        return found

    def raw(self, cells: Sequence[str], name: str) -> str:
        """The field's cell untrimmed (notes keep their own spacing)."""
        index = self.fields.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def extra_lines(self, cells: Sequence[str]) -> list[str]:
        """'Header: value' for each non-empty cell no field claims (cells past the header too)."""
        lines = [
            f"{header}: {cells[index].strip()}"
            for index, header in self.extras
            if index < len(cells) and cells[index].strip()
        ]
        lines.extend(
            f"Column {index + 1}: {cell.strip()}"
            for index, cell in enumerate(cells[len(self.headers) :], start=len(self.headers))
            if cell.strip()
        )
        return lines

    def described(self) -> list[tuple[str, str]]:
        """(header, what it fills) for every column, in file order, for the preview."""
        used = {index: name for name, index in self.fields.items()}
        extra = {index for index, _ in self.extras}
        rows: list[tuple[str, str]] = []
        for index, header in enumerate(self.headers):
            if index in used:
                rows.append((header, FIELD_LABELS.get(used[index], used[index])))
            elif index in extra:
                rows.append((header, "notes" if self.kind == LEADS else "note"))
            else:
                rows.append((header, FIELD_LABELS[""]))
        return rows


def detect_kind(headers: Iterable[str]) -> str:
    """A contact log has a date column and a channel or outcome column; anything else is leads."""
    found = {CONTACT_ALIASES.get(normalize_header(header)) for header in headers}
    return CONTACTS if "at" in found and ({"channel", "outcome"} & found) else LEADS


def map_columns(headers: Sequence[str], kind: str) -> ColumnMap:
    """Match headers to fields; FileError when the file lacks what every row needs."""
    aliases = LEAD_ALIASES if kind == LEADS else CONTACT_ALIASES
    fields: dict[str, int] = {}
    extras: list[tuple[int, str]] = []
    ignored: list[int] = []
    for index, header in enumerate(headers):
        name = aliases.get(normalize_header(header))
        if name == "":
            ignored.append(index)
        elif name is not None and name not in fields:
            fields[name] = index
        else:
            # A second column for a field already taken is kept too, in the notes.
            extras.append((index, header.strip() or f"Column {index + 1}"))
    columns = ColumnMap(kind, tuple(headers), fields, tuple(extras), tuple(ignored))
    _check(columns)
    return columns


def _check(columns: ColumnMap) -> None:
    """Refuse a file whose rows could never be imported."""
    have = set(columns.fields)
    if columns.kind == LEADS and not have & {"name", "first_name", "last_name"}:
        raise FileError(
            "no name column: the header needs Name, or First Name and Last Name "
            "(also understood: Full Name, Person, Contact Name, Lead Name)"
        )
    if columns.kind == CONTACTS:
        if not have & {"lead_id", "name", "email", "phone"}:
            raise FileError(
                "a contact log needs a column naming the lead: lead_id, Lead Name, Email or Phone"
            )
        words = {"at": "date", "channel": "channel", "outcome": "outcome"}
        missing = [word for name, word in words.items() if name not in have]
        if missing:
            raise FileError(
                f"a contact log needs date, channel and outcome columns (missing: "
                f"{', '.join(missing)})"
            )
