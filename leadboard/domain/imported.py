"""A spreadsheet row once checked, and the lead it makes or fills: the import's rules.

The file formats (leadboard.files) turn cells into these values; the import use
case (leadboard.actions.importing) decides what to do with each; the store
writes the Lead these rules return. Revive and close are domain.followup's
with_status, as on the board.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from pendulum import DateTime

from leadboard.domain.followup import due_for_new_lead, with_status
from leadboard.domain.model import Channel, Contact, Direction, Lead, Outcome, Status
from leadboard.domain.tags import TAGS_MAX

CLOSED_AT = {Status.WON: "won_at", Status.LOST: "lost_at", Status.INACTIVE: "inactive_at"}
"""The moment each closed status stamps on a lead."""

# What a duplicate row fills on the lead as the file says; notes, status, the due
# date and last contact follow their own rules below.
_FILLED = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "preferred_channel",
    "source",
    "referred_by",
    "temperature",
    "fit",
    "interest",
    "readiness",
    "next_step",
    "sequence_step",
    "owner",
    "lost_reason",
    "value",
)


@dataclass(slots=True)
class LeadValues:
    """One lead row, checked: the fields it gives, and the keys that find its duplicates."""

    row: int
    given: dict[str, Any]
    """Lead field name -> value, for the fields the row's cells fill (domain types)."""
    email_key: str
    phone_key: str
    name_key: str
    """Name + company key; empty without a company (a name alone is too weak to merge on)."""
    cleaned: int = 0
    """Cells of the row that held control characters, removed (text.clean_input)."""
    warnings: tuple[str, ...] = ()
    """Short reasons the row imported with a value kept aside or doubtful: 'email "x" ...; kept'."""

    @property
    def name(self) -> str:
        """The lead's name."""
        return str(self.given["name"])


@dataclass(slots=True)
class ContactValues:
    """One contact-log row, checked: how to find its lead, and the touch itself."""

    row: int
    lead_id: int | None
    lead_name: str
    email_key: str
    phone_key: str
    name_key: str
    """Name + company when the row gives a company, else the name alone: name_key(name, '')."""
    at: DateTime
    channel: Channel
    direction: Direction
    outcome: Outcome
    note: str
    next_step: str
    next_due: DateTime | None
    has_company: bool = False
    cleaned: int = 0
    """Cells of the row that held control characters, removed (text.clean_input)."""
    warnings: tuple[str, ...] = ()
    """Short reasons the row imported with a value kept aside or doubtful (as LeadValues')."""

    def contact(self, lead_id: int) -> Contact:
        """The touch as a Contact of this lead."""
        return Contact(
            lead_id=lead_id,
            at=self.at,
            channel=self.channel,
            outcome=self.outcome,
            direction=self.direction,
            note=self.note,
            next_step=self.next_step,
            next_due=self.next_due,
        )


def name_key(name: str, company: str) -> str:
    """'jane doe|acme inc' for 'Jane  Doe', 'ACME, Inc.': the close name + company match."""
    return f"{_loose(name)}|{_loose(company)}"


_NOT_WORD = re.compile(r"[\W_]+")


def _loose(text: str) -> str:
    """Case, compatibility forms, punctuation and spacing ignored."""
    folded = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def merged_notes(old: str, new: str) -> str:
    """Notes from the file join the lead's own; the same text twice is kept once."""
    if not old:
        return new
    if new in old:
        return old
    return f"{old}\n\n{new}"


def merged_tags(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """A file's tags join the lead's own: a tag the rep gave on the board is never dropped.

    Past TAGS_MAX, the lead's own come first and the file's fill what room is left.
    """
    added = [tag for tag in new if tag not in old]
    return tuple(sorted((*old, *added[: max(0, TAGS_MAX - len(old))])))


def new_lead(row: LeadValues, now: DateTime, due_now: DateTime | None = None) -> Lead:
    """The lead a new row makes: defaults for what it leaves out, due now unless it says when.

    `due_now` is due_for_new_lead(now), which a caller making many leads computes
    once. A closed status is applied as on the board (not due, stamped when the
    row was last updated) unless the row gives the stamp itself.
    """
    given = row.given
    status: Status = given.get("status", Status.ACTIVE)
    updated_at: DateTime = given.get("updated_at", now)
    dated = "next_due" in given
    if not dated and due_now is None:
        due_now = due_for_new_lead(now)
    fields = given | {
        "status": Status.ACTIVE,
        "created_at": given.get("created_at", now),
        "updated_at": updated_at,
        "next_due": given["next_due"] if dated else due_now,
        "promised": dated and bool(given.get("promised")),
    }
    lead = Lead(**fields)
    if status is Status.ACTIVE:
        return lead
    closed = with_status(lead, status, updated_at, lead.lost_reason)
    stamp = CLOSED_AT[status]
    return replace(closed, **{stamp: given[stamp]}) if stamp in given else closed


def filled_lead(old: Lead, row: LeadValues, now: DateTime) -> Lead:
    """A lead filled from a duplicate row: an empty cell erases nothing, the file's dates stand.

    A changed status is revived or closed as on the board (domain.followup.with_status),
    then the row's own next due (for an active lead) and closing dates are kept.
    """
    given = row.given
    updated_at = given.get("updated_at", now)
    changes = {name: given[name] for name in _FILLED if name in given}
    if "notes" in given:
        changes["notes"] = merged_notes(old.notes, given["notes"])
    if "tags" in given:
        # A union: the file's tags join the lead's, a rep's own tag is never taken away.
        changes["tags"] = merged_tags(old.tags, given["tags"])
    moment = given.get("last_contact")
    if moment is not None and (old.last_contact is None or moment > old.last_contact):
        changes["last_contact"] = moment
    lead = replace(old, **changes, updated_at=updated_at)
    status: Status = given.get("status", old.status)
    if status is not old.status:
        lead = replace(with_status(lead, status, now, lead.lost_reason), updated_at=updated_at)
    if status is Status.ACTIVE and "next_due" in given:
        lead = replace(lead, next_due=given["next_due"], promised=bool(given.get("promised")))
    stamps = {name: given[name] for name in CLOSED_AT.values() if name in given}
    return replace(lead, **stamps) if stamps else lead
