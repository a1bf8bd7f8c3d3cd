"""`leadboard export FILE.xlsx`: a real workbook, the JSON export's values, hostile text as text."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from leadboard.actions.importing import Action, ImportOptions, import_file
from leadboard.cli.entry import main
from leadboard.domain.followup import Policy
from leadboard.domain.model import LeadDraft
from leadboard.files.export import export_format, new_binary_file
from leadboard.files.shapes import LEAD_KEYS
from leadboard.files.workbook import CELL_LIMIT, DATE_KEYS, cut_mark, write_xlsx
from leadboard.store.database import open_database
from leadboard.store.leads import LeadStore
from tests.conftest import NOW
from tests.exported import without_versions
from tests.files.test_export_calendar import TZ, export, seed

HOSTILE = ['=HYPERLINK("http://evil")', "=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "#N/A", "-2"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A seeded database file, its zone the export's (as `leadboard export` would see it)."""
    path = tmp_path / "seeded.db"
    store = LeadStore(open_database(str(path)), Policy(tz=TZ))
    try:
        seed(store)
    finally:
        store.close()
    (tmp_path / "config.toml").write_text(f'timezone = "{TZ}"\n', encoding="utf-8")
    return str(path)


def sheet_rows(path: Path) -> tuple[str, list[str], list[list[Any]], list[list[str]]]:
    """The sheet's title, header, values, and each cell's data type."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    header = [str(cell.value) for cell in rows[0]]
    values = [[cell.value for cell in row] for row in rows[1:]]
    types = [[cell.data_type for cell in row] for row in rows[1:]]
    return sheet.title, header, values, types


def as_json(key: str, value: Any) -> Any:
    """A workbook value as the JSON export writes it: dates are local ISO 8601 there."""
    if key in DATE_KEYS and isinstance(value, datetime):
        return value.isoformat()
    if key == "tags":
        return value.split(", ") if value else []
    if key == "value" and value is not None:
        return f"{value:.2f}"  # a number in the sheet, the exact decimal string in JSON
    return value


def json_rows(path: Path, keys: list[str]) -> list[list[Any]]:
    """The JSON export's rows as a sheet holds them: no offset (Excel has no zones), "" empty."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        [
            row[key][:19] if key in DATE_KEYS and row[key] else row[key] if row[key] != "" else None
            for key in keys
        ]
        for row in rows
    ]


@pytest.mark.parametrize("contacts", [False, True])
def test_the_workbook_holds_what_the_json_export_holds(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], contacts: bool
) -> None:
    flag = ["--contacts"] if contacts else []
    xlsx, js = tmp_path / "out.xlsx", tmp_path / "out.json"
    assert main(["--db", db, "export", str(xlsx), *flag]) == 0
    what = "3 contacts" if contacts else "6 leads"
    assert capsys.readouterr().out == f"Exported {what} to {xlsx} (XLSX)\n"
    assert main(["--db", db, "export", str(js), *flag]) == 0
    assert xlsx.read_bytes()[:4] == b"PK\x03\x04"  # a zip: a workbook, not CSV text
    assert xlsx.stat().st_mode & 0o777 == 0o600
    title, header, values, _ = sheet_rows(xlsx)
    assert title == ("Contacts" if contacts else "Leads")
    if not contacts:
        assert tuple(header) == LEAD_KEYS  # the CSV export's columns, in its order
    got = [[as_json(key, value) for key, value in zip(header, row, strict=True)] for row in values]
    assert got == json_rows(js, header)
    # Dates are real date-times Excel sorts and filters, not text.
    created = header.index("created_at" if not contacts else "at")
    assert all(isinstance(row[created], datetime) for row in values)


def test_hostile_text_stays_text(tmp_path: Path, store: LeadStore) -> None:
    for index, text in enumerate(HOSTILE):
        store.add(LeadDraft(name=f"Lead {index}", company=text, notes=text), NOW)
    path = tmp_path / "leads.xlsx"
    assert main(["--db", str(store.db.database), "export", str(path)]) == 0
    _, header, values, types = sheet_rows(path)
    company = header.index("company")
    assert [row[company] for row in values] == HOSTILE
    assert {row[company] for row in types} == {"s"}  # never "f" (formula) or "e" (error)


def test_long_text_is_cut_with_a_mark_and_control_characters_are_left_out(
    tmp_path: Path,
) -> None:
    long = "x" * 40_000
    rows = [{"name": long, "notes": "bell\x07 and\ttab\nnew line", "fit": 3, "promised": True}]
    out = io.BytesIO()
    written = write_xlsx(out, ("name", "notes", "fit", "promised"), rows, "Leads")
    assert (written.rows, written.cut) == (1, 1)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    name, notes, fit, promised = (cell.value for cell in sheet[2])
    assert isinstance(name, str)
    room = CELL_LIMIT - len(cut_mark(40_000))
    assert name == "x" * room + cut_mark(40_000 - room)
    assert name.endswith("[… 7,290 more characters: Excel holds 32,767 in a cell]")
    assert len(name) <= CELL_LIMIT
    assert notes == "bell and\ttab\nnew line"
    assert (fit, promised) == (3, True)


def test_the_command_warns_when_it_cuts(
    tmp_path: Path, store: LeadStore, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "long.csv"
    source.write_text("Name,Notes\nAnn," + "y" * 40_000 + "\n", encoding="utf-8")
    report = import_file(source, store, ImportOptions(), now=NOW)
    assert report.counts[Action.CREATE] == 1
    path = tmp_path / "leads.xlsx"
    assert main(["--db", str(store.db.database), "export", str(path)]) == 0
    assert capsys.readouterr().err == (
        "leadboard: warning: 1 cell longer than Excel's 32,767 characters cut, each marked at "
        "its end; a CSV or JSON export keeps them whole\n"
    )


def test_an_exported_workbook_imports_back_to_the_same_leads(db: str, tmp_path: Path) -> None:
    first = tmp_path / "first.xlsx"
    assert main(["--db", db, "export", str(first)]) == 0
    fresh = LeadStore(open_database(str(tmp_path / "fresh.db")), Policy(tz=TZ))
    try:
        report = import_file(first, fresh, ImportOptions(), now=NOW)
        assert report.counts[Action.CREATE] == 6 and not report.rejected
        second = tmp_path / "second.csv"
        export(fresh, second)
    finally:
        fresh.close()
    again = tmp_path / "again.csv"
    assert main(["--db", db, "export", str(again)]) == 0
    assert without_versions(second) == without_versions(again)


def test_the_extension_names_the_format() -> None:
    assert export_format(Path("Leads.XLSX"), None) == "xlsx"
    assert export_format(Path("leads.xls"), None) == "csv"


def test_a_failed_workbook_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "leads.xlsx"
    with pytest.raises(ValueError), new_binary_file(path, force=False) as raw:
        write_xlsx(raw, ("name",), [{"name": object()}], "Leads")
    assert list(tmp_path.iterdir()) == []


def test_without_the_xlsx_extra_export_refuses_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "leads.xlsx"
    script = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "from leadboard.cli.entry import main\n"
        f"sys.exit(main(['--db', {str(tmp_path / 'x.db')!r}, 'export', {str(path)!r}]))\n"
    )
    (tmp_path / "x.db").touch()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "leadboard: writing .xlsx needs the xlsx extra: pip install 'leadboard[xlsx]'\n"
    )
    assert not path.exists()
