"""Every lead and every contact, in id order and in pages, for exports of any size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.domain.dates import from_utc_text, to_utc_text
from leadboard.domain.model import Channel, Contact, Direction, Lead, Outcome, Status
from leadboard.store.database import translated_errors
from leadboard.store.leads import LeadStore
from leadboard.store.rows import LEAD_FIELDS, lead_from_row, rows
from leadboard.store.schema import LeadRow

PAGE = 1000
"""Rows per query: pages by id keep memory flat and each query short."""

_CONTACTS = """
    SELECT c.id, c.lead_id, c.at, c.channel, c.direction, c.outcome, c.note, c.next_step,
           c.next_due, l.name, l.company, l.email, l.phone
    FROM contact c JOIN lead l ON l.id = c.lead_id
    WHERE c.id > ? ORDER BY c.id LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class LoggedContact:
    """A contact with what names its lead in an export (so a re-import finds the lead)."""

    contact: Contact
    lead_name: str
    lead_company: str
    lead_email: str
    lead_phone: str


def count_contacts(store: LeadStore) -> int:
    """How many contacts there are (for a progress bar)."""
    with translated_errors():
        return int(store.db.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0])


def iter_leads(
    store: LeadStore, page: int = PAGE, due_by: DateTime | None = None
) -> Iterator[Lead]:
    """Every lead (all statuses) by id, in one snapshot; or only active ones due by `due_by`."""
    with translated_errors(), store.db.atomic(lock_type="DEFERRED"):
        after = 0
        while True:
            query = (
                LeadRow.select(*LEAD_FIELDS)
                .where(LeadRow.id > after)
                .order_by(LeadRow.id)
                .limit(page)
            )
            if due_by is not None:
                query = query.where(
                    (LeadRow.status == Status.ACTIVE.value)
                    & (LeadRow.next_due <= to_utc_text(due_by))
                )
            found = rows(query)
            for row in found:
                yield lead_from_row(row)
            if len(found) < page:
                return
            after = found[-1][0]


def iter_contacts(store: LeadStore, page: int = PAGE) -> Iterator[LoggedContact]:
    """Every contact with its lead's name, company, email and phone, by id, in one snapshot."""
    with translated_errors(), store.db.atomic(lock_type="DEFERRED"):
        after = 0
        while True:
            rows = store.db.execute_sql(_CONTACTS, (after, page)).fetchall()
            for row in rows:
                contact = Contact(
                    id=row[0],
                    lead_id=row[1],
                    at=from_utc_text(row[2]),
                    channel=Channel(row[3]),
                    direction=Direction(row[4]),
                    outcome=Outcome(row[5]),
                    note=row[6],
                    next_step=row[7],
                    next_due=None if row[8] is None else from_utc_text(row[8]),
                )
                yield LoggedContact(contact, row[9], row[10], row[11], row[12])
            if len(rows) < page:
                return
            after = rows[-1][0]
