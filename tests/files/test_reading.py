"""Reading spreadsheets: encodings, delimiters, row numbers as Excel counts them, bad files."""

from __future__ import annotations

import codecs
import sys
from datetime import datetime
from pathlib import Path

import pytest

from leadboard.files.file_errors import FileError
from leadboard.files.reading import SAMPLE_BYTES, count_rows, open_table

FIXTURES = Path(__file__).parent / "fixtures"


def read(path: Path) -> tuple[str, list[str], list[tuple[int, list[str]]], int]:
    """(source description, header, data rows with numbers, blank rows) of a file."""
    with open_table(path) as table:
        rows = list(table.rows())
        return table.info.describe(), table.header, rows, table.blank_rows


def write(tmp_path: Path, data: bytes, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_bom_crlf_semicolons_quotes_and_blank_rows(tmp_path: Path) -> None:
    text = (
        'Name;Company;Notes\r\n"Ann; Lee";"Acme, Inc";"line one\r\nline two"\r\n'
        ';;\r\n\r\nBob;"say ""hi""";\r\n'
    )
    path = write(tmp_path, codecs.BOM_UTF8 + text.encode())
    info, header, rows, blank = read(path)
    assert info == "CSV, UTF-8 with BOM, semicolon-separated"
    assert header == ["Name", "Company", "Notes"]  # no BOM glued to the first header
    # Row numbers are records, as a spreadsheet numbers them: the quoted newline is one row.
    assert rows == [
        (2, ["Ann; Lee", "Acme, Inc", "line one\r\nline two"]),
        (5, ["Bob", 'say "hi"', ""]),
    ]
    assert blank == 2


def test_excel_unicode_text_is_utf16_tab_separated() -> None:
    info, header, rows, _ = read(FIXTURES / "pipedrive_leads.tsv")
    assert info == "CSV, UTF-16, tab-separated"
    assert header[0] == "Person - Name"
    assert rows[0][1][:2] == ["Ines Garcia", "Garcia SL"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "Name\tEmail\nZoë\tz@x.example\n".encode(codec))
    info, _, rows, _ = read(path)
    assert info == "CSV, UTF-16, tab-separated"
    assert rows == [(2, ["Zoë", "z@x.example"])]


def test_windows_1252_from_excel_on_windows(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Company\r\nRené,Café Müller\r\n".encode("cp1252"))
    info, _, rows, _ = read(path)
    assert info == "CSV, Windows-1252 (the file is not UTF-8), comma-separated"
    assert rows == [(2, ["René", "Café Müller"])]


def test_delimiter_is_the_one_that_splits_rows_consistently(tmp_path: Path) -> None:
    # The header alone ties: one ';' and one ','. The rows decide for ';'.
    text = "Name;Notes, remarks\nAnn;hello, world\nBob;x\n"
    _, header, rows, _ = read(write(tmp_path, text.encode()))
    assert header == ["Name", "Notes, remarks"]
    assert rows[1] == (3, ["Bob", "x"])


def test_single_column_and_pipe(tmp_path: Path) -> None:
    assert read(write(tmp_path, b"Name\nAnn\n"))[2] == [(2, ["Ann"])]
    assert read(write(tmp_path, b"Name|Email\nAnn|a@x.example\n"))[0].endswith("pipe-separated")


def test_leading_blank_lines_before_the_header(tmp_path: Path) -> None:
    _, header, rows, _ = read(write(tmp_path, b"\n\nName,Email\nAnn,a@x.example\n"))
    assert header == ["Name", "Email"]
    assert rows == [(4, ["Ann", "a@x.example"])]


def test_count_rows_counts_records_not_lines(tmp_path: Path) -> None:
    path = write(tmp_path, b'Name,Notes\nAnn,"a\nb\nc"\n\nBob,\n')
    assert count_rows(path) == 3  # two data records and one blank row


def test_bad_utf8_past_the_sample_names_the_row(tmp_path: Path) -> None:
    # The encoding looks at every byte, not the sample: the row past it is the one reported.
    filler = b"".join("Léa %d,x\n".encode() % i for i in range(SAMPLE_BYTES // 8))
    path = write(tmp_path, b"Name,Notes\n" + filler + b"Bad \xff byte,x\n")
    with open_table(path) as table:
        last = list(table.rows())[-1]
        assert table.info.describe().startswith('CSV, UTF-8 (1 unreadable byte shown as "\ufffd")')
        assert last[1] == ["Bad \ufffd byte", "x"]
        assert table.bad_rows == [(last[0], '1 byte that is not UTF-8 (FF) shown as "\ufffd"')]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        (b"  \r\n\r\n ", "blank.csv", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "picture.csv", "not a CSV file"),
        (b"not a zip at all", "book.xlsx", "not a readable .xlsx file"),
    ],
)
def test_files_that_are_not_tables(tmp_path: Path, data: bytes, name: str, message: str) -> None:
    with pytest.raises(FileError, match=message):
        read(write(tmp_path, data, name))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="does not exist"):
        read(tmp_path / "nope.csv")
    with pytest.raises(FileError, match="is a directory"):
        read(tmp_path)


def test_xlsx_first_sheet_with_numbers_and_dates(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Phone", "Created", "Fit", "Promised"])
    sheet.append([])
    sheet.append(["Ann Lee", 33612345678, datetime(2026, 11, 2, 14, 30), 2.0, True])
    sheet.append(["Bob", None, None, 1.5, False])
    path = tmp_path / "leads.xlsx"
    book.save(path)
    info, header, rows, blank = read(path)
    assert info == "Excel workbook (first sheet)"
    assert header == ["Name", "Phone", "Created", "Fit", "Promised"]
    assert rows == [
        (3, ["Ann Lee", "33612345678", "2026-11-02 14:30:00", "2", "true"]),
        (4, ["Bob", "", "", "1.5", "false"]),
    ]
    assert blank == 1


def test_xlsx_without_openpyxl_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # `import openpyxl` now fails
    path = write(tmp_path, b"PK\x03\x04whatever", "book.xlsx")
    with pytest.raises(FileError, match=r"needs openpyxl: pip install 'leadboard\[xlsx\]'"):
        read(path)
