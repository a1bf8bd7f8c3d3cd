"""Files shaped like each CRM's or contact app's export, through the real import.

Each case checks that the fields land where they belong, that the notes hold
every other useful cell as 'Header: value' (and nothing else: ids and system
columns are dropped), and that importing the file again creates nothing.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from leadboard.actions.importing import Action, ImportOptions, import_file
from leadboard.cli.entry import main
from leadboard.domain.model import Lead, Source, Status, Temperature
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


@dataclass(frozen=True)
class Case:
    """An export's header and rows, and what the first rows' leads must hold."""

    headers: list[str]
    rows: list[list[str]]
    leads: list[dict[str, Any]]
    """Per row: expected Lead attributes; 'created' is the created day, 'notes' the exact notes."""
    delimiter: str = ","
    encoding: str = "utf-8"
    hints: dict[str, str] = field(default_factory=dict)
    """Header -> what the preview must say it fills."""


CASES: dict[str, Case] = {
    "hubspot": Case(
        [
            "Record ID",
            "First Name",
            "Last Name",
            "Email",
            "Phone Number",
            "Mobile Phone Number",
            "Company Name",
            "Job Title",
            "Lead Status",
            "Lifecycle Stage",
            "Create Date",
            "Contact owner",
            "Original Source",
            "City",
            "Country/Region",
            "Website URL",
            "Industry",
            "Annual Revenue",
            "Number of Employees",
        ],
        [
            [
                "790123",
                "Eve",
                "Martin",
                "eve@martin.example",
                "+33 6 12 34 56 78",
                "+33 6 98 76 54 32",
                "Boulangerie Martin",
                "Owner",
                "New",
                "Lead",
                "2024-02-05 13:51",
                "Sam Rep",
                "Organic Search",
                "Lyon",
                "France",
                "https://martin.example",
                "Food",
                "250000",
                "12",
            ],
            # No phone: the mobile is the phone, and is not repeated in the notes.
            [
                "790124",
                "Farid",
                "Haddad",
                "farid@haddad.example",
                "",
                "+44 7700 900123",
                "Haddad & Sons",
                "",
                "Open",
                "",
                "2024-02-06",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
        [
            {
                "name": "Eve Martin",
                "email": "eve@martin.example",
                "phone": "+33 6 12 34 56 78",
                "company": "Boulangerie Martin",
                "title": "Owner",
                "status": Status.ACTIVE,
                "source": Source.WEBSITE,
                "owner": "Sam Rep",
                "created": "2024-02-05",
                "notes": "Mobile Phone Number: +33 6 98 76 54 32\nLifecycle Stage: Lead\n"
                "City: Lyon\nCountry/Region: France\nWebsite URL: https://martin.example\n"
                "Industry: Food\nAnnual Revenue: 250000\nNumber of Employees: 12",
            },
            {"name": "Farid Haddad", "phone": "+44 7700 900123", "notes": ""},
        ],
        delimiter=";",
        hints={"Record ID": "(ignored)", "Mobile Phone Number": "phone (2nd choice)"},
    ),
    "pipedrive persons": Case(
        [
            "Person - ID",
            "Person - Name",
            "Person - Organization",
            "Person - Email - Work",
            "Person - Email - Home",
            "Person - Phone - Work",
            "Person - Phone - Mobile",
            "Person - Label",
            "Person - Owner",
            "Person - Job title",
            "Person - Person created",
            "Person - Update time",
            "Person - Visible to",
        ],
        [
            [
                "17",
                "Ines Garcia",
                "Garcia SL",
                "ines@garcia.example",
                "ines.home@example.com",
                "+34 912 345 678",
                "+34 612 345 678",
                "Hot",
                "Sam Rep",
                "Chef",
                "2024-01-10 09:00:00",
                "2024-05-01 10:00:00",
                "Owner's visibility group",
            ],
            [
                "18",
                "Jon Berg",
                "Berg AS",
                "",
                "jon@berg.example",
                "",
                "",
                "Cold",
                "",
                "",
                "2024-01-11",
                "",
                "",
            ],
        ],
        [
            {
                "name": "Ines Garcia",
                "company": "Garcia SL",
                "email": "ines@garcia.example",
                "phone": "+34 912 345 678",
                "temperature": Temperature.HOT,
                "owner": "Sam Rep",
                "title": "Chef",
                "created": "2024-01-10",
                "notes": "Person - Email - Home: ines.home@example.com\n"
                "Person - Phone - Mobile: +34 612 345 678\n"
                "Person - Visible to: Owner's visibility group",
            },
            {"email": "jon@berg.example", "temperature": Temperature.COLD, "notes": ""},
        ],
        delimiter="\t",
        encoding="utf-16",
        hints={"Person - ID": "(ignored)", "Person - Update time": "(ignored)"},
    ),
    "pipedrive leads": Case(
        [
            "Lead - ID",
            "Lead - Title",
            "Lead - Owner",
            "Lead - Source",
            "Lead - Labels",
            "Lead - Value",
            "Lead - Lead created",
            "Person - Name",
            "Person - Email - Work",
            "Person - Phone - Work",
            "Organization - Name",
            "Organization - Address",
        ],
        [
            [
                "f3c1a2b0-1d2e-11ef-9f0a-0242ac120002",
                "Garcia kitchen remodel",
                "Sam Rep",
                "Web",
                "Hot",
                "5000",
                "2024-01-10",
                "Ines Garcia",
                "ines@garcia.example",
                "+34 912 345 678",
                "Garcia SL",
                "Calle Mayor 1, Madrid",
            ]
        ],
        [
            {
                "name": "Ines Garcia",
                "email": "ines@garcia.example",
                "phone": "+34 912 345 678",
                "company": "Garcia SL",
                "title": "",
                "owner": "Sam Rep",
                "source": Source.WEBSITE,
                "temperature": Temperature.HOT,
                "created": "2024-01-10",
                "value": 500_000,
                "notes": "Lead - Title: Garcia kitchen remodel\n"
                "Organization - Address: Calle Mayor 1, Madrid",
            }
        ],
        hints={"Lead - Title": "notes", "Lead - ID": "(ignored)"},
    ),
    "pipedrive deals": Case(
        [
            "Deal - ID",
            "Deal - Title",
            "Deal - Owner",
            "Deal - Value",
            "Deal - Currency",
            "Deal - Organization",
            "Deal - Contact person",
            "Deal - Stage",
            "Deal - Status",
            "Deal - Deal created",
            "Deal - Update time",
            "Deal - Label",
            "Person - Email",
            "Person - Phone",
        ],
        [
            [
                "42",
                "Berg offices",
                "Sam Rep",
                "12000",
                "EUR",
                "Berg AS",
                "Jon Berg",
                "Proposal Made",
                "open",
                "2024-02-01 08:30:00",
                "2024-02-02 09:00:00",
                "Warm",
                "jon@berg.example",
                "+47 912 34 567",
            ]
        ],
        [
            {
                "name": "Jon Berg",
                "company": "Berg AS",
                "email": "jon@berg.example",
                "phone": "+47 912 34 567",
                "owner": "Sam Rep",
                "status": Status.ACTIVE,
                "temperature": Temperature.WARM,
                "created": "2024-02-01",
                "value": 1_200_000,
                "notes": "Deal - Title: Berg offices\nDeal - Currency: EUR\n"
                "Deal - Stage: Proposal Made",
            }
        ],
        hints={"Deal - Stage": "status (2nd choice)", "Deal - Title": "notes"},
    ),
    "salesforce report": Case(
        [
            "Lead ID",
            "Salutation",
            "First Name",
            "Last Name",
            "Title",
            "Company / Account",
            "Email",
            "Phone",
            "Mobile",
            "Lead Source",
            "Lead Status",
            "Rating",
            "Lead Owner",
            "Create Date",
            "Last Modified Date",
            "Street",
            "City",
            "Industry",
            "Description",
        ],
        [
            [
                "00Q5g00000AbCdE",
                "Ms.",
                "Ann",
                "Lee",
                "Buyer",
                "Acme Corp",
                "ann.lee@acme.example",
                "+1 (415) 555-0100",
                "+1 (415) 555-0199",
                "Web",
                "Working - Contacted",
                "Hot",
                "Sam Rep",
                "2024-02-05",
                "2024-03-01",
                "1 Market St",
                "San Francisco",
                "Retail",
                "Wants a quote",
            ]
        ],
        [
            {
                "name": "Ann Lee",
                "title": "Buyer",
                "company": "Acme Corp",
                "email": "ann.lee@acme.example",
                "phone": "+1 (415) 555-0100",
                "source": Source.WEBSITE,
                "status": Status.ACTIVE,
                "temperature": Temperature.HOT,
                "owner": "Sam Rep",
                "created": "2024-02-05",
                "notes": "Wants a quote\nSalutation: Ms.\nMobile: +1 (415) 555-0199\n"
                "Street: 1 Market St\nCity: San Francisco\nIndustry: Retail",
            }
        ],
        hints={"Lead ID": "(ignored)", "Last Modified Date": "(ignored)"},
    ),
    "salesforce api": Case(
        [
            "Id",
            "IsDeleted",
            "MasterRecordId",
            "LastName",
            "FirstName",
            "Salutation",
            "Name",
            "Title",
            "Company",
            "City",
            "Phone",
            "MobilePhone",
            "Email",
            "Website",
            "Description",
            "LeadSource",
            "Status",
            "Industry",
            "Rating",
            "OwnerId",
            "IsConverted",
            "CreatedDate",
            "CreatedById",
            "LastModifiedDate",
            "LastModifiedById",
            "SystemModstamp",
            "LastActivityDate",
            "PhotoUrl",
        ],
        [
            [
                "00Q5g00000AbCdF",
                "false",
                "",
                "Costa",
                "Bruno",
                "Mr.",
                "Bruno Costa",
                "CEO",
                "Costa, Filhos & Cia",
                "São Paulo",
                "",
                "+55 11 91234-5678",
                "bruno@costa.example",
                "https://costa.example",
                "Met at the fair.",
                "Partner Referral",
                "Open - Not Contacted",
                "Retail",
                "Warm",
                "0055g00000XyZ12",
                "false",
                "2024-02-05T12:00:00.000Z",
                "0055g00000XyZ12",
                "2024-03-01T12:00:00.000Z",
                "0055g00000XyZ12",
                "2024-03-01T12:00:00.000Z",
                "2024-02-20",
                "/services/images/photo/00Q5g00000AbCdF",
            ]
        ],
        [
            {
                "name": "Bruno Costa",
                "title": "CEO",
                "company": "Costa, Filhos & Cia",
                "phone": "+55 11 91234-5678",
                "email": "bruno@costa.example",
                "source": Source.REFERRAL,
                "status": Status.ACTIVE,
                "temperature": Temperature.WARM,
                # OwnerId is the CRM's id, not a name: the lead is the importing rep's.
                "owner": "rep",  # tests/conftest.py pins the login name
                "created": "2024-02-05",
                "last_contact": "2024-02-20",
                "notes": "Met at the fair.\nSalutation: Mr.\nCity: São Paulo\n"
                "Website: https://costa.example\nIndustry: Retail",
            }
        ],
        hints={"OwnerId": "(ignored)", "SystemModstamp": "(ignored)", "FirstName": "name (first)"},
    ),
    "zoho": Case(
        [
            "Record Id",
            "Lead Owner",
            "Salutation",
            "First Name",
            "Last Name",
            "Company",
            "Title",
            "Email",
            "Secondary Email",
            "Phone",
            "Mobile",
            "Lead Source",
            "Lead Status",
            "Rating",
            "Industry",
            "Created Time",
            "Modified Time",
            "Created By",
            "Modified By",
            "Description",
            "City",
            "Email Opt Out",
            "Skype ID",
        ],
        [
            [
                "zcrm_4876876000000323001",
                "Sam Rep",
                "Mrs.",
                "Chloé",
                "Durand",
                "Fleurs Durand",
                "Florist",
                "chloe@fleurs.example",
                "chloe.perso@example.com",
                "01 23 45 67 89",
                "06 11 22 33 44",
                "Trade Show",
                "Contacted",
                "",
                "Retail",
                "2024-02-05 12:00:00",
                "2024-03-01 10:00:00",
                "Sam Rep",
                "Sam Rep",
                "Wedding season",
                "Paris",
                "false",
                "chloe.durand",
            ]
        ],
        [
            {
                "name": "Chloé Durand",
                "owner": "Sam Rep",
                "company": "Fleurs Durand",
                "title": "Florist",
                "email": "chloe@fleurs.example",
                "phone": "01 23 45 67 89",
                "source": Source.EVENT,
                "status": Status.ACTIVE,
                "created": "2024-02-05",
                "notes": "Wedding season\nSalutation: Mrs.\n"
                "Secondary Email: chloe.perso@example.com\nMobile: 06 11 22 33 44\n"
                "Industry: Retail\nCity: Paris\nEmail Opt Out: false\nSkype ID: chloe.durand",
            }
        ],
        hints={"Modified Time": "(ignored)", "Created Time": "created_at"},
    ),
    "odoo": Case(
        [
            "id",
            "name",
            "contact_name",
            "partner_name",
            "email_from",
            "phone",
            "mobile",
            "function",
            "title",
            "stage_id",
            "user_id",
            "team_id",
            "create_date",
            "write_date",
            "description",
            "city",
        ],
        [
            [
                "__export__.crm_lead_12_4c1a",
                "Kitchen remodel",
                "Ines Garcia",
                "Garcia SL",
                "ines@garcia.example",
                "+34 912 345 678",
                "",
                "Chef",
                "Madam",
                "New",
                "Mitchell Admin",
                "Sales",
                "2024-02-05 12:00:00",
                "2024-03-01 10:00:00",
                "Wants it before summer",
                "Madrid",
            ],
            # No contact name: the opportunity's title names the lead rather than losing it.
            [
                "__export__.crm_lead_13_9f2b",
                "Azure Interior offices",
                "",
                "Azure Interior",
                "info@azure.example",
                "",
                "+1 555 0123",
                "",
                "",
                "Won",
                "Mitchell Admin",
                "",
                "2024-02-06 12:00:00",
                "",
                "",
                "",
            ],
        ],
        [
            {
                "name": "Ines Garcia",
                "company": "Garcia SL",
                "email": "ines@garcia.example",
                "phone": "+34 912 345 678",
                "title": "Chef",
                "status": Status.ACTIVE,
                "owner": "Mitchell Admin",
                "created": "2024-02-05",
                "notes": "Wants it before summer\nname: Kitchen remodel\ntitle: Madam\n"
                "team_id: Sales\ncity: Madrid",
            },
            {
                "name": "Azure Interior offices",
                "company": "Azure Interior",
                "phone": "+1 555 0123",
                "status": Status.WON,
                "notes": "",
            },
        ],
        hints={"id": "(ignored)", "name": "name (2nd choice)", "title": "notes"},
    ),
    "google contacts": Case(
        [
            "First Name",
            "Middle Name",
            "Last Name",
            "Nickname",
            "Organization Name",
            "Organization Title",
            "Organization Department",
            "Birthday",
            "Notes",
            "Photo",
            "Labels",
            "E-mail 1 - Label",
            "E-mail 1 - Value",
            "E-mail 2 - Label",
            "E-mail 2 - Value",
            "Phone 1 - Label",
            "Phone 1 - Value",
            "Phone 2 - Label",
            "Phone 2 - Value",
            "Address 1 - Label",
            "Address 1 - Formatted",
        ],
        [
            [
                "Dev",
                "Kumar",
                "Patel",
                "Dev",
                "Patel Ltd",
                "Director",
                "Sales",
                "1980-04-01",
                "Met at the expo",
                "https://lh3.googleusercontent.com/a/x",
                "* myContacts",
                "* Work",
                "dev@patel.example",
                "Home",
                "dev.home@example.com",
                "Mobile",
                "+44 7700 900456",
                "Work",
                "+44 20 7946 0958",
                "Home",
                "1 High St, London",
            ]
        ],
        [
            {
                "name": "Dev Kumar Patel",
                "company": "Patel Ltd",
                "title": "Director",
                "email": "dev@patel.example",
                "phone": "+44 7700 900456",
                "created": NOW.date().isoformat(),
                "tags": (),
                "notes": "Met at the expo\nNickname: Dev\nOrganization Department: Sales\n"
                "Birthday: 1980-04-01\n"
                "E-mail 2 - Value: dev.home@example.com\nPhone 2 - Value: +44 20 7946 0958\n"
                "Address 1 - Formatted: 1 High St, London",
            }
        ],
        hints={
            "E-mail 1 - Label": "(ignored)",
            "Photo": "(ignored)",
            "Middle Name": "name (middle)",
        },
    ),
    "google contacts (older)": Case(
        [
            "Name",
            "Given Name",
            "Additional Name",
            "Family Name",
            "Group Membership",
            "E-mail 1 - Type",
            "E-mail 1 - Value",
            "Phone 1 - Type",
            "Phone 1 - Value",
            "Organization 1 - Type",
            "Organization 1 - Name",
            "Organization 1 - Title",
        ],
        [
            [
                "Grace Ho",
                "Grace",
                "",
                "Ho",
                "* myContacts",
                "* Work",
                "grace@ho.example",
                "Mobile",
                "+852 9123 4567",
                "",
                "Ho Design",
                "Founder",
            ]
        ],
        [
            {
                "name": "Grace Ho",
                "email": "grace@ho.example",
                "phone": "+852 9123 4567",
                "company": "Ho Design",
                "title": "Founder",
                "notes": "Group Membership: * myContacts",
            }
        ],
    ),
    "outlook": Case(
        [
            "Title",
            "First Name",
            "Middle Name",
            "Last Name",
            "Company",
            "Department",
            "Job Title",
            "Business City",
            "Business Phone",
            "Home Phone",
            "Mobile Phone",
            "E-mail Address",
            "E-mail Type",
            "E-mail Display Name",
            "E-mail 2 Address",
            "E-mail 2 Type",
            "E-mail 2 Display Name",
            "Notes",
            "Web Page",
        ],
        [
            [
                "Mr.",
                "Hiro",
                "",
                "Sato",
                "Sato KK",
                "Sales",
                "Manager",
                "Tokyo",
                "+81 3 1234 5678",
                "",
                "+81 90 1234 5678",
                "hiro@sato.example",
                "SMTP",
                "Hiro Sato (hiro@sato.example)",
                "hiro.private@example.jp",
                "SMTP",
                "Hiro (private)",
                "Prefers mornings",
                "https://sato.example",
            ]
        ],
        [
            {
                "name": "Hiro Sato",
                "company": "Sato KK",
                "title": "Manager",
                "phone": "+81 3 1234 5678",
                "email": "hiro@sato.example",
                "notes": "Prefers mornings\nTitle: Mr.\nDepartment: Sales\nBusiness City: Tokyo\n"
                "Mobile Phone: +81 90 1234 5678\nE-mail 2 Address: hiro.private@example.jp\n"
                "Web Page: https://sato.example",
            }
        ],
        hints={
            "Title": "notes",
            "E-mail Type": "(ignored)",
            "E-mail 2 Address": "email (2nd choice)",
        },
    ),
    "monica": Case(
        ["first_name", "last_name", "nickname", "email", "phone", "company", "job", "created_at"],
        [
            [
                "Kim",
                "Nguyen",
                "Kimmy",
                "kim@nguyen.example",
                "+1 555 0142",
                "Nguyen Co",
                "Buyer",
                "2024-02-05 12:00:00",
            ]
        ],
        [
            {
                "name": "Kim Nguyen",
                "email": "kim@nguyen.example",
                "phone": "+1 555 0142",
                "company": "Nguyen Co",
                "title": "Buyer",
                "created": "2024-02-05",
                "notes": "nickname: Kimmy",
            }
        ],
    ),
    "fullname": Case(
        ["FullName", "Email", "Phone", "Source"],
        [["Lena Fischer", "lena@fischer.example", "+49 30 555 0101", "Web"]],
        [{"name": "Lena Fischer", "email": "lena@fischer.example", "source": Source.WEBSITE}],
    ),
    "numbered": Case(
        ["Full Name", "Email 1", "Email 2", "Phone 1", "Phone 2", "Company"],
        [
            [
                "Omar Haddad",
                "omar@haddad.example",
                "omar@home.example",
                "",
                "+33 7 11 22 33 44",
                "Haddad SAS",
            ]
        ],
        [
            {
                "name": "Omar Haddad",
                "email": "omar@haddad.example",
                "phone": "+33 7 11 22 33 44",
                "company": "Haddad SAS",
                "notes": "Email 2: omar@home.example",
            }
        ],
        hints={"Email 2": "email (2nd choice)", "Phone 1": "phone"},
    ),
    "german": Case(
        [
            "Vorname",
            "Name",
            "Firma",
            "Position",
            "E-Mail",
            "Telefon",
            "Handy",
            "Quelle",
            "Status",
            "Notizen",
            "Erstellt am",
            "Straße",
            "Ort",
        ],
        [
            [
                "Jürgen",
                "Schmidt",
                "Schmidt GmbH",
                "Einkauf",
                "juergen@schmidt.example",
                "+49 30 1234567",
                "+49 170 1234567",
                "Web",
                "Neu",
                "Ruft zurück",
                "2024-02-05",
                "Hauptstr. 1",
                "Berlin",
            ]
        ],
        [
            {
                "name": "Jürgen Schmidt",
                "company": "Schmidt GmbH",
                "title": "Einkauf",
                "email": "juergen@schmidt.example",
                "phone": "+49 30 1234567",
                "source": Source.WEBSITE,
                "status": Status.ACTIVE,
                "created": "2024-02-05",
                "notes": "Ruft zurück\nHandy: +49 170 1234567\nStraße: Hauptstr. 1\nOrt: Berlin",
            }
        ],
        delimiter=";",
        encoding="cp1252",
        hints={"Name": "name (last)", "Handy": "phone (2nd choice)"},
    ),
    "french": Case(
        [
            "Prénom",
            "Nom",
            "Société",
            "Fonction",
            "Courriel",
            "Téléphone",
            "Portable",
            "Source",
            "Statut",
            "Remarques",
            "Date de création",
            "Ville",
        ],
        [
            [
                "Zoé",
                "Lefèvre",
                "Lefèvre SARL",
                "Gérante",
                "zoe@lefevre.example",
                "01 23 45 67 89",
                "06 98 76 54 32",
                "Web",
                "Nouveau",
                "Rappeler lundi",
                "2024-02-05",
                "Lyon",
            ]
        ],
        [
            {
                "name": "Zoé Lefèvre",
                "company": "Lefèvre SARL",
                "title": "Gérante",
                "email": "zoe@lefevre.example",
                "phone": "01 23 45 67 89",
                "source": Source.WEBSITE,
                "status": Status.ACTIVE,
                "created": "2024-02-05",
                "notes": "Rappeler lundi\nPortable: 06 98 76 54 32\nVille: Lyon",
            }
        ],
        delimiter=";",
        hints={"Nom": "name (last)", "Téléphone": "phone"},
    ),
    "spanish": Case(
        [
            "Nombre",
            "Apellidos",
            "Compañía",
            "Cargo",
            "Correo electrónico",
            "Teléfono",
            "Móvil",
            "Origen",
            "Estado",
            "Notas",
            "Fecha de creación",
            "Ciudad",
        ],
        [
            [
                "José",
                "Rodríguez",
                "Rodríguez e Hijos",
                "Gerente",
                "jose@rodriguez.example",
                "+34 912 000 111",
                "+34 600 111 222",
                "Web",
                "Nuevo",
                "Llamar el martes",
                "2024-02-05",
                "Sevilla",
            ]
        ],
        [
            {
                "name": "José Rodríguez",
                "company": "Rodríguez e Hijos",
                "title": "Gerente",
                "email": "jose@rodriguez.example",
                "phone": "+34 912 000 111",
                "source": Source.WEBSITE,
                "status": Status.ACTIVE,
                "created": "2024-02-05",
                "notes": "Llamar el martes\nMóvil: +34 600 111 222\nCiudad: Sevilla",
            }
        ],
        hints={"Nombre": "name (first)", "Correo electrónico": "email"},
    ),
}


def write_case(tmp_path: Path, case: Case) -> Path:
    """The case as a file, written the way that export writes it."""
    path = tmp_path / "export.csv"
    with path.open("w", encoding=case.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=case.delimiter)
        writer.writerow(case.headers)
        writer.writerows(case.rows)
    return path


def check_lead(lead: Lead, expected: dict[str, Any]) -> None:
    """Every expected attribute, the created day and the exact notes."""
    for key, value in expected.items():
        if key == "created":
            assert lead.created_at.date().isoformat() == value, key
        elif key == "last_contact":
            assert lead.last_contact is not None
            assert lead.last_contact.date().isoformat() == value, key
        else:
            assert getattr(lead, key) == value, key


@pytest.mark.parametrize("shape", list(CASES))
def test_export_lands_whole_and_once(shape: str, store: LeadStore, tmp_path: Path) -> None:
    case = CASES[shape]
    path = write_case(tmp_path, case)
    result = import_file(path, store, ImportOptions(), now=NOW)
    assert result.counts[Action.REJECT] == 0, result.rejected
    assert result.counts[Action.CREATE] == len(case.rows)
    described = dict(result.columns)
    for header, what in case.hints.items():
        assert described[header] == what, header
    for decision, expected in zip(result.decisions, case.leads, strict=False):
        assert decision.lead_id is not None
        check_lead(store.get(decision.lead_id), expected)
    again = import_file(path, store, ImportOptions(), now=NOW)
    assert again.counts[Action.CREATE] == 0
    assert again.counts[Action.SKIP] == len(case.rows)


def test_krayin_cells_and_headers(store: LeadStore, tmp_path: Path) -> None:
    """Krayin's emails and contact_numbers are JSON lists of labelled values."""
    emails = [
        {"label": "work", "value": "lena@krayin.example"},
        {"label": "home", "value": "lena@home.example"},
    ]
    phones = [{"label": "work", "value": "+49 30 555 0199"}]
    headers = ["name", "emails", "contact_numbers", "organization", "job_title", "created_at"]
    row = ["Lena Vogel", json.dumps(emails), json.dumps(phones), "Vogel AG", "CTO"]
    path = write_case(tmp_path, Case(headers, [[*row, "2024-02-05 12:00:00"]], []))
    result = import_file(path, store, ImportOptions(), now=NOW)
    assert dict(result.columns) == {
        "name": "name",
        "emails": "email",
        "contact_numbers": "phone",
        "organization": "company",
        "job_title": "title",
        "created_at": "created_at",
    }
    lead = store.get(1)
    check_lead(
        lead,
        {
            "name": "Lena Vogel",
            "email": "lena@krayin.example",
            "phone": "+49 30 555 0199",
            "company": "Vogel AG",
            "title": "CTO",
            "created": "2024-02-05",
        },
    )
    assert "lena@home.example" in lead.notes and "[" not in lead.notes
    assert import_file(path, store, ImportOptions(), now=NOW).counts[Action.CREATE] == 0


def test_the_command_line_reads_a_fullname_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A single FullName column used to refuse the whole file; an Id column is dropped."""
    path = tmp_path / "people.csv"
    path.write_text("FullName,E-mail 1 - Value,Id,Fax\nLena Fischer,lena@fischer.example,9,555\n")
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "import", str(path)]) == 0
    assert "created 1," in capsys.readouterr().out
    assert main(["--db", db, "import", str(path)]) == 0
    assert "created 0," in capsys.readouterr().out
    assert main(["--db", db, "list", "--format", "json"]) == 0
    [lead] = json.loads(capsys.readouterr().out)
    assert (lead["name"], lead["email"], lead["notes"]) == (
        "Lena Fischer",
        "lena@fischer.example",
        "Fax: 555",
    )
