"""The one lead-row mapping: a field added in one place but not the others fails here."""

from __future__ import annotations

import dataclasses
import random

import pendulum

from leadboard.actions.demo.leads import DemoLeads
from leadboard.domain.followup import Policy
from leadboard.domain.model import (
    Channel,
    Contact,
    Direction,
    Lead,
    LeadDraft,
    Outcome,
    Source,
    Status,
    Temperature,
)
from leadboard.files.shapes import CONTACT_KEYS, LEAD_KEYS
from leadboard.store.lead_columns import (
    CONTACT_COLUMNS,
    DERIVED_LEAD_COLUMNS,
    LEAD_COLUMNS,
    contact_from_record,
    contact_record,
    lead_from_record,
    lead_record,
)
from leadboard.store.leads import LeadStore
from leadboard.store.schema import LeadRow
from tests.conftest import NOW

LEAD_FIELDS = {field.name for field in dataclasses.fields(Lead)}

JSON_ONLY_KEYS = {"score", "overdue", "due_today", "sequence_label"}
"""Keys of the JSON shape worked out for scripts, not stored as typed."""

KEPT_BY_LEADBOARD = {
    "id",
    "version",
    "status",
    "sequence_step",
    "lost_reason",
    "created_at",
    "updated_at",
    "last_contact",
    "won_at",
    "lost_at",
    "inactive_at",
}
"""Lead fields the rules keep, that a rep never types into the lead form."""


def full_lead() -> Lead:
    """A lead with every field set away from its default."""
    at = pendulum.datetime(2026, 11, 20, 9, 30, tz="UTC")
    return Lead(
        id=7,
        name="Zoë Martin",
        created_at=at.subtract(days=30),
        company="Acme",
        title="Owner",
        email="Zoe@Example.com",
        phone="+33 6 12 34 56 78",
        preferred_channel=Channel.TEXT,
        source=Source.REFERRAL,
        referred_by="Ann",
        temperature=Temperature.WARM,
        status=Status.LOST,
        fit=1,
        interest=2,
        readiness=3,
        next_step="Call back",
        next_due=at.add(days=2),
        promised=True,
        sequence_step=4,
        notes="Likes mornings",
        owner="sam",
        lost_reason="price",
        updated_at=at,
        last_contact=at.subtract(days=1),
        won_at=at.subtract(days=2),
        lost_at=at.subtract(days=3),
        inactive_at=at.subtract(days=4),
    )


def test_lead_fields_and_columns_and_record_keys_agree() -> None:
    assert LEAD_COLUMNS[0] == "id"
    assert set(LEAD_COLUMNS) - set(DERIVED_LEAD_COLUMNS) == LEAD_FIELDS
    assert set(lead_record(full_lead())) == set(LEAD_COLUMNS) - {"id"}
    assert [field.column_name for field in LeadRow._meta.sorted_fields] == list(LEAD_COLUMNS)


def test_json_shape_has_every_lead_field() -> None:
    assert set(LEAD_KEYS) - JSON_ONLY_KEYS == LEAD_FIELDS
    assert set(CONTACT_KEYS) == {field.name for field in dataclasses.fields(Contact)} - {"lead_id"}


def test_the_draft_has_every_field_a_rep_types() -> None:
    draft = {field.name for field in dataclasses.fields(LeadDraft)}
    assert draft == LEAD_FIELDS - KEPT_BY_LEADBOARD


def test_a_record_reads_back_as_the_same_lead() -> None:
    lead = full_lead()
    record = lead_record(lead)
    assert record["email_key"] == "zoe@example.com"
    assert record["phone_key"] == "612345678"
    assert record["score"] == 6
    assert record["temperature"] == Temperature.WARM.rank
    assert record["next_due"] == "2026-11-22T09:30:00Z"
    assert lead_from_record({**record, "id": lead.id}) == lead


def test_every_field_survives_the_database(store: LeadStore) -> None:
    lead = full_lead()
    with store.db.bind_ctx([LeadRow]):
        LeadRow.insert({**lead_record(lead), "id": lead.id}).execute()
    assert store.get(7) == lead


def test_contact_columns_and_record_agree() -> None:
    contact = Contact(
        lead_id=3,
        at=NOW,
        channel=Channel.CALL,
        outcome=Outcome.TALKED,
        direction=Direction.IN,
        note="hi",
        next_step="send quote",
        next_due=NOW.add(days=1),
        id=9,
    )
    record = contact_record(contact, session_id=2)
    assert set(record) == set(CONTACT_COLUMNS) - {"id"}
    assert record["session_id"] == 2
    assert contact_from_record({**record, "id": 9}) == contact


def test_demo_records_have_exactly_the_stored_columns() -> None:
    demo = DemoLeads(random.Random(1), NOW, Policy())
    leads, contacts, _ = demo.batch(1, 50)
    assert all(set(row) == set(LEAD_COLUMNS) for row in leads)
    assert contacts and all(set(row) == set(CONTACT_COLUMNS) - {"id"} for row in contacts)


def test_the_moment_fields_are_exactly_the_leads_datetimes() -> None:
    """LEAD_MOMENTS drives how files read and the store writes times; it must not drift."""
    from leadboard.domain.model import LEAD_MOMENTS

    moments = {f.name for f in dataclasses.fields(Lead) if "DateTime" in str(f.type)}
    assert set(LEAD_MOMENTS) == moments
    assert len(LEAD_MOMENTS) == len(moments)
