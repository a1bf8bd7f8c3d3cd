"""Read a spreadsheet as rows of text: CSV in the encodings and delimiters Excel writes, or .xlsx.

Rows stream one at a time (memory stays flat for any file size) and are
numbered as a spreadsheet shows them: the header is row 1, and blank rows and
quoted newlines are counted the way Excel counts them.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from leadboard.files.export import undefused
from leadboard.files.file_errors import FileError, shown_path

SAMPLE_BYTES = 64 * 1024
"""How much of a CSV file is read to choose its encoding and delimiter."""

DELIMITERS = (",", ";", "\t", "|")
"""Candidate delimiters, in order of preference when two fit equally well."""

FIELD_LIMIT = 1_000_000
"""Longest cell read from a CSV (the csv module's default, 131,072, is below our notes limit)."""

XLSX_MAGIC = b"PK\x03\x04"

_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class SourceInfo:
    """What kind of file was read: format, encoding and delimiter (for the preview)."""

    format: str
    encoding: str = ""
    delimiter: str = ""

    def describe(self) -> str:
        """'CSV, UTF-8 with BOM, semicolon-separated' or 'Excel workbook (first sheet)'."""
        if self.format == "xlsx":
            return "Excel workbook (first sheet)"
        return f"CSV, {self.encoding}, {_DELIMITER_NAMES[self.delimiter]}-separated"


@dataclass
class Table:
    """A file opened for reading: its header (row `header_row`) and a stream of data rows."""

    info: SourceInfo
    header: list[str]
    header_row: int
    _rows: Iterator[tuple[int, list[str]]]
    blank_rows: int = 0

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for each data row; blank rows are counted, not yielded."""
        for number, cells in self._rows:
            if any(cell.strip() for cell in cells):
                # Our own exports defuse formula-like cells with an apostrophe; take it off.
                yield number, [undefused(cell) if cell[:1] == "'" else cell for cell in cells]
            else:
                self.blank_rows += 1


@contextlib.contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """Open a CSV or .xlsx file; FileError when it is missing, empty or not a table."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise FileError(f"{shown_path(path)} does not exist") from None
    except IsADirectoryError:
        raise FileError(f"{shown_path(path)} is a directory, not a file") from None
    except OSError as err:
        raise FileError(f"cannot read {shown_path(path)}: {err.strerror}") from None
    with raw:
        head = raw.read(SAMPLE_BYTES)
        raw.seek(0)
        if head.startswith(XLSX_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
            with _open_xlsx(path) as table:
                yield table
            return
        yield _open_csv(path, raw, head)


def count_rows(path: Path) -> int:
    """How many rows the file has (a fast pass, for a progress bar's total)."""
    with open_table(path) as table:
        return sum(1 for _ in table._rows)


def _open_csv(path: Path, raw: BinaryIO, head: bytes) -> Table:
    """Choose the encoding and delimiter from the first bytes, then stream rows."""
    if not head.strip():
        raise FileError(f"{shown_path(path)} is empty")
    encoding, label = _encoding(path, head)
    sample = _decode_sample(head, encoding)
    delimiter = _sniff_delimiter(sample)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    records = _csv_records(path, text, delimiter)
    for number, header in records:
        if any(cell.strip() for cell in header):
            info = SourceInfo("csv", label, delimiter)
            return Table(info, header, number, records)
    raise FileError(f"{shown_path(path)} is empty")


def _csv_records(
    path: Path, text: io.TextIOWrapper, delimiter: str
) -> Iterator[tuple[int, list[str]]]:
    """Number the CSV records from 1 and turn decoding and parsing failures into FileErrors."""
    reader = csv.reader(text, delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise FileError(
                f"{shown_path(path)} is not valid {text.encoding} text after row {number}; "
                "save it as CSV UTF-8"
            ) from None
        except csv.Error as err:
            raise FileError(f"{shown_path(path)} row {number + 1}: {err}") from None
        number += 1
        yield number, cells


def _encoding(path: Path, head: bytes) -> tuple[str, str]:
    """The codec and a label for the file: BOMs first, then UTF-8, then Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 with BOM"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    if b"\x00" in head:
        # Excel's "Unicode text" without a BOM: every other byte of ASCII text is zero.
        if head[1::2].count(0) > len(head) // 4:
            return "utf-16-le", "UTF-16"
        if head[0::2].count(0) > len(head) // 4:
            return "utf-16-be", "UTF-16"
        raise FileError(f"{shown_path(path)} is not a CSV file (it holds binary data)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            raise FileError(f"{shown_path(path)} is not a text file") from None
        return "cp1252", "Windows-1252"
    return "utf-8", "UTF-8"


def _decode_sample(head: bytes, encoding: str) -> str:
    """The sample as text, without a character cut in half at its end."""
    text: str = codecs.getincrementaldecoder(encoding)(errors="ignore").decode(head, final=False)
    if len(head) == SAMPLE_BYTES:
        # The last line may be cut short; sniffing should only see whole lines.
        text = text[: max(text.rfind("\n"), 0)] or text
    return text


def _sniff_delimiter(sample: str) -> str:
    """The candidate that splits the first rows into the most consistent number of columns."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row][:20]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(row) == width for row in rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@contextlib.contextmanager
def _open_xlsx(path: Path) -> Iterator[Table]:
    """The first sheet of a workbook, through openpyxl (an optional dependency)."""
    try:
        import openpyxl
    except ImportError:
        raise FileError(
            "reading .xlsx files needs openpyxl: pip install 'leadboard[xlsx]', "
            "or save the sheet as CSV UTF-8"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zip, XML and key errors for broken files
        raise FileError(f"{shown_path(path)} is not a readable .xlsx file ({err})") from None
    try:
        if not book.worksheets:
            raise FileError(f"{shown_path(path)} has no sheets")
        sheet = book.worksheets[0]
        records = (
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        )
        for number, header in records:
            if any(cell.strip() for cell in header):
                yield Table(SourceInfo("xlsx"), header, number, records)
                return
        raise FileError(f"{shown_path(path)} is empty")
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    """A worksheet value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        # Phone numbers typed into Excel come back as floats: 33612345678.0.
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
