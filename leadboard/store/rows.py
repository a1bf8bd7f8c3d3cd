"""Rows of the lead and contact tables as domain objects, and back: the store's one mapping."""

from __future__ import annotations

from typing import Any, cast

import peewee
from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import (
    TEMPERATURES,
    Channel,
    Contact,
    Direction,
    Lead,
    Outcome,
    Source,
    Status,
)
from leadboard.store.schema import ContactRow, LeadRow

LEAD_FIELDS = (
    LeadRow.id,
    LeadRow.name,
    LeadRow.company,
    LeadRow.title,
    LeadRow.email,
    LeadRow.phone,
    LeadRow.preferred_channel,
    LeadRow.source,
    LeadRow.referred_by,
    LeadRow.temperature,
    LeadRow.status,
    LeadRow.fit,
    LeadRow.interest,
    LeadRow.readiness,
    LeadRow.next_step,
    LeadRow.next_due,
    LeadRow.promised,
    LeadRow.sequence_step,
    LeadRow.notes,
    LeadRow.owner,
    LeadRow.lost_reason,
    LeadRow.created_at,
    LeadRow.updated_at,
    LeadRow.last_contact,
    LeadRow.won_at,
    LeadRow.lost_at,
    LeadRow.inactive_at,
)

CONTACT_FIELDS = (
    ContactRow.id,
    ContactRow.lead,
    ContactRow.at,
    ContactRow.channel,
    ContactRow.direction,
    ContactRow.outcome,
    ContactRow.note,
    ContactRow.next_step,
    ContactRow.next_due,
)


def lead_from_row(row: tuple[Any, ...]) -> Lead:
    """Build a Lead from a row of LEAD_FIELDS (UtcField has already made the DateTimes)."""
    return Lead(
        id=row[0],
        name=row[1],
        company=row[2],
        title=row[3],
        email=row[4],
        phone=row[5],
        preferred_channel=Channel(row[6]) if row[6] else None,
        source=Source(row[7]) if row[7] else None,
        referred_by=row[8],
        temperature=TEMPERATURES[row[9]],
        status=Status(row[10]),
        fit=row[11],
        interest=row[12],
        readiness=row[13],
        next_step=row[14],
        next_due=row[15],
        promised=bool(row[16]),
        sequence_step=row[17],
        notes=row[18],
        owner=row[19],
        lost_reason=row[20],
        created_at=row[21],
        updated_at=row[22],
        last_contact=row[23],
        won_at=row[24],
        lost_at=row[25],
        inactive_at=row[26],
    )


def rows(query: peewee.BaseQuery) -> list[tuple[Any, ...]]:
    """Run a query for plain tuples (Peewee's stubs type them as model rows)."""
    return cast(list[tuple[Any, ...]], list(query.tuples()))


def contact_from_row(row: tuple[Any, ...]) -> Contact:
    return Contact(
        id=row[0],
        lead_id=row[1],
        at=row[2],
        channel=Channel(row[3]),
        direction=Direction(row[4]),
        outcome=Outcome(row[5]),
        note=row[6],
        next_step=row[7],
        next_due=row[8],
    )


def utc_text(moment: DateTime | None) -> str | None:
    return None if moment is None else to_utc_text(moment)


def lead_values(lead: Lead) -> dict[Any, Any]:
    """Column values for a lead, with the derived keys and score."""
    return {
        LeadRow.name: lead.name,
        LeadRow.company: lead.company,
        LeadRow.title: lead.title,
        LeadRow.email: lead.email,
        LeadRow.phone: lead.phone,
        LeadRow.email_key: email_key(lead.email),
        LeadRow.phone_key: phone_key(lead.phone),
        LeadRow.preferred_channel: lead.preferred_channel.value if lead.preferred_channel else None,
        LeadRow.source: lead.source.value if lead.source else None,
        LeadRow.referred_by: lead.referred_by,
        LeadRow.temperature: lead.temperature.rank,
        LeadRow.status: lead.status.value,
        LeadRow.fit: lead.fit,
        LeadRow.interest: lead.interest,
        LeadRow.readiness: lead.readiness,
        LeadRow.score: lead.score,
        LeadRow.next_step: lead.next_step,
        LeadRow.next_due: utc_text(lead.next_due),
        LeadRow.promised: lead.promised,
        LeadRow.sequence_step: lead.sequence_step,
        LeadRow.notes: lead.notes,
        LeadRow.owner: lead.owner,
        LeadRow.lost_reason: lead.lost_reason,
        LeadRow.created_at: utc_text(lead.created_at),
        LeadRow.updated_at: utc_text(lead.updated_at),
        LeadRow.last_contact: utc_text(lead.last_contact),
        LeadRow.won_at: utc_text(lead.won_at),
        LeadRow.lost_at: utc_text(lead.lost_at),
        LeadRow.inactive_at: utc_text(lead.inactive_at),
    }


def search_clause(text: str) -> peewee.Expression:
    """Leads whose name, company, email, phone or notes contain the text (any case)."""
    return (
        LeadRow.name.contains(text)
        | LeadRow.company.contains(text)
        | LeadRow.email.contains(text)
        | LeadRow.phone.contains(text)
        | LeadRow.notes.contains(text)
    )
