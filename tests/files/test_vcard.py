"""vCard import: what phones, Google Contacts and Apple Contacts export lands whole, once."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from leadboard.actions.importing import Action, ImportOptions, import_file
from leadboard.cli.entry import main
from leadboard.domain.model import Lead, Status
from leadboard.files.file_errors import FileError
from leadboard.files.reading import count_rows, open_table
from leadboard.store.exporting import iter_leads
from leadboard.store.leads import LeadStore
from tests.conftest import NOW

# Google Contacts' "vCard (for iOS Contacts)" export: 3.0, item groups with X-ABLabel.
GOOGLE = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Zoë Ørsted\r
N:Ørsted;Zoë;;;\r
EMAIL;TYPE=INTERNET;TYPE=WORK:zoe@fleurs.example\r
EMAIL;TYPE=INTERNET;TYPE=HOME:zoe@home.example\r
TEL;TYPE=CELL:+33 6 12 34 56 78\r
TEL;TYPE=WORK:+33 1 23 45 67 89\r
ADR;TYPE=WORK:;;12 Rue de la Paix;Paris;;75002;France\r
ORG:Fleurs\\, Inc.;Sales\r
TITLE:Head buyer\r
item1.URL:https\\://fleurs.example\r
item1.X-ABLabel:_$!<HomePage>!$_\r
BDAY:1980-04-01\r
NOTE:Met at the fair\\, liked the roses.\\nCall after Easter; not before.\r
CATEGORIES:myContacts,Florists\r
REV:2024-02-05T01:51:00Z\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Ines Garcia\r
N:Garcia;Ines;;;\r
TEL;TYPE=CELL:+34 622 111 222\r
END:VCARD\r
"""

# Apple Contacts: 3.0 with type=pref, a photo, a company card (no name) and a folded note.
APPLE = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.4//EN
N:Lee;Ann;;Dr;
FN:Dr Ann Lee
ORG:Acme;
TITLE:VP, Sales
EMAIL;type=INTERNET;type=HOME:ann@home.example
EMAIL;type=INTERNET;type=WORK;type=pref:ann@acme.example
TEL;type=CELL;type=VOICE;type=pref:+1 555 010 0100
item2.X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/annlee
NOTE:A note long enough to be folded by the exporter, with a comma that was
  never escaped
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsL
 DBkSEw8UHSEaHx4dGhwcICQuJyIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgN
REV:20240301T101500Z
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:
ORG:Bakery Brun;
X-ABShowAs:COMPANY
TEL;type=WORK:+33 4 11 22 33 44
END:VCARD
"""

# An old phone's vCard 2.1: QUOTED-PRINTABLE in two charsets, soft line breaks, bare TYPEs.
PHONE_21 = """BEGIN:VCARD\r
VERSION:2.1\r
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r
FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r
TEL;CELL;PREF:+49 170 1234567\r
TEL;HOME:+49 30 1234567\r
EMAIL;INTERNET:juergen@example.de\r
NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Erste Zeile=0D=0AZweite Zeile, sehr lang und=\r
 deshalb umbrochen=C3=A4\r
END:VCARD\r
"""

# vCard 4.0: PREF=n, tel: URIs, quoted TYPE lists, a birthday without a year.
V4 = """BEGIN:VCARD
VERSION:4.0
FN:Sam Okafor
N:Okafor;Sam;;;
EMAIL;TYPE=work;PREF=2:sam@work.example
EMAIL;TYPE=home;PREF=1:sam@home.example
TEL;VALUE=uri;TYPE="voice,cell":tel:+44-7700-900123
BDAY:--0415
NICKNAME:Sammy,The Closer
KIND:individual
END:VCARD
"""


def write(tmp_path: Path, text: str, name: str = "contacts.vcf", codec: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(codec))
    return path


def leads(store: LeadStore) -> dict[str, Lead]:
    return {lead.name: lead for lead in iter_leads(store)}


def imported(store: LeadStore, path: Path) -> dict[Action, int]:
    report = import_file(path, store, ImportOptions(), now=NOW)
    return dict(report.counts)


def test_google_contacts_export_lands_in_the_fields_and_notes(
    store: LeadStore, tmp_path: Path
) -> None:
    path = write(tmp_path, GOOGLE)
    counts = imported(store, path)
    assert counts[Action.CREATE] == 2 and counts[Action.REJECT] == 0
    zoe = leads(store)["Zoë Ørsted"]
    assert (zoe.company, zoe.title) == ("Fleurs, Inc.", "Head buyer")
    assert (zoe.email, zoe.phone) == ("zoe@fleurs.example", "+33 6 12 34 56 78")
    assert zoe.status is Status.ACTIVE and zoe.source is None
    # REV, the card's last change, is the earliest the lead is known to have existed.
    assert zoe.created_at == pendulum.datetime(2024, 2, 5, 1, 51, tz="UTC")
    notes = zoe.notes.splitlines()
    assert notes[:2] == ["Met at the fair, liked the roses.", "Call after Easter; not before."]
    for line in (
        "Department: Sales",
        "Email 2: zoe@home.example (home)",
        "Phone 2: +33 1 23 45 67 89 (work)",
        "Address: 12 Rue de la Paix, 75002 Paris, France (work)",
        "Website: https://fleurs.example (homepage)",
        "Birthday: 1980-04-01",
    ):
        assert line in notes
    # CATEGORIES are the lead's tags; myContacts is Google's own group, on every card.
    assert zoe.tags == ("florists",) and not any(line.startswith("Categories") for line in notes)
    assert leads(store)["Ines Garcia"].phone == "+34 622 111 222"
    # The same file again: every card is recognised, nothing is created.
    again = imported(store, path)
    assert again.get(Action.CREATE, 0) == 0 and again[Action.SKIP] == 2


def test_apple_contacts_pref_photo_company_card_and_bare_commas(
    store: LeadStore, tmp_path: Path
) -> None:
    path = write(tmp_path, APPLE)
    counts = imported(store, path)
    assert counts[Action.CREATE] == 2
    ann = leads(store)["Dr Ann Lee"]
    # type=pref picks the field; the other email keeps its label in the notes.
    assert (ann.email, ann.phone, ann.company) == ("ann@acme.example", "+1 555 010 0100", "Acme")
    assert ann.title == "VP, Sales"  # a comma the exporter did not escape is text
    assert ann.notes.startswith(
        "A note long enough to be folded by the exporter, with a comma that was never escaped"
    )
    assert "Email 2: ann@home.example (home)" in ann.notes
    assert "Social profile: https://linkedin.com/in/annlee (linkedin)" in ann.notes
    assert "/9j/" not in ann.notes  # the photo is left out
    assert ann.created_at == pendulum.datetime(2024, 3, 1, 10, 15, tz="UTC")
    bakery = leads(store)["Bakery Brun"]  # a company's card is a lead named after it
    assert (bakery.company, bakery.phone) == ("Bakery Brun", "+33 4 11 22 33 44")
    assert imported(store, path).get(Action.CREATE, 0) == 0


def test_an_old_phones_vcard_21_with_quoted_printable(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, PHONE_21)
    assert imported(store, path)[Action.CREATE] == 1
    lead = leads(store)["Jürgen Müller"]  # FN, in ISO-8859-1, wins over N
    assert (lead.email, lead.phone) == ("juergen@example.de", "+49 170 1234567")
    assert lead.notes.splitlines()[:2] == [
        "Erste Zeile",
        "Zweite Zeile, sehr lang und deshalb umbrochenä",
    ]
    assert "Phone 2: +49 30 1234567 (home)" in lead.notes


def test_vcard_40_pref_numbers_uris_and_lists(store: LeadStore, tmp_path: Path) -> None:
    path = write(tmp_path, V4, "sam.vcard")
    assert imported(store, path)[Action.CREATE] == 1
    sam = leads(store)["Sam Okafor"]
    assert (sam.email, sam.phone) == ("sam@home.example", "+44-7700-900123")
    for line in (
        "Email 2: sam@work.example (work)",
        "Birthday: --0415",
        "Nickname: Sammy, The Closer",
    ):
        assert line in sam.notes


def test_a_card_without_fn_uses_n_and_one_with_no_name_or_org_is_rejected(
    store: LeadStore, tmp_path: Path
) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Brun;Léa;;;\nEMAIL:lea@brun.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:nobody@example.com\nTEL:+33 6 00 00 00 01\nEND:VCARD\n"
    )
    report = import_file(write(tmp_path, text), store, ImportOptions(), now=NOW)
    assert report.counts[Action.CREATE] == 1
    assert leads(store)["Léa Brun"].email == "lea@brun.example"
    (rejected,) = report.rejected
    assert (rejected.row, rejected.reason) == (2, "a lead needs a name")


def test_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff" + V4, "export.txt")
    with open_table(path) as table:
        assert table.info.describe() == "vCard, UTF-8 with BOM"
        assert table.info.layout() == "vCard (each card is a row)"
        assert [number for number, _ in table.rows()] == [1]


def test_a_windows_1252_file_is_read_and_said(tmp_path: Path) -> None:
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:2.1\nFN:Zoë Åberg\nEND:VCARD\n", codec="cp1252")
    with open_table(path) as table:
        assert table.info.describe() == "vCard, Windows-1252 (the file is not UTF-8)"
        assert [cells[0] for _, cells in table.rows()] == ["Zoë Åberg"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nthis is not a line\n"
            "END:VCARD\n",
            "card 2: cannot be read (Failed to parse line: this is not a line)",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n",
            "card 2: the file ends before its END:VCARD",
        ),
        (
            "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:A=E9\n"
            "END:VCARD\n",
            "card 1: cannot be read (unknown encoding: klingon)",
        ),
        ("BEGIN:VCARD\nFN:A\nEND:VCALENDAR\n", "card 1: ends with END:VCALENDAR, not END:VCARD"),
        ("FN:A\n", "card 1: FN comes before BEGIN:VCARD"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "holds a VCALENDAR, not contacts"),
    ],
)
def test_a_damaged_file_is_one_line_naming_the_card(tmp_path: Path, text: str, error: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FileError) as caught, open_table(path):
        pass
    assert str(caught.value) == f"{path} {error}"


def test_the_command_imports_a_vcf_and_refuses_a_damaged_one_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.db")
    good = write(tmp_path, GOOGLE)
    assert main(["--db", db, "import", str(good)]) == 0
    out = capsys.readouterr().out
    assert "(vCard, UTF-8, leads): created 2" in out
    damaged = write(tmp_path, GOOGLE.replace("TITLE:Head buyer", "Head buyer"), "bad.vcf")
    assert main(["--db", db, "import", str(damaged), "--on-duplicate", "update"]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"leadboard: {damaged} card 1: cannot be read (Failed to parse line: Head buyer)\n"
    )
    assert main(["--db", db, "--format", "json", "list"]) == 0
    assert capsys.readouterr().out.count('"title": "Head buyer"') == 1  # nothing was changed


def test_the_progress_total_counts_cards_without_parsing_them(tmp_path: Path) -> None:
    assert count_rows(write(tmp_path, GOOGLE + APPLE), "utf-8") == 4
