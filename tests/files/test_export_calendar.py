"""Exports Excel opens, the export -> import -> export round trip, and the follow-up calendar."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from leadboard.actions.importing import Action, ImportOptions, import_file
from leadboard.cli.files import export_rows
from leadboard.domain.followup import Policy
from leadboard.domain.model import Channel, Direction, LeadDraft, Outcome, Status, Temperature
from leadboard.files.calendar import event_start, follow_up_calendar
from leadboard.files.export import (
    export_format,
    new_file,
    write_csv,
    write_json,
)
from leadboard.files.file_errors import FileError
from leadboard.store.database import open_database
from leadboard.store.exporting import count_contacts, iter_leads
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.exported import without_versions

TZ = "Europe/Paris"


def seed(store: LeadStore) -> None:
    """Leads in every status, with the awkward text a CRM export carries, and their contacts."""
    drafts = [
        LeadDraft(name="Ann Lee", company="Acme, Inc.", email="ann@acme.example",
                  phone="+33 6 12 34 56 78", temperature=Temperature.HOT, fit=3, interest=2,
                  readiness=1, next_step='Send the "gold" quote', notes="line 1\nline 2; ok",
                  next_due=NOW.add(days=2), promised=True, owner="Sam",
                  value=4230050, tags=("big-deal", "vip")),
        LeadDraft(name="=HYPERLINK(\"http://evil\")", notes="@SUM(A1) and -2"),
        LeadDraft(name="Zoë Ørsted 王", company="Fleurs", temperature=Temperature.COLD),
        LeadDraft(name="Won Deal", temperature=Temperature.WARM, value=1200000),
        LeadDraft(name="Lost Deal", temperature=Temperature.COOL),
        LeadDraft(name="Gone Quiet", temperature=Temperature.COLD),
    ]  # fmt: skip
    ids = [store.add(draft, NOW.subtract(days=30)).id for draft in drafts]
    assert ids == [1, 2, 3, 4, 5, 6]
    store.log_contact(1, channel=Channel.CALL, outcome=Outcome.NO_ANSWER, now=NOW.subtract(days=3))
    store.log_contact(
        1,
        channel=Channel.EMAIL,
        outcome=Outcome.REPLIED,
        direction=Direction.IN,
        note='She wrote: "yes, but"\nnext week',
        now=NOW.subtract(days=1),
    )
    store.log_contact(3, channel=Channel.POSTCARD, outcome=Outcome.NO_ANSWER, now=NOW)
    store.set_status(4, Status.WON, NOW.subtract(days=2))
    store.set_status(5, Status.LOST, NOW.subtract(days=2), "budget, again")
    store.set_status(6, Status.INACTIVE, NOW.subtract(days=2))


def export(store: LeadStore, path: Path, contacts: bool = False, as_json: bool = False) -> None:
    """What `leadboard export` writes."""
    keys, _, rows = export_rows(store, contacts, NOW, TZ)
    with new_file(path, force=True) as handle:
        (write_json(handle, rows) if as_json else write_csv(handle, keys, rows))


@pytest.fixture
def seeded(store: LeadStore) -> LeadStore:
    """The store, seeded."""
    seed(store)
    return store


def test_csv_is_what_excel_expects(seeded: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    export(seeded, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name,company,")
    lines = data.split(b"\r\n")
    assert len(lines) == 1 + 6 + 1 and lines[-1] == b""  # CRLF records; quoted LF stays inside
    text = data.decode("utf-8-sig")
    assert '"line 1\nline 2; ok"' in text
    assert "2026-11-25T10:00:00+01:00" in text  # ISO dates with the user's offset
    assert "'=HYPERLINK" in text and "'@SUM(A1) and -2" in text
    assert ",+33 6 12 34 56 78," in text and "Zoë Ørsted 王" in text


def test_json_export(seeded: LeadStore, tmp_path: Path) -> None:
    path = tmp_path / "leads.json"
    export(seeded, path, as_json=True)
    leads = json.loads(path.read_text(encoding="utf-8"))
    assert [lead["id"] for lead in leads] == [1, 2, 3, 4, 5, 6]
    assert leads[1]["name"] == '=HYPERLINK("http://evil")'  # JSON needs no defusing
    assert {lead["status"] for lead in leads} == {"active", "won", "lost", "inactive"}
    export(seeded, path, contacts=True, as_json=True)
    contacts = json.loads(path.read_text(encoding="utf-8"))
    assert [(c["lead_id"], c["lead_name"], c["channel"]) for c in contacts] == [
        (1, "Ann Lee", "call"),
        (1, "Ann Lee", "email"),
        (3, "Zoë Ørsted 王", "postcard"),
    ]
    assert count_contacts(seeded) == 3


def test_export_then_import_into_an_empty_database_gives_the_same_files(
    seeded: LeadStore, tmp_path: Path
) -> None:
    first_leads, first_contacts = tmp_path / "leads.csv", tmp_path / "contacts.csv"
    export(seeded, first_leads)
    export(seeded, first_contacts, contacts=True)

    fresh = LeadStore(open_database(str(tmp_path / "fresh.db")), Policy(tz=TZ))
    try:
        leads = import_file(first_leads, fresh, ImportOptions(), now=NOW)
        contacts = import_file(first_contacts, fresh, ImportOptions(), now=NOW)
        assert (leads.counts[Action.CREATE], contacts.counts[Action.CREATE]) == (6, 3)
        assert not leads.rejected and not contacts.rejected
        second_leads, second_contacts = tmp_path / "leads2.csv", tmp_path / "contacts2.csv"
        export(fresh, second_leads)
        export(fresh, second_contacts, contacts=True)
        assert fresh.counts() == seeded.counts()
    finally:
        fresh.close()
    assert without_versions(second_leads) == without_versions(first_leads)
    assert second_contacts.read_text(encoding="utf-8") == first_contacts.read_text(encoding="utf-8")


def test_new_file_refuses_to_overwrite_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("mine")
    with (
        pytest.raises(FileError, match="already exists; --force replaces it"),
        new_file(path, force=False),
    ):
        pass
    with pytest.raises(RuntimeError), new_file(path, force=True) as handle:
        handle.write("partial")
        raise RuntimeError("disk full")
    assert path.read_text() == "mine" and list(tmp_path.iterdir()) == [path]
    assert export_format(tmp_path / "x.JSON", None) == "json"
    assert export_format(tmp_path / "x.txt", None) == "csv"
    with pytest.raises(FileError, match="csv or json, not table"):
        export_format(path, "table")


# -- calendar --------------------------------------------------------------------------


def test_calendar_parses_back_with_the_right_events(seeded: LeadStore) -> None:
    seeded.add(LeadDraft(name="Far Future", next_due=NOW.add(days=90)), NOW)
    horizon = NOW.add(days=30)
    data, count = follow_up_calendar(iter_leads(seeded, due_by=horizon), NOW, TZ)
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    # Active leads due within the horizon: not the won, lost or inactive ones, nor lead 3
    # (cold, touched today: due in 60 days) or the far-future one.
    assert set(events) == {"lead-1@leadboard", "lead-2@leadboard"}
    assert count == 2
    ann = events["lead-1@leadboard"]
    assert str(ann["summary"]) == "Follow up: Ann Lee (hot)"
    assert ann.decoded("dtstart").isoformat() == "2026-11-25T09:00:00+00:00"
    assert ann.decoded("duration").total_seconds() == 30 * 60
    description = str(ann["description"])
    assert 'Next step: Send the "gold" quote' in description
    assert "Phone: +33 6 12 34 56 78" in description and "Email: ann@acme.example" in description
    assert description.endswith("leadboard lead #1 (leadboard show 1)")
    assert str(ann["x-leadboard-lead-id"]) == "1"
    assert [str(c) for c in ann.get("categories").cats] == ["leadboard", "hot"]
    assert b"\r\n" in data and calendar["prodid"] == "-//leadboard//leadboard follow-ups//EN"


def test_overdue_follow_ups_move_to_the_next_slot() -> None:
    overdue = NOW.subtract(days=3)  # NOW is Monday 09:00 UTC = 10:00 in Paris
    assert event_start(overdue, NOW, "America/New_York").isoformat() == "2026-11-23T14:00:00+00:00"
    assert event_start(overdue, NOW, TZ).isoformat() == "2026-11-23T09:15:00+00:00"
    assert event_start(NOW.add(hours=1), NOW, TZ) == NOW.add(hours=1)


def test_calendar_text_has_no_control_characters(store: LeadStore) -> None:
    store.add(LeadDraft(name="Evil\x1b[2J\x07 [b]name[/b]", next_step="a\x00b"), NOW)
    data, _ = follow_up_calendar(iter_leads(store, due_by=NOW.add(days=1)), NOW, TZ)
    event = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert str(event["summary"]) == "Follow up: Evil [b]name[/b] (cool)"
    assert b"\x1b" not in data and b"\x00" not in data and b"\x07" not in data
