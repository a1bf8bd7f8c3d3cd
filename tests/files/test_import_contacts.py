"""Importing a contact log: finding each touch's lead, repeats, updates, history only."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadboard.actions.importing import Action, ImportOptions, import_file, plan_import
from leadboard.domain.model import Channel, Direction, LeadDraft, Outcome
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.files.test_import import FIXTURES, decisions, write


@pytest.fixture
def ann(store: LeadStore) -> int:
    """Ann Lee of Acme Corp, lead #1, with the email the contact log uses."""
    lead = store.add(
        LeadDraft(name="Ann Lee", company="Acme Corp", email="ann.lee@acme.example"), NOW
    )
    assert lead.id == 1
    return lead.id


def test_contact_log_matches_leads_and_skips_repeats(store: LeadStore, ann: int) -> None:
    plan = plan_import(FIXTURES / "contact_log.csv", store, ImportOptions(), now=NOW)
    assert plan.kind == "contacts"
    assert decisions(plan) == [
        (2, "create", "call, left message: Ann Lee (lead #1)", ""),
        (3, "create", "email, replied: Ann Lee (lead #1)", ""),
        (4, "skip", "email, replied: Ann Lee (lead #1)", "same as row 3"),
        (5, "reject", "", 'no lead matches "Zed Nobody"'),
        (
            6,
            "reject",
            "",
            'unknown channel "Fax"; use call, email, text, voicemail, postcard, social, '
            "video, meeting, other",
        ),
        (7, "create", "meeting, meeting booked: Ann Lee (lead #1)", ""),
    ]
    import_file(FIXTURES / "contact_log.csv", store, ImportOptions(), now=NOW)
    contacts = store.contacts(ann)
    assert [(c.channel, c.outcome, c.direction) for c in contacts] == [
        (Channel.MEETING, Outcome.MEETING_BOOKED, Direction.OUT),
        (Channel.EMAIL, Outcome.REPLIED, Direction.IN),
        (Channel.CALL, Outcome.LEFT_MESSAGE, Direction.OUT),
    ]
    lead = store.get(ann)
    assert lead.last_contact == contacts[0].at
    # History only: the follow-up rules did not run again (the file's dates stand).
    assert (lead.next_due, lead.sequence_step) == (NOW, 1)
    again = import_file(FIXTURES / "contact_log.csv", store, ImportOptions(), now=NOW)
    assert again.counts[Action.CREATE] == 0 and len(store.contacts(ann)) == 3


def test_contact_lead_by_id_name_and_ambiguity(store: LeadStore, tmp_path: Path) -> None:
    for name, company in (("Ann Lee", "Acme"), ("Sam Poe", "One"), ("Sam Poe", "Two")):
        store.add(LeadDraft(name=name, company=company), NOW)
    path = write(
        tmp_path,
        "lead_id,Lead Name,Company,Date,Channel,Outcome,Note\n"
        "1,Ann Lee,,2026-11-01,call,talked,by id\n"
        "2,Somebody Else,,2026-11-01,call,talked,id and name disagree\n"
        ",sam poe,,2026-11-02,email,no_answer,two leads\n"
        ",Sam Poe,TWO,2026-11-02,email,no_answer,company decides\n"
        "99,,,2026-11-02,email,no_answer,no such id\n",
    )
    result = import_file(path, store, ImportOptions(), now=NOW)
    assert decisions(result) == [
        (2, "create", "call, talked: Ann Lee (lead #1)", ""),
        (3, "reject", "", 'no lead matches "Somebody Else"'),
        (4, "reject", "", '2 leads match "sam poe"; give the lead\'s id, email or phone'),
        (5, "create", "email, no answer: Sam Poe (lead #3)", ""),
        (6, "reject", "", 'no lead matches "#99"'),
    ]


def test_contact_update_fills_the_note(store: LeadStore, ann: int, tmp_path: Path) -> None:
    line = "Lead,Date,Channel,Outcome,Note\nAnn Lee,2026-11-01 10:00,call,talked,{}\n"
    import_file(write(tmp_path, line.format("")), store, ImportOptions(), now=NOW)
    import_file(
        write(tmp_path, line.format("asked for a quote")),
        store,
        ImportOptions(on_duplicate="update"),
        now=NOW,
    )
    assert [c.note for c in store.contacts(ann)] == ["asked for a quote"]
