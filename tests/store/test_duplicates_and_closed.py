"""The store refuses a likely twin when asked to, and a contact on a lead closed meanwhile."""

from __future__ import annotations

import pytest
from pendulum import DateTime

from leadboard.domain.model import Channel, LeadDraft, Outcome, Status
from leadboard.store.errors import LeadClosed, LikelyDuplicate
from leadboard.store.leads import LeadStore


def test_likely_duplicates_by_email_phone_or_name_and_company(
    store: LeadStore, now: DateTime
) -> None:
    first = store.add(
        LeadDraft("Hannah Brown", company="Sunset Wedding Co.", email="H@Sunset.example"), now
    )
    phoned = store.add(LeadDraft("Rita Moss", phone="+44 7785 842929"), now)
    store.set_status(phoned.id or 0, Status.LOST, now, "price")
    by_name = "same name and company"
    cases = [
        (LeadDraft("HANNAH BROWN", company="sunset wedding co."), first.id, by_name),
        (LeadDraft("Someone", email=" h@sunset.EXAMPLE "), first.id, "same email"),
        (LeadDraft("Other", phone="07785842929"), phoned.id, "same phone"),
    ]
    for draft, twin, why in cases:
        with pytest.raises(LikelyDuplicate) as caught:
            store.add(draft, now, allow_duplicate=False)
        [match] = caught.value.twins
        assert (match.lead_id, match.why) == (twin, why)
    assert "(lost; same phone)" in LikelyDuplicate("x", [match]).twins[0].describe()
    assert store.count() == 2  # nothing was added
    # Another Hannah Brown elsewhere, or the same one when the rep insists, is added.
    store.add(LeadDraft("Hannah Brown", company="Other Co"), now, allow_duplicate=False)
    store.add(LeadDraft("Hannah Brown", company="Sunset Wedding Co."), now)
    assert store.count() == 4


def test_a_contact_on_a_lead_closed_since_is_refused(store: LeadStore, now: DateTime) -> None:
    lead = store.add(LeadDraft("Emma Hughes"), now)
    assert lead.id is not None
    store.set_status(lead.id, Status.LOST, now, "budget")
    with pytest.raises(LeadClosed, match="Emma Hughes was marked lost by another leadboard"):
        store.log_contact(
            lead.id,
            channel=Channel.CALL,
            outcome=Outcome.TALKED,
            now=now,
            expect_status=Status.ACTIVE,
        )
    assert store.contacts(lead.id) == []
    # Without an expectation (a rep logging on a closed lead on purpose) it is recorded.
    store.log_contact(lead.id, channel=Channel.CALL, outcome=Outcome.TALKED, now=now)
    assert len(store.contacts(lead.id)) == 1
