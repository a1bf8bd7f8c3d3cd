"""Header aliases of leadboard and common CRMs, and reading each kind of cell."""

from __future__ import annotations

import pendulum
import pytest

from leadboard.domain.model import Channel, Direction, Outcome, Source, Status, Temperature
from leadboard.files import values
from leadboard.files.columns import (
    CONTACTS,
    LEADS,
    detect_kind,
    map_columns,
    normalize_header,
)
from leadboard.files.export import CONTACT_EXPORT_KEYS, defused, undefused
from leadboard.files.file_errors import FileError, RowError
from leadboard.files.shapes import LEAD_KEYS
from tests.conftest import NOW


def test_normalize_header() -> None:
    assert normalize_header("  Person - Email - Work ") == "person email work"
    assert normalize_header("FIRST_NAME") == "first name"
    assert normalize_header("E-mail") == "e mail"
    # Accents compare equal and no letter is lost.
    assert normalize_header("Téléphone") == normalize_header("TELEPHONE") == "telephone"
    assert normalize_header("Compañía") == "compania"
    assert normalize_header("Straße") == "strasse"
    assert normalize_header("Имя") == "имя"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["First Name", "Last Name", "Company", "Rating", "Lead Source", "Lead Status"],
            ["name (first)", "name (last)", "company", "temperature", "source", "status"],
        ),
        (
            ["First name", "Company Name", "Phone Number", "Job Title", "Record ID"],
            ["name (first)", "company", "phone", "title", "(ignored)"],
        ),
        (
            ["Person - Name", "Organization - Name", "Person - Email - Work", "Label"],
            ["name", "company", "email", "temperature"],
        ),
        (["NAME", "e-mail", "Mobile Phone", "Fax"], ["name", "email", "phone", "notes"]),
    ],
    ids=["salesforce", "hubspot", "pipedrive", "messy"],
)
def test_crm_headers(headers: list[str], expected: list[str]) -> None:
    columns = map_columns(headers, LEADS)
    assert [what for _, what in columns.described()] == expected


def test_our_own_export_maps_every_key() -> None:
    described = dict(map_columns(LEAD_KEYS, LEADS).described())
    ignored = {key for key, what in described.items() if what == "(ignored)"}
    # Ids and versions belong to the old database; the rest are recomputed from the fields.
    assert ignored == {"id", "version", "score", "overdue", "due_today", "sequence_label"}
    assert "notes" not in {described[key] for key in LEAD_KEYS if key != "notes"}
    contacts = dict(map_columns(CONTACT_EXPORT_KEYS, CONTACTS).described())
    assert contacts["lead_id"] == "lead_id" and contacts["id"] == "(ignored)"


def test_a_second_column_for_a_field_is_its_second_choice() -> None:
    columns = map_columns(["Name", "Email", "Email", ""], LEADS)
    assert columns.described() == [
        ("Name", "name"),
        ("Email", "email"),
        ("Email", "email (2nd choice)"),
        ("", "notes"),
    ]
    assert columns.present(["Ann", "a@x", "b@x", "c", "d"])["email"] == "a@x"
    assert columns.extra_lines(["Ann", "a@x", "b@x", "c", "d"]) == [
        "Email: b@x",
        "Column 4: c",
        "Column 5: d",
    ]
    # The first column empty: the second fills the field and nothing repeats in the notes.
    assert columns.present(["Ann", " ", "b@x", ""])["email"] == "b@x"
    assert columns.extra_lines(["Ann", " ", "b@x", ""]) == []
    assert columns.extra_lines(["Ann", "a@x", "A@X", ""]) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Apple Contacts / vCard property names.
        ("FN", "name"),
        ("EMAIL", "email"),
        ("TEL", "phone"),
        ("ORG", "company"),
        ("NOTE", "notes"),
        ("UID", "(ignored)"),
        # German, French and Spanish, with and without their accents.
        ("Unternehmen", "company"),
        ("Entreprise", "company"),
        ("Empresa", "company"),
        ("Mobil", "phone"),
        ("Téléphone portable", "phone"),
        ("Celular", "phone"),
        ("TELEFONO", "phone"),
        ("Adresse e-mail", "email"),
        ("Correo", "email"),
        ("Poste", "title"),
        ("Puesto", "title"),
        ("Fuente", "source"),
        ("Statut", "status"),
        ("Bemerkungen", "notes"),
        ("Date de creation", "created_at"),
        ("Créé le", "created_at"),
        ("Fecha de creación", "created_at"),
        # System noise.
        ("Contact ID", "(ignored)"),
        ("LastModifiedById", "(ignored)"),
        ("hs_object_id", "(ignored)"),
        ("Etag", "(ignored)"),
        ("Skype ID", "notes"),
    ],
)
def test_more_headers(header: str, expected: str) -> None:
    described = dict(map_columns(["Name", header], LEADS).described())
    assert described[header] == expected


def test_noise_and_kind_columns_are_dropped_but_useful_ones_kept() -> None:
    headers = ["Name", "Phone 1 - Type", "Phone 1 - Value", "IsDeleted", "Website", "Industry"]
    columns = map_columns(headers, LEADS)
    cells = ["Ann", "Mobile", "+33 6 12 34 56 78", "false", "ann.example", "Retail"]
    assert columns.extra_lines(cells) == ["Website: ann.example", "Industry: Retail"]


def test_phone_group_order_is_primary_then_work_then_mobile_then_home() -> None:
    headers = ["Name", "Home Phone", "Mobile Phone", "Business Phone", "Primary Phone"]
    columns = map_columns(headers, LEADS)
    assert [what for _, what in columns.described()][1:] == [
        "phone (4th choice)",
        "phone (3rd choice)",
        "phone (2nd choice)",
        "phone",
    ]
    assert columns.present(["Ann", "1 111 111", "2 222 222", "", ""])["phone"] == "2 222 222"
    assert columns.extra_lines(["Ann", "1 111 111", "2 222 222", "", ""]) == [
        "Home Phone: 1 111 111"
    ]
    # The same number twice is one phone: nothing repeats in the notes.
    assert columns.extra_lines(["Ann", "", "06 12 34 56 78", "+33 6 12 34 56 78", ""]) == []


def test_a_plain_name_beside_a_first_or_last_name_is_the_other_part() -> None:
    german = dict(map_columns(["Vorname", "Name"], LEADS).described())
    assert german == {"Vorname": "name (first)", "Name": "name (last)"}
    spanish = dict(map_columns(["Nombre", "Apellido"], LEADS).described())
    assert spanish == {"Nombre": "name (first)", "Apellido": "name (last)"}
    both = dict(map_columns(["Name", "Given Name", "Family Name"], LEADS).described())
    assert both["Name"] == "name"


def test_prefixes_and_systems() -> None:
    pipedrive = dict(
        map_columns(
            ["Person - Name", "Lead - Title", "Deal - Owner", "Deal - Title"], LEADS
        ).described()
    )
    assert pipedrive == {
        "Person - Name": "name",
        "Lead - Title": "notes",
        "Deal - Owner": "owner",
        "Deal - Title": "notes",
    }
    # user_id is Odoo's salesperson (by name) only in an Odoo file; elsewhere it stays in notes.
    odoo = dict(map_columns(["contact_name", "email_from", "user_id"], LEADS).described())
    assert odoo["user_id"] == "owner"
    other = dict(map_columns(["Name", "user_id"], LEADS).described())
    assert other["user_id"] == "notes"


def test_contact_logs_read_accented_headers() -> None:
    headers = ["Nom", "Téléphone", "Date", "Canal", "Résultat", "Id"]
    assert detect_kind(headers) == CONTACTS
    described = dict(map_columns(headers, CONTACTS).described())
    assert described == {
        "Nom": "name",
        "Téléphone": "phone",
        "Date": "at",
        "Canal": "channel",
        "Résultat": "outcome",
        "Id": "(ignored)",
    }


def test_files_no_row_could_import() -> None:
    with pytest.raises(FileError, match="no name column"):
        map_columns(["Company", "Email"], LEADS)
    with pytest.raises(FileError, match="naming the lead"):
        map_columns(["Date", "Channel", "Outcome"], CONTACTS)
    with pytest.raises(
        FileError, match=r"needs date, channel and outcome columns \(missing: outcome\)"
    ):
        map_columns(["Lead", "Date", "Channel"], CONTACTS)


def test_detect_kind() -> None:
    assert detect_kind(["Lead", "Date", "Type", "Result"]) == CONTACTS
    assert detect_kind(CONTACT_EXPORT_KEYS) == CONTACTS
    assert detect_kind(LEAD_KEYS) == LEADS
    assert detect_kind(["First Name", "Create Date"]) == LEADS


def test_words_of_other_crms() -> None:
    assert values.temperature("Hot") is Temperature.HOT
    assert values.temperature("warm lead") is Temperature.WARM
    assert values.temperature(" COLD ") is Temperature.COLD
    assert values.status("Closed - Converted") is Status.WON
    assert values.status("IN_PROGRESS") is Status.ACTIVE
    assert values.status("unqualified") is Status.LOST
    assert values.status("BAD_TIMING") is Status.INACTIVE
    assert values.source("Partner Referral") is Source.REFERRAL
    assert values.source("Seminar - Partner") is None  # kept in the notes by the caller
    assert values.required_channel("Phone call") is Channel.CALL
    assert values.outcome("Left voicemail") is Outcome.LEFT_MESSAGE
    assert values.outcome("meeting_booked") is Outcome.MEETING_BOOKED
    assert values.direction("inbound") is Direction.IN
    assert values.direction("") is Direction.OUT


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: values.temperature("Lukewarm"), 'unknown temperature "Lukewarm"'),
        (lambda: values.status("maybe"), 'unknown status "maybe"'),
        (lambda: values.required_channel("Fax"), 'unknown channel "Fax"'),
        (lambda: values.outcome("shrug"), 'unknown outcome "shrug"'),
        (lambda: values.boolean("perhaps", "promised"), 'promised "perhaps" is not true or false'),
        (lambda: values.whole("4", "fit", 0, 3), 'fit "4" must be a whole number from 0 to 3'),
        (lambda: values.whole("²", "fit", 0, 3), "must be a whole number"),
        (lambda: values.temperature("\x1b[31mhot\x1b[0m!"), 'unknown temperature "hot!"'),
    ],
)
def test_unknown_words_are_rejected_not_guessed(call: object, message: str) -> None:
    with pytest.raises(RowError) as caught:
        call()  # type: ignore[operator]
    assert message in str(caught.value)
    assert "\x1b" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01T14:30:00.000Z", "2026-11-01T14:30:00+00:00"),  # Salesforce
        ("2026-11-01T14:30:00+01:00", "2026-11-01T13:30:00+00:00"),  # our export
        ("2026-11-20 10:15", "2026-11-20T09:15:00+00:00"),  # HubSpot, in the user's zone
        ("2026-11-21", "2026-11-21T08:00:00+00:00"),  # a day: 09:00 local
        ("tomorrow", "2026-11-24T08:00:00+00:00"),
    ],
)
def test_dates_in_the_users_zone(text: str, expected: str) -> None:
    moment = values.moment(text, "created at", NOW, "Europe/Paris")
    assert moment.isoformat() == expected
    assert moment.tzinfo is not None and moment.utcoffset() == pendulum.duration(0)


@pytest.mark.parametrize("text", ["someday", "31/02/2026", "2026-02-30", "11/23/2026"])
def test_unreadable_dates_are_rejected(text: str) -> None:
    with pytest.raises(
        RowError, match=rf'next due: can\'t read "{text}" as a date; use YYYY-MM-DD'
    ):
        values.moment(text, "next due", NOW, "UTC")


def test_name_key_is_close_not_exact() -> None:
    assert values.name_key("Jane  Doe", "ACME, Inc.") == values.name_key("jane doe", "Acme Inc")
    assert values.name_key("ÉLODIE", "Straße") == values.name_key("élodie", "strasse")
    assert values.name_key("Jane Doe", "Acme") != values.name_key("Jane Doe", "Acme Two")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("-2", "-2"),
        ("Ann", "Ann"),
        ("'quoted'", "'quoted'"),
    ],
)
def test_formulas_are_defused_for_excel_and_restored_on_import(cell: str, written: str) -> None:
    assert defused(cell) == written
    assert undefused(defused(cell)) == cell
