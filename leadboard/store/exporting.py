"""Every lead and every contact, in id order and in pages, for exports of any size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pendulum import DateTime

from leadboard.domain.dates import to_utc_text
from leadboard.domain.model import Contact, Lead, Status
from leadboard.store.database import translated_errors
from leadboard.store.dialect import read_transaction
from leadboard.store.lead_columns import CONTACT_COLUMNS, LEAD_FIELDS, contact_from_record
from leadboard.store.lead_queries import named_rows, read_leads
from leadboard.store.leads import LeadStore
from leadboard.store.schema import LeadRow

PAGE = 1000
"""Rows per query: pages by id keep memory flat and each query short."""

_CONTACTS = f"""
    SELECT {", ".join(f"c.{column}" for column in CONTACT_COLUMNS)},
           l.name AS lead_name, l.company AS lead_company, l.email AS lead_email,
           l.phone AS lead_phone
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
    with translated_errors(store.db):
        return int(store.db.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0])


def iter_leads(
    store: LeadStore, page: int = PAGE, due_by: DateTime | None = None
) -> Iterator[Lead]:
    """Every lead (all statuses) by id, in one snapshot; or only active ones due by `due_by`."""
    with translated_errors(store.db), read_transaction(store.db):
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
            found = read_leads(query)
            yield from found
            if len(found) < page:
                return
            after = found[-1].id or 0


def iter_contacts(store: LeadStore, page: int = PAGE) -> Iterator[LoggedContact]:
    """Every contact with its lead's name, company, email and phone, by id, in one snapshot."""
    with translated_errors(store.db), read_transaction(store.db):
        after = 0
        while True:
            rows = named_rows(store.db.execute_sql(_CONTACTS, (after, page)))
            for row in rows:
                yield LoggedContact(
                    contact_from_record(row),
                    lead_name=row["lead_name"],
                    lead_company=row["lead_company"],
                    lead_email=row["lead_email"],
                    lead_phone=row["lead_phone"],
                )
            if len(rows) < page:
                return
            after = rows[-1]["id"]
