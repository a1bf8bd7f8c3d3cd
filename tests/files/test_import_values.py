"""Import values (issue 13, point 2): dates, CRM statuses, JSON-list cells, odd emails, phones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
import pytest

from leadboard.actions.importing import Action, ImportOptions, apply_import, plan_import
from leadboard.domain.model import Lead, Status, Temperature
from leadboard.files import status_map
from leadboard.files.file_dates import infer_orders, read_date
from leadboard.files.file_errors import RowError
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def write(tmp_path: Path, text: str, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(store: LeadStore, path: Path, **options: Any) -> tuple[list[Lead], Any, Any]:
    """Preview then apply the file; the leads it created (in row order), the plan, the result."""
    plan = plan_import(path, store, ImportOptions(**options), now=NOW)
    result = apply_import(store, plan, now=NOW)
    assert [(d.row, d.action) for d in plan.decisions] == [
        (d.row, d.action) for d in result.decisions
    ]
    created = [d.lead_id for d in result.decisions if d.action is Action.CREATE]
    return [store.get(lead_id) for lead_id in created if lead_id is not None], plan, result


def warned(report: Any) -> dict[int, list[str]]:
    """{row: [warnings]} from a report."""
    found: dict[int, list[str]] = {}
    for row, what in report.warnings:
        found.setdefault(row, []).append(what)
    return found


def utc(*parts: int, tz: str = "UTC") -> pendulum.DateTime:
    year, month, day, hour, minute, second = (*parts, 0, 0, 0, 0)[:6]
    return pendulum.datetime(year, month, day, hour, minute, second, tz=tz).in_tz("UTC")


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2024-02-03", True, (2024, 2, 3, 9)),
        ("2024-02-03T10:30:00.000Z", True, None),  # exact, checked below
        ("2024-02-03 10:30:15.250", True, (2024, 2, 3, 10, 30, 15)),
        ("2021/04/15", True, (2021, 4, 15, 9)),
        ("2/5/24 1:51", False, (2024, 2, 5, 1, 51)),
        ("2/5/24 1:51 PM", False, (2024, 2, 5, 13, 51)),
        ("12/31/2023 11:59 pm", False, (2023, 12, 31, 23, 59)),
        ("03.02.2024", True, (2024, 2, 3, 9)),
        ("31/12/2023", True, (2023, 12, 31, 9)),
        ("31-12-2023 08:15", True, (2023, 12, 31, 8, 15)),
        ("15 Apr, 2021 00:03:00", True, (2021, 4, 15, 0, 3)),
        ("Apr 15, 2021", False, (2021, 4, 15, 9)),
        ("Thursday, April 15, 2021 3:04 PM", True, (2021, 4, 15, 15, 4)),
        ("15-Apr-2021", True, (2021, 4, 15, 9)),
        ("45123", True, (2023, 7, 16, 9)),
        ("45123.5", True, (2023, 7, 16, 12)),
    ],
)
def test_date_forms_of_exports(
    text: str, day_first: bool, expected: tuple[int, ...] | None
) -> None:
    moment = read_date(text, "created at", NOW, "Europe/Paris", day_first)
    if expected is None:
        assert moment == pendulum.datetime(2024, 2, 3, 10, 30, tz="UTC")
    else:
        assert moment == utc(*expected, tz="Europe/Paris")


@pytest.mark.parametrize("text", ["31/02/2024", "13/13/2024", "2/5/24 25:00", "99999", "maybe"])
def test_dates_that_are_none_are_refused(text: str) -> None:
    with pytest.raises(RowError, match="can't read"):
        read_date(text, "created at", NOW, "UTC", True)


def test_a_value_over_12_decides_a_columns_order() -> None:
    rows = [["a", "1/2/2024", "2024-01-01"], ["b", "2/13/24 9:05", ""], ["c", "31/1/2024", ""]]
    orders = infer_orders(rows, {"created_at": 1, "updated_at": 2}, ["Name", "Made", "Iso"], True)
    assert orders.of("created_at") is False  # 2/13 came first: month first
    assert orders.described == {"Made": "month first (2/13/24 seen)"}
    assert orders.of("updated_at") is True  # ISO only: the setting, nothing to say
    undecided = infer_orders([["x", "1/2/2024"]], {"created_at": 1}, ["Name", "Made"], False)
    assert undecided.of("created_at") is False
    assert undecided.described == {"Made": "month first (setting)"}


def test_hubspot_us_dates_are_read_month_first_from_the_file(
    store: LeadStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "First Name,Last Name,Email,Create Date,Last Activity Date\n"
        "Ann,Lee,ann@example.com,2/5/24 1:51,\n"
        "Bob,Ray,bob@example.com,2/13/24 9:05 PM,3/4/2024\n",
    )
    # The setting says day first; the file's 2/13 says otherwise.
    (ann, bob), plan, _ = imported(store, path, day_first=True)
    assert plan.counts[Action.REJECT] == 0
    assert plan.date_orders["Create Date"] == "month first (2/13/24 seen)"
    assert plan.date_orders["Last Activity Date"] == "day first (setting)"
    assert ann.created_at == utc(2024, 2, 5, 1, 51)
    assert bob.created_at == utc(2024, 2, 13, 21, 5)
    assert bob.last_contact == utc(2024, 4, 3, 9)  # 3/4 by the setting: 3 April


def test_european_dates_are_read_day_first_from_the_file(store: LeadStore, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Name;E-Mail;Created\n"
        "Jörg Weber;jw@example.de;03.02.2024\n"
        "Lena Kurz;lk@example.de;31/12/2023\n",
    )
    # The setting says month first; 31/12 in the column says day first.
    (jorg, lena), plan, _ = imported(store, path, day_first=False)
    assert plan.date_orders == {"Created": "day first (31/12/2023 seen)"}
    assert jorg.created_at == utc(2024, 2, 3, 9)
    assert lena.created_at == utc(2023, 12, 31, 9)


def test_a_bad_optional_value_never_costs_the_lead(store: LeadStore, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Name,Email,Create Date,Next Due,Fit,Rating,Promised\n"
        "Ann Lee,ann@example.com,someday,2/30/2026,7,Lukewarm,perhaps\n"
        ",nobody@example.com,2026-01-01,,,,\n",
    )
    leads, plan, result = imported(store, path)
    assert [d.action for d in result.decisions] == [Action.CREATE, Action.REJECT]
    assert result.rejected[0].reason == "a lead needs a name"  # only the name rejects
    (ann,) = leads
    assert ann.created_at == NOW and ann.fit == 0 and ann.temperature is Temperature.COOL
    for line in (
        "Create Date: someday",
        "Next Due: 2/30/2026",
        "Fit: 7",
        "Rating: Lukewarm",
        "Promised: perhaps",
    ):
        assert line in ann.notes.splitlines()
    reasons = warned(plan)[2]
    assert 'Create Date "someday" is not a date; kept in notes' in reasons
    assert 'Rating "Lukewarm" is not a temperature; kept in notes' in reasons
    assert len(reasons) == 5
    assert warned(result) == warned(plan)


def test_excel_serial_dates_only_in_date_columns(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Created Date,Postcode\nAnn Lee,45123.5,45123\n")
    (ann,), _, _ = imported(store, path)
    assert ann.created_at == utc(2023, 7, 16, 12)
    assert "Postcode: 45123" in ann.notes


# -- statuses ------------------------------------------------------------------------


ZOHO = {
    "Attempted to Contact": (Status.ACTIVE, None),
    "Contact in Future": (Status.ACTIVE, Temperature.COOL),
    "Contacted": (Status.ACTIVE, None),
    "Junk Lead": (Status.LOST, None),
    "Lost Lead": (Status.LOST, None),
    "Not Contacted": (Status.ACTIVE, None),
    "Pre Qualified": (Status.ACTIVE, Temperature.WARM),
    "Not Qualified": (Status.LOST, None),
}


def test_zoho_statuses_are_none_rejected(store: LeadStore, tmp_path: Path) -> None:
    rows = "".join(
        f"Lead {i},lead{i}@example.com,{word}\n" for i, word in enumerate([*ZOHO, "Maybe Later"])
    )
    path = write(tmp_path, "Last Name,Email,Lead Status\n" + rows)
    leads, plan, _ = imported(store, path)
    assert plan.counts[Action.REJECT] == 0 and len(leads) == len(ZOHO) + 1
    for lead, (word, (status, temperature)) in zip(leads, ZOHO.items(), strict=False):
        assert lead.status is status, word
        if temperature is not None:
            assert lead.temperature is temperature, word
    assert "Lead Status: Junk Lead" in leads[3].notes  # the export's word is kept
    assert "Lead Status" not in leads[2].notes  # "Contacted" says no more than active
    maybe = leads[-1]
    assert maybe.status is Status.ACTIVE and "Lead Status: Maybe Later" in maybe.notes
    assert warned(plan) == {
        10: ['status "Maybe Later" is not one leadboard knows; kept in notes, imported as active']
    }
    # A second import creates nothing.
    again = plan_import(path, store, ImportOptions(), now=NOW)
    assert again.counts[Action.CREATE] == 0


def test_hot_warm_cold_in_a_lead_status_column_are_temperatures(
    store: LeadStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "Name,Phone,Lead Status\nAnn,+44 20 7946 0001,Hot\nBob,+44 20 7946 0002,warm\n"
        "Cy,+44 20 7946 0003,COLD\n",
    )
    leads, plan, _ = imported(store, path)
    assert plan.counts[Action.REJECT] == 0 and not plan.warnings
    assert [(lead.status, lead.temperature) for lead in leads] == [
        (Status.ACTIVE, Temperature.HOT),
        (Status.ACTIVE, Temperature.WARM),
        (Status.ACTIVE, Temperature.COLD),
    ]
    assert all(lead.notes == "" for lead in leads)


def test_a_temperature_column_wins_over_a_status_word(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Email,Status,Rating\nAnn,a@example.com,Open Deal,Cold\n")
    (ann,), _, _ = imported(store, path)
    assert ann.temperature is Temperature.COLD and "Status: Open Deal" in ann.notes


@pytest.mark.parametrize(
    ("word", "status", "temperature"),
    [
        ("OPEN_DEAL", Status.ACTIVE, Temperature.HOT),
        ("marketingqualifiedlead", Status.ACTIVE, Temperature.WARM),
        ("Sales Qualified Lead", Status.ACTIVE, Temperature.HOT),
        ("subscriber", Status.ACTIVE, Temperature.COLD),
        ("evangelist", Status.WON, None),
        ("Bad Timing", Status.INACTIVE, None),
        ("Closed - Not Converted", Status.LOST, None),
        ("Working - Contacted", Status.ACTIVE, None),
        ("deleted", Status.INACTIVE, None),
        ("Proposition", Status.ACTIVE, Temperature.HOT),
        ("Gagné", Status.WON, None),
        ("GEWONNEN", Status.WON, None),
        ("Perdido", Status.LOST, None),
        ("Nouveau", Status.ACTIVE, None),
    ],
)
def test_status_table(word: str, status: Status, temperature: Temperature | None) -> None:
    assert status_map.reading(word) == (status, temperature)


def test_status_table_says_each_word_once() -> None:
    words = [status_map.fold(word) for _, _, line in status_map._TABLE for word in line.split(",")]
    assert len(words) == len(set(words))


# -- several values in a cell; odd emails and phones ----------------------------------


def test_krayin_json_cells(store: LeadStore, tmp_path: Path) -> None:
    emails = (
        '[{""label"":""work"",""value"":""a@b.com""},{""label"":""home"",""value"":""c@d.com""}]'
    )
    phones = '[""+1 555 0100"", ""+1 555 0101""]'
    path = write(
        tmp_path,
        f'Name,Email,Phone\nAnn Lee,"{emails}","{phones}"\nBob Ray,[],"[]"\n',
    )
    (ann, bob), plan, _ = imported(store, path)
    assert ann.email == "a@b.com" and ann.phone == "+1 555 0100"
    assert "Email (home): c@d.com" in ann.notes and "Phone 2: +1 555 0101" in ann.notes
    assert bob.email == "" and bob.phone == ""
    assert not plan.warnings
    again = plan_import(tmp_path / "leads.csv", store, ImportOptions(), now=NOW)
    assert [d.action for d in again.decisions][:1] == [Action.SKIP]


def test_several_emails_in_one_cell(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, 'Name,Email\nAnn,"ann@x.com; ann.lee@y.org"\nBob,"bob, at x.com"\n')
    (ann, bob), plan, _ = imported(store, path)
    assert ann.email == "ann@x.com" and "Email 2: ann.lee@y.org" in ann.notes
    assert bob.email == "bob, at x.com"  # not every part an email: not split, warned
    assert list(warned(plan)) == [3]


def test_odd_emails_and_phones_are_kept_and_warned(store: LeadStore, tmp_path: Path) -> None:
    path = write(
        tmp_path, "Name,Email,Phone\nAnn,not-an-email,phone?\nBob,bob@example.com,020 7946 0000\n"
    )
    (ann, _bob), plan, result = imported(store, path)
    assert ann.email == "not-an-email" and ann.phone == "phone?"
    assert warned(plan) == {
        2: [
            'email "not-an-email" does not look like an email '
            "(needs one @ between a name and a domain); kept",
            'phone "phone?" does not look like a phone number '
            "(only digits, spaces and + ( ) - . / belong in a phone number); kept",
        ]
    }
    assert warned(result) == warned(plan)


def test_a_contact_logs_bad_next_due_goes_to_its_note(store: LeadStore, tmp_path: Path) -> None:
    lead_file = write(tmp_path, "Name,Email\nAnn,ann@example.com\n")
    imported(store, lead_file)
    path = write(
        tmp_path,
        "Email,Date,Channel,Outcome,Next Due,Direction\n"
        "ann@example.com,31/12/2025 10:00,call,talked,soonish,sideways\n",
        "log.csv",
    )
    plan = plan_import(path, store, ImportOptions(), now=NOW)
    result = apply_import(store, plan, now=NOW)
    assert result.counts[Action.CREATE] == 1
    assert len(warned(result)[2]) == 2
    assert plan.date_orders == {"Date": "day first (31/12/2025 seen)"}


def test_the_card_marks_a_channel_that_cannot_reach() -> None:
    from leadboard.ui.widgets.board.card import unreachable

    assert unreachable("not-an-email", "phone?") == "email? phone?"
    assert unreachable("ann@example.com", "") == ""
    assert unreachable("", "12") == "phone?"
